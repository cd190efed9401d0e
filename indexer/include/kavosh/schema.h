// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The contract between kavosh-index and kavosh-search: term prefixes, value slots, metadata keys.
#pragma once
#include <string_view>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::schema {

/// Bumped when the database layout changes (prefixes, slots, positions); stored beside the analyzer version.
inline constexpr int kSchemaVersion = 1;

// Terms. Title and body words are indexed together (unprefixed surface, `Z` stem) and the title again
// on its own (`S` surface, `ZS` stem) for `title:` queries. Surface and stem terms share positions.
inline constexpr std::string_view kStemPrefix = "Z";         ///< stem of a word, any field
inline constexpr std::string_view kTitlePrefix = "S";        ///< title surface form
inline constexpr std::string_view kTitleStemPrefix = "ZS";   ///< title stem
inline constexpr std::string_view kIdPrefix = "Q";           ///< unique id term: Q + id
inline constexpr std::string_view kSourcePrefix = "XS";      ///< filter: normalized source
inline constexpr std::string_view kCategoryPrefix = "XC";    ///< filter: normalized category
inline constexpr std::string_view kProvincePrefix = "XP";    ///< filter: normalized province
inline constexpr std::string_view kTagPrefix = "K";          ///< filter: normalized tag
inline constexpr std::string_view kYearPrefix = "XY";        ///< filter: Jalali year, `XY1402`
inline constexpr std::string_view kYearMonthPrefix = "XM";   ///< filter: Jalali year-month, `XM140212`

/// Title words are counted this many times in the combined field, so title matches rank above body ones.
inline constexpr unsigned kTitleWdf = 3;
/// The body's first position is the title's last + this gap, so no phrase spans title and body.
inline constexpr unsigned kFieldPositionGap = 100;

// Values.
inline constexpr unsigned kDateSlot = 0;        ///< ISO date `2024-03-01` (sorts as text); empty if none
inline constexpr unsigned kSourceSlot = 1;      ///< source as written in the record
inline constexpr unsigned kJalaliDateSlot = 2;  ///< Jalali date `1402/12/11`

// Document data: the record as received (JSON, unknown fields kept).

// Metadata keys.
inline constexpr std::string_view kAnalyzerVersionKey = "kavosh.analyzer_version";
inline constexpr std::string_view kSchemaVersionKey = "kavosh.schema_version";

}  // namespace kavosh::schema
