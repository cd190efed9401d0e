#include "progress.h"

#include <cstdio>
#include <string>

namespace kavosh::index {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr int kBarWidth = 24;

std::string bar(double fraction) {
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string text = "[";
  text.append(filled, '#').append(kBarWidth - filled, ' ').append("] ");
  return text;
}

std::string eta(double seconds) {
  char text[32];
  const long s = static_cast<long>(seconds);
  std::snprintf(text, sizeof text, " ETA %ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return text;
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::optional<std::uint64_t> total_bytes)
    : out_(out), enabled_(enabled), total_bytes_(total_bytes) {}

void ProgressBar::update(std::uint64_t records, std::uint64_t bytes) {
  const auto now = Clock::now();
  if (!enabled_ || now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  char line[96];
  std::snprintf(line, sizeof line, "%llu records  %.1f MB  %.0f records/s", static_cast<unsigned long long>(records),
                bytes / 1e6, seconds > 0 ? records / seconds : 0.0);
  std::string text = line;
  if (total_bytes_ && *total_bytes_ > 0 && bytes > 0) {
    const double fraction = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_bytes_));
    text = bar(fraction) + text + eta(seconds / fraction - seconds);
  }
  out_ << "\r\033[K" << text << std::flush;
  shown_ = true;
}

void ProgressBar::clear() {
  if (!shown_) return;
  out_ << "\r\033[K" << std::flush;
  shown_ = false;
  last_draw_ = {};
}

}  // namespace kavosh::index
