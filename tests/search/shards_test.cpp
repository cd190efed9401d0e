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

#include "kavosh/error.h"
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

/// One xapian-tcpsrv child serving `db` on 127.0.0.1 (on `port`, else a free one); stopped (by its pid)
/// on stop() or destruction.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db, int port = 0, const char* idle_timeout_ms = "60000")
      : port_(port ? port : free_port()) {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string port = std::to_string(port_);
      setpgid(0, 0);  // xapian-tcpsrv signals its whole process group on exit: keep the test out of it
      freopen("/dev/null", "w", stdout);  // the server reports each probe connection of accepts()
      freopen("/dev/null", "w", stderr);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
             "--idle-timeout", idle_timeout_ms, db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int tries = 0; tries < 200 && !accepts(port_); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~TcpServer() { stop(); }
  /// Stops the server and the children serving its connections, as a hung host would: they keep
  /// their connections open and never answer.
  void freeze() const { kill(-pid_, SIGSTOP); }
  void stop() {
    if (pid_ > 0) {
      kill(-pid_, SIGCONT);  // a frozen server would not see SIGTERM
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
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
                                "جمهوریخواه",
                                "نامزد"};  // finds `candida` through its synonym کاندیدا

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
  // Xapian's remote backend serves no synonym table: the searcher reads the copy in metadata.
  EXPECT_THAT(testing::ids(testing::run_query(remote, "نامزد")), ::testing::Contains("candida"));
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

bool tcpsrv_missing() { return system("command -v xapian-tcpsrv >/dev/null 2>&1") != 0; }

/// The rule corpus in two shards (every other record), each served by two xapian-tcpsrv replicas, and a
/// cluster file listing them: `servers_[2 * shard + replica]`. The databases are built once per suite.
class Cluster : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (tcpsrv_missing()) return;
    dir_ = std::make_unique<testing::TempDir>();
    const auto& records = testing::rule_records();
    testing::build_database(dir_->path() + "/all", records, testing::rule_synonyms());
    for (std::size_t shard = 0; shard < 2; ++shard) {
      testing::build_database(shard_path(shard), every_other(records, shard), testing::rule_synonyms());
    }
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::string shard_path(std::size_t shard) { return dir_->path() + "/shard" + std::to_string(shard); }

  void SetUp() override {
    if (tcpsrv_missing()) GTEST_SKIP() << "xapian-tcpsrv not installed";
    for (std::size_t i = 0; i < 4; ++i) servers_.push_back(std::make_unique<TcpServer>(shard_path(i / 2)));
    for (const auto& server : servers_) ASSERT_TRUE(server->running()) << "xapian-tcpsrv did not start";
    cluster_ = dir_->path() + "/cluster";
    std::ofstream out(cluster_);
    out << "kavosh-cluster timeout-ms=1000 retry-ms=200\n# shard 0, then shard 1: two replicas each, tried in order\n";
    for (std::size_t shard = 0; shard < 2; ++shard) {
      out << "tcp 127.0.0.1:" << servers_[2 * shard]->port() << "  tcp 127.0.0.1:" << servers_[2 * shard + 1]->port()
          << '\n';
    }
  }
  /// Starts again replica `i` on its former port.
  void restart(std::size_t i) {
    const int port = servers_[i]->port();
    servers_[i].reset();
    servers_[i] = std::make_unique<TcpServer>(shard_path(i / 2), port);
    ASSERT_TRUE(servers_[i]->running()) << "xapian-tcpsrv did not start again";
  }

  static inline std::unique_ptr<testing::TempDir> dir_;
  std::vector<std::unique_ptr<TcpServer>> servers_;
  std::string cluster_;
};

TEST_F(Cluster, FailoverToTheNextReplicaRanksLikeAllUp) {
  const Searcher one(dir_->path() + "/all");
  const Searcher cluster(cluster_);
  for (const char* query : kQueries) {  // connections open to the first replicas
    EXPECT_EQ(testing::ids(testing::run_query(cluster, query)), testing::ids(testing::run_query(one, query))) << query;
  }
  servers_[0]->stop();  // shard 0 loses its first replica mid-life, shard 1 its second (not in use)
  servers_[3]->stop();
  for (const char* query : kQueries) {
    const SearchResults expected = testing::run_query(one, query);
    const SearchResults results = testing::run_query(cluster, query);
    EXPECT_EQ(testing::ids(results), testing::ids(expected)) << query;
    EXPECT_EQ(results.total, expected.total) << query;
    EXPECT_FALSE(results.partial) << query;
    EXPECT_TRUE(results.failed_shards.empty()) << query;
  }
  EXPECT_EQ(cluster.document("haram"), one.document("haram"));
  EXPECT_EQ(Searcher(cluster_).stats().documents, one.stats().documents);  // opened with replicas down
}

TEST_F(Cluster, ShardWithNoReplicaLeftGivesPartialResultsOfTheOthers) {
  const Searcher cluster(cluster_);
  const Searcher shard0(shard_path(0));
  EXPECT_FALSE(testing::run_query(cluster, "مشارکت").partial);
  servers_[2]->stop();
  servers_[3]->stop();
  std::size_t with_hits = 0;
  for (const char* query : kQueries) {
    const SearchResults results = testing::run_query(cluster, query);
    EXPECT_TRUE(results.partial) << query;
    EXPECT_THAT(results.failed_shards, ::testing::ElementsAre(1u)) << query;
    const SearchResults expected = testing::run_query(shard0, query);
    EXPECT_EQ(testing::ids(results), testing::ids(expected)) << query;
    EXPECT_EQ(results.total, expected.total) << query;
    with_hits += results.hits.empty() ? 0 : 1;
  }
  EXPECT_GT(with_hits, 5u) << "shard 0 answers";
  EXPECT_EQ(cluster.stats().documents, shard0.stats().documents);
}

TEST_F(Cluster, RestartedReplicaIsUsedAgainAfterReopen) {
  Searcher cluster(cluster_);
  const Searcher one(dir_->path() + "/all");
  servers_[2]->stop();
  servers_[3]->stop();
  ASSERT_TRUE(testing::run_query(cluster, "مشارکت").partial);
  restart(3);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));  // retry-ms=200 has passed
  EXPECT_TRUE(cluster.reopen());
  for (const char* query : kQueries) {
    const SearchResults results = testing::run_query(cluster, query);
    EXPECT_FALSE(results.partial) << query;
    EXPECT_EQ(testing::ids(results), testing::ids(testing::run_query(one, query))) << query;
  }
}

TEST_F(Cluster, HungReplicaTimesOutAndItsShardMovesOn) {
  const Searcher one(dir_->path() + "/all");
  const Searcher cluster(cluster_);
  EXPECT_FALSE(testing::run_query(cluster, "مشارکت").hits.empty());  // connections open to the first replicas
  servers_[0]->freeze();
  const auto started = std::chrono::steady_clock::now();
  const SearchResults results = testing::run_query(cluster, "مشارکت");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4)) << "timeout-ms=1000";
  EXPECT_FALSE(results.partial);
  EXPECT_EQ(testing::ids(results), testing::ids(testing::run_query(one, "مشارکت")));
}

TEST_F(Cluster, ConnectionsTheServerClosedWhenIdleAreOpenedAgain) {
  // One replica per shard, whose server drops a connection idle for 100 ms (60 s by default).
  TcpServer shard0(shard_path(0), 0, "100");
  TcpServer shard1(shard_path(1), 0, "100");
  ASSERT_TRUE(shard0.running() && shard1.running());
  std::ofstream(cluster_) << "kavosh-cluster\ntcp 127.0.0.1:" << shard0.port() << "\ntcp 127.0.0.1:" << shard1.port()
                          << '\n';
  const Searcher one(dir_->path() + "/all");
  const Searcher cluster(cluster_);
  const std::vector<std::string> expected = testing::ids(testing::run_query(one, "مشارکت"));
  EXPECT_EQ(testing::ids(testing::run_query(cluster, "مشارکت")), expected);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const SearchResults results = testing::run_query(cluster, "مشارکت");
  EXPECT_FALSE(results.partial);
  EXPECT_EQ(testing::ids(results), expected);
}

TEST_F(Cluster, EveryShardDownIsAnError) {
  const Searcher cluster(cluster_);
  for (const auto& server : servers_) server->stop();
  try {
    testing::run_query(cluster, "مشارکت");
    ADD_FAILURE() << "no error";
  } catch (const EnvironmentError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("no shard of the cluster answers"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("shard 1: tcp 127.0.0.1:"));
  }
  EXPECT_THROW(Searcher{cluster_}, EnvironmentError);
}

TEST_F(Cluster, DidYouMeanAndAutocompleteOverRemoteShards) {
  const Searcher cluster(cluster_);
  const Searcher one(dir_->path() + "/all");
  for (const char* query : {"خبرگن", "مجلس خبرگن", "مجلسخبرگان"}) {
    const auto expected = testing::run_query(one, query).suggestion;
    ASSERT_TRUE(expected.has_value()) << query;
    EXPECT_EQ(testing::run_query(cluster, query).suggestion, expected) << query;
  }
  EXPECT_EQ(testing::run_query(cluster, "مجلس خبرگان").suggestion, std::nullopt);
  for (const char* prefix : {"هماهن", "مجلس خبرگ", "انتخ"}) {
    const auto expected = one.suggest(prefix);
    ASSERT_FALSE(expected.empty()) << prefix;
    EXPECT_EQ(cluster.suggest(prefix), expected) << prefix;
  }
}

TEST(ClusterFile, LocalReplicasFailOverAndMistakesNameTheLine) {
  testing::TempDir dir;
  const auto& records = testing::rule_records();
  testing::build_database(dir.path() + "/all", records, testing::rule_synonyms());
  testing::build_database(dir.path() + "/shard0", every_other(records, 0), testing::rule_synonyms());
  testing::build_database(dir.path() + "/shard1", every_other(records, 1), testing::rule_synonyms());
  std::ofstream(dir.path() + "/cluster")
      << "kavosh-cluster  # local replicas\n\nmissing0 shard0  # the second answers\n"
      << dir.path() << "/shard1\n";
  const Searcher cluster(dir.path() + "/cluster");
  const Searcher one(dir.path() + "/all");
  for (const char* query : kQueries) {
    const SearchResults results = testing::run_query(cluster, query);
    EXPECT_FALSE(results.partial) << query;
    EXPECT_EQ(testing::ids(results), testing::ids(testing::run_query(one, query))) << query;
  }
  std::ofstream(dir.path() + "/cluster") << "kavosh-cluster\nmissing0 shard0\nmissing1\n";
  const SearchResults partial = testing::run_query(Searcher(dir.path() + "/cluster"), "مشارکت");
  EXPECT_TRUE(partial.partial);
  EXPECT_THAT(partial.failed_shards, ::testing::ElementsAre(1u));
  // A mistake in the file names its line.
  const auto error_of = [&](const std::string& text) -> std::string {
    std::ofstream(dir.path() + "/cluster") << text;
    try {
      Searcher{dir.path() + "/cluster"};
    } catch (const EnvironmentError& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_THAT(error_of("kavosh-cluster\nshard0\ntcp 127.0.0.1\n"),
              ::testing::HasSubstr("cluster:3: 'tcp' must be followed by HOST:PORT"));
  EXPECT_THAT(error_of("kavosh-cluster retry-ms=100 timeout=5\nshard0\n"),
              ::testing::HasSubstr("cluster:1: 'timeout=5' is no setting"));
}

}  // namespace
}  // namespace kavosh::search
