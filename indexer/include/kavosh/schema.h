// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The contract between kavosh-index and kavosh-search: term prefixes, value slots, metadata keys.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::schema {

/// Bumped when the database layout changes (prefixes, slots, positions); stored beside the analyzer version.
/// 2: `Z`/`ZS` stem terms only for words whose stem differs from the word; the id in kIdSlot.
/// 3: body position → byte checkpoints in kBodyOffsetsSlot.
/// 4: category, province and tags as written in kCategorySlot, kProvinceSlot, kTagsSlot, for facet counts;
///    the record's content hash in kContentHashSlot, so a record indexed again unchanged is skipped.
/// 5: what a hit shows (id, title, url, source, date) in kHitSlot; near-copies grouped into stories:
///    kStorySlot and `XD` story terms, kSignatureSlot and `XB` band terms.
inline constexpr int kSchemaVersion = 5;

// Terms. Title and body words are indexed together (unprefixed surface, `Z` stem) and the title again
// on its own (`S` surface, `ZS` stem) for `title:` queries. Surface and stem terms share positions.
// A stem term is written only when the stem differs from the surface text (`نمایندگان` → `نمایندگان`
// and `Zنماینده`; `نماینده` → `نماینده` alone), so the documents holding a word of stem `s` are those
// with `Z s` OR surface `s` (title: `ZS s` OR `S s`), at the word's positions: a searcher matches a stem
// as that OR (also inside phrases), for an `s` the stemmer keeps as is (stem(s) = s).
inline constexpr std::string_view kStemPrefix = "Z";        ///< stem of a word, any field
inline constexpr std::string_view kTitlePrefix = "S";       ///< title surface form
inline constexpr std::string_view kTitleStemPrefix = "ZS";  ///< title stem
inline constexpr std::string_view kIdPrefix = "Q";          ///< unique id term: Q + id
inline constexpr std::string_view kSourcePrefix = "XS";     ///< filter: normalized source
inline constexpr std::string_view kCategoryPrefix = "XC";   ///< filter: normalized category
inline constexpr std::string_view kProvincePrefix = "XP";   ///< filter: normalized province
inline constexpr std::string_view kTagPrefix = "K";         ///< filter: normalized tag
inline constexpr std::string_view kYearPrefix = "XY";       ///< filter: Jalali year, `XY1402`
inline constexpr std::string_view kYearMonthPrefix = "XM";  ///< filter: Jalali year-month, `XM140212`
/// The story (near-copy group) a document belongs to: `XD` + the story id (kStorySlot), so the copies of a
/// story are one posting list (`story:` queries, the other sources of a collapsed hit).
inline constexpr std::string_view kStoryPrefix = "XD";
/// LSH band of the body's near-duplicate signature (kavosh/index/stories.h): `XB` + band number (2 digits)
/// + the band's hash (16 hex digits); documents sharing one are candidate near-copies.
inline constexpr std::string_view kBandPrefix = "XB";

/// Xapian refuses longer terms; a word whose term would be longer is not indexed (nor searched).
inline constexpr std::size_t kMaxTermBytes = 245;

/// Title words are counted this many times in the combined field, so title matches rank above body ones.
inline constexpr unsigned kTitleWdf = 3;
/// The body's first position is the title's last + this gap, so no phrase spans title and body.
inline constexpr unsigned kFieldPositionGap = 100;

// Values.
inline constexpr unsigned kDateSlot = 0;        ///< ISO date `2024-03-01` (sorts as text); empty if none
inline constexpr unsigned kSourceSlot = 1;      ///< source as written in the record
inline constexpr unsigned kJalaliDateSlot = 2;  ///< Jalali date `1402/12/11`
/// The record's id (the `Q` term without its prefix): a searcher reads it for many matches at once
/// (values are stored per slot) without loading their data or termlists (schema v2).
inline constexpr unsigned kIdSlot = 3;
/// Body positions → byte offsets of the body (kavosh/body_offsets.h), for snippets (schema v3).
inline constexpr unsigned kBodyOffsetsSlot = 4;
/// Category and province as written in the record (schema v4): facet counts read them with a
/// Xapian::ValueCountMatchSpy, far cheaper than reading each match's termlist for its `XC`/`XP` term.
inline constexpr unsigned kCategorySlot = 5;
inline constexpr unsigned kProvinceSlot = 6;
/// The record's tags as written, one per distinct filter key, joined by kTagSeparator (schema v4).
inline constexpr unsigned kTagsSlot = 7;
inline constexpr char kTagSeparator = '\x1F';
/// 64-bit hash of the record's stored data (the JSON with sorted keys), 16 lower-case hex digits: the
/// indexer skips a record whose id already holds this hash without analyzing it (schema v4).
inline constexpr unsigned kContentHashSlot = 8;
/// What a hit shows besides its snippet (kavosh/hit_fields.h), so a page of hits reads one value
/// stream, not each record's stored article (schema v5).
inline constexpr unsigned kHitSlot = 10;
/// The story id (schema v5): the id of the document that began the group of near-copies it belongs to
/// (its own id when it has no near-copy indexed before it). A searcher collapses on this slot. Set by the
/// writer, which looks for an indexed near-copy through the band terms; a later document joins the story
/// and takes its id, so a story's id never changes as documents are added. (A document rewritten into
/// another story leaves the story named after it to the others, and takes a new story id, `ID~N`.)
inline constexpr unsigned kStorySlot = 9;
/// The body's MinHash signature (kavosh/index/stories.h, encode_signature), to confirm a candidate
/// near-copy found through a shared band term; absent for an empty body (schema v5).
inline constexpr unsigned kSignatureSlot = 11;

// Document data: the record as received (JSON, unknown fields kept).

// Spelling: the spelling table holds every unprefixed word term of 3+ letters that is not a number, one
// count per document (shorter words: an edit distance of 2 would rewrite them into anything). In a sharded
// database the table of shard 0 holds the words of every shard (Xapian reads the spelling tables of all the
// shards of a Database together), so each word's fragments are written once.
// Synonyms: keys and values are synonym_key()s of the entries of the --synonyms file.

// Metadata keys.
inline constexpr std::string_view kAnalyzerVersionKey = "kavosh.analyzer_version";
inline constexpr std::string_view kSchemaVersionKey = "kavosh.schema_version";
/// Where the input stood at this database's last commit (kavosh/index/resume.h): written in the same
/// commit as the documents, so `kavosh-index --resume` reads on from there.
inline constexpr std::string_view kResumeKey = "kavosh.resume";
/// The synonym table again, as text: a line per key, `key<TAB>synonym<TAB>synonym…`, keys and synonyms
/// sorted. Xapian's remote backend serves metadata but no synonym table: a searcher over remote shards
/// reads the synonyms from here. Absent in a database indexed without --synonyms.
inline constexpr std::string_view kSynonymsKey = "kavosh.synonyms";
/// Set when a first build was stopped before grouping the near-copies its partitions wrote apart
/// (kavosh/index/stories.h, regroup_stories); the next writer to open the database groups them.
inline constexpr std::string_view kRegroupKey = "kavosh.regroup";

/// The key of a filter value (source, category, province, tag): normalized, ZWNJ dropped as in word
/// terms, spaces trimmed and collapsed, so `خبرگزاری  ايرنا` and `خبرگزاری ایرنا` filter alike.
/// The term is the prefix + this key; an empty key adds no term.
inline std::string filter_key(const analysis::PersianNormalizer& normalizer, std::string_view value) {
  constexpr std::string_view kZwnj = "\u200C";
  const std::string normalized = normalizer.normalize(value);
  std::string key;
  bool pending_space = false;
  for (std::size_t i = 0; i < normalized.size(); ++i) {
    if (normalized.compare(i, kZwnj.size(), kZwnj) == 0) {
      i += kZwnj.size() - 1;
    } else if (normalized[i] == ' ' || normalized[i] == '\t' || normalized[i] == '\n' || normalized[i] == '\r') {
      pending_space = !key.empty();
    } else {
      if (pending_space) key += ' ';
      pending_space = false;
      key += normalized[i];
    }
  }
  return key;
}

/// The key of a synonym entry: the analyzer's words (joined forms, not compound parts), separated by one
/// space: `مجلس شورای اسلامی`, `ریاستجمهوری` for `ریاست‌جمهوری`, `ریاست جمهوری` for the spaced spelling.
inline std::string synonym_key(const analysis::Analyzer& analyzer, std::string_view entry) {
  std::string key;
  for (const analysis::Token& token : analyzer.analyze(entry)) {
    if (token.part) continue;
    if (!key.empty()) key += ' ';
    key += token.text;
  }
  return key;
}

}  // namespace kavosh::schema
