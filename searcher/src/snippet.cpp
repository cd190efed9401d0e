// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Snippets come from the analyzer's tokens over the stored original text, so a highlight covers
// exactly what the index matched, however the document spelled it.
#include "kavosh/search/snippet.h"

#include <algorithm>
#include <vector>

#include "kavosh/searcher.h"

namespace kavosh::search {
namespace {

using analysis::Span;
using analysis::Token;

/// Words of context a passage shows before its first match.
std::size_t lead_words(std::size_t max_words) { return max_words / 6; }

/// Where the passage that starts `lead_words` before a match at `position` begins.
std::uint32_t passage_start(std::uint32_t position, std::size_t max_words) {
  const auto lead = static_cast<std::uint32_t>(lead_words(max_words));
  return position > lead ? position - lead : 0;
}

bool matches(const Token& token, const MatchKeys& keys) {
  if (keys.surfaces.contains(token.text) || keys.stems.contains(token.stem)) return true;
  return std::ranges::any_of(keys.prefixes, [&](const std::string& p) { return token.text.starts_with(p); });
}

/// The index of the token at `position` (at or after token `from`) whose text is `text`, or tokens.size().
std::size_t find_at(const std::vector<Token>& tokens, std::size_t from, std::uint32_t position, std::string_view text) {
  for (std::size_t i = from; i < tokens.size() && tokens[i].position <= position; ++i) {
    if (tokens[i].position == position && tokens[i].text == text) return i;
  }
  return tokens.size();
}

/// Marks the tokens of every run of consecutive positions whose texts are `phrase`'s words. A compound
/// yields its joined form and its first part at one position: a joined form spanning exactly the run's
/// words is marked with them (one highlight for `جمهوری‌خواه`, not one per part).
void mark_phrase(const std::vector<Token>& tokens, const std::vector<std::string>& phrase, std::vector<bool>& hit) {
  std::vector<std::size_t> run;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].text != phrase.front()) continue;
    run.assign(1, i);
    for (std::size_t k = 1; k < phrase.size() && run.size() == k; ++k) {
      const std::size_t next =
          find_at(tokens, run.back() + 1, tokens[i].position + static_cast<std::uint32_t>(k), phrase[k]);
      if (next < tokens.size()) run.push_back(next);
    }
    if (run.size() != phrase.size()) continue;
    for (const std::size_t t : run) hit[t] = true;
    const Span whole{tokens[i].span.begin, tokens[run.back()].span.end};
    std::size_t t = i;
    while (t > 0 && tokens[t - 1].position == tokens[i].position) --t;
    for (; t < tokens.size() && tokens[t].position == tokens[i].position; ++t) {
      if (tokens[t].span.begin == whole.begin && tokens[t].span.end == whole.end) hit[t] = true;
    }
  }
}

/// Token index range [first, last] of the best window (best_passage() over the matched tokens, a word
/// being a stem); with no match, the first max_words positions.
std::pair<std::size_t, std::size_t> best_window(const std::vector<Token>& tokens, const std::vector<bool>& hit,
                                                std::size_t max_words) {
  std::vector<PositionedMatch> found;
  std::vector<std::size_t> token_of;
  WordNumbers words;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!hit[i]) continue;
    found.push_back({tokens[i].position, words.of(tokens[i].stem)});
    token_of.push_back(i);
  }
  std::size_t first = found.empty() ? 0 : token_of[best_passage(found, max_words)];
  const std::uint32_t start = found.empty() ? tokens[0].position : passage_start(tokens[first].position, max_words);
  while (first > 0 && tokens[first - 1].position >= start) --first;
  std::size_t last = first;
  while (last + 1 < tokens.size() && tokens[last + 1].position < start + max_words) ++last;
  return {first, last};
}

/// Sorted, merged spans of the matched tokens in [first, last].
std::vector<Span> highlights(const std::vector<Token>& tokens, const std::vector<bool>& hit, std::size_t first,
                             std::size_t last) {
  std::vector<Span> spans;
  for (std::size_t k = first; k <= last; ++k) {
    if (hit[k]) spans.push_back(tokens[k].span);
  }
  std::ranges::sort(spans, [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

/// Appends original bytes with control characters as spaces and whitespace runs collapsed.
void append_clean(std::string& out, std::string_view text) {
  for (const char c : text) {
    const bool space = static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

/// The analyzed piece of `text` that the snippet comes from: the words around a match the index
/// located (piece_near), else the first chunk of about kChunkBytes (cut at a space) holding a match,
/// else the first chunk. Analysis costs far more than matching, and the words around the first match
/// nearly always hold a good passage, so the rest of the text is not analyzed.
struct Piece {
  std::vector<Token> tokens;
  std::vector<bool> hit;
  bool cut_before = false;
  bool cut_after = false;
};

Piece analyze(std::string_view text, std::size_t begin, std::size_t end, const MatchKeys& keys,
              const analysis::Analyzer& analyzer) {
  Piece piece{analyzer.analyze(text.substr(begin, end - begin)), {}, begin > 0, end < text.size()};
  for (Token& token : piece.tokens)
    token.span = {token.span.begin + static_cast<std::uint32_t>(begin),
                  token.span.end + static_cast<std::uint32_t>(begin)};
  piece.hit.resize(piece.tokens.size());
  for (std::size_t i = 0; i < piece.tokens.size(); ++i) piece.hit[i] = matches(piece.tokens[i], keys);
  for (const std::vector<std::string>& phrase : keys.phrases) mark_phrase(piece.tokens, phrase, piece.hit);
  return piece;
}

bool has_hit(const Piece& piece) { return std::ranges::find(piece.hit, true) != piece.hit.end(); }

bool is_continuation(std::string_view text, std::size_t at) {
  return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
}

/// The piece between the checkpoints around `located`: from lead words before the match to a passage
/// after it. Offsets from another text (a stale or foreign value) are clamped and moved off any
/// code point's middle, and then most likely hold no match.
Piece piece_near(std::string_view text, const LocatedMatch& located, std::size_t max_words, const MatchKeys& keys,
                 const analysis::Analyzer& analyzer) {
  const std::size_t stride = std::max<std::uint32_t>(located.stride, 1);
  const std::size_t from = passage_start(located.position, max_words) / stride;
  const std::size_t to = from + 1 + (max_words + stride - 1) / stride;
  if (from >= located.starts.size()) return {};
  std::size_t begin = std::min<std::size_t>(located.starts[from], text.size());
  std::size_t end = to < located.starts.size() ? std::min<std::size_t>(located.starts[to], text.size()) : text.size();
  while (is_continuation(text, begin)) ++begin;
  while (is_continuation(text, end)) ++end;
  return analyze(text, begin, std::max(begin, end), keys, analyzer);
}

Piece analyzed_piece(std::string_view text, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                     std::size_t max_words, std::optional<LocatedMatch> located) {
  constexpr std::size_t kChunkBytes = 3000;
  if (located && located->position == LocatedMatch::kNone) {
    return piece_near(text, {0, located->stride, located->starts}, max_words, keys, analyzer);
  }
  if (located) {
    if (Piece piece = piece_near(text, *located, max_words, keys, analyzer); has_hit(piece)) return piece;
  }
  Piece first;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = begin + kChunkBytes >= text.size() ? text.size() : text.find(' ', begin + kChunkBytes);
    if (end == text.npos) end = text.size();
    Piece piece = analyze(text, begin, end, keys, analyzer);
    if (has_hit(piece)) return piece;
    if (begin == 0) first = std::move(piece);
    begin = end;
  }
  return first;
}

}  // namespace

std::size_t best_passage(std::span<const PositionedMatch> found, std::size_t max_words) {
  std::size_t best = 0;
  std::size_t best_score = 0;
  std::vector<std::uint32_t> distinct;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::uint32_t start = passage_start(found[i].position, max_words);
    std::size_t first = i;
    while (first > 0 && found[first - 1].position >= start) --first;
    distinct.clear();
    std::size_t count = 0;
    for (std::size_t k = first; k < found.size() && found[k].position < start + max_words; ++k, ++count) {
      if (std::ranges::find(distinct, found[k].word) == distinct.end()) distinct.push_back(found[k].word);
    }
    if (const std::size_t score = distinct.size() * 1000 + count; score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

std::string make_snippet(std::string_view text, const MatchKeys& keys, const analysis::Analyzer& analyzer,
                         std::size_t max_words, std::optional<LocatedMatch> located) {
  const Piece piece = analyzed_piece(text, keys, analyzer, max_words, located);
  const std::vector<Token>& tokens = piece.tokens;
  const std::vector<bool>& hit = piece.hit;
  if (tokens.empty()) return {};
  const auto [first, last] = best_window(tokens, hit, max_words);
  std::string out = first > 0 || piece.cut_before ? "… " : "";
  std::uint32_t at = tokens[first].span.begin;
  for (const Span span : highlights(tokens, hit, first, last)) {
    append_clean(out, text.substr(at, span.begin - at));
    out += kHighlightBegin;
    append_clean(out, text.substr(span.begin, span.end - span.begin));
    out += kHighlightEnd;
    at = span.end;
  }
  const std::uint32_t end = std::ranges::max_element(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                                                     tokens.begin() + static_cast<std::ptrdiff_t>(last) + 1, {},
                                                     [](const Token& t) { return t.span.end; })
                                ->span.end;
  if (end > at) append_clean(out, text.substr(at, end - at));
  if (last + 1 < tokens.size() || piece.cut_after) out += " …";
  return out;
}

std::string render_snippet(std::string_view snippet, std::string_view begin, std::string_view end) {
  std::string out;
  for (const char c : snippet) {
    if (c == kHighlightBegin[0]) {
      out += begin;
    } else if (c == kHighlightEnd[0]) {
      out += end;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace kavosh::search
