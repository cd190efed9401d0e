// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The query language: a byte-level lexer (every operator character is ASCII or a two-byte quote, so
// invalid UTF-8 cannot confuse it), then an assembler that groups OR alternatives and merges runs of
// plain words, so the analyzer later sees `می شود` as one text.
#include <algorithm>
#include <array>
#include <iterator>
#include <utility>
#include <variant>

#include "kavosh/search/query.h"

namespace kavosh::search {
namespace {

struct SyntaxError {
  std::string message;
};

enum class FieldName : unsigned char { kNone, kTitle, kSource, kCategory, kProvince, kTag, kDate, kStory };

enum class ItemKind : unsigned char { kTerm, kOr, kAnd, kNot, kOpen, kClose };

/// One lexed item: a term (word or quoted phrase, maybe excluded or fielded), an operator or a
/// parenthesis (an opening one maybe excluded, `-(`).
struct Item {
  Atom atom;
  bool excluded = false;
  ItemKind kind = ItemKind::kTerm;
  FieldName field = FieldName::kNone;
  std::string_view unknown_field;  ///< `name` of a `name:value` word that names no field
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
      {"title", FieldName::kTitle},
      {"عنوان", FieldName::kTitle},
      {"source", FieldName::kSource},
      {"منبع", FieldName::kSource},
      {"category", FieldName::kCategory},
      {"دسته", FieldName::kCategory},
      {"province", FieldName::kProvince},
      {"استان", FieldName::kProvince},
      {"tag", FieldName::kTag},
      {"برچسب", FieldName::kTag},
      {"date", FieldName::kDate},
      {"تاریخ", FieldName::kDate},
      {"cat", FieldName::kCategory},
      {"src", FieldName::kSource},
      {"story", FieldName::kStory},
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

/// The name of a word `name:value` that looks like a field but names none: letters only (a URL's
/// `http://`, a time `10:30` and an emoticon are not), else empty.
std::string_view unknown_field_name(std::string_view word) {
  const std::size_t colon = word.find(':');
  if (colon == 0 || colon == word.npos || colon + 1 == word.size() || word.substr(colon + 1).starts_with("//")) {
    return {};
  }
  const std::string_view name = word.substr(0, colon);
  const bool letters = std::ranges::all_of(name, [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return letters ? name : std::string_view{};
}

/// Reads a quoted phrase or a bare word at `i` into `atom`.
void read_value(std::string_view query, std::size_t& i, Atom& atom, bool in_group) {
  if (const QuotePair* quote = quote_opening_at(query, i)) {
    const std::size_t begin = i + quote->open.size();
    const std::size_t end = query.find(quote->close, begin);
    if (end == query.npos) throw SyntaxError{"unbalanced quote"};
    atom = {std::string(query.substr(begin, end - begin)), true, Field::kAny, begin, false, {}};
    i = end + quote->close.size();
    return;
  }
  std::size_t end = i;
  while (end < query.size() && !is_space(query[end]) && !(in_group && query[end] == ')')) ++end;
  atom = {std::string(query.substr(i, end - i)), false, Field::kAny, i, false, {}};
  if (has_quote_char(atom.text)) throw SyntaxError{"unbalanced quote"};
  i = end;
  // A trailing `*` after a word makes it a prefix; a `*` inside a word or alone is text.
  const std::size_t stars = atom.text.size() - std::min(atom.text.size(), atom.text.find_last_not_of('*') + 1);
  if (stars > 0 && stars < atom.text.size()) {
    atom.text.resize(atom.text.size() - stars);
    atom.prefix = true;
  }
}

/// The operator a bare word stands for: upper-case ASCII only, and `یا` (docs/query-language.md says
/// why no other Persian word is one).
ItemKind operator_kind(const Item& item) {
  if (item.excluded || item.field != FieldName::kNone || item.atom.phrase || item.atom.prefix) return ItemKind::kTerm;
  const std::string& text = item.atom.text;
  if (text == "OR" || text == "یا") return ItemKind::kOr;
  if (text == "AND") return ItemKind::kAnd;
  if (text == "NOT") return ItemKind::kNot;
  return ItemKind::kTerm;
}

Item read_item(std::string_view query, std::size_t& i, bool in_group) {
  Item item;
  if (query[i] == '-') {
    const bool alone = i + 1 >= query.size() || is_space(query[i + 1]) || (in_group && query[i + 1] == ')');
    if (alone) throw SyntaxError{"'-' without a word"};
    item.excluded = true;
    ++i;
  }
  if (query[i] == '(') {
    item.kind = ItemKind::kOpen;
    item.atom.offset = i++;
    return item;
  }
  item.field = read_field(query, i);
  if (item.field != FieldName::kNone && (i >= query.size() || is_space(query[i]))) {
    throw SyntaxError{"field without a value"};
  }
  read_value(query, i, item.atom, in_group);
  item.kind = operator_kind(item);
  if (item.field == FieldName::kNone && !item.atom.phrase) {
    item.unknown_field = unknown_field_name(query.substr(item.atom.offset, item.atom.text.size()));
  }
  return item;
}

/// A `(` opens a group where a term may begin; a `)` closes one only while a group is open (else it is
/// text, as in `:)`).
std::vector<Item> lex(std::string_view query) {
  std::vector<Item> items;
  std::size_t i = 0;
  int depth = 0;
  while (true) {
    while (i < query.size() && is_space(query[i])) ++i;
    if (i >= query.size()) return items;
    if (depth > 0 && query[i] == ')') {
      items.push_back({Atom{"", false, Field::kAny, i++, false, {}}, false, ItemKind::kClose, FieldName::kNone, {}});
      --depth;
      continue;
    }
    items.push_back(read_item(query, i, depth > 0));
    if (items.back().kind == ItemKind::kOpen) ++depth;
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
    case FieldName::kTitle: return false;
    case FieldName::kSource: out.filters.push_back({FilterField::kSource, item.atom.text}); break;
    case FieldName::kCategory: out.filters.push_back({FilterField::kCategory, item.atom.text}); break;
    case FieldName::kProvince: out.filters.push_back({FilterField::kProvince, item.atom.text}); break;
    case FieldName::kTag: out.filters.push_back({FilterField::kTag, item.atom.text}); break;
    case FieldName::kDate: apply_date(item.atom.text, out); break;
    case FieldName::kStory: out.story = item.atom.text; break;
  }
  if (item.excluded) out.warnings.push_back("'-' before a filter is not supported: filter applied");
  return true;
}

/// A clause that holds one plain word or run of words.
bool mergeable(const Clause& clause) {
  if (clause.excluded || clause.required || clause.alternatives.size() != 1) return false;
  const Atom& atom = clause.alternatives[0];
  return !atom.phrase && !atom.prefix && atom.field == Field::kAny && atom.group.empty();
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

/// The state of one level: its clauses so far and the operator waiting for its right-hand term.
struct Level {
  std::vector<Clause> clauses;
  std::vector<bool> adjacent;     // per clause: made by the item right after the previous clause's
  bool join_next = false;         // the previous item was OR
  bool require_next = false;      // ... AND
  bool exclude_next = false;      // ... NOT
  bool previous_is_term = false;  // the previous item made or grew clauses.back()

  void take_operator(ItemKind kind) {
    if (kind == ItemKind::kNot) {
      if (join_next) throw SyntaxError{"OR before an excluded word"};
      if (exclude_next) throw SyntaxError{"NOT without a word after it"};
      exclude_next = true;
    } else if (kind == ItemKind::kOr) {
      if (!previous_is_term || clauses.back().excluded) throw SyntaxError{"OR without a word before it"};
      join_next = true;
    } else {
      if (!previous_is_term) throw SyntaxError{"AND without a word before it"};
      clauses.back().required = true;
      require_next = true;
    }
    previous_is_term = false;
  }

  /// A constraint (filter, date) stands between terms: no operator may wait for it.
  void take_constraint() {
    if (join_next) throw SyntaxError{"OR without a word after it"};
    if (require_next) throw SyntaxError{"AND without a word after it"};
    previous_is_term = false;
  }

  void add(Clause clause) {
    clause.excluded = clause.excluded || std::exchange(exclude_next, false);
    clause.required = clause.required || std::exchange(require_next, false);
    if (join_next && clause.excluded) throw SyntaxError{"OR before an excluded word"};
    if (std::exchange(join_next, false)) {
      std::ranges::move(clause.alternatives, std::back_inserter(clauses.back().alternatives));
      clauses.back().required = clauses.back().required || clause.required;
    } else {
      clauses.push_back(std::move(clause));
      adjacent.push_back(previous_is_term);
    }
    previous_is_term = true;
  }

  std::vector<Clause> finish(std::string_view query) {
    if (join_next) throw SyntaxError{"OR without a word after it"};
    if (require_next) throw SyntaxError{"AND without a word after it"};
    if (exclude_next) throw SyntaxError{"NOT without a word after it"};
    return merge_runs(query, std::move(clauses), adjacent);
  }
};

/// Groups items into clauses, one level of parentheses at a time: NOT excludes the next term, OR binds
/// the terms on each side into one clause, AND makes the clauses on each side required; then adjacent
/// plain words merge.
class Assembler {
 public:
  Assembler(std::string_view query, const std::vector<Item>& items) : query_(query), items_(items) {}

  ParsedQuery run() {
    out_.clauses = level(0);
    if (auto warning = empty_range_warning(out_)) out_.warnings.push_back(std::move(*warning));
    return std::move(out_);
  }

 private:
  /// The clauses up to the `)` closing this level (depth > 0) or the end of the query.
  std::vector<Clause> level(int depth) {
    // Bounds the recursion here and in the query builder, whatever the query.
    constexpr int kMaxDepth = 8;
    if (depth > kMaxDepth) throw SyntaxError{"parentheses nested too deep"};
    Level level;
    while (pos_ < items_.size()) {
      const Item& item = items_[pos_++];
      if (item.kind == ItemKind::kClose) return level.finish(query_);
      if (item.kind == ItemKind::kOpen) {
        level.add(group(item, depth + 1));
      } else if (item.kind != ItemKind::kTerm) {
        level.take_operator(item.kind);
      } else {
        term(item, depth, level);
      }
    }
    if (depth > 0) throw SyntaxError{"unbalanced parenthesis"};
    return level.finish(query_);
  }

  void term(Item item, int depth, Level& level);
  Clause group(const Item& open, int depth);

  std::string_view query_;
  const std::vector<Item>& items_;
  std::size_t pos_ = 0;
  ParsedQuery out_;
};

void Assembler::term(Item item, int depth, Level& level) {
  item.excluded =
      item.excluded || (level.exclude_next && item.field != FieldName::kNone && item.field != FieldName::kTitle);
  if (apply_constraint(item, out_)) {
    if (depth > 0) throw SyntaxError{"filter inside parentheses"};
    level.exclude_next = false;
    return level.take_constraint();
  }
  if (!item.unknown_field.empty()) {
    std::string warning = "unknown field '" + std::string(item.unknown_field) +
                          "' (title, source, category, province, tag, date): searched as words";
    if (std::ranges::find(out_.warnings, warning) == out_.warnings.end()) out_.warnings.push_back(std::move(warning));
  }
  Atom atom = item.atom;
  if (item.field == FieldName::kTitle) atom.field = Field::kTitle;
  level.add({{std::move(atom)}, item.excluded, false});
}

/// A group of one clause that nothing excludes is that clause: `(تهران OR اصفهان) مجلس` is
/// `تهران OR اصفهان مجلس`, and `(ره)` stays a word.
Clause Assembler::group(const Item& open, int depth) {
  std::vector<Clause> clauses = level(depth);
  if (clauses.empty()) throw SyntaxError{"empty parentheses"};
  if (clauses.size() == 1 && !clauses[0].excluded) {
    Clause only = std::move(clauses[0]);
    only.excluded = open.excluded;
    return only;
  }
  Atom atom{"", false, Field::kAny, open.atom.offset, false, std::move(clauses)};
  return {{std::move(atom)}, open.excluded, false};
}

/// Plain words: the query with quotes, standalone operators and leading '-' blanked out byte for
/// byte, so offsets into the query stay valid.
ParsedQuery fallback(std::string_view query, const std::string& reason) {
  std::string text(query);
  std::ranges::replace_if(
      text, [](char c) { return c == '(' || c == ')'; }, ' ');
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
    if (word == "OR" || word == "یا" || word == "AND" || word == "NOT" || word.find_first_not_of('-') == word.npos) {
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
    out.clauses.push_back(
        {{Atom{text.substr(begin, end - begin), false, Field::kAny, begin, false, {}}}, false, false});
  }
  out.warnings.push_back("syntax error (" + reason + "): searched as plain words");
  return out;
}

}  // namespace

ParsedQuery parse_query(std::string_view query) {
  try {
    return Assembler(query, lex(query)).run();
  } catch (const SyntaxError& error) {
    return fallback(query, error.message);
  }
}

}  // namespace kavosh::search
