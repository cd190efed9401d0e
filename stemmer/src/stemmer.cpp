#include "kavosh/analysis/stemmer.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "char_tables.h"
#include "lexicon.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

using chars::kZwnjUtf8;
constexpr std::size_t kMinStemLetters = 2;

/// Where a suffix may attach: clitics and the indefinite take different shapes after a vowel.
/// kParticiple: the shape of an Arabic participle, the only nouns that take the Arabic plural ین.
/// kVerbalNoun: the shape of an Arabic verbal noun of a derived form, which takes the plural ات.
enum class After : unsigned char { kAny, kHeh, kVowel, kConsonant, kParticiple, kVerbalNoun };

/// One strippable suffix: its text, what replaces it (`گان`→`ه`), the class its base must be attested
/// with (any of the bits; 0 = any lexicon base) and the final letter the base must have.
struct Suffix {
  std::string_view text;
  std::string_view restore;
  std::uint8_t needs;
  After after = After::kAny;
  bool must_reduce = false;  ///< the restored base must itself be stripped further (`کسانی` → کسان → کس)
};

constexpr std::uint8_t kNoun = kPluralHa | kClitic;

// Nominal suffixes in layers, outermost first; within a layer, longest first unless a note says otherwise.
// The 2nd person singular clitic is not stripped when written joined after a consonant (`دستت`):
// written Persian seldom uses it, while final ت is everywhere in words of their own (`کتابت`, `حدت`,
// `جدیت`, `حکمت`) that the word list does not tell from noun + ت.
constexpr auto kCliticSuffixes = std::to_array<Suffix>({{"یشان", "", kNoun, After::kVowel},
                                                        {"یتان", "", kNoun, After::kVowel},
                                                        {"یمان", "", kNoun, After::kVowel},
                                                        {"شان", "", kNoun},
                                                        {"تان", "", kNoun},
                                                        {"مان", "", kNoun},
                                                        {"اش", "", kNoun, After::kHeh},
                                                        {"ام", "", kNoun, After::kHeh},
                                                        {"ات", "", kNoun, After::kHeh},
                                                        {"یش", "", kNoun, After::kVowel},
                                                        {"یم", "", kNoun, After::kVowel},
                                                        {"یت", "", kNoun, After::kVowel},
                                                        {"ش", "", kNoun, After::kConsonant},
                                                        {"م", "", kNoun, After::kConsonant}});
// A bare final `ی` is left alone: it is as often derivational (`رقابتی`, `کشوری`: words of their own)
// as it is ezafe or indefinite. It is stripped after a plural `ها` (`کتابهای`) or when a ZWNJ marks it.
// `انی`/`اتی` are left alone too: mostly adjectives (`زمستانی`, `انتخاباتی`), seldom plural + indefinite.
// After a vowel the ezafe is a plain `ی` (`جای`, `داروی`) while derivation takes `یی` (`جایی`).
// An indefinite after a plural `ان` is kept only when the plural resolves (`کسانی`; not `زمستانی`).
constexpr auto kEzafeSuffixes = std::to_array<Suffix>({{"هایی", "ها", 0},
                                                       {"های", "ها", 0},
                                                       {"انی", "ان", 0, After::kAny, true},
                                                       {"تری", "تر", 0, After::kAny, true},
                                                       {"ی", "", 0, After::kVowel}});
// Comparatives only on bases the word list attests with both تر and ترین (adjectives). Joined تری is a
// comparative + ezafe or indefinite when the comparative resolves (`سریعتری`).
constexpr auto kComparativeSuffixes = std::to_array<Suffix>({{"ترین", "", kComparative}, {"تر", "", kComparative}});
constexpr auto kPluralSuffixes = std::to_array<Suffix>({
    {"گان", "ه", 0},  // نمایندگان = نماینده + گان
    {"ها", "", 0},
    {"ان", "", kPluralHa},                  // before یان: ایرانیان = ایرانی + ان
    {"یان", "", kPluralHa, After::kVowel},  // دانشجویان
    {"ات", "ت", 0},                         // خدمات = خدمت + ات (ساعت is not attested with ات)
    {"ات", "ه", kPluralAt},                 // مقالات = مقاله + ات
    {"ات", "", kPluralAt},
    {"ات", "", 0, After::kVerbalNoun},  // تجاوزات, اعترافات: the word list seldom attests their ات
    // جات after ات: `درجات` is درجه + ات, not در + جات (دره).
    {"جات", "ه", 0},                            // کارخانجات = کارخانه + جات
    {"جات", "", 0},                             // سبزیجات
    {"ین", "", kPluralHa, After::kParticiple},  // Arabic sound plural of people: مسئولین, متخصصین
});

bool ends_in_vowel(std::string_view w) { return w.ends_with("ا") || w.ends_with("و"); }

// Arabic participles, which alone take the plural ین, end in a consonant and are either مُ- forms of
// four letters or more (`متخصص`, `مسئول`, `مهاجر`) or فاعل (`حاضر`, `ساکن`); this keeps `زیرین`,
// `نمادین`, `دکترین` and `بحرین` whole. scripts/build_lexicon.py applies the same test.
bool has_participle_shape(std::string_view base) {
  const std::size_t letters = utf8::length(base);
  if (letters < 4 || ends_in_vowel(base) || base.ends_with("ی")) return false;
  return base.starts_with("م") || (letters == 4 && base.substr(2).starts_with("ا"));
}

// Verbal nouns of the Arabic derived forms, whose plural is ات (`تأکیدات`, `تعاملات`, `اعترافات`):
// تفعیل, تفاعل, تفعّل (written with four letters), إفعال, افتعال, انفعال, استفعال. Letters are counted, the
// shape's fixed letters checked; the base must still be a lexicon word.
bool has_verbal_noun_shape(std::string_view base) {
  std::u32string letters;
  for (std::size_t pos = 0; pos < base.size();) letters.push_back(utf8::decode(base, pos));
  auto at = [&](std::size_t i, char32_t c) { return i < letters.size() && letters[i] == c; };
  constexpr char32_t kTeh = U'ت', kAlef = U'ا', kYeh = U'ی', kNoon = U'ن', kSeen = U'س';
  switch (letters.size()) {
    case 4: return at(0, kTeh);  // تحول
    case 5:
      return (at(0, kTeh) && (at(3, kYeh) || at(2, kAlef))) ||                     // تأکید, تعامل
             (at(0, kAlef) && at(3, kAlef));                                       // ایراد
    case 6: return at(0, kAlef) && at(4, kAlef) && (at(2, kTeh) || at(1, kNoon));  // اعتراف, انحراف
    case 7: return at(0, kAlef) && at(1, kSeen) && at(2, kTeh) && at(5, kAlef);    // استحکام
    default: return false;
  }
}

bool fits(After after, std::string_view base) {
  switch (after) {
    case After::kAny: return true;
    case After::kHeh: return base.ends_with("ه");
    case After::kVowel: return ends_in_vowel(base);
    case After::kConsonant: return !base.ends_with("ه") && !ends_in_vowel(base);
    case After::kParticiple: return has_participle_shape(base);
    case After::kVerbalNoun: return has_verbal_noun_shape(base);
  }
  return true;
}

struct Layer {
  const Suffix* begin;
  const Suffix* end;
};
// Outermost first: a comparative used as a noun takes the plural inside clitics and ezafe
// (`بزرگترهایش` = بزرگ+تر+ها+یش), so plurals are peeled before comparatives.
const std::array<Layer, 4> kLayers = {
    {{kCliticSuffixes.data(), kCliticSuffixes.data() + kCliticSuffixes.size()},
     {kEzafeSuffixes.data(), kEzafeSuffixes.data() + kEzafeSuffixes.size()},
     {kPluralSuffixes.data(), kPluralSuffixes.data() + kPluralSuffixes.size()},
     {kComparativeSuffixes.data(), kComparativeSuffixes.data() + kComparativeSuffixes.size()}}};

bool long_enough(std::string_view stem) { return utf8::length(stem) >= kMinStemLetters; }

// Whether reading `suffix` as a clitic would hide a مُ- participle's plural in ان: `متهمان` is the accused
// (متهم+ان), not مته+مان "our drill"; such participles name people and take ان (`معترضان`). The فاعل
// shape is left out: `کارتان` is your work, not کارت+ان.
bool is_participle_plural(const Lexicon& lex, std::string_view word, const Suffix& suffix) {
  constexpr std::string_view kPluralAn = "ان";
  const bool is_clitic_in_an = utf8::length(suffix.text) == 3 && suffix.text.ends_with(kPluralAn);  // مان تان شان
  if (!is_clitic_in_an || !word.ends_with(kPluralAn)) return false;
  const std::string_view singular = word.substr(0, word.size() - kPluralAn.size());
  const int classes = lex.classes(singular);
  return singular.starts_with("م") && has_participle_shape(singular) && classes >= 0 && (classes & kPluralHa) != 0;
}

// Peels nominal suffixes from `word`, layer by layer from `layer` inwards, and returns the first
// base found in the lexicon that the last peeled suffix is allowed on.
std::optional<std::string> find_nominal_base(const Lexicon& lex, const std::string& word, std::size_t layer,
                                             std::uint8_t needs, bool may_be_base = true) {
  const int classes = lex.classes(word);
  // A lexicon base is a word with a paradigm of its own, never an inflected form of a shorter one
  // (`مکان` is not مک+ان, so `مکانی` is no plural + indefinite): it ends the search either way.
  if (classes >= 0) {
    if (may_be_base && (needs == 0 || (classes & needs) != 0)) return word;
    return std::nullopt;
  }
  for (std::size_t l = layer; l < kLayers.size(); ++l) {
    for (const Suffix* s = kLayers[l].begin; s != kLayers[l].end; ++s) {
      if (!std::string_view(word).ends_with(s->text)) continue;
      std::string base = word.substr(0, word.size() - s->text.size());
      if (!fits(s->after, base) || is_participle_plural(lex, word, *s)) continue;
      base.append(s->restore);
      // A past stem takes personal endings, not nominal suffixes: گفتمان is not گفت+مان.
      if (!long_enough(base) || lex.past_stems.contains(base)) continue;
      if (auto found = find_nominal_base(lex, base, l + 1, s->needs, !s->must_reduce)) return found;
    }
  }
  return std::nullopt;
}

// Personal endings of verbs, longest first; "" for the 3rd person singular past and bare stems.
constexpr std::array<std::string_view, 13> kVerbEndings = {"اند", "ایم", "اید", "ام", "ای", "یم", "ید",
                                                           "ند",  "م",   "ی",   "د",  "ه",  ""};
/// What stands before the stem: nothing, the imperfective می/نمی, the negative ن or the subjunctive ب.
enum class VerbPrefix : unsigned char { kNone, kImperfective, kNegative, kSubjunctive };
struct PrefixForm {
  std::string_view text;
  VerbPrefix kind;
};
constexpr std::array<PrefixForm, 4> kVerbPrefixes = {{{"نمی", VerbPrefix::kImperfective},
                                                      {"می", VerbPrefix::kImperfective},
                                                      {"ن", VerbPrefix::kNegative},
                                                      {"ب", VerbPrefix::kSubjunctive}}};
// Preverbs of lexicalized compound verbs: بر+می+گردد reads as the verb برگشت.
constexpr std::array<std::string_view, 6> kPreverbs = {"بر", "در", "فرا", "فرو", "باز", "وا"};

// Present forms without می/ب occur for light verbs of compounds (`انجام شود`, `کمک کند`) and for
// auxiliaries (`دارد`, `باشد`, `خواهد`, `تواند`); for any other verb a bare present form is more
// likely a noun (`بخشی` is "a part", not "you forgive").
bool takes_bare_present(std::string_view past) {
  static constexpr std::array<std::string_view, 24> kVerbs = {
      "کرد",  "شد",  "داد",   "زد",   "گرفت", "داشت", "بود",  "خواست", "توانست", "آمد",   "آورد",  "کشید",
      "یافت", "گشت", "گردید", "ساخت", "نمود", "دید",  "رسید", "خورد",  "برد",    "گذاشت", "افتاد", "ماند"};
  return std::find(kVerbs.begin(), kVerbs.end(), past) != kVerbs.end();
}

// Two defective verbs. The copula هست has no participle (`هسته` is a nucleus, `هسته‌ای` nuclear) and
// takes no prefix but the negative ن (`نیستند`; `بیست` is twenty, not ب+یست). The modal بایست has no
// personal endings but the old ی (`بایستی`): `بایستند` is ب+ایست+ند, a subjunctive of ایستاد.
constexpr std::string_view kCopula = "هست";
constexpr std::string_view kModalMust = "بایست";
bool has_participle(std::string_view past) { return past != kCopula; }
bool takes_prefix(std::string_view past, VerbPrefix prefix) {
  return past != kCopula || prefix == VerbPrefix::kNegative;
}
bool takes_ending(std::string_view past, std::string_view ending) {
  if (past == kModalMust) return ending.empty() || ending == "ی";
  return ending != "ه" || has_participle(past);
}

bool is_perfect_ending(std::string_view e) {
  return e == "ه" || e == "ای" || e == "ام" || e == "اند" || e == "ایم" || e == "اید";
}

std::string_view drop_last_letter(std::string_view s) { return s.substr(0, s.size() - 2); }  // Arabic script: 2 bytes

/// What the word list says of the whole word as a noun, against which a verb reading is weighed.
struct NounEvidence {
  /// A lexicon noun with a ها plural of its own: ب/ن + a bare present stem is no imperative there
  /// (`بستر` is not ب+ستر, `ببر` is a tiger), and ب is no subjunctive (`بخاری` heater, `بدهی` debt).
  bool has_plural = false;
  /// Written joined, a lexicon noun or adjective (attested with ها or تر) or a protected name + ی whose
  /// first letters read as a verb prefix: prefix + present stem + the 2nd person ی is the rarer reading
  /// (`نیازی` is not ن+یاز+ی, `بستری` not ب+ستر+ی, `میدانی` not می+دان+ی, the surname `بستانی` not
  /// ب+ستان+ی; `می‌دانی` with its ZWNJ stays a verb).
  bool is_noun_plus_yeh = false;
  /// Neither a lexicon word nor a stopword (`شاید` perhaps), so a bare present stem + a plural or 3rd
  /// person ending is no noun either (`داند`, `بخشد`, `خوانیم`, `گردانند`: literary forms without می).
  bool is_unknown = false;
};

// A present stem ending in a vowel takes a glide ی before the personal ending (`آیند` = آ + ی + ند,
// `فرمایید`): `core` without it, when the table lists the stem only without it.
std::string_view without_glide(const Lexicon& lex, std::string_view core) {
  if (!core.ends_with("ی") || lex.present_to_past.contains(core)) return core;
  const std::string_view stem = drop_last_letter(core);
  return ends_in_vowel(stem) || stem.ends_with("آ") ? stem : core;
}

// A personal ending that no nominal suffix shares after `core` (ی is also the indefinite, م the clitic):
// د, ند, یم, ید after a consonant. After a vowel یم is the clitic (`پایم` my foot) and the stems are
// too short to tell (`موید`, `مود`, `گراد`).
bool is_verbal_only_ending(std::string_view core, std::string_view e) {
  return !ends_in_vowel(core) && (e == "د" || e == "ند" || e == "یم" || e == "ید");
}

// The past stem of a verb form without prefix (`body`), if it is one.
std::optional<std::string> analyze_verb_body(const Lexicon& lex, std::string_view body, VerbPrefix prefix,
                                             NounEvidence noun = {}) {
  // The whole body as the past stem of a common verb comes before a rarer present stem + ending:
  // نبود is ن+بود, not ن+بو+د (بویید). For other verbs the present reading stays first: نکند is
  // ن+کن+د (کرد), not the past of کندن.
  if (prefix != VerbPrefix::kSubjunctive && lex.is_past_stem(body) && takes_bare_present(body)) {
    return std::string(body);
  }
  for (std::string_view ending : kVerbEndings) {
    if (!body.ends_with(ending) || body.size() == ending.size()) continue;
    const std::string_view core = body.substr(0, body.size() - ending.size());
    // ب marks the subjunctive and the imperative, built on present stems only (بهشت is no verb).
    if (prefix != VerbPrefix::kSubjunctive && lex.is_past_stem(core) && takes_ending(core, ending)) {
      return std::string(core);
    }
    if (ending.empty()) {
      // رفتن: an infinitive is a noun, its own stem (as UD lemmatizes it): `کشتن` (killing) stays apart
      // from کشت (also cultivation), `بستن` from بست; queries read it as its verb too (LooseReadings).
      // بگو, نکن (imperative: a bare present stem needs ب or ن).
      if (prefix != VerbPrefix::kSubjunctive && core.ends_with("ن") && lex.is_past_stem(drop_last_letter(core))) {
        return std::string(core);
      }
      if (prefix == VerbPrefix::kNone || prefix == VerbPrefix::kImperfective || noun.has_plural) continue;
    }
    if (is_perfect_ending(ending)) {
      // رفته‌اند = participle رفته + اند; participles and perfects are built on past stems only.
      if (ending != "ه" && core.ends_with("ه") && lex.is_past_stem(drop_last_letter(core)) &&
          has_participle(drop_last_letter(core))) {
        return std::string(drop_last_letter(core));
      }
      continue;
    }
    if (ending == "ی" && prefix != VerbPrefix::kNone && noun.is_noun_plus_yeh) continue;
    const std::string_view present = without_glide(lex, core);
    if (const auto it = lex.present_to_past.find(present);
        it != lex.present_to_past.end() &&
        (prefix != VerbPrefix::kNone || takes_bare_present(it->second) ||
         (noun.is_unknown && is_verbal_only_ending(present, ending))) &&
        (prefix == VerbPrefix::kNone || takes_prefix(it->second, prefix))) {
      return it->second;
    }
  }
  return std::nullopt;
}

std::optional<std::string> analyze_prefixed(const Lexicon& lex, std::string_view word, std::string_view preverb,
                                            NounEvidence noun) {
  for (const PrefixForm& p : kVerbPrefixes) {
    if (!word.starts_with(p.text) || word.size() <= p.text.size() + 2) continue;
    if (p.kind == VerbPrefix::kSubjunctive && noun.has_plural) continue;
    const std::string_view rest = word.substr(p.text.size());
    const std::string body = std::string(preverb) + std::string(rest);
    if (auto past = analyze_verb_body(lex, body, p.kind, noun)) return past;
    // After ب/ن a stem starting with ا or آ takes a glide ی: بیاید = ب + آید, نینداخت = ن + انداخت, and
    // some write the ا after it: بیاندازند = ب + اندازند.
    if ((p.kind == VerbPrefix::kSubjunctive || p.kind == VerbPrefix::kNegative) && rest.starts_with("ی")) {
      const std::string_view after_glide = rest.substr(2);
      const bool alef_written = after_glide.starts_with("ا");
      const std::string stem_start =
          alef_written ? "آ" + std::string(after_glide.substr(2)) : "ا" + std::string(after_glide);
      if (auto past = analyze_verb_body(lex, std::string(preverb) + stem_start, p.kind, noun)) return past;
      if (alef_written) {
        if (auto past = analyze_verb_body(lex, std::string(preverb).append(after_glide), p.kind, noun)) return past;
      }
    }
  }
  return std::nullopt;
}

// A verb form with an explicit prefix (`نمی‌رود`, `بگوید`, `برمی‌گردد`): its past stem.
std::optional<std::string> analyze_prefixed_verb(const Lexicon& lex, std::string_view word, NounEvidence noun = {}) {
  if (auto past = analyze_prefixed(lex, word, "", noun)) return past;
  for (std::string_view preverb : kPreverbs) {
    if (word.starts_with(preverb)) {
      if (auto past = analyze_prefixed(lex, word.substr(preverb.size()), preverb, noun)) {
        return past;
      }
    }
  }
  return std::nullopt;
}

// A form built on a past stem that itself begins like a prefix (`نشسته`, `نشستند` of نشست; `نوشتن`): that
// stem, which comes before the prefixed reading (`نشسته` is seated, not ن+شسته "unwashed").
std::optional<std::string> past_stem_initial(const Lexicon& lex, std::string_view word) {
  auto past = analyze_verb_body(lex, word, VerbPrefix::kNone);
  if (past && word.starts_with(*past)) return past;
  return std::nullopt;
}

std::optional<std::string> analyze_verb(const Lexicon& lex, std::string_view word) {
  if (auto past = past_stem_initial(lex, word)) return past;
  if (auto past = analyze_prefixed_verb(lex, word)) return past;
  return analyze_verb_body(lex, word, VerbPrefix::kNone);
}

// Suffix chains that, written after a ZWNJ, surely are inflection: `نام‌های`, `نامه‌ای`, `بزرگ‌ترین`.
bool is_suffix_chain(std::string_view tail) {
  static const std::array<std::string_view, 24> kChains = {
      "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "هاست", "ای",  "ام",
      "ات", "اش",  "ایم",  "اید",  "اند",  "ی",    "تر",     "ترین",   "تری",    "مان",  "تان", "شان"};
  return std::find(kChains.begin(), kChains.end(), tail) != kChains.end();
}

// A word written with ZWNJ before an inflectional suffix chain: the part before it, else empty.
std::string head_before_suffix_chain(std::string_view word) {
  const auto z = word.rfind(kZwnjUtf8);
  if (z == std::string_view::npos || z == 0) return {};
  if (!is_suffix_chain(word.substr(z + kZwnjUtf8.size()))) return {};
  const std::string_view head = word.substr(0, z);
  return head == "می" || head == "نمی" ? std::string() : std::string(head);
}

// A broken plural with ezafe or indefinite ی (`آثاری`, `اعضای`): its singular. After a consonant the
// ی may also make a nisba adjective (`اخلاقی`, `تجاری`, `اصولی`); one the lexicon holds as a base of
// its own is left to it. After a vowel the ی can only be the ezafe glide (`آرای`).
std::optional<std::string> broken_plural_with_yeh(const Lexicon& lex, std::string_view joined) {
  if (!joined.ends_with("ی")) return std::nullopt;
  const std::string_view plural = drop_last_letter(joined);
  const auto it = lex.plurals.find(plural);
  if (it == lex.plurals.end()) return std::nullopt;
  if (!ends_in_vowel(plural) && lex.classes(joined) >= 0) return std::nullopt;
  return it->second;
}

// Ordinals are words of their own, not numeral + clitic م or verb: `هشتم` eighth is not هشت+م,
// `دهم` not ده+م "I give", `بیستم` not ب+ایست+م. An ordinal is a cardinal + م or مین (سه → سوم).
bool is_ordinal(std::string_view word) {
  static constexpr std::array<std::string_view, 41> kCardinals = {
      "یک",     "دو",    "سو",     "چهار",   "پنج",    "شش",     "هفت",     "هشت",   "نه",    "ده",     "یازده",
      "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده",   "هجده",    "هیجده", "نوزده", "بیست",   "سی",
      "چهل",    "پنجاه", "شصت",    "هفتاد",  "هشتاد",  "نود",    "صد",      "دویست", "سیصد",  "چهارصد", "پانصد",
      "ششصد",   "هفتصد", "هشتصد",  "نهصد",   "هزار",   "میلیون", "میلیارد", "بیلیون"};
  for (std::string_view suffix : {"امین", "مین", "ام", "م"}) {
    if (!word.ends_with(suffix)) continue;
    const std::string_view number = word.substr(0, word.size() - suffix.size());
    if (std::find(kCardinals.begin(), kCardinals.end(), number) != kCardinals.end()) return true;
  }
  return false;
}

// Outside the lexicon a joined ها is the plural: of the word list's 15,687 words in ها, all but ten
// (انتها, اشتها, گرانبها ...) are X+ها, and 12,190 of 12,200 in هایی. A joined های may also be ه+ای
// (`نقطهای` = نقطه‌ای, `سرمایهای` = سرمایه‌ای), so it counts only when the word less ای is no
// lexicon word (`هیئتهای`, `مرزبندیهای`).
constexpr std::array<std::string_view, 3> kPluralChainsOutsideLexicon = {"های", "هایی", "ها"};

// A lexicon word in ه written joined with ای (`پروندهای` = پرونده‌ای): that word, else empty. The
// ZWNJ spelling is stripped as a suffix chain; the joined one must stem the same (DESIGN §3).
std::string_view heh_word_before_ezafe(const Lexicon& lex, std::string_view joined) {
  constexpr std::string_view kEzafeAfterHeh = "ای";
  if (!joined.ends_with(kEzafeAfterHeh)) return {};
  const std::string_view word = joined.substr(0, joined.size() - kEzafeAfterHeh.size());
  return word.ends_with("ه") && lex.classes(word) >= 0 ? word : std::string_view();
}

// Whether `plural` (ending in ها) ends in a lexicon word of four letters or more whose ها is its own
// (`نه‌تنها`, `نهتنها`); shorter ones (`رها`, `بها`) end too many true plurals (`فیلترها`).
bool ends_in_word_with_ha(const Lexicon& lex, std::string_view plural) {
  constexpr std::size_t kLetterBytes = 2;  // Arabic-script letters
  for (std::size_t pos = 0; pos + 4 * kLetterBytes <= plural.size(); pos += kLetterBytes) {
    if (lex.classes(plural.substr(pos)) >= 0) return true;
  }
  return false;
}

std::optional<std::string> plural_outside_lexicon(const Lexicon& lex, std::string_view joined) {
  for (std::string_view chain : kPluralChainsOutsideLexicon) {
    if (!joined.ends_with(chain)) continue;
    constexpr std::string_view kHa = "ها";
    const std::string_view plural = joined.substr(0, joined.rfind(kHa) + kHa.size());  // without ezafe ی
    const std::string_view base = plural.substr(0, plural.size() - kHa.size());
    if (utf8::length(base) < 3 || ends_in_word_with_ha(lex, plural)) return std::nullopt;
    if (chain == "های" && !heh_word_before_ezafe(lex, joined).empty()) return std::nullopt;
    return std::string(base);
  }
  return std::nullopt;
}

// A lexicon noun or adjective (attested with ها or تر) or a protected name.
bool is_noun_or_name(const Lexicon& lex, std::string_view word) {
  const int classes = lex.classes(word);
  return (classes >= 0 && (classes & (kPluralHa | kComparative)) != 0) || lex.protected_words.contains(word);
}

// The past stem of `joined` (`word` without its ZWNJs, lexicon classes `classes`) read as a verb form
// rather than as a noun, if it is one.
std::optional<std::string> read_as_verb(const Lexicon& lex, std::string_view word, const std::string& joined,
                                        int classes) {
  // A noun of the lexicon (`مردم`, `حرم`) is read as a verb only as a participle or infinitive
  // (`شده`, `کردن`), which nouns of that shape rarely are.
  const bool is_participle_or_infinitive =
      (joined.ends_with("ه") || joined.ends_with("ن")) && lex.past_stems.contains(drop_last_letter(joined));
  const bool may_be_verb_body = classes < 0 || is_participle_or_infinitive;
  if (may_be_verb_body) {
    if (auto past = past_stem_initial(lex, joined)) return past;
  }
  const NounEvidence noun{.has_plural = classes >= 0 && (classes & kPluralHa) != 0,
                          .is_noun_plus_yeh =
                              word == joined && joined.ends_with("ی") && is_noun_or_name(lex, drop_last_letter(joined)),
                          .is_unknown = classes < 0 && !lex.stopwords.contains(joined)};
  if (auto past = analyze_prefixed_verb(lex, joined, noun)) return past;
  if (may_be_verb_body) return analyze_verb_body(lex, joined, VerbPrefix::kNone, noun);
  return std::nullopt;
}

// A protected name + the ی of belonging (`سپاهانی`, of Sepahan) is a word of its own, never the
// name's letters read as a base + suffixes (سپاه + ان + ی).
bool is_name_with_yeh(const Lexicon& lex, std::string_view word) {
  constexpr std::string_view kYeh = "ی";
  return word.ends_with(kYeh) && lex.protected_words.contains(std::string(word.substr(0, word.size() - kYeh.size())));
}

// The stem of one word, before spelling variants are joined.
std::string stem_word(const Lexicon& lex, std::string_view word) {
  const std::string joined = chars::without_zwnj(word);
  if (!long_enough(joined) || lex.protected_words.contains(joined) || is_name_with_yeh(lex, joined)) return joined;
  if (const auto it = lex.plurals.find(joined); it != lex.plurals.end()) return it->second;
  if (auto singular = broken_plural_with_yeh(lex, joined)) return *singular;

  if (const std::string head = head_before_suffix_chain(word); !head.empty()) {
    if (auto past = analyze_verb(lex, joined)) return *past;  // رفته‌اند
    return stem_word(lex, head);
  }
  // Verbs before nouns when a verbal prefix is there: the word list holds many verb forms
  // (`نرفت`, `بگوید`) as if they were nouns. A past stem is itself (`نشست` is not ن+شست), unless it
  // also reads as the bare present of a common verb, which is far more frequent: `کند` is کن+د of کرد
  // (`کمک کند`), not the past of کندن.
  if (lex.past_stems.contains(joined)) {
    const auto present_reading = analyze_verb_body(lex, joined, VerbPrefix::kNone);
    return present_reading && takes_bare_present(*present_reading) ? *present_reading : joined;
  }
  if (is_ordinal(joined)) return joined;
  // The copula's forms are few and frequent; the word list holds `هستیم` as هستی (existence) + م.
  if (joined.starts_with(kCopula) && is_verbal_only_ending(kCopula, joined.substr(kCopula.size()))) {
    return std::string(kCopula);
  }
  const int classes = lex.classes(joined);
  if (auto past = read_as_verb(lex, word, joined, classes)) return *past;
  if (classes >= 0) return joined;
  if (auto base = find_nominal_base(lex, joined, 0, 0)) {
    if (const auto it = lex.plurals.find(*base); it != lex.plurals.end()) return it->second;
    return *base;
  }
  if (const std::string_view heh_word = heh_word_before_ezafe(lex, joined); !heh_word.empty()) {
    return std::string(heh_word);
  }
  return plural_outside_lexicon(lex, joined).value_or(joined);
}

}  // namespace

namespace {

std::string stem_once(const Lexicon& lex, std::string_view word) {
  std::string stem = stem_word(lex, word);
  if (const auto it = lex.spelling_variants.find(stem); it != lex.spelling_variants.end()) return it->second;
  return stem;
}

}  // namespace

// A stem is its own stem (stem(stem(w)) == stem(w)), so that every form of a word meets its base: a
// participle's plural reaches the participle's verb as the participle does (`برگزیدگان` → `برگزیده` →
// `برگزید`), a verbal noun's plural its verb (`گیری‌های` → `گیری` → `گرفت`). A word is stemmed again
// while that changes it; each round strips something, so two more rounds are enough.
std::string PersianStemmer::stem(std::string_view word) const {
  const Lexicon& lex = Lexicon::instance();
  std::string stem = stem_once(lex, word);
  for (int round = 0; round < 2; ++round) {
    std::string again = stem_once(lex, stem);
    if (again == stem) break;
    stem = std::move(again);
  }
  return stem;
}

}  // namespace kavosh::analysis
