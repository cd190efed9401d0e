#include "kavosh/analysis/informal_spelling.h"

#include <algorithm>
#include <array>
#include <utility>

#include "lexicon.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

constexpr std::string_view kAlef = "ا";
constexpr std::string_view kAlefMadda = "آ";

/// Collects candidates in order, each once, never the word itself nor one of fewer than two letters.
class Candidates {
 public:
  explicit Candidates(std::string_view word) : word_(word) {}

  void add(std::string candidate) {
    if (candidate == word_ || utf8::length(candidate) < 2) return;
    if (std::ranges::find(out_, candidate) == out_.end()) out_.push_back(std::move(candidate));
  }
  std::vector<std::string> take() { return std::move(out_); }

 private:
  std::string_view word_;
  std::vector<std::string> out_;
};

std::string concat(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string out;
  out.reserve(a.size() + b.size() + c.size());
  out.append(a).append(b).append(c);
  return out;
}

/// `ا` typed for `آ`: at the start (`امد`, `اهنگ`), or after a verb prefix (`میاید`, `برامده`).
void add_madda(std::string_view word, Candidates& out) {
  static constexpr std::array<std::string_view, 4> kBefore{"", "می", "نمی", "بر"};
  for (const std::string_view before : kBefore) {
    if (word.starts_with(before) && word.substr(before.size()).starts_with(kAlef)) {
      out.add(concat(before, kAlefMadda, word.substr(before.size() + kAlef.size())));
    }
  }
}

/// A spoken present-tense verb: prefix + stem + spoken person ending → written form. The stem is a
/// colloquial one (stemmer/data/colloquial_stems.tsv, only after a prefix: a bare `گن` or `شه` is no
/// verb) or a present stem of the verb table (`میگیره`, `داره`).
void add_colloquial_verb(std::string_view word, Candidates& out) {
  struct Ending {
    std::string_view spoken, written;
  };
  static constexpr std::array<std::string_view, 5> kPrefixes{"نمی", "می", "ن", "ب", ""};
  static constexpr std::array<Ending, 7> kEndings{
      {{"ین", "ید"}, {"ن", "ند"}, {"ه", "د"}, {"یم", "یم"}, {"م", "م"}, {"ی", "ی"}, {"د", "د"}}};
  const Lexicon& lexicon = Lexicon::instance();
  for (const std::string_view prefix : kPrefixes) {
    if (!word.starts_with(prefix)) continue;
    const std::string_view body = word.substr(prefix.size());
    for (const Ending& ending : kEndings) {
      if (body.size() <= ending.spoken.size() || !body.ends_with(ending.spoken)) continue;
      const std::string_view stem = body.substr(0, body.size() - ending.spoken.size());
      const auto written = lexicon.colloquial_stems.find(stem);
      if (written != lexicon.colloquial_stems.end() && !prefix.empty()) {
        out.add(concat(prefix, written->second, ending.written));
      }
      if (ending.spoken != ending.written && lexicon.present_to_past.contains(stem)) {
        out.add(concat(prefix, stem, ending.written));
      }
    }
  }
}

/// Spoken plural `ا` for `ها` (`خبرا`, `تفاوتایی`), after a word of the lexicon (not `اینجا`, `معنا`).
void add_spoken_plural(std::string_view word, Candidates& out) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kPlurals{
      {{"ایی", "هایی"}, {"ای", "های"}, {"ا", "ها"}}};
  for (const auto& [spoken, written] : kPlurals) {
    if (!word.ends_with(spoken)) continue;
    const std::string_view base = word.substr(0, word.size() - spoken.size());
    if (Lexicon::instance().classes(base) >= 0) out.add(concat(base, written));
    return;
  }
}

/// The spoken vowel before a nasal, `ون`/`وم` for `ان`/`ام` (`تهرون`, `کدوم`), at its last occurrence.
void add_spoken_nasal(std::string_view word, Candidates& out) {
  std::size_t at = std::string_view::npos;
  for (const std::string_view spoken : {std::string_view("ون"), std::string_view("وم")}) {
    const std::size_t found = word.rfind(spoken);
    if (found != std::string_view::npos && found > 0 && (at == std::string_view::npos || found > at)) at = found;
  }
  if (at == std::string_view::npos) return;
  constexpr std::size_t kLetterBytes = 2;  // و is two bytes in UTF-8; the nasal after it is kept
  out.add(concat(word.substr(0, at), "ا", word.substr(at + kLetterBytes)));
}

/// A word left when a spoken clitic is taken off, and its spoken spellings read as written ones
/// (`آرومه` → `آروم` → `آرام`).
void add_bare(std::string_view bare, Candidates& out) {
  out.add(std::string(bare));
  add_madda(bare, out);
  add_spoken_plural(bare, out);
  add_spoken_nasal(bare, out);
}

/// The copula joined to its word: `خوبه` (خوب است), `معناست` (معنا است).
void add_copula(std::string_view word, Candidates& out) {
  constexpr std::string_view kHeh = "ه", kAst = "ست";
  if (word.ends_with(kHeh)) add_bare(word.substr(0, word.size() - kHeh.size()), out);
  static constexpr std::array<std::string_view, 3> kLongVowels{"ا", "و", "ی"};
  for (const std::string_view vowel : kLongVowels) {
    if (word.ends_with(concat(vowel, kAst))) add_bare(word.substr(0, word.size() - kAst.size()), out);
  }
}

/// The spoken object marker `رو` / `و` (`کتابارو`, `اینو`): `رو` after a vowel, `و` after a consonant.
void add_object_marker(std::string_view word, Candidates& out) {
  for (const std::string_view marker : {std::string_view("رو"), std::string_view("و")}) {
    if (!word.ends_with(marker)) continue;
    add_bare(word.substr(0, word.size() - marker.size()), out);
    return;
  }
}

}  // namespace

std::vector<std::string> InformalSpelling::candidates(std::string_view word) {
  Candidates out(word);
  add_madda(word, out);
  add_colloquial_verb(word, out);
  // `ونه` is most often the adjective or adverb suffix `انه` spoken (`خونه`, `مردونه`), rarely `ون` + copula.
  if (word.ends_with("ونه")) add_spoken_nasal(word, out);
  add_copula(word, out);
  add_spoken_plural(word, out);
  add_spoken_nasal(word, out);
  add_object_marker(word, out);
  // The conjunction `و` joined to the next word (`وعراق`).
  if (word.starts_with("و")) out.add(std::string(word.substr(std::string_view("و").size())));
  return out.take();
}

}  // namespace kavosh::analysis
