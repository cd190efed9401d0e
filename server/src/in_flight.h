// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Request coalescing: one computation per request being answered, the same requests meanwhile wait for it.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>

namespace kavosh::serve {

/// One computation under way (InFlight).
struct Flight {
  std::uint64_t generation = 0;
  bool done = false;
  std::shared_ptr<const std::string> body;
  std::condition_variable finished;
};

/// The requests being answered, by cache key and generation: the same request arriving meanwhile waits
/// for that answer rather than searching again (request coalescing, as Varnish does and nginx's
/// proxy_cache_lock). After a commit empties the response cache, a popular request is searched once,
/// not once per connection asking it. Thread-safe.
class InFlight {
 public:
  using Body = std::shared_ptr<const std::string>;
  using Clock = std::chrono::steady_clock;

  /// The duty to answer a request that others may be waiting for. Ending without finish() (an error,
  /// an answer not to be kept) lets them search for themselves.
  class Claim {
   public:
    Claim(InFlight& owner, std::string key, std::shared_ptr<Flight> flight);
    Claim(Claim&& other) noexcept = default;
    Claim& operator=(Claim&&) = delete;
    ~Claim();
    /// Hands `body` to the requests waiting for it.
    void finish(Body body);

   private:
    InFlight* owner_;
    std::string key_;
    std::shared_ptr<Flight> flight_;
  };

  /// A claim when no request is computing `key` at `generation`; else the answer of the one that is,
  /// after waiting at most `wait` for it (nullptr when it gave none or the wait ran out).
  std::variant<Claim, Body> join(const std::string& key, std::uint64_t generation, Clock::duration wait);

 private:
  void end(const std::string& key, const std::shared_ptr<Flight>& flight, Body body);

  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace kavosh::serve
