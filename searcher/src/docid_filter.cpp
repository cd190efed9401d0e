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

/// The docids from the `count`-th highest of a database to its highest, as a posting list; each shard of
/// a combined database gets a clone over its own docids.
class NewestDocumentsSource : public Xapian::PostingSource {
 public:
  explicit NewestDocumentsSource(Xapian::doccount count) : count_(count) {}
  Xapian::doccount get_termfreq_min() const override { return 0; }  // deleted documents may be among them
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  void init(const Xapian::Database& database) override {
    last_ = count_ == 0 ? 0 : database.get_lastdocid();
    first_ = last_ > count_ ? last_ - count_ + 1 : 1;
    at_ = 0;
  }
  Xapian::PostingSource* clone() const override { return new NewestDocumentsSource(count_); }
  Xapian::docid get_docid() const override { return at_; }
  bool at_end() const override { return at_ > last_; }
  void next(double) override { at_ = at_ == 0 ? first_ : at_ + 1; }
  void skip_to(Xapian::docid docid, double) override { at_ = std::max({at_, first_, docid}); }

 private:
  Xapian::doccount size() const { return last_ >= first_ ? last_ - first_ + 1 : 0; }
  Xapian::doccount count_;
  Xapian::docid first_ = 1;
  Xapian::docid last_ = 0;
  Xapian::docid at_ = 0;  ///< 0 before the first entry, as Xapian starts a posting list
};

}  // namespace

Xapian::Query newest_documents(Xapian::doccount count) {
  return Xapian::Query((new NewestDocumentsSource(count))->release());
}

Xapian::Query docid_filter(std::vector<Xapian::docid> docids) {
  return Xapian::Query((new DocidSetSource(std::move(docids)))->release());
}

}  // namespace kavosh::search::detail
