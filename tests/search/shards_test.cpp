// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Shards: the rule corpus split over two databases served by two xapian-tcpsrv processes on 127.0.0.1,
// opened through a Xapian stub file, ranks exactly like one database holding everything.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "kavosh/searcher.h"
#include "test_corpus.h"

namespace kavosh::search {
namespace {

/// A port the kernel says is free now (bound to port 0, read back, released).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

/// One xapian-tcpsrv child serving `db` on 127.0.0.1; stopped (by its pid) on destruction.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) : port_(free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string port = std::to_string(port_);
      setpgid(0, 0);  // xapian-tcpsrv signals its whole process group on exit: keep the test out of it
      freopen("/dev/null", "w", stdout);  // the server reports each probe connection of accepts()
      freopen("/dev/null", "w", stderr);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
             db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int tries = 0; tries < 200 && !accepts(port_); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~TcpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return port_; }
  bool running() const { return pid_ > 0 && accepts(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

std::vector<std::string> every_other(const std::vector<std::string>& records, std::size_t first) {
  std::vector<std::string> out;
  for (std::size_t i = first; i < records.size(); i += 2) out.push_back(records[i]);
  return out;
}

const char* const kQueries[] = {"هماهنگی‌های",
                                "جمهوری خواه",
                                "مجلس خبرگان",
                                "«مجلس خبرگان»",
                                "اصلاحات",
                                "مشارکت",
                                "صندوق الکترونیکی",
                                "حرم OR حر",
                                "هماهنگی‌ها -فرمانداری",
                                "هماهنگی‌ها منبع:ایرنا",
                                "دسته:سیاسی",
                                "برابری",
                                "کاندیدای 1402",
                                "جمهوریخواه"};

/// Every facet count of `results`, a line each: `facet value count`.
std::string facet_text(const SearchResults& results) {
  std::string out;
  for (const FacetCounts& counts : results.facets) {
    for (const FacetValue& value : counts.values) {
      out += std::string(facet_name(counts.facet)) + ' ' + value.value + ' ' + std::to_string(value.count) + '\n';
    }
  }
  return out;
}

TEST(Shards, TwoRemoteShardsRankLikeOneDatabase) {
  if (system("command -v xapian-tcpsrv >/dev/null 2>&1") != 0) GTEST_SKIP() << "xapian-tcpsrv not installed";
  testing::TempDir dir;
  const auto& records = testing::rule_records();
  testing::build_database(dir.path() + "/all", records, testing::rule_synonyms());
  testing::build_database(dir.path() + "/shard0", every_other(records, 0), testing::rule_synonyms());
  testing::build_database(dir.path() + "/shard1", every_other(records, 1), testing::rule_synonyms());
  TcpServer server0(dir.path() + "/shard0");
  TcpServer server1(dir.path() + "/shard1");
  ASSERT_TRUE(server0.running() && server1.running()) << "xapian-tcpsrv did not start";
  const std::string stub = dir.path() + "/remote.stub";
  std::ofstream(stub) << "remote 127.0.0.1:" << server0.port() << "\nremote 127.0.0.1:" << server1.port() << "\n";
  const std::string local_stub = dir.path() + "/local.stub";
  std::ofstream(local_stub) << "auto shard0\nauto shard1\n";

  const Searcher one(dir.path() + "/all");
  const Searcher remote(stub);
  const Searcher local(local_stub);
  for (const char* query : kQueries) {
    const SearchResults expected = testing::run_query(one, query);
    EXPECT_FALSE(expected.hits.empty()) << query;
    EXPECT_EQ(testing::ids(testing::run_query(remote, query)), testing::ids(expected)) << query;
    EXPECT_EQ(testing::ids(testing::run_query(local, query)), testing::ids(expected)) << query;
    EXPECT_EQ(testing::run_query(remote, query).total, expected.total) << query;
  }
  EXPECT_EQ(remote.document("haram"), one.document("haram"));
  // Facets: local shards count with the searcher's own match spies, remote ones with Xapian's.
  for (const char* query : {"هماهنگی", "انتخابات", "ستاد -برگزاری"}) {
    SearchRequest request;
    request.query = query;
    request.facets.assign(std::begin(kFacets), std::end(kFacets));
    const std::string expected = facet_text(one.search(request));
    EXPECT_NE(expected.find("source ایرنا 1"), std::string::npos) << query << '\n' << expected;
    EXPECT_EQ(facet_text(remote.search(request)), expected) << query;
    EXPECT_EQ(facet_text(local.search(request)), expected) << query;
  }
}

}  // namespace
}  // namespace kavosh::search
