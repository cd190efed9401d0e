// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>

namespace kavosh::index {

/// A one-line progress bar redrawn in place (records, MB, records/s, ETA when the input size is known),
/// at most a few times a second. Disabled, every call does nothing.
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes);
  void update(std::uint64_t records, std::uint64_t bytes);
  /// Erases the bar so that another line can be printed; the next update redraws it.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
  std::optional<std::uint64_t> total_bytes_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace kavosh::index
