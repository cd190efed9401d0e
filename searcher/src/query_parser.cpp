// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The query language: a byte-level lexer (every operator character is ASCII or a two-byte quote, so
// invalid UTF-8 cannot confuse it), then an assembler that groups OR alternatives and merges runs of
// plain words, so the analyzer later sees `می شود` as one text.
#include <algorithm>
#include <array>
#include <utility>
#include <variant>

#include "kavosh/search/query.h"

namespace kavosh::search {
namespace {

struct SyntaxError {
  std::string message;
};

enum class FieldName : unsigned char { kNone, kTitle, kSource, kCategory, kProvince, kTag, kDate, kStory };

/// One lexed item: a term (word or quoted phrase, maybe excluded or fielded) or an OR operator.
struct Item {
  Atom atom;
  bool excluded = false;
  bool is_or = false;
  FieldName field = FieldName::kNone;
};

struct QuotePair {
  std::string_view open;
  std::string_view close;
};
constexpr std::array<QuotePair, 3> kQuotes{{{"\"", "\""}, {"«", "»"}, {"“", "”"}}};
constexpr std::array<std::string_view, 5> kQuoteChars{"\"", "«", "»", "“", "”"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

FieldName field_named(std::string_view name) {
  static const std::array<std::pair<std::string_view, FieldName>, 15> kAliases{{
      {"title", FieldName::kTitle}, {"عنوان", FieldName::kTitle},
      {"source", FieldName::kSource}, {"منبع", FieldName::kSource},
      {"category", FieldName::kCategory}, {"دسته", FieldName::kCategory},
      {"province", FieldName::kProvince}, {"استان", FieldName::kProvince},
      {"tag", FieldName::kTag}, {"برچسب", FieldName::kTag},
      {"date", FieldName::kDate}, {"تاریخ", FieldName::kDate},
      {"cat", FieldName::kCategory}, {"src", FieldName::kSource}, {"story", FieldName::kStory},
  }};
  const std::string lower = ascii_lower(name);
  for (const auto& [alias, field] : kAliases) {
    if (lower == alias) return field;
  }
  return FieldName::kNone;
}

const QuotePair* quote_opening_at(std::string_view query, std::size_t i) {
  for (const QuotePair& pair : kQuotes) {
    if (query.substr(i).starts_with(pair.open)) return &pair;
  }
  return nullptr;
}

bool has_quote_char(std::string_view text) {
  return std::ranges::any_of(kQuoteChars, [&](std::string_view q) { return text.find(q) != text.npos; });
}

/// Reads a `name:` prefix at `i` when it names a field; advances `i` past the colon.
FieldName read_field(std::string_view query, std::size_t& i) {
  std::size_t j = i;
  while (j < query.size() && !is_space(query[j]) && query[j] != ':' && !quote_opening_at(query, j)) ++j;
  if (j >= query.size() || query[j] != ':' || j == i) return FieldName::kNone;
  const FieldName field = field_named(query.substr(i, j - i));
  if (field != FieldName::kNone) i = j + 1;
  return field;
}

/// Reads a quoted phrase or a bare word at `i` into `atom`.
void read_value(std::string_view query, std::size_t& i, Atom& atom) {
  if (const QuotePair* quote = quote_opening_at(query, i)) {
    const std::size_t begin = i + quote->open.size();
    const std::size_t end = query.find(quote->close, begin);
    if (end == query.npos) throw SyntaxError{"unbalanced quote"};
    atom = {std::string(query.substr(begin, end - begin)), true, Field::kAny, begin};
    i = end + quote->close.size();
    return;
  }
  std::size_t end = i;
  while (end < query.size() && !is_space(query[end])) ++end;
  atom = {std::string(query.substr(i, end - i)), false, Field::kAny, i};
  if (has_quote_char(atom.text)) throw SyntaxError{"unbalanced quote"};
  i = end;
}

Item read_item(std::string_view query, std::size_t& i) {
  Item item;
  if (query[i] == '-') {
    if (i + 1 >= query.size() || is_space(query[i + 1])) throw SyntaxError{"'-' without a word"};
    item.excluded = true;
    ++i;
  }
  item.field = read_field(query, i);
  if (item.field != FieldName::kNone && (i >= query.size() || is_space(query[i]))) {
    throw SyntaxError{"field without a value"};
  }
  read_value(query, i, item.atom);
  item.is_or = !item.excluded && item.field == FieldName::kNone && !item.atom.phrase &&
               (item.atom.text == "OR" || item.atom.text == "یا");
  return item;
}

std::vector<Item> lex(std::string_view query) {
  std::vector<Item> items;
  std::size_t i = 0;
  while (true) {
    while (i < query.size() && is_space(query[i])) ++i;
    if (i >= query.size()) return items;
    items.push_back(read_item(query, i));
  }
}

/// Narrows the query's date range by one `date:` value; a bad value is a warning, not a syntax error.
void apply_date(std::string_view value, ParsedQuery& out) {
  const std::size_t dots = value.find("..");
  const std::string_view low = dots == value.npos ? value : value.substr(0, dots);
  const std::string_view high = dots == value.npos ? value : value.substr(dots + 2);
  const auto from = low.empty() ? std::nullopt : parse_date_bound(low, false);
  const auto to = high.empty() ? std::nullopt : parse_date_bound(high, true);
  if ((!low.empty() && !from) || (!high.empty() && !to) || (low.empty() && high.empty())) {
    out.warnings.push_back("unreadable date '" + std::string(value) + "': date ignored");
    return;
  }
  if (from && (!out.date_from || *from > *out.date_from)) out.date_from = from;
  if (to && (!out.date_to || *to < *out.date_to)) out.date_to = to;
}

/// Applies a filter or date item; returns false when the item is a searchable term.
bool apply_constraint(const Item& item, ParsedQuery& out) {
  switch (item.field) {
    case FieldName::kNone:
    case FieldName::kTitle:
      return false;
    case FieldName::kSource:
      out.filters.push_back({FilterField::kSource, item.atom.text});
      break;
    case FieldName::kCategory:
      out.filters.push_back({FilterField::kCategory, item.atom.text});
      break;
    case FieldName::kProvince:
      out.filters.push_back({FilterField::kProvince, item.atom.text});
      break;
    case FieldName::kTag:
      out.filters.push_back({FilterField::kTag, item.atom.text});
      break;
    case FieldName::kDate:
      apply_date(item.atom.text, out);
      break;
    case FieldName::kStory:
      out.story = item.atom.text;
      break;
  }
  if (item.excluded) out.warnings.push_back("'-' before a filter is not supported: filter applied");
  return true;
}

/// A clause that holds one plain word or run of words.
bool mergeable(const Clause& clause) {
  return !clause.excluded && clause.alternatives.size() == 1 && !clause.alternatives[0].phrase &&
         clause.alternatives[0].field == Field::kAny;
}

/// Merges runs of plain-word clauses that were adjacent in the query into one atom, so the analyzer
/// sees `می شود` whole. Done after OR grouping, which binds single words only.
std::vector<Clause> merge_runs(std::string_view query, std::vector<Clause> clauses, const std::vector<bool>& adjacent) {
  std::vector<Clause> out;
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    if (k > 0 && adjacent[k] && mergeable(clauses[k]) && mergeable(out.back())) {
      Atom& run = out.back().alternatives[0];
      const Atom& next = clauses[k].alternatives[0];
      run.text = std::string(query.substr(run.offset, next.offset + next.text.size() - run.offset));
    } else {
      out.push_back(std::move(clauses[k]));
    }
  }
  return out;
}

/// Groups terms into clauses (OR binds the terms on each side), then merges adjacent plain words.
ParsedQuery assemble(std::string_view query, const std::vector<Item>& items) {
  ParsedQuery out;
  std::vector<bool> adjacent;     // per clause: made by the item right after the previous clause's
  bool join_next = false;         // the previous item was OR
  bool previous_is_term = false;  // the previous item made or grew out.clauses.back()
  for (const Item& item : items) {
    if (item.is_or) {
      if (!previous_is_term || out.clauses.back().excluded) throw SyntaxError{"OR without a word before it"};
      join_next = true;
      previous_is_term = false;
      continue;
    }
    if (apply_constraint(item, out)) {
      if (join_next) throw SyntaxError{"OR without a word after it"};
      previous_is_term = false;
      continue;
    }
    if (join_next && item.excluded) throw SyntaxError{"OR before an excluded word"};
    Atom atom = item.atom;
    if (item.field == FieldName::kTitle) atom.field = Field::kTitle;
    if (join_next) {
      out.clauses.back().alternatives.push_back(std::move(atom));
    } else {
      out.clauses.push_back({{std::move(atom)}, item.excluded});
      adjacent.push_back(previous_is_term);
    }
    join_next = false;
    previous_is_term = true;
  }
  if (join_next) throw SyntaxError{"OR without a word after it"};
  out.clauses = merge_runs(query, std::move(out.clauses), adjacent);
  return out;
}

/// Plain words: the query with quotes, standalone operators and leading '-' blanked out byte for
/// byte, so offsets into the query stay valid.
ParsedQuery fallback(std::string_view query, const std::string& reason) {
  std::string text(query);
  for (std::string_view quote : kQuoteChars) {
    for (std::size_t at = text.find(quote); at != text.npos; at = text.find(quote, at)) {
      text.replace(at, quote.size(), std::string(quote.size(), ' '));
    }
  }
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    const std::string_view word = std::string_view(text).substr(i, end - i);
    if (word == "OR" || word == "یا" || word.find_first_not_of('-') == word.npos) {
      std::fill(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    } else if (word.front() == '-') {
      text[i] = ' ';
    }
    i = end;
  }
  ParsedQuery out;
  const std::size_t begin = text.find_first_not_of(" \t\n\r\f\v");
  if (begin != text.npos) {
    const std::size_t end = text.find_last_not_of(" \t\n\r\f\v") + 1;
    out.clauses.push_back({{Atom{text.substr(begin, end - begin), false, Field::kAny, begin}}, false});
  }
  out.warnings.push_back("syntax error (" + reason + "): searched as plain words");
  return out;
}

}  // namespace

ParsedQuery parse_query(std::string_view query) {
  try {
    return assemble(query, lex(query));
  } catch (const SyntaxError& error) {
    return fallback(query, error.message);
  }
}

}  // namespace kavosh::search
