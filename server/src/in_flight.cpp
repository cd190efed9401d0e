// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "in_flight.h"

#include <utility>

namespace kavosh::serve {

InFlight::Claim::Claim(InFlight& owner, std::string key, std::shared_ptr<Flight> flight)
    : owner_(&owner), key_(std::move(key)), flight_(std::move(flight)) {}

InFlight::Claim::~Claim() {
  if (flight_) owner_->end(key_, flight_, nullptr);
}

void InFlight::Claim::finish(Body body) {
  if (flight_) owner_->end(key_, std::exchange(flight_, nullptr), std::move(body));
}

std::variant<InFlight::Claim, InFlight::Body> InFlight::join(const std::string& key, std::uint64_t generation,
                                                             Clock::duration wait) {
  std::unique_lock lock(mutex_);
  const auto it = flights_.find(key);
  if (it == flights_.end() || it->second->generation != generation) {
    auto flight = std::make_shared<Flight>();
    flight->generation = generation;
    flights_[key] = flight;
    return Claim(*this, key, std::move(flight));
  }
  const std::shared_ptr<Flight> flight = it->second;
  flight->finished.wait_for(lock, wait, [&] { return flight->done; });
  return flight->body;
}

void InFlight::end(const std::string& key, const std::shared_ptr<Flight>& flight, Body body) {
  const std::lock_guard lock(mutex_);
  flight->done = true;
  flight->body = std::move(body);
  if (const auto it = flights_.find(key); it != flights_.end() && it->second == flight) flights_.erase(it);
  flight->finished.notify_all();
}

}  // namespace kavosh::serve
