// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "kavosh/search/query_builder.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <set>

#include "kavosh/analysis/informal_spelling.h"
#include "kavosh/analysis/loose_readings.h"
#include "kavosh/schema.h"
#include "kavosh/search/ranking.h"
#include "word_query.h"

namespace kavosh::search {
namespace {

using detail::QueryWord;
using detail::TermPrefixes;
using Q = Xapian::Query;

struct AnalyzedClause;

struct AnalyzedAtom {
  const Atom* atom = nullptr;
  std::vector<QueryWord> words;
  std::vector<AnalyzedClause> group;  ///< a parenthesized group's clauses
};

struct AnalyzedClause {
  bool excluded = false;
  bool required = false;
  std::vector<AnalyzedAtom> alternatives;
};

/// Whether an atom holds a word that is not a stopword (in a group, in any of its clauses).
bool has_content(const AnalyzedAtom& atom) {
  return std::ranges::any_of(atom.words, [](const QueryWord& w) { return !w.token.stopword; }) ||
         std::ranges::any_of(atom.group,
                             [](const AnalyzedClause& c) { return std::ranges::any_of(c.alternatives, has_content); });
}

Q combine(Q::op op, const std::vector<Q>& queries) {
  if (queries.size() == 1) return queries.front();
  return Q(op, queries.begin(), queries.end());
}

Q scaled(const Q& query, double factor) { return Q(Q::OP_SCALE_WEIGHT, query, factor); }

/// A word made by joining two query words; its own stem is itself (no stemmer call for an unseen form).
QueryWord joined_word(const std::string& text, const analysis::PersianStemmer& stemmer) {
  QueryWord word;
  word.token.text = text;
  word.token.stem = text;
  detail::check_stem(word, stemmer);
  return word;
}

/// A word that may be read otherwise: a whole word typed in full (no number, compound or partial prefix).
bool plain_word(const QueryWord& word) {
  return word.token.kind == analysis::TokenKind::kWord && word.parts.empty() && !word.prefix;
}

/// The state of one build: analyzed clauses in, units, boosts and exclusions out.
class Build {
 public:
  Build(const analysis::Analyzer& analyzer, const Xapian::Database& database, const SynonymMap* synonyms)
      : analyzer_(analyzer), database_(database), synonyms_(synonyms) {}

  BuiltQuery run(const ParsedQuery& parsed, bool partial);

 private:
  std::vector<AnalyzedClause> analyze(const ParsedQuery& parsed, bool partial);
  std::vector<AnalyzedClause> analyze_clauses(const std::vector<Clause>& clauses, std::size_t& budget);
  void mark_star(QueryWord& word);
  void warn_once(std::string warning);
  void add_clause(const AnalyzedClause& clause);
  void add_units(const AnalyzedClause& clause);
  Q group_query(const std::vector<AnalyzedClause>& clauses);
  void add_words(const AnalyzedAtom& atom);
  Q alternative_query(const AnalyzedAtom& atom);
  std::vector<QueryWord> searched_words(const AnalyzedAtom& atom) const;
  std::vector<Q> synonyms(const std::string& key, double idf_of_key);
  std::vector<std::string> synonyms_of(const std::string& key) const;
  double idf(Xapian::doccount frequency) const;
  double idf(const std::vector<QueryWord>& words, bool phrase) const;
  std::vector<Q> split_alternatives(const QueryWord& word);
  std::vector<std::string> written_form(const QueryWord& word);
  std::vector<std::vector<std::string>> other_spellings(const std::vector<QueryWord>& words);
  std::vector<Q> readings(const QueryWord& word);
  void add_reading(const QueryWord& word, const std::optional<std::string>& reading, double weight,
                   std::vector<Q>& out);
  std::optional<QueryWord> reading_word(const std::string& reading) const;
  Xapian::doccount frequency(const QueryWord& word) const;
  bool indexed(const QueryWord& word) const { return frequency(word) > 0; }
  std::vector<Q> group_synonyms(const std::vector<QueryWord>& words, std::size_t begin, std::size_t count);
  void note_keys(const QueryWord& word, const Atom& atom, bool spell);
  void note_atom_keys(const AnalyzedAtom& atom);
  void note_surface(const std::string& text);
  void note_phrase(const std::vector<std::string>& surfaces);
  Q matching_query() const;
  std::vector<Q> boosts() const;
  Q filters(const ParsedQuery& parsed) const;

  const analysis::Analyzer& analyzer_;
  const Xapian::Database& database_;
  const SynonymMap* synonyms_;
  bool keep_stopwords_ = false;
  /// One per query word (or group of words with a synonym): `query` is OR'ed with the others, `core` (the
  /// word's forms alone, no bonus or reading) goes into the coordination AND, which so reads half as
  /// many posting lists.
  struct Unit {
    Q query;
    Q core;
  };
  std::vector<Unit> units_;
  std::vector<Q> excluded_;
  std::vector<Q> required_;                   // clauses joined by AND: each must match
  std::vector<QueryWord> free_words_;         // plain words of the combined field, for the boosts
  std::vector<QueryWord> dropped_stopwords_;  // stopwords left out of free_words_, for the stopword boost
  BuiltQuery out_;
};

/// Each atom's words through the analyzer, at most `budget` words in all (what is cut is said once).
std::vector<AnalyzedClause> Build::analyze_clauses(const std::vector<Clause>& clauses, std::size_t& budget) {
  std::vector<AnalyzedClause> out;
  for (const Clause& clause : clauses) {
    AnalyzedClause& analyzed = out.emplace_back(AnalyzedClause{clause.excluded, clause.required, {}});
    for (const Atom& atom : clause.alternatives) {
      if (!atom.group.empty()) {
        analyzed.alternatives.push_back({&atom, {}, analyze_clauses(atom.group, budget)});
        continue;
      }
      std::vector<QueryWord> words = detail::group_words(analyzer_.analyze(atom.text), analyzer_.stemmer());
      std::erase_if(words, [](const QueryWord& w) { return w.token.text.size() + 2 > schema::kMaxTermBytes; });
      if (words.size() > budget) {
        words.resize(budget);
        warn_once("query too long: only its first " + std::to_string(ranking::kMaxWords) + " words are searched");
      }
      budget -= words.size();
      if (atom.prefix && !words.empty()) mark_star(words.back());
      analyzed.alternatives.push_back({&atom, std::move(words), {}});
    }
  }
  return out;
}

/// Adds a warning unless the query has it already (however many words or atoms it concerns).
void Build::warn_once(std::string warning) {
  if (std::ranges::find(out_.warnings, warning) == out_.warnings.end()) out_.warnings.push_back(std::move(warning));
}

/// A word typed with `*` is a prefix only; one that more than kPrefixExpansion index words start with
/// (`ا*`) is searched as its most frequent completions, with a warning.
void Build::mark_star(QueryWord& word) {
  word.prefix = word.star = true;
  const std::string& prefix = word.token.text;
  unsigned count = 0;
  for (auto it = database_.allterms_begin(prefix); it != database_.allterms_end(prefix); ++it) {
    if (++count > ranking::kPrefixExpansion) {
      return warn_once("'" + prefix + "*' starts more than " + std::to_string(ranking::kPrefixExpansion) +
                       " words: only the most frequent are searched");
    }
  }
}

std::vector<AnalyzedClause> Build::analyze(const ParsedQuery& parsed, bool partial) {
  std::size_t budget = ranking::kMaxWords;
  std::vector<AnalyzedClause> clauses = analyze_clauses(parsed.clauses, budget);
  const AnalyzedClause* last = clauses.empty() ? nullptr : &clauses.back();
  if (partial && last && !last->excluded && last->alternatives.size() == 1 && !last->alternatives[0].atom->phrase &&
      !last->alternatives[0].words.empty()) {
    clauses.back().alternatives[0].words.back().prefix = true;
  }
  keep_stopwords_ = std::ranges::none_of(
      clauses, [](const AnalyzedClause& c) { return c.excluded || std::ranges::any_of(c.alternatives, has_content); });
  return clauses;
}

/// The words of a plain-words atom that are searched: stopwords go unless the query is only stopwords
/// (a word being typed, the partial prefix, always stays).
std::vector<QueryWord> Build::searched_words(const AnalyzedAtom& atom) const {
  std::vector<QueryWord> words;
  for (const QueryWord& word : atom.words) {
    if (atom.atom->phrase || keep_stopwords_ || word.prefix || !word.token.stopword) words.push_back(word);
  }
  return words;
}

/// A word's keys. Its stem's terms hold the positions of all its forms, the surface's included (one
/// analyzer): `Z`stem, and the stem itself when that is a word of its own (word_query()).
void Build::note_keys(const QueryWord& word, const Atom& atom, bool spell) {
  out_.keys.surfaces.insert(word.token.text);
  out_.keys.stems.insert(word.token.stem);
  out_.keys.position_terms.insert(std::string(schema::kStemPrefix) + word.token.stem);
  if (word.stem_is_word) out_.keys.position_terms.insert(word.token.stem);
  std::vector<std::string> parts;
  for (const analysis::Token& part : word.parts) parts.push_back(part.text);
  note_phrase(parts);
  if (word.prefix) out_.keys.prefixes.push_back(word.token.text);
  if (spell && word.token.kind == analysis::TokenKind::kWord && !word.prefix) {  // a prefix is no typo
    out_.words.push_back({word.token.text, detail::stem_terms(word, detail::prefixes_for(Field::kAny)),
                          atom.offset + word.token.span.begin, atom.offset + word.token.span.end});
  }
}

/// The keys of an alternative of an OR clause: a phrase's words match only as the phrase does.
void Build::note_atom_keys(const AnalyzedAtom& atom) {
  for (const AnalyzedClause& clause : atom.group) {
    if (clause.excluded) continue;
    for (const AnalyzedAtom& alternative : clause.alternatives) note_atom_keys(alternative);
  }
  const std::vector<QueryWord> words = searched_words(atom);
  if (!atom.atom->phrase) {
    for (const QueryWord& word : words) note_keys(word, *atom.atom, true);
    return;
  }
  const detail::PhraseSpellings spellings = detail::phrase_spellings(words);
  note_phrase(spellings.joined);
  note_phrase(spellings.split);
}

/// A surface matched as such (a joined form, a written form, a synonym of one word).
void Build::note_surface(const std::string& text) {
  out_.keys.surfaces.insert(text);
  out_.keys.position_terms.insert(text);
}

/// Surfaces matched only side by side (a compound's parts, a split, a phrase): highlighting them one by
/// one would light up `بر` all over a text for a split of `برتر`.
void Build::note_phrase(const std::vector<std::string>& surfaces) {
  if (surfaces.empty()) return;
  if (surfaces.size() == 1) return note_surface(surfaces.front());
  out_.keys.phrases.insert(surfaces);
  out_.keys.position_terms.insert(surfaces.begin(), surfaces.end());
}

/// BM25's inverse document frequency as Xapian's BM25Weight computes it (no relevance set).
double Build::idf(Xapian::doccount frequency) const {
  const double documents = database_.get_doccount();
  double ratio = (documents - frequency + 0.5) / (frequency + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio);
}

/// The IDF a query of `words` weighs by: the sum of its words' (a word's forms are one term, a phrase
/// weighs the sum of its surface terms).
double Build::idf(const std::vector<QueryWord>& words, bool phrase) const {
  double sum = 0;
  for (const QueryWord& word : words) sum += idf(phrase ? database_.get_termfreq(word.token.text) : frequency(word));
  return sum;
}

/// The synonyms of `key` (one word or words joined by a space), each capped below the key: a document
/// holding only a synonym never outranks one holding the key. BM25 gives a query of IDF `i` at most
/// i·(k1+1) (its terms saturated, in the shortest document), and a single occurrence of the key at least
/// idf(key)·(k1+1) / (k1·(b·L + 1 − b) + 1), L the longest document's length over the average; the
/// synonym is scaled to kSynonymWeight of the ratio of the two when that is below 1 (a rare synonym,
/// `پارلمان` for `مجلس`, or a long document in the collection), else to kSynonymWeight.
std::vector<Q> Build::synonyms(const std::string& key, double idf_of_key) {
  std::vector<Q> out;
  const double average = std::max(database_.get_avlength(), 1.0);
  const double longest = std::max<double>(database_.get_doclength_upper_bound(), 1.0) / average;
  const double longest_saturation = ranking::kK1 * (ranking::kB * longest + 1 - ranking::kB) + 1;
  try {
    for (const std::string& entry : synonyms_of(key)) {
      AnalyzedAtom synonym{nullptr, detail::group_words(analyzer_.analyze(entry), analyzer_.stemmer()), {}};
      if (synonym.words.empty()) continue;
      note_phrase(detail::phrase_spellings(synonym.words).joined);
      const bool phrase = synonym.words.size() > 1;
      const double ratio = idf_of_key / (idf(synonym.words, phrase) * longest_saturation);
      const double factor = ranking::kSynonymWeight * std::min(1.0, ratio);
      out.push_back(scaled(phrase ? detail::phrase_query(synonym.words, detail::prefixes_for(Field::kAny))
                                  : detail::word_query(synonym.words[0], detail::prefixes_for(Field::kAny)),
                           factor));
    }
  } catch (const Xapian::UnimplementedError&) {
    // A backend without a synonym table (a remote shard of an old server): search without synonyms.
  }
  return out;
}

/// The synonyms of `key`: from the table the builder was given, else from the database's synonym table.
std::vector<std::string> Build::synonyms_of(const std::string& key) const {
  if (synonyms_ == nullptr) return {database_.synonyms_begin(key), database_.synonyms_end(key)};
  const auto it = synonyms_->find(key);
  return it == synonyms_->end() ? std::vector<std::string>{} : it->second;
}

/// Two words typed without a space (`مجلسخبرگان`) or a compound typed closed (`جمهوریخواه`) also find
/// their spaced spelling, each split into two content words the index holds (detail::two_word_splits()):
/// a word the index never saw is most likely two words typed together, so its halves are looked for as
/// words (AND, with a bonus where they stand side by side); a word it holds, though rarely, is a word of
/// its own (`خدمتکار` is no خدمت + کار), found apart only as PHRASE(left, right), as is a split with a
/// half of under 3 letters. A word the index holds in kSplitFewDocs documents or more (and
/// kSplitRareFraction of them) is not split at all: `کارشناس` is not looked for as `کار شناس`.
std::vector<Q> Build::split_alternatives(const QueryWord& word) {
  constexpr Xapian::doccount kSplitFewDocs = 20;
  constexpr double kSplitRareFraction = 0.001;
  std::vector<Q> out;
  if (word.token.kind != analysis::TokenKind::kWord || !word.parts.empty() || word.prefix) return out;
  const Xapian::doccount own = frequency(word);
  if (own >= kSplitFewDocs &&
      static_cast<double>(own) >= kSplitRareFraction * static_cast<double>(database_.get_doccount())) {
    return out;
  }
  for (const detail::WordSplit& split : detail::two_word_splits(database_, word.token.text)) {
    const Q phrase(Q::OP_PHRASE, Q(split.left), Q(split.right));
    if (!split.as_words || own > 0) {
      note_phrase({split.left, split.right});
      out.push_back(phrase);
      continue;
    }
    note_surface(split.left);
    note_surface(split.right);
    out.emplace_back(Q::OP_AND_MAYBE, Q(Q::OP_AND, Q(split.left), Q(split.right)), phrase);
  }
  return out;
}

/// The number of documents holding the word in a form its word query matches (surface, `Z`stem or
/// stem): the largest of those terms' counts.
Xapian::doccount Build::frequency(const QueryWord& word) const {
  Xapian::doccount count = std::max(database_.get_termfreq(word.token.text),
                                    database_.get_termfreq(std::string(schema::kStemPrefix) + word.token.stem));
  if (word.stem_is_word) count = std::max(count, database_.get_termfreq(word.token.stem));
  return count;
}

/// A reading of a query word as a query word of its own: one content word, or none.
std::optional<QueryWord> Build::reading_word(const std::string& reading) const {
  std::vector<QueryWord> words = detail::group_words(analyzer_.analyze(reading), analyzer_.stemmer());
  if (words.size() != 1 || words[0].token.stopword) return std::nullopt;
  return std::move(words[0]);
}

/// A word typed informally (`امد`, `میگن`, `خوبه`) is also the first of its written spellings
/// (analysis::InformalSpelling) that the index holds in kReadingFrequencyRatio times as many documents
/// as the word itself (the word is mostly absent), as a content word: its forms, to join the word's own.
std::vector<std::string> Build::written_form(const QueryWord& word) {
  if (!plain_word(word)) return {};
  const double own = frequency(word);
  if (own * ranking::kReadingFrequencyRatio > database_.get_doccount()) return {};
  for (const std::string& candidate : analysis::InformalSpelling::candidates(word.token.text)) {
    const std::optional<QueryWord> written = reading_word(candidate);
    if (!written) continue;
    const double theirs = frequency(*written);
    if (theirs == 0 || theirs < own * ranking::kReadingFrequencyRatio) continue;
    note_keys(*written, Atom{}, false);
    out_.readings.push_back({word.token.text, written->token.text});
    return detail::stem_terms(*written, detail::prefixes_for(Field::kAny));
  }
  return {};
}

/// `reading` of `word` (analysis::LooseReadings) as a query of `weight`, into `out`: when the index holds
/// it under a stem other than the word's.
void Build::add_reading(const QueryWord& word, const std::optional<std::string>& reading, double weight,
                        std::vector<Q>& out) {
  if (!reading || !plain_word(word)) return;
  const std::optional<QueryWord> read = reading_word(*reading);
  if (!read || read->token.stem == word.token.stem || !indexed(*read)) return;
  note_keys(*read, Atom{}, false);
  out.push_back(scaled(detail::forms_query(*read, detail::prefixes_for(Field::kAny)), weight));
}

/// Other lexemes a word may stand for, each at a weight below the word's own, OR'ed beside it (OP_MAX,
/// which would count only the best, crashes Xapian 1.4.22 in this query shape): a synonym from the
/// database's table, its splits into two words, an infinitive's verb, the word without or with a bare `ی`.
std::vector<Q> Build::readings(const QueryWord& word) {
  std::vector<Q> out;
  if (!plain_word(word)) return out;
  std::ranges::move(synonyms(word.token.text, idf({word}, false)), std::back_inserter(out));
  for (Q& split : split_alternatives(word)) out.push_back(std::move(split));
  add_reading(word, analysis::LooseReadings::verb_of_infinitive(word.token.text), ranking::kInfinitiveVerbWeight, out);
  add_reading(word, analysis::LooseReadings::without_yeh(word.token.text), ranking::kWithoutYehWeight, out);
  add_reading(word, analysis::LooseReadings::with_yeh(word.token.text), ranking::kWithYehWeight, out);
  return out;
}

/// The same words written otherwise, to join each word's OP_SYNONYM: its written form, and the joined
/// spelling of two neighbours when the index holds it (`جمهوری خواه` finds `جمهوریخواه`), which then
/// counts as an occurrence of each of the two words, weighted as they are, not by its own rarity.
std::vector<std::vector<std::string>> Build::other_spellings(const std::vector<QueryWord>& words) {
  std::vector<std::vector<std::string>> forms(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::ranges::move(written_form(words[i]), std::back_inserter(forms[i]));
    if (i + 1 == words.size() || !words[i].parts.empty() || !words[i + 1].parts.empty() || words[i + 1].prefix) {
      continue;
    }
    const std::string joined = words[i].token.text + words[i + 1].token.text;
    if (!database_.term_exists(joined)) continue;
    note_surface(joined);
    for (const std::string& term :
         detail::stem_terms(joined_word(joined, analyzer_.stemmer()), detail::prefixes_for(Field::kAny))) {
      forms[i].push_back(term);
      forms[i + 1].push_back(term);
    }
  }
  return forms;
}

/// Synonyms of `count` consecutive words taken together (keys are normalized words joined by a space).
std::vector<Q> Build::group_synonyms(const std::vector<QueryWord>& words, std::size_t begin, std::size_t count) {
  std::string key;
  for (std::size_t i = begin; i < begin + count; ++i) {
    if (!words[i].parts.empty() || words[i].prefix) return {};
    key += (key.empty() ? "" : " ") + words[i].token.text;
  }
  const std::vector<QueryWord> group(words.begin() + static_cast<std::ptrdiff_t>(begin),
                                     words.begin() + static_cast<std::ptrdiff_t>(begin + count));
  return synonyms(key, idf(group, false));
}

/// One unit per word: the word's forms as one term (word_query()), OR'ed with its readings of lower
/// weight; a group of 2–3 words with a synonym of its own is one unit, the words OR'ed with the synonym.
void Build::add_words(const AnalyzedAtom& atom) {
  const std::vector<QueryWord> words = searched_words(atom);
  const TermPrefixes prefixes = detail::prefixes_for(atom.atom->field);
  const bool any_field = atom.atom->field == Field::kAny;
  for (const QueryWord& word : words) note_keys(word, *atom.atom, true);
  if (any_field) {
    free_words_.insert(free_words_.end(), words.begin(), words.end());
    if (words.size() < atom.words.size()) {
      std::ranges::copy_if(atom.words, std::back_inserter(dropped_stopwords_),
                           [](const QueryWord& w) { return w.token.stopword && !w.prefix; });
    }
  }
  const std::vector<std::vector<std::string>> forms =
      any_field ? other_spellings(words) : std::vector<std::vector<std::string>>(words.size());
  for (std::size_t i = 0; i < words.size();) {
    std::size_t count = 1;
    std::vector<Q> group;
    for (std::size_t n = std::min<std::size_t>(3, words.size() - i); any_field && n >= 2 && group.empty(); --n) {
      group = group_synonyms(words, i, n);
      count = group.empty() ? 1 : n;
    }
    std::vector<Q> each;
    std::vector<Q> cores;
    for (std::size_t k = i; k < i + count; ++k) {
      std::vector<Q> best{detail::word_query(words[k], prefixes, forms[k])};
      const bool simple = words[k].parts.empty() && !words[k].prefix;
      cores.push_back(simple ? detail::forms_query(words[k], prefixes, forms[k]) : best.front());
      if (any_field && count == 1) std::ranges::move(readings(words[k]), std::back_inserter(best));
      each.push_back(combine(Q::OP_OR, best));
    }
    Q unit = combine(Q::OP_OR, each);
    Q core = combine(Q::OP_OR, cores);
    if (!group.empty()) {
      const Q synonym = combine(Q::OP_OR, group);
      unit = Q(Q::OP_OR, unit, synonym);
      core = Q(Q::OP_OR, core, synonym);
    }
    units_.push_back({unit, core});
    i += count;
  }
}

/// One alternative of an OR clause (or an excluded clause): a phrase, all its words, or a group.
Q Build::alternative_query(const AnalyzedAtom& atom) {
  if (!atom.group.empty()) return group_query(atom.group);
  const TermPrefixes prefixes = detail::prefixes_for(atom.atom->field);
  const std::vector<QueryWord> words = searched_words(atom);
  if (atom.atom->phrase) return detail::phrase_query(words, prefixes);
  std::vector<Q> each;
  each.reserve(words.size());
  for (const QueryWord& word : words) each.push_back(detail::word_query(word, prefixes));
  return each.empty() ? Q() : combine(Q::OP_AND, each);
}

/// A group's clauses all match (its excluded ones do not); each is one of its alternatives.
Q Build::group_query(const std::vector<AnalyzedClause>& clauses) {
  std::vector<Q> required;
  std::vector<Q> excluded;
  for (const AnalyzedClause& clause : clauses) {
    std::vector<Q> alternatives;
    for (const AnalyzedAtom& atom : clause.alternatives) {
      if (Q query = alternative_query(atom); !query.empty()) alternatives.push_back(query);
    }
    if (!alternatives.empty()) (clause.excluded ? excluded : required).push_back(combine(Q::OP_OR, alternatives));
  }
  if (required.empty() && excluded.empty()) return Q();
  const Q query = required.empty() ? Q::MatchAll : combine(Q::OP_AND, required);
  return excluded.empty() ? query : Q(Q::OP_AND_NOT, query, combine(Q::OP_OR, excluded));
}

/// A clause's units; a required clause's units must also match, each (a required word matches as it
/// does alone: its forms or a reading).
void Build::add_clause(const AnalyzedClause& clause) {
  const std::size_t first = units_.size();
  add_units(clause);
  if (!clause.required || clause.excluded) return;
  for (std::size_t k = first; k < units_.size(); ++k) required_.push_back(units_[k].query);
}

void Build::add_units(const AnalyzedClause& clause) {
  const bool single = clause.alternatives.size() == 1;
  const AnalyzedAtom& first = clause.alternatives[0];
  if (!clause.excluded && single && !first.atom->phrase && first.group.empty()) return add_words(first);
  std::vector<Q> alternatives;
  for (const AnalyzedAtom& atom : clause.alternatives) {
    if (!clause.excluded) note_atom_keys(atom);
    if (Q query = alternative_query(atom); !query.empty()) alternatives.push_back(query);
  }
  if (alternatives.empty()) return;
  const Q query = combine(Q::OP_OR, alternatives);
  if (clause.excluded) {
    excluded_.push_back(query);
  } else {
    units_.push_back({query, query});
  }
}

/// OR of the units, and for two or more the AND of the units at kCoordinationBonus: a document holding
/// every word earns a share more of its own words' weight, graded by their evidence, not set above all.
Q Build::matching_query() const {
  std::vector<Q> queries;
  std::vector<Q> cores;
  for (const Unit& unit : units_) {
    queries.push_back(unit.query);
    cores.push_back(unit.core);
  }
  const Q any = combine(Q::OP_OR, queries);
  if (units_.size() < 2 || ranking::kCoordinationBonus <= 0) return any;
  return Q(Q::OP_OR, any, scaled(combine(Q::OP_AND, cores), ranking::kCoordinationBonus));
}

/// The AND_MAYBE boosts, all of the second pass: the title boost, (for 2+ words) the positional PHRASE
/// and NEAR boosts, and the stopword boost.
std::vector<Q> Build::boosts() const {
  std::vector<Q> boosts;
  std::vector<Q> title;
  for (const QueryWord& word : free_words_) {
    title.emplace_back(std::string(schema::kTitlePrefix) + word.token.text);
  }
  if (!title.empty()) boosts.push_back(scaled(combine(Q::OP_OR, title), ranking::kTitleBoost));
  if (free_words_.size() >= 2) {
    const auto n = static_cast<unsigned>(free_words_.size());
    boosts.push_back(scaled(detail::proximity_query(free_words_, Q::OP_PHRASE, n), ranking::kPhraseBoost));
    boosts.push_back(scaled(detail::proximity_query(free_words_, Q::OP_NEAR, 2 * n + 2), ranking::kNearBoost));
  }
  // Dropped stopwords still tell a little which passage the query was written about (`در` and `برای`
  // in a question, `است` in a quoted sentence): as an optional boost of low weight they order documents
  // that already match, without matching any by themselves nor taking part in the coordination bonus. In
  // the second pass only: a stopword's posting list is most of the collection, read here for the
  // kRescoreWindow documents only. Surface terms only: function words are not inflected, and one
  // posting list per stopword is cheaper than word_query()'s three (same scores, docs/search.md).
  if (!free_words_.empty() && !dropped_stopwords_.empty()) {
    std::vector<Q> stopwords;
    std::set<std::string> seen;  // a stopword said twice weighs once
    for (const QueryWord& word : dropped_stopwords_) {
      if (seen.insert(word.token.text).second) stopwords.emplace_back(word.token.text);
    }
    boosts.push_back(scaled(combine(Q::OP_OR, stopwords), ranking::kStopwordBoost));
  }
  return boosts;
}

Q Build::filters(const ParsedQuery& parsed) const {
  std::vector<Q> fields;
  const std::pair<FilterField, std::string_view> kPrefixes[] = {{FilterField::kSource, schema::kSourcePrefix},
                                                                {FilterField::kCategory, schema::kCategoryPrefix},
                                                                {FilterField::kProvince, schema::kProvincePrefix}};
  for (const auto& [field, prefix] : kPrefixes) {
    std::vector<Q> values;
    for (const Filter& filter : parsed.filters) {
      if (filter.field == field)
        values.emplace_back(std::string(prefix) + schema::filter_key(analyzer_.normalizer(), filter.value));
    }
    if (!values.empty()) fields.push_back(combine(Q::OP_OR, values));
  }
  if (parsed.story) {  // an id too long for a term names no story
    const std::string term = std::string(schema::kStoryPrefix) + *parsed.story;
    fields.push_back(term.size() <= schema::kMaxTermBytes ? Q(term) : Q::MatchNothing);
  }
  const auto slot = schema::kDateSlot;
  if (parsed.date_from && parsed.date_to) {
    fields.emplace_back(Q::OP_VALUE_RANGE, slot, *parsed.date_from, *parsed.date_to);
  } else if (parsed.date_from) {
    fields.emplace_back(Q::OP_VALUE_GE, slot, *parsed.date_from);
  } else if (parsed.date_to) {
    fields.emplace_back(Q::OP_VALUE_LE, slot, *parsed.date_to);
  }
  return fields.empty() ? Q() : combine(Q::OP_AND, fields);
}

BuiltQuery Build::run(const ParsedQuery& parsed, bool partial) {
  for (const AnalyzedClause& clause : analyze(parsed, partial)) add_clause(clause);
  // Dates that leave no day match nothing (Xapian would drop an empty range from the AND, matching all).
  if (empty_range_warning(parsed)) return std::move(out_);
  const Q filter = filters(parsed);
  Q query;
  Q first_pass;
  if (!units_.empty()) {
    query = matching_query();
    if (const std::vector<Q> boosts_of_query = boosts(); !boosts_of_query.empty()) {
      // Every boost waits for the second pass, the title's too: a title term's BM25 bound (its wdf bound
      // over the shortest document) is far above what it weighs in a news article, and a loose bound
      // keeps Xapian's matcher from skipping documents that cannot reach the page (docs/ranking.md).
      first_pass = query;
      query = Q(Q::OP_AND_MAYBE, query, combine(Q::OP_OR, boosts_of_query));
    }
  } else if (!excluded_.empty() || !filter.empty()) {
    query = Q::MatchAll;  // only constraints: every document that passes them, newest first
  }
  const auto constrain = [&](Q& q) {
    if (!q.empty() && !required_.empty()) q = Q(Q::OP_FILTER, q, combine(Q::OP_AND, required_));
    if (!q.empty() && !excluded_.empty()) q = Q(Q::OP_AND_NOT, q, combine(Q::OP_OR, excluded_));
    if (!q.empty() && !filter.empty()) q = Q(Q::OP_FILTER, q, filter);
  };
  constrain(query);
  constrain(first_pass);
  out_.query = query;
  out_.first_pass = first_pass;
  return std::move(out_);
}

}  // namespace

QueryBuilder::QueryBuilder(const analysis::Analyzer& analyzer, const Xapian::Database& database,
                           const SynonymMap* synonyms)
    : analyzer_(analyzer), database_(database), synonyms_(synonyms) {}

BuiltQuery QueryBuilder::build(const ParsedQuery& parsed, bool partial) const {
  return Build(analyzer_, database_, synonyms_).run(parsed, partial);
}

}  // namespace kavosh::search
