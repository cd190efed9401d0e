// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "deadline.h"

#include <filesystem>
#include <fstream>

namespace kavosh::search::detail {
namespace {

/// Documents 1..last docid until the deadline, then none. Weightless (used under OP_FILTER). The clock
/// is read every kCheckEvery documents: a read costs about as much as the matcher spends on one document.
class DeadlineSource : public Xapian::PostingSource {
 public:
  explicit DeadlineSource(Budget& budget) : budget_(&budget) {}

  Xapian::PostingSource* clone() const override { return new DeadlineSource(*budget_); }
  void init(const Xapian::Database& database) override {
    last_ = database.get_lastdocid();
    documents_ = database.get_doccount();
    current_ = 0;
    checks_ = 0;
  }
  Xapian::doccount get_termfreq_min() const override { return documents_; }
  Xapian::doccount get_termfreq_est() const override { return documents_; }
  Xapian::doccount get_termfreq_max() const override { return documents_; }
  Xapian::docid get_docid() const override { return current_; }
  bool at_end() const override { return current_ > last_; }
  void next(double) override { move_to(current_ + 1); }
  void skip_to(Xapian::docid docid, double) override {
    if (docid > current_) move_to(docid);
  }

 private:
  static constexpr unsigned kCheckEvery = 16;

  void move_to(Xapian::docid docid) {
    current_ = docid;
    if (++checks_ % kCheckEvery == 0 && Budget::Clock::now() >= budget_->deadline) {
      budget_->spent = true;
      current_ = last_ + 1;
    }
  }

  Budget* budget_;
  Xapian::docid last_ = 0;
  Xapian::doccount documents_ = 0;
  Xapian::docid current_ = 0;
  unsigned checks_ = 0;
};

}  // namespace

Budget Budget::from_now(std::uint32_t ms) {
  Budget budget;
  if (ms > 0) budget.deadline = Clock::now() + std::chrono::milliseconds(ms);
  return budget;
}

Xapian::Query with_deadline(const Xapian::Query& query, Budget& budget) {
  if (query.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DeadlineSource(budget))->release()));
}

bool all_shards_local(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path stub = fs::is_directory(path, error) ? fs::path(path) / "XAPIANDB" : fs::path(path);
  std::ifstream in(stub);
  for (std::string line; std::getline(in, line);) {
    const auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 6, "remote") == 0) return false;
  }
  return true;
}

}  // namespace kavosh::search::detail
