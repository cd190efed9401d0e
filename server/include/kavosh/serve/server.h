// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-serve: the HTTP/JSON service over kavosh::Searcher and the search widget.
// Nothing in the core knows about HTTP: this library only maps requests to SearchRequest and
// SearchResults to the JSON of `kavosh-search --format json`.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace kavosh::serve {

/// What kavosh-serve is told on its command line.
struct Options {
  std::string db;
  std::string listen = "127.0.0.1:8080";  ///< HOST:PORT; port 0 picks a free port
  std::uint32_t threads = 0;              ///< searchers, i.e. searches at once; 0 = one per core (≥ 2)
  std::vector<std::string> cors;          ///< origins allowed to call the API from a browser (`*` = any)
  std::size_t max_query_bytes = 1024;     ///< longer `q` → 414 (URL) or 413 (POST body)
  std::uint32_t max_limit = 100;          ///< largest `limit` accepted (400 above)
  std::uint32_t max_offset = 10000;       ///< deepest page accepted (400 below)
  std::size_t max_connections = 512;      ///< connections served at once, each on a thread of its own
  std::size_t max_queued = 256;           ///< connections waiting beyond max_connections; more → 503 at once
  std::uint32_t client_timeout_s = 5;  ///< a client silent this long is dropped; a request waits as long for a searcher
  std::uint32_t refresh_ms = 250;      ///< a worker looks for new commits at most this often
  std::uint32_t time_limit_ms = 500;   ///< match time budget of one search (SearchRequest); 0 = none
  std::size_t cache_mb = 64;           ///< answers kept for requests repeated before the next commit; 0 = none
  std::uint32_t max_stale_ms =
      5000;  ///< an answer a commit made older may be served this long, searched anew meanwhile
};

/// The CLI11 app of kavosh-serve, writing into `options`.
std::unique_ptr<CLI::App> make_app(Options& options);

/// The service. Construction registers the routes; nothing listens before bind().
class Server {
 public:
  explicit Server(const Options& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listen address; returns the port (useful with port 0). Throws kavosh::EnvironmentError.
  int bind();
  /// Serves on the bound socket until stop(); returns after in-flight requests are answered.
  void serve();
  /// Stops accepting and makes serve() return. Safe from any thread (not from a signal handler).
  void stop();
  /// Answers one raw HTTP/1.1 request (request line, headers, body) as if it came on a connection that
  /// closes after it, without a socket or bind(): the raw response, or "" when there is none to give.
  /// For fuzzing and tests of request handling.
  std::string answer(std::string_view raw_request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Runs kavosh-serve: binds, serves until SIGTERM or SIGINT, shuts down gracefully. Returns the exit
/// code (0 after a signal, 1 when the address cannot be bound, 2 when --listen is no HOST:PORT), after
/// one line `kavosh-serve: …` on `err`.
int run(const Options& options, std::ostream& err);

}  // namespace kavosh::serve
