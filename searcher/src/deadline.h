// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The time budget of one search (SearchRequest::time_limit_ms; internal to kavosh_search).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include <xapian.h>

namespace kavosh::search::detail {

/// When the match of one search must stop, and whether it did.
struct Budget {
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline = Clock::time_point::max();  ///< max(): no limit
  bool armed = false;                                     ///< a match of this search already carries the deadline
  bool spent = false;                                     ///< that match stopped at the deadline

  /// A budget of `ms` milliseconds from now; 0 = none.
  static Budget from_now(std::uint32_t ms);
  bool limited() const { return deadline != Clock::time_point::max(); }
};

/// `query` restricted to the documents the match reaches before `budget.deadline`: a posting list of
/// every document that ends at the deadline, so the match ends where it stands and the Enquire ranks
/// what it has seen (Xapian 1.4's Enquire::set_time_limit only stops counting past the page, it never
/// ends the match). Its estimates claim every document, so totals are unchanged when the deadline is
/// not met. Sets `budget.spent` when it cuts. Not for remote shards (it cannot be serialised).
Xapian::Query with_deadline(const Xapian::Query& query, Budget& budget);

/// True when no shard of the database at `path` is remote (a directory, or a stub without `remote`).
bool all_shards_local(const std::string& path);

}  // namespace kavosh::search::detail
