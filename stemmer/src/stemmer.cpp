#include "kavosh/analysis/stemmer.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "lexicon.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

constexpr std::string_view kZwnj = "\u200C";
constexpr std::size_t kMinStemLetters = 2;

/// One strippable suffix: its text, what replaces it (`گان`→`ه`), and the class its base must have.
struct Suffix {
  std::string_view text;
  std::string_view restore;
  std::uint8_t needs;  // SuffixClass bits, any of which suffices; 0 = none needed
};

// Nominal suffixes in layers, outermost first; within a layer, longest first.
constexpr std::array<Suffix, 9> kCliticSuffixes = {{{"شان", "", kClitic | kPluralHa},
                                            {"تان", "", kClitic | kPluralHa},
                                            {"مان", "", kClitic | kPluralHa},
                                            {"اش", "", kClitic},
                                            {"ام", "", kClitic},
                                            {"ات", "", kClitic},
                                            {"ش", "", kClitic},
                                            {"ت", "", kClitic},
                                            {"م", "", kClitic}}};
// A bare final `ی` is left alone: it is as often derivational (`رقابتی`, `کشوری`: words of their own)
// as it is ezafe or indefinite. It is stripped after a plural (`کتابهای`) or when a ZWNJ marks it.
constexpr std::array<Suffix, 2> kEzafeSuffixes = {{{"هایی", "ها", 0}, {"های", "ها", 0}}};
// Comparatives are attested unevenly in the word list: any lexicon base may take them.
constexpr std::array<Suffix, 2> kComparativeSuffixes = {{{"ترین", "", 0}, {"تر", "", 0}}};
constexpr std::array<Suffix, 7> kPluralSuffixes = {{{"جات", "ه", kPluralHa},
                                           {"گان", "ه", kPluralHa},
                                           {"ها", "", kPluralHa | kPluralAt | kYeh | kClitic},
                                           {"ان", "", kPluralHa},  // before یان: ایرانیان = ایرانی + ان
                                           {"یان", "", kPluralHa},
                                           {"ات", "ه", kPluralAt},  // مقالات = مقاله + ات
                                           {"ات", "", kPluralAt}}};

struct Layer {
  const Suffix* begin;
  const Suffix* end;
};
const std::array<Layer, 4> kLayers = {{{kCliticSuffixes.data(), kCliticSuffixes.data() + kCliticSuffixes.size()},
                                       {kEzafeSuffixes.data(), kEzafeSuffixes.data() + kEzafeSuffixes.size()},
                                       {kComparativeSuffixes.data(), kComparativeSuffixes.data() + kComparativeSuffixes.size()},
                                       {kPluralSuffixes.data(), kPluralSuffixes.data() + kPluralSuffixes.size()}}};

std::string remove_zwnj(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t pos = 0; pos < word.size();) {
    const auto z = word.find(kZwnj, pos);
    out.append(word.substr(pos, z == std::string_view::npos ? std::string_view::npos : z - pos));
    if (z == std::string_view::npos) break;
    pos = z + kZwnj.size();
  }
  return out;
}

bool long_enough(std::string_view stem) { return utf8::length(stem) >= kMinStemLetters; }

// Peels nominal suffixes from `word`, layer by layer from `layer` inwards, and returns the first
// base found in the lexicon that the last peeled suffix is allowed on.
std::optional<std::string> find_nominal_base(const Lexicon& lex, const std::string& word, std::size_t layer,
                                             std::uint8_t needs) {
  const int classes = lex.classes(word);
  if (classes >= 0 && (needs == 0 || (classes & needs) != 0)) return word;
  for (std::size_t l = layer; l < kLayers.size(); ++l) {
    for (const Suffix* s = kLayers[l].begin; s != kLayers[l].end; ++s) {
      if (!std::string_view(word).ends_with(s->text)) continue;
      std::string base = word.substr(0, word.size() - s->text.size());
      base.append(s->restore);
      if (!long_enough(base)) continue;
      if (auto found = find_nominal_base(lex, base, l + 1, s->needs)) return found;
    }
  }
  return std::nullopt;
}

// Personal endings of verbs, longest first; "" for the 3rd person singular past and bare stems.
constexpr std::array<std::string_view, 13> kVerbEndings = {"اند", "ایم", "اید", "ام", "ای", "یم", "ید", "ند",
                                                           "م",   "ی",   "د",   "ه",  ""};
constexpr std::array<std::string_view, 4> kVerbPrefixes = {"نمی", "می", "ن", "ب"};

// The past stem of `core` (a verb stem with no prefix or ending), if it is one.
std::optional<std::string> past_stem_of(const Lexicon& lex, std::string_view core, std::string_view ending) {
  if (lex.past_stems.contains(core)) return std::string(core);
  if (ending == "ه" || ending == "ای" || ending == "ام" || ending == "اند" || ending == "ایم" || ending == "اید") {
    return std::nullopt;  // participles and perfect endings attach to past stems only
  }
  if (const auto it = lex.present_to_past.find(core); it != lex.present_to_past.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> analyze_verb_body(const Lexicon& lex, std::string_view body, bool prefixed) {
  for (std::string_view ending : kVerbEndings) {
    if (!body.ends_with(ending) || body.size() == ending.size()) continue;
    std::string_view core = body.substr(0, body.size() - ending.size());
    if (ending.empty() && !prefixed && !lex.past_stems.contains(core)) continue;  // a bare present stem is a noun
    if (auto past = past_stem_of(lex, core, ending)) return past;
    // Perfect forms keep the participle's ه before the ending: رفته‌اند = رفته + اند.
    if (ending.starts_with("ا") && core.ends_with("ه")) {
      if (auto past = lex.past_stems.find(core.substr(0, core.size() - 2)); past != lex.past_stems.end()) {
        return *past;
      }
    }
    // Infinitive: رفتن.
    if (ending.empty() && core.ends_with("ن") && lex.past_stems.contains(core.substr(0, core.size() - 2))) {
      return std::string(core.substr(0, core.size() - 2));
    }
  }
  if (!prefixed && body.ends_with("ن") && lex.past_stems.contains(body.substr(0, body.size() - 2))) {
    return std::string(body.substr(0, body.size() - 2));
  }
  return std::nullopt;
}

std::optional<std::string> analyze_verb(const Lexicon& lex, std::string_view word) {
  for (std::string_view prefix : kVerbPrefixes) {
    if (!word.starts_with(prefix) || word.size() <= prefix.size() + 2) continue;
    const std::string_view body = word.substr(prefix.size());
    if (auto past = analyze_verb_body(lex, body, true)) return past;
    // After ب/ن a stem starting with ا or آ takes a glide ی: بیاید = ب + آید, نینداخت = ن + انداخت.
    if ((prefix == "ب" || prefix == "ن") && body.starts_with("ی")) {
      const std::string restored =
          body.starts_with("یا") ? "آ" + std::string(body.substr(4)) : "ا" + std::string(body.substr(2));
      if (auto past = analyze_verb_body(lex, restored, true)) return past;
    }
  }
  return analyze_verb_body(lex, word, false);
}

// Suffix chains that, written after a ZWNJ, surely are inflection: `نام‌های`, `نامه‌ای`, `بزرگ‌ترین`.
bool is_suffix_chain(std::string_view tail) {
  static const std::array<std::string_view, 24> kChains = {
      "ها",  "های",  "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست", "ای",  "ام",
      "ات",  "اش",   "ایم",  "اید",  "اند",  "ی",    "تر",     "ترین",   "تری",    "مان",  "تان", "شان"};
  return std::find(kChains.begin(), kChains.end(), tail) != kChains.end();
}

// A word written with ZWNJ before an inflectional suffix chain: the part before it, else empty.
std::string head_before_suffix_chain(std::string_view word) {
  const auto z = word.rfind(kZwnj);
  if (z == std::string_view::npos || z == 0) return {};
  if (!is_suffix_chain(word.substr(z + kZwnj.size()))) return {};
  const std::string_view head = word.substr(0, z);
  return head == "می" || head == "نمی" ? std::string() : std::string(head);
}

}  // namespace

std::string PersianStemmer::stem(std::string_view word) const {
  const Lexicon& lex = Lexicon::instance();
  const std::string joined = remove_zwnj(word);
  if (!long_enough(joined) || lex.protected_words.contains(joined)) return joined;
  if (const auto it = lex.broken_plurals.find(joined); it != lex.broken_plurals.end()) return it->second;

  if (const std::string head = head_before_suffix_chain(word); !head.empty()) {
    if (auto past = analyze_verb(lex, remove_zwnj(word))) return *past;  // رفته‌اند
    return stem(head);
  }
  // A noun of the lexicon (`مردم`, `بند`) is read as a verb only with a verbal prefix, or as a
  // participle (`شده`, `کرده`), which nouns of that shape rarely are.
  const int classes = lex.classes(joined);
  const bool is_noun = classes >= 0 && (classes & kPluralHa) != 0;
  const bool has_verb_prefix = joined.starts_with("می") || joined.starts_with("نمی");
  const bool is_participle =
      joined.ends_with("ه") && lex.past_stems.contains(std::string_view(joined).substr(0, joined.size() - 2));
  if (!is_noun || has_verb_prefix || is_participle) {
    if (auto past = analyze_verb(lex, joined)) return *past;
  }
  if (classes >= 0) return joined;
  if (auto base = find_nominal_base(lex, joined, 0, 0)) {
    if (const auto it = lex.broken_plurals.find(*base); it != lex.broken_plurals.end()) return it->second;
    return *base;
  }
  return joined;
}

}  // namespace kavosh::analysis
