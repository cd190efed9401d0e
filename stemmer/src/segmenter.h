// Word segmentation for the tokenizer: ICU word boundaries (UAX #29), with a shortcut for the chunks
// of Persian text whose boundaries the rules fix beyond doubt.
#pragma once
#include <string_view>
#include <vector>

#include "kavosh/analysis/tokenizer.h"

namespace kavosh::analysis {

/// Words and numbers of normalized `text` with their byte spans, exactly as ICU's word break
/// iterator finds them. Between two ASCII spaces UAX #29 always breaks, so each space-delimited
/// chunk is segmented on its own: a chunk of Arabic-script letters (with ZWNJ joints) or of ASCII
/// digits, with punctuation at its edges only, is one word or one number; any other chunk goes to
/// ICU together with its complex neighbours. News text is mostly simple chunks, and ICU was the
/// largest single cost of analysis.
std::vector<RawToken> segment_words(std::string_view text);

/// The same result computed with ICU alone, for the tests that check the shortcut against it.
std::vector<RawToken> segment_words_with_icu(std::string_view text);

/// Spans of the ZWNJ-separated parts of text[span]; empty when there is no ZWNJ.
std::vector<Span> split_spans(std::string_view text, Span span);

}  // namespace kavosh::analysis
