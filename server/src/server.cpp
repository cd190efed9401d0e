// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Routes: request → SearchRequest (params.cpp) → Searcher → the JSON of `kavosh-search --format json`.
#include "kavosh/serve/server.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "assets.h"
#include "in_flight.h"
#include "kavosh/error.h"
#include "kavosh/search/cli.h"
#include "metrics.h"
#include "params.h"
#include "response_cache.h"
#include "revalidator.h"
#include "searcher_pool.h"
#include "task_queue.h"

namespace kavosh::serve {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;

constexpr int kBacklog = 1024;                   // cpp-httplib listens with 5: too few for a burst
constexpr std::size_t kMaxIdBytes = 240;         // longer ids cannot be indexed (Xapian's term limit)
constexpr std::size_t kMaxRevalidations = 4096;  // stale answers waiting to be searched again

// Set when a request has been parsed, read when its response is logged: both run on the same worker.
thread_local Clock::time_point t_started;
thread_local bool t_timed = false;

/// A connection held in memory: reads `input`, keeps what is written.
class MemoryStream : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view input) : input_(input) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, input_.size());
    input_.copy(ptr, n);
    input_.remove_prefix(n);
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override { get_remote_ip_and_port(ip, port); }
  socket_t socket() const override { return INVALID_SOCKET; }
  std::string& output() { return output_; }

 private:
  std::string_view input_;
  std::string output_;
};

/// cpp-httplib's server with the listening socket's backlog raised after bind, and requests answered
/// from memory.
class HttpServer : public httplib::Server {
 public:
  void set_backlog(int backlog) { ::listen(svr_sock_, backlog); }
  std::string answer(std::string_view raw_request) {
    MemoryStream stream(raw_request);
    bool closed = false;
    process_request(stream, true, closed, [](httplib::Request&) {});
    return std::move(stream.output());
  }
};

/// SO_REUSEADDR only: a restart may bind while the last run's connections linger in TIME_WAIT, but a
/// port another process listens on is refused. cpp-httplib's default sets SO_REUSEPORT instead, with
/// which a second kavosh-serve on the same port starts and silently takes half of the connections.
void exclusive_socket_options(int sock) {
  const int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, dump(Json{{"error", message}}));
}

std::string default_message(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 503: return "service unavailable";
    default: return "error " + std::to_string(status);
  }
}

std::pair<std::string, int> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw InvalidInputError("--listen must be HOST:PORT, not '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::out_of_range("port");
    return {host, port};
  } catch (const std::logic_error&) {
    throw InvalidInputError("--listen must be HOST:PORT, not '" + listen + "'");
  }
}

/// The cache key of a request: its endpoint and every parameter, so that requests differing in any
/// way, even an ignored cache buster, never share an answer.
std::string cache_key(std::string_view endpoint, const Params& params) {
  std::string key(endpoint);
  for (const auto& [name, value] : params) key.append(1, '\0').append(name).append(1, '=').append(value);
  return key;
}

/// Runs `fn` on the lease's searcher, on its thread. A failure is retried once on a reopened database: a concurrent
/// writer may have recycled the blocks an old revision was reading, which is not an outage.
template <class F>
auto retried(SearcherPool::Lease& lease, F&& fn) {
  try {
    return lease.run(fn);
  } catch (const EnvironmentError&) {
    lease.refresh();
    return lease.run(fn);
  }
}

/// A searcher behind the generation another one confirmed looks for the commit now: its answer would
/// neither be kept nor reach the requests waiting for it.
void catch_up(SearcherPool::Lease& lease, std::optional<std::uint64_t> generation) {
  if (generation && lease.generation() < *generation) lease.refresh();
}

}  // namespace

struct Server::Impl {
  Options options;
  Limits limits;
  /// A request waits this long for a searcher, then gets 503: the time the service grants a client
  /// (--client-timeout), so that a request queued under a burst is not refused while still worth serving.
  Clock::duration lease_wait;
  std::shared_ptr<Generations> generations = std::make_shared<Generations>();  ///< of both pools
  SearcherPool pool;                                                           ///< searches, one searcher per core
  SearcherPool lookups;                                                        ///< documents and index statistics
  ResponseCache cache;
  InFlight in_flight;       ///< misses being searched: the same request meanwhile waits for the answer
  Revalidator revalidator;  ///< searches the stale answers served again, one thread per search searcher
  Metrics metrics;
  HttpServer http;

  explicit Impl(const Options& o);
  void install_hooks();
  void install_routes();
  void add_cors(const httplib::Request& req, httplib::Response& res) const;
  void guarded(const httplib::Request& req, httplib::Response& res,
               void (Impl::*handler)(const httplib::Request&, httplib::Response&));

  template <class F>
  auto look_up(F&& fn);
  /// Computes an answer on a searcher: its body, and whether it may be kept.
  using Compute = std::function<std::pair<std::string, bool>(Searcher&)>;
  std::optional<std::uint64_t> served_generation();
  void answer_cached(httplib::Response& res, const std::string& key, const Compute& compute);
  std::pair<std::string, bool> search_and_keep(SearcherPool::Lease& lease, const std::string& key,
                                               const Compute& compute, InFlight::Claim* claim);
  void revalidate(const std::string& key, const Compute& compute);

  void search_get(const httplib::Request& req, httplib::Response& res);
  void search_post(const httplib::Request& req, httplib::Response& res);
  void search(const Params& params, const Limits& request_limits, httplib::Response& res);
  void suggest(const httplib::Request& req, httplib::Response& res);
  void document(const httplib::Request& req, httplib::Response& res);
  void related(const httplib::Request& req, httplib::Response& res);
  void healthz(const httplib::Request& req, httplib::Response& res);
  void metrics_text(const httplib::Request& req, httplib::Response& res);
  void asset(const httplib::Request& req, httplib::Response& res);
};

Server::Impl::Impl(const Options& o)
    : options(o),
      limits{o.max_query_bytes, o.max_limit, o.max_offset, 414},
      lease_wait(std::chrono::seconds(o.client_timeout_s)),
      pool(o.db, std::max<std::uint32_t>(o.threads ? o.threads : std::thread::hardware_concurrency(), 2),
           std::chrono::milliseconds(o.refresh_ms), generations),
      lookups(o.db, 2, std::chrono::milliseconds(o.refresh_ms), generations),
      cache(o.cache_mb << 20U, std::chrono::milliseconds(o.max_stale_ms)),
      revalidator(o.max_stale_ms > 0 && o.cache_mb > 0 ? pool.size() : 0, kMaxRevalidations) {
  http.set_socket_options(exclusive_socket_options);
  // cpp-httplib writes an answer's headers and body apart: with Nagle's algorithm the body waits for the
  // client's delayed ACK of the headers, 40 ms on Linux. Accepted connections inherit the option.
  http.set_tcp_nodelay(true);
  http.new_task_queue = [this] { return new BoundedTaskQueue(options.max_connections, options.max_queued); };
  // A connection holds its thread while open: a client silent this long (sending a request a byte at a
  // time, not reading its answer, or idle between keep-alive requests) is dropped.
  http.set_read_timeout(options.client_timeout_s);
  http.set_write_timeout(options.client_timeout_s);
  http.set_keep_alive_timeout(options.client_timeout_s);
  // A JSON body holds the query plus a few short fields; anything much larger is refused with 413.
  http.set_payload_max_length(options.max_query_bytes * 4 + 4096);
  http.set_keep_alive_max_count(1000);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  install_hooks();
  install_routes();
}

void Server::Impl::install_hooks() {
  http.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) -> httplib::Server::HandlerResponse {
        t_started = Clock::now();
        t_timed = true;
        add_cors(req, res);
        if (!overloaded()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, 503, "server busy");
        res.set_header("Retry-After", "1");
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
      });
  // Errors cpp-httplib produces itself (no route, URI too long, body too large) get a JSON body too.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) -> httplib::Server::HandlerResponse {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, res.status, default_message(res.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
    send_error(res, 500, "internal error");
  });
  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds = t_timed ? std::chrono::duration<double>(Clock::now() - t_started).count() : 0.0;
    t_timed = false;
    metrics.observe(endpoint_of(req.path), res.status, seconds);
  });
}

void Server::Impl::install_routes() {
  const auto route = [this](auto handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) { guarded(req, res, handler); };
  };
  http.Get("/api/search", route(&Impl::search_get));
  http.Post("/api/search", route(&Impl::search_post));
  http.Get("/api/suggest", route(&Impl::suggest));
  http.Get("/api/doc/(.+)", route(&Impl::document));
  http.Get("/api/related/(.+)", route(&Impl::related));
  http.Get("/healthz", route(&Impl::healthz));
  http.Get("/metrics", route(&Impl::metrics_text));
  http.Get("/|/index.html|/widget.js|/widget.css", route(&Impl::asset));
  // CORS preflight: the headers themselves are added by the pre-routing hook.
  http.Options(".*", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
}

void Server::Impl::add_cors(const httplib::Request& req, httplib::Response& res) const {
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty() || options.cors.empty()) return;
  const bool any = std::ranges::find(options.cors, "*") != options.cors.end();
  if (!any && std::ranges::find(options.cors, origin) == options.cors.end()) return;
  res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
  if (!any) res.set_header("Vary", "Origin");
  if (req.method == "OPTIONS") {
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
  }
}

/// Maps the library's exceptions to statuses: the only place where errors become HTTP.
void Server::Impl::guarded(const httplib::Request& req, httplib::Response& res,
                           void (Impl::*handler)(const httplib::Request&, httplib::Response&)) {
  try {
    (this->*handler)(req, res);
  } catch (const HttpError& error) {
    if (error.status() == 503) res.set_header("Retry-After", "1");  // every searcher busy: ask again soon
    send_error(res, error.status(), error.what());
  } catch (const EnvironmentError& error) {
    send_error(res, 503, std::string("database unavailable: ") + error.what());
  } catch (const std::exception& error) {
    send_error(res, 500, std::string("internal error: ") + error.what());
  }
}

/// Runs `fn`, a look-up of a few microseconds (a stored record, the index's size), on a searcher of
/// `lookups`, so that it never queues behind searches: /healthz answers a load balancer at once however
/// busy the searchers are.
template <class F>
auto Server::Impl::look_up(F&& fn) {
  auto lease = lookups.acquire(lease_wait);
  if (!lease) throw HttpError(503, "server busy");
  return retried(*lease, fn);
}

/// The generation being served, confirmed if need be by a look-up searcher rather than a search one,
/// which would make a request queue behind searches only to find its answer kept.
std::optional<std::uint64_t> Server::Impl::served_generation() {
  auto generation = pool.current_generation();
  if (!generation) {
    if (const auto lookup = lookups.acquire(lease_wait)) generation = lookup->generation();
  }
  return generation;
}

/// Answers from the cache when the same request was answered at the generation being served (or, stale,
/// shortly before: it is then searched again in the background); else by waiting for the same request
/// being searched; else by searching it.
void Server::Impl::answer_cached(httplib::Response& res, const std::string& key, const Compute& compute) {
  const auto generation = served_generation();
  std::optional<InFlight::Claim> claim;
  if (generation) {
    if (const ResponseCache::Found found = cache.find(key, *generation); found.body) {
      cache.count(found.stale ? ResponseCache::Outcome::stale : ResponseCache::Outcome::hit);
      if (found.stale) revalidate(key, compute);
      return send_json(res, 200, *found.body);
    }
    auto joined = in_flight.join(key, *generation, lease_wait);
    if (auto* answered = std::get_if<InFlight::Body>(&joined); answered && *answered) {
      cache.count(ResponseCache::Outcome::coalesced);
      return send_json(res, 200, **answered);
    }
    if (auto* mine = std::get_if<InFlight::Claim>(&joined)) claim.emplace(std::move(*mine));
  }
  auto lease = pool.acquire(lease_wait);
  if (!lease) throw HttpError(503, "server busy");
  catch_up(*lease, generation);
  // The requests waiting on the claim get this answer even when the searcher has picked up a newer commit
  // meanwhile: it is as fresh as what they asked for, and otherwise each would queue for a searcher again.
  const auto [body, searched] = search_and_keep(*lease, key, compute, claim ? &*claim : nullptr);
  cache.count(searched ? ResponseCache::Outcome::miss : ResponseCache::Outcome::hit);
  send_json(res, 200, body);
}

/// The answer to `key` at the lease's generation: kept meanwhile by another searcher, or computed and kept
/// when it may be; either is handed to the requests waiting on `claim`. Second: whether it was searched.
std::pair<std::string, bool> Server::Impl::search_and_keep(SearcherPool::Lease& lease, const std::string& key,
                                                           const Compute& compute, InFlight::Claim* claim) {
  bool searched = false;
  std::pair<std::string, bool> answer = retried(lease, [&](Searcher& searcher) {
    if (const ResponseCache::Found found = cache.find(key, lease.generation()); found.body && !found.stale) {
      return std::pair{*found.body, false};
    }
    searched = true;
    return compute(searcher);
  });
  if (answer.second) cache.store(key, lease.generation(), answer.first);
  if (claim && (answer.second || !searched)) claim->finish(std::make_shared<const std::string>(answer.first));
  return {std::move(answer.first), searched};
}

/// Searches `key` again in the background at the newest generation, unless a request is doing so.
void Server::Impl::revalidate(const std::string& key, const Compute& compute) {
  revalidator.submit(key, [this, key, compute] {
    auto lease = pool.acquire(lease_wait, SearcherPool::Priority::background);
    if (!lease) return;
    catch_up(*lease, pool.current_generation());
    auto joined = in_flight.join(key, lease->generation(), Clock::duration::zero());
    if (auto* claim = std::get_if<InFlight::Claim>(&joined);
        claim && search_and_keep(*lease, key, compute, claim).second) {
      cache.count(ResponseCache::Outcome::revalidated);
    }
  });
}

void Server::Impl::search_get(const httplib::Request& req, httplib::Response& res) { search(req.params, limits, res); }

void Server::Impl::search_post(const httplib::Request& req, httplib::Response& res) {
  Limits body_limits = limits;
  body_limits.too_long_status = 413;
  const bool json = req.get_header_value("Content-Type").starts_with("application/json");
  search(json ? params_from_json(req.body) : req.params, body_limits, res);
}

void Server::Impl::search(const Params& params, const Limits& request_limits, httplib::Response& res) {
  SearchRequest request = parse_search(params, request_limits);
  request.time_limit_ms = options.time_limit_ms;
  // The computations capture by value: a stale answer is searched again after the request is answered.
  answer_cached(res, cache_key("search", params), [this, request](Searcher& s) {
    const SearchResults results = s.search(request);
    if (results.partial) metrics.partial_answer(results.failed_shards.size());
    std::ostringstream out;
    search::write_json(out, results);
    // An answer cut by the time limit, or without a shard, is of the moment, not of the generation.
    return std::pair{out.str(), !results.time_limit_reached && !results.partial};
  });
}

void Server::Impl::suggest(const httplib::Request& req, httplib::Response& res) {
  const SuggestRequest request = parse_suggest(req.params, limits);
  answer_cached(res, cache_key("suggest", req.params), [this, request](Searcher& s) {
    Json json{{"query", request.prefix}, {"completions", s.suggest(request.prefix, request.limit)}};
    // The spelling suggestion of the whole text, as a search would give it ("did you mean").
    SearchRequest probe;
    probe.query = request.prefix;
    probe.limit = 0;  // only the suggestion is wanted: no page, no count, no story grouping
    probe.exact_count_up_to = 0;
    probe.collapse = false;
    probe.time_limit_ms = options.time_limit_ms;
    const SearchResults results = s.search(probe);
    json["suggestion"] = results.suggestion ? Json(*results.suggestion) : Json(nullptr);
    return std::pair{dump(json), !results.time_limit_reached};
  });
}

void Server::Impl::document(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  if (id.size() > kMaxIdBytes || !valid_utf8(id)) throw HttpError(404, "no document with this id");
  const auto record = look_up([&](Searcher& s) { return s.document(id); });
  if (!record) throw HttpError(404, "no document with id '" + id + "'");
  send_json(res, 200, *record);
}

void Server::Impl::related(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const std::uint32_t limit = parse_related_limit(req.params, limits);
  if (id.size() > kMaxIdBytes || !valid_utf8(id)) throw HttpError(404, "no document with this id");
  answer_cached(res, cache_key("related/" + id, req.params), [id, limit](Searcher& s) {
    const auto related = s.related(id, limit);
    if (!related) throw HttpError(404, "no document with id '" + id + "'");
    std::ostringstream out;
    search::write_related_json(out, *related);
    return std::pair{out.str(), true};
  });
}

void Server::Impl::healthz(const httplib::Request&, httplib::Response& res) {
  const IndexStats stats = look_up([](Searcher& s) { return s.stats(); });
  send_json(res, 200, dump(Json{{"status", "ok"}, {"documents", stats.documents}, {"revision", stats.revision}}));
}

void Server::Impl::metrics_text(const httplib::Request&, httplib::Response& res) {
  std::optional<IndexGauges> gauges;
  try {
    const IndexStats stats = look_up([](Searcher& s) { return s.stats(); });
    gauges = IndexGauges{stats.documents, stats.revision};
  } catch (const std::exception&) {
    // The metrics stay available while the database is not: kavosh_index_up says so.
  }
  res.set_content(metrics.render(gauges, cache.counts()), "text/plain; version=0.0.4; charset=utf-8");
}

void Server::Impl::asset(const httplib::Request& req, httplib::Response& res) {
  const Asset* asset = find_asset(req.path);
  if (!asset) throw HttpError(404, "not found");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
}

Server::Server(const Options& options) : impl_(std::make_unique<Impl>(options)) {}
Server::~Server() = default;

int Server::bind() {
  const auto [host, port] = split_listen(impl_->options.listen);
  errno = 0;
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    const int error = errno;
    std::string reason;
    if (error == EADDRINUSE) reason = ": port " + std::to_string(port) + " is already in use (another kavosh-serve?)";
    else if (error != 0) reason = std::string(": ") + std::strerror(error);
    throw EnvironmentError("cannot listen on " + impl_->options.listen + reason);
  }
  impl_->http.set_backlog(kBacklog);
  return bound;
}

void Server::serve() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

std::string Server::answer(std::string_view raw_request) { return impl_->http.answer(raw_request); }

}  // namespace kavosh::serve
