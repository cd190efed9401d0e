// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The query language, parsed into clauses before any analysis.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::search {

/// A query word the index does not hold (or holds far more rarely than its written form), also searched
/// in the written form the user likely meant (analysis::InformalSpelling): `امد` → `آمد`. Results list
/// them so a reader knows what was searched.
struct WrittenReading {
  std::string typed;    ///< the query word, normalized
  std::string written;  ///< the written form searched as well
};

/// Where an atom is searched.
enum class Field : unsigned char { kAny, kTitle };

struct Clause;

/// A piece of query text to analyze: free words or a quoted phrase; or a parenthesized group.
struct Atom {
  std::string text;  ///< as typed (a words atom may hold several words: the analyzer needs them together
                     ///< to re-attach a half-space written as a space, `می شود`)
  bool phrase = false;
  Field field = Field::kAny;
  std::size_t offset = 0;  ///< byte offset of `text` in the query, for "did you mean"
  /// The word was typed with a trailing `*` (not part of `text`): its last word is a prefix.
  bool prefix = false;
  /// A group `( … )` holding an operator: its clauses, every one of which must match (`text` is empty).
  std::vector<Clause> group;
};

/// Atoms joined by OR/یا (one atom when there is no OR). A clause is excluded with a leading `-` or
/// `NOT`, and required when AND stands next to it.
struct Clause {
  std::vector<Atom> alternatives;
  bool excluded = false;
  bool required = false;
};

/// Boolean filter fields (`source:`/`منبع:` …); values are matched after normalization.
enum class FilterField : unsigned char { kSource, kCategory, kProvince, kTag };

struct Filter {
  FilterField field = FilterField::kSource;
  std::string value;
};

/// The parse of a query string. Never fails: a syntax error yields plain words and a warning.
struct ParsedQuery {
  std::vector<Clause> clauses;
  std::vector<Filter> filters;
  std::optional<std::string> date_from;  ///< inclusive ISO date `2023-03-21`
  std::optional<std::string> date_to;    ///< inclusive ISO date
  std::optional<std::string> story;      ///< `story:ID`: only the copies of this story (the last one given)
  std::vector<std::string> warnings;     ///< one line each, English
};

/// Parses the query language (docs/query-language.md): words; "phrase" and «phrase» (also “phrase”);
/// `OR`/`یا` between words; `AND` between words (both required); `-word`/`-"phrase"` and `NOT word`
/// exclude; parentheses group (inside them every clause must match); `title:`/`عنوان:` (word or phrase); `source:`/`منبع:`,
/// `category:`/`دسته:`, `province:`/`استان:`, `tag:`/`برچسب:` filters (quote values with spaces); `date:A..B`/`تاریخ:`
/// with Jalali or ISO dates in any digits, a year (`1402`) or a month (`1402/12`), open ends allowed;
/// `story:ID` (the copies of one story, kavosh/schema.h kStorySlot).
/// Unbalanced quotes, a dangling OR or `-`, an empty field value: the whole query falls back to plain
/// words (operators and quotes dropped) with a warning. An unreadable date drops only the date, with a warning.
ParsedQuery parse_query(std::string_view query);

/// One line showing the parse, for golden tables: `words(a b) or(words(c)|phrase(d e)) -words(f)
/// +words(g) group(words(h) -words(i)) title:phrase(j) source=k date=2023-03-21..2024-03-19 story=a001
/// !unbalanced-quote` (`+`: required).
std::string render(const ParsedQuery& query);

/// Reads one date bound as a user writes it: a full date (parse_date's forms) or a Jalali year or
/// year-month in any digits. The lower bound is the first day of a year/month, the upper its last.
/// Returns the ISO date, or nullopt.
std::optional<std::string> parse_date_bound(std::string_view text, bool upper);

/// The warning of a date range no date lies in (`from` after `to`), or nullopt.
std::optional<std::string> empty_range_warning(const ParsedQuery& query);

}  // namespace kavosh::search
