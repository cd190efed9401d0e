// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <string>
#include <string_view>

namespace kavosh::analysis {

/// Lexicon-guarded Persian stemmer (DESIGN.md §4). Input is one normalized word; a U+200C inside it
/// marks a half-space boundary and is taken as a sure affix joint. Output is the stem, without ZWNJ.
/// Policies, in the order tried:
/// - protected names and places (`تهران`, `سلیمانی`, `پزشکیان`) and words too short are kept;
/// - plurals from tables: Arabic broken plurals (`اخبار`→`خبر`, `آرا`→`رای`) and the sound `ات` plurals
///   whose singular the word list cannot choose (`مشکلات`→`مشکل`, `عملیات` kept);
/// - verbs: prefixes `می نمی ن ب`, personal endings, participle `ه`, infinitive `ن`, perfect endings;
///   the stem found is mapped to the verb's past stem (`می‌گیرد`→`گرفت`) through a table of verbs;
///   a past stem that begins like a prefix reads first (`نشسته`→`نشست`); the copula has no participle
///   (`هسته` stays);
/// - nominals, peeled outside-in: clitic (`م ت ش مان تان شان`), ezafe/indefinite (`ی ای یی`),
///   comparative (`تر ترین`), plural (`ها`, `ان یان`, `گان`→`ه`, `ات جات`);
///   a strip is accepted only when the base is a lexicon word attested with that suffix class,
///   and a word that is itself a lexicon base is never stripped (`حرم`, `بستر`, `رایگان` stay);
/// - last, spellings of one word that normalization leaves apart end in one stem (`مسوول`→`مسیول`).
/// Thread-safe; the tables load once, on first use.
class PersianStemmer {
 public:
  std::string stem(std::string_view word) const;
};

}  // namespace kavosh::analysis
