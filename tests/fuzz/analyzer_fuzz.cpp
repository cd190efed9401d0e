// libFuzzer target: any byte sequence through the whole analysis path, checking its invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/analysis/informal_spelling.h"
#include "kavosh/analysis/jalali.h"
#include "kavosh/analysis/loose_readings.h"
#include "segmenter.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const kavosh::analysis::Analyzer analyzer;
  const std::string normalized = analyzer.normalizer().normalize(input);
  check(valid_utf8(normalized));
  check(analyzer.normalizer().normalize(normalized) == normalized);  // idempotent
  // The segmentation shortcut gives exactly ICU's words.
  check(kavosh::analysis::segment_words(normalized) == kavosh::analysis::segment_words_with_icu(normalized));
  std::uint32_t last = 0;
  for (const auto& token : analyzer.analyze(input)) {
    check(token.span.begin < token.span.end && token.span.end <= size);
    check(token.position >= last);
    last = token.position;
    check(!token.text.empty() && valid_utf8(token.text) && valid_utf8(token.stem));
    check(token.stem.size() <= token.text.size() + 8);
    // The informal readings the searcher tries for a query word: whole, valid words, never the word itself.
    for (const std::string& written : kavosh::analysis::InformalSpelling::candidates(token.text)) {
      check(!written.empty() && written != token.text && valid_utf8(written));
    }
    // The loose readings: the word less its final ی, or the word with ی/یی added.
    if (const auto without = kavosh::analysis::LooseReadings::without_yeh(token.text)) {
      check(*without + "ی" == token.text);
    }
    if (const auto with = kavosh::analysis::LooseReadings::with_yeh(token.text)) {
      check(*with == token.text + "ی" || *with == token.text + "یی");
    }
    // An infinitive's verb: its stem less the final ن, a stem of its own.
    if (const auto verb = kavosh::analysis::LooseReadings::verb_of_infinitive(token.text)) {
      check(token.stem == *verb + "ن" && analyzer.stemmer().stem(*verb) == *verb);
    }
  }
  (void)kavosh::analysis::parse_date(input);
  return 0;
}
