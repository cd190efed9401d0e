// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A kavosh-serve Server running in-process on a free loopback port, over a database built in the test.
#pragma once
#include <memory>
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

}  // namespace kavosh::serve::testing
