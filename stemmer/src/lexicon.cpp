#include "lexicon.h"

#include <vector>

namespace kavosh::analysis {

// Defined in the source generated from stemmer/data by cmake/EmbedText.cmake.
extern const std::string_view k_lexicon_data;
extern const std::string_view k_verb_stems_data;
extern const std::string_view k_colloquial_stems_data;
extern const std::string_view k_broken_plurals_data;
extern const std::string_view k_sound_plurals_data;
extern const std::string_view k_spelling_variants_data;
extern const std::string_view k_protected_data;
extern const std::string_view k_stopwords_data;

namespace {

// Calls `fn(columns)` for each non-empty, non-comment line of a TSV table.
template <typename Fn>
void for_each_row(std::string_view data, Fn&& fn) {
  std::vector<std::string_view> cols;
  while (!data.empty()) {
    const auto nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    cols.clear();
    for (std::size_t start = 0;;) {
      const auto tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    fn(cols);
  }
}

std::uint8_t parse_classes(std::string_view letters) {
  std::uint8_t bits = 0;
  for (char c : letters) {
    switch (c) {
      case 'h': bits |= kPluralHa; break;
      case 't': bits |= kPluralAt; break;
      case 'c': bits |= kComparative; break;
      case 'y': bits |= kYeh; break;
      case 'k': bits |= kClitic; break;
      default: break;
    }
  }
  return bits;
}

// Adds the rows `key<TAB>value` of a two-column table to `into`; a key already there keeps its value.
void load_pairs(std::string_view data, StringMap<std::string>& into) {
  for_each_row(data, [&](const auto& c) {
    if (c.size() >= 2) into.emplace(std::string(c[0]), std::string(c[1]));
  });
}

Lexicon load() {
  Lexicon lex;
  for_each_row(k_lexicon_data,
               [&](const auto& c) { lex.bases.emplace(std::string(c[0]), c.size() > 1 ? parse_classes(c[1]) : 0); });
  for_each_row(k_verb_stems_data, [&](const auto& c) {
    if (c.size() < 2) return;
    lex.past_stems.emplace(c[0]);
    lex.present_to_past.emplace(std::string(c[1]), std::string(c[0]));
  });
  load_pairs(k_colloquial_stems_data, lex.colloquial_stems);
  load_pairs(k_broken_plurals_data, lex.plurals);
  load_pairs(k_sound_plurals_data, lex.plurals);
  load_pairs(k_spelling_variants_data, lex.spelling_variants);
  for_each_row(k_protected_data, [&](const auto& c) { lex.protected_words.emplace(c[0]); });
  for_each_row(k_stopwords_data, [&](const auto& c) { lex.stopwords.emplace(c[0]); });
  return lex;
}

}  // namespace

const Lexicon& Lexicon::instance() {
  static const Lexicon lexicon = load();
  return lexicon;
}

}  // namespace kavosh::analysis
