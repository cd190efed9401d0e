// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A kavosh-serve Server running in-process on a free loopback port, over a database built in the test.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

#include "kavosh/serve/server.h"
#include "test_corpus.h"

namespace kavosh::serve::testing {

/// The bundled corpus (corpus/articles.jsonl), one JSON record per line.
const std::vector<std::string>& corpus_records();

/// Percent-encodes a query-string value (UTF-8 bytes as %XX).
std::string url_encode(const std::string& value);

/// A test suite over one database of the bundled corpus, built once for the suite.
class CorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  /// The database's path.
  static std::string db_path();

 private:
  static search::testing::TempDir* dir_;
};

/// Binds to port 0 in the constructor, serves on a thread, stops and joins in the destructor.
class RunningServer {
 public:
  explicit RunningServer(Options options);
  ~RunningServer();
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// A client with generous timeouts; one per thread (httplib::Client is not thread-safe).
  std::unique_ptr<httplib::Client> client() const;

 private:
  Server server_;
  int port_ = 0;
  std::thread thread_;
};

/// Requests and their outcomes, counted from several threads; the first few failures kept for a message.
struct RequestTally {
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::mutex mutex;
  std::vector<std::string> failures;

  void record(const std::string& path, const httplib::Result& res, int expected = 200);
};

/// Queries like a portal's users (searches, autocomplete, documents of the corpus) until `done`.
void portal_traffic(const RunningServer& server, const std::atomic<bool>& done, int seed, RequestTally& tally);

/// The document count /healthz reports, polled until it is `expected` or a second has passed.
std::size_t served_documents(const RunningServer& server, std::size_t expected);

/// The line of a counter in /metrics, e.g. `kavosh_cache_requests_total{result="hit"} 2`.
std::string metric_line(httplib::Client& client, const std::string& name);

}  // namespace kavosh::serve::testing
