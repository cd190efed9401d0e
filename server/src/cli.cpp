// Kavosh: Persian full-text search. GPL-2.0-or-later.
// kavosh-serve's command line and its run loop with graceful shutdown.
#include <pthread.h>
#include <signal.h>

#include <ostream>
#include <thread>

#include "kavosh/cli/tool.h"
#include "kavosh/error.h"
#include "kavosh/serve/server.h"

namespace kavosh::serve {

std::unique_ptr<CLI::App> make_app(Options& options) {
  auto app = std::make_unique<CLI::App>(
      "Serve a Kavosh database over HTTP: JSON API (/api/search, /api/suggest, /api/doc/ID), /healthz,\n"
      "/metrics (Prometheus) and the embeddable search widget (/widget.js, /widget.css, demo page at /).",
      "kavosh-serve");
  app->add_option("--db", options.db, "Database path (directory, shard stub or cluster file)")->required();
  app->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")->capture_default_str();
  app->add_option("--threads", options.threads, "Searches run at once, each on a searcher of its own (0: one per core)")
      ->check(CLI::Range(0u, 1024u))
      ->capture_default_str();
  app->add_option("--cors", options.cors, "Origin allowed to call the API from a browser (repeatable; * = any)");
  app->add_option("--max-query-bytes", options.max_query_bytes, "Longest query accepted (414/413 beyond)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}))
      ->capture_default_str();
  app->add_option("--max-limit", options.max_limit, "Largest page size accepted")
      ->check(CLI::Range(1u, 10000u))
      ->capture_default_str();
  app->add_option("--max-connections", options.max_connections,
                  "Connections served at once, each on a thread (a slow or idle one holds no searcher)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}))
      ->capture_default_str();
  app->add_option("--client-timeout", options.client_timeout_s,
                  "Seconds a client may stay silent, mid-request or idle between requests, before it is dropped; "
                  "also the longest a request waits for a searcher (503 beyond)")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  app->add_option("--max-queued", options.max_queued, "Connections that may wait beyond --max-connections (503 beyond)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  app->add_option("--time-limit-ms", options.time_limit_ms,
                  "Time budget of one search's match; past it the best documents found so far (0: none)")
      ->check(CLI::Range(0u, 600000u))
      ->capture_default_str();
  app->add_option("--cache-mb", options.cache_mb,
                  "Memory for answers to requests repeated before the next commit, in MB (0: no cache)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20))
      ->capture_default_str();
  app->add_option("--max-stale-ms", options.max_stale_ms,
                  "After a commit, a kept answer may still be served this long while it is searched anew (0: never)")
      ->check(CLI::Range(0u, 3600000u))
      ->capture_default_str();
  cli::add_standard_options(*app);
  return app;
}

/// Waits for SIGTERM or SIGINT on a thread of its own (the signals are blocked everywhere else), so
/// stopping the server happens in ordinary code rather than in a signal handler.
int run(const Options& options, std::ostream& err) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: they all inherit it
  Server server(options);
  int port = 0;
  try {
    port = server.bind();
  } catch (const InvalidInputError& error) {  // a --listen that is no HOST:PORT
    err << "kavosh-serve: error: " << error.what() << '\n';
    return cli::kExitUsage;
  } catch (const Error& error) {
    err << "kavosh-serve: error: " << error.what() << '\n';
    return cli::kExitRuntime;
  }
  err << "kavosh-serve: listening on port " << port << " (database " << options.db << ")\n" << std::flush;
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  server.serve();
  // serve() also returns when listening fails; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  err << "kavosh-serve: stopped\n";
  return 0;
}

}  // namespace kavosh::serve
