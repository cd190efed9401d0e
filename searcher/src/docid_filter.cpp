// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "docid_filter.h"

#include <algorithm>

namespace kavosh::search::detail {
namespace {

/// Sorted docids as a posting list. Weightless; no clone(), so Xapian uses it on one database only.
class DocidSetSource : public Xapian::PostingSource {
 public:
  explicit DocidSetSource(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {
    std::ranges::sort(docids_);
    docids_.erase(std::unique(docids_.begin(), docids_.end()), docids_.end());
  }

  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  void init(const Xapian::Database&) override {
    started_ = false;
    at_ = 0;
  }
  Xapian::docid get_docid() const override { return docids_[at_]; }
  bool at_end() const override { return at_ >= docids_.size(); }
  void next(double) override {
    at_ = started_ ? at_ + 1 : 0;
    started_ = true;
  }
  void skip_to(Xapian::docid docid, double min_weight) override {
    if (!started_) next(min_weight);
    const auto from = docids_.begin() + static_cast<std::ptrdiff_t>(std::min(at_, docids_.size()));
    at_ = static_cast<std::size_t>(std::lower_bound(from, docids_.end(), docid) - docids_.begin());
  }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(docids_.size()); }

  std::vector<Xapian::docid> docids_;
  bool started_ = false;  ///< Xapian starts a posting list before its first entry
  std::size_t at_ = 0;
};

}  // namespace

Xapian::Query docid_filter(std::vector<Xapian::docid> docids) {
  return Xapian::Query((new DocidSetSource(std::move(docids)))->release());
}

}  // namespace kavosh::search::detail
