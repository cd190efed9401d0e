// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "term_spelling.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace kavosh::search::detail {
namespace {

/// Terms read per word: all those of a letter in a large index would cost a long transfer per shard.
constexpr std::size_t kScanTerms = 50000;
constexpr std::size_t kMaxEdits = 2;

/// The UTF-8 characters of `text`, each as its bytes.
std::vector<std::string_view> letters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = begin + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    out.push_back(text.substr(begin, end - begin));
    begin = end;
  }
  return out;
}

/// Edits (optimal string alignment: insert, delete, replace, swap neighbours) from `a` to `b`.
std::size_t edits(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string nearest_term(const Xapian::Database& database, const std::string& word) {
  const std::vector<std::string_view> typed = letters(word);
  if (typed.size() < 2) return "";
  const std::size_t most = std::min(kMaxEdits, typed.size() - 1);
  const std::string first(typed.front());
  std::string best;
  std::size_t best_edits = most + 1;
  Xapian::doccount best_documents = 0;
  std::size_t read = 0;
  for (auto it = database.allterms_begin(first); it != database.allterms_end(first) && read < kScanTerms;
       ++it, ++read) {
    const std::string term = *it;
    const std::vector<std::string_view> candidate = letters(term);
    const std::size_t apart =
        candidate.size() > typed.size() ? candidate.size() - typed.size() : typed.size() - candidate.size();
    if (term == word || apart > most) continue;
    const std::size_t n = edits(typed, candidate);
    const Xapian::doccount documents = it.get_termfreq();
    if (n < best_edits || (n == best_edits && documents > best_documents)) {
      best = term;
      best_edits = n;
      best_documents = documents;
    }
  }
  return best_edits <= most ? best : "";
}

}  // namespace kavosh::search::detail
