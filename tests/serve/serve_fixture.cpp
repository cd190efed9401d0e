// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "serve_fixture.h"

#include <cctype>
#include <chrono>
#include <fstream>

#include <nlohmann/json.hpp>

namespace kavosh::serve::testing {

const std::vector<std::string>& corpus_records() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> lines;
    std::ifstream in(std::string(KAVOSH_SOURCE_DIR) + "/corpus/articles.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
    return lines;
  }();
  return records;
}

std::string url_encode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

search::testing::TempDir* CorpusTest::dir_ = nullptr;

void CorpusTest::SetUpTestSuite() {
  dir_ = new search::testing::TempDir();
  search::testing::build_database(db_path(), corpus_records());
}

void CorpusTest::TearDownTestSuite() {
  delete dir_;
  dir_ = nullptr;
}

std::string CorpusTest::db_path() { return dir_->path() + "/db"; }

RunningServer::RunningServer(Options options)
    : server_([&] {
        options.listen = "127.0.0.1:0";
        return options;
      }()),
      port_(server_.bind()),
      thread_([this] { server_.serve(); }) {
  // stop() is a no-op until the accept loop runs: wait for a first answer so the destructor cannot hang.
  const auto probe = client();
  while (!probe->Get("/healthz")) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

RunningServer::~RunningServer() {
  server_.stop();
  thread_.join();
}

std::unique_ptr<httplib::Client> RunningServer::client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5);
  client->set_read_timeout(10);
  return client;
}

void RequestTally::record(const std::string& path, const httplib::Result& res, int expected) {
  if (res && res->status == expected) {
    ++ok;
    return;
  }
  ++failed;
  const std::lock_guard lock(mutex);
  if (failures.size() < 5) {
    failures.push_back(path + " → " +
                       (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())));
  }
}

void portal_traffic(const RunningServer& server, const std::atomic<bool>& done, int seed, RequestTally& tally) {
  const std::vector<std::string> queries = {
      "انتخابات", "مجلس خبرگان", "ثبتنام داوطلبان", "\"شورای نگهبان\"", "رئيس جمهور", "تهران -اصفهان", "نتایج"};
  const auto client = server.client();
  for (int i = seed; !done; ++i) {
    const std::string q = url_encode(queries[static_cast<std::size_t>(i) % queries.size()]);
    std::string path = "/api/search?q=" + q + "&limit=10";
    tally.record(path, client->Get(path));
    path = "/api/suggest?q=" + url_encode("انتخ");
    tally.record(path, client->Get(path));
    const auto& records = corpus_records();
    path = "/api/doc/" +
           nlohmann::json::parse(records[static_cast<std::size_t>(i) % records.size()])["id"].get<std::string>();
    tally.record(path, client->Get(path));
  }
}

std::size_t served_documents(const RunningServer& server, std::size_t expected) {
  const auto client = server.client();
  std::size_t documents = 0;
  for (const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);;) {
    if (const auto res = client->Get("/healthz"); res && res->status == 200) {
      documents = nlohmann::json::parse(res->body).value("documents", std::size_t{0});
    }
    if (documents == expected || std::chrono::steady_clock::now() > until) return documents;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string metric_line(httplib::Client& client, const std::string& name) {
  const auto res = client.Get("/metrics");
  if (!res) return "";
  const std::size_t at = res->body.find("\n" + name + " ");
  return at == std::string::npos ? "" : res->body.substr(at + 1, res->body.find('\n', at + 1) - at - 1);
}

}  // namespace kavosh::serve::testing
