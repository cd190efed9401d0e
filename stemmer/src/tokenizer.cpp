#include "kavosh/analysis/tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <memory>

#include "char_tables.h"
#include "segmenter.h"
#include "utf8.h"

namespace kavosh::analysis {
namespace {

using chars::kZwnjUtf8;

constexpr std::array<std::string_view, 3> kBoundPrefixes = {"می", "نمی", "بی"};
constexpr std::array<std::string_view, 12> kSuffixesAfterAnyWord = {
    "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان", "تر", "ترین", "تری"};
constexpr std::array<std::string_view, 8> kSuffixesAfterHeh = {"ای", "ام", "ات", "اش", "ایم", "اید", "اند", "ی"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool ends_with_heh(std::string_view word) { return word.ends_with("ه"); }

bool starts_with_arabic_letter(std::string_view word) {
  std::size_t pos = 0;
  return !word.empty() && chars::is_arabic_letter(utf8::decode(word, pos));
}

bool is_digit_run(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Removes thousands separators from `25,000`-like numbers; leaves other commas (`1,2`) alone.
std::string clean_number(std::string_view s) {
  const auto comma = s.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma > 3) return std::string(s);
  std::string out(s.substr(0, comma));
  for (std::size_t i = comma; i < s.size(); i += 4) {
    if (s[i] != ',' || i + 4 > s.size() || !is_digit_run(s.substr(i + 1, 3)) ||
        (i + 4 < s.size() && s[i + 4] != ',' && s[i + 4] != '.')) {
      return std::string(s);
    }
    out.append(s.substr(i + 1, 3));
    if (i + 4 < s.size() && s[i + 4] == '.') {
      out.append(s.substr(i + 4));
      break;
    }
  }
  return out;
}

bool only_whitespace_between(std::string_view text, const RawToken& a, const RawToken& b) {
  if (b.span.begin <= a.span.end) return false;
  const std::string_view gap = text.substr(a.span.end, b.span.begin - a.span.end);
  return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool continues_date(std::string_view text, const RawToken& t, const RawToken& next) {
  if (t.kind != TokenKind::kNumber || next.kind != TokenKind::kNumber || next.span.begin != t.span.end + 1) {
    return false;
  }
  const char sep = text[t.span.end];
  const auto parts = std::count(t.text.begin(), t.text.end(), sep) + 1;
  return (sep == '/' || sep == '-') && parts < 3 && is_digit_run(next.text) &&
         is_digit_run(
             t.text.substr(t.text.find_last_of("/-") == std::string::npos ? 0 : t.text.find_last_of("/-") + 1));
}

bool has_letter(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (u_isalpha(static_cast<UChar32>(utf8::decode(s, pos)))) return true;
  }
  return false;
}

// A token holding an ASCII digit or an underscore may need splitting (Persian words hold neither).
bool needs_split(const RawToken& t) {
  return std::any_of(t.text.begin(), t.text.end(), [](char c) { return c == '_' || (c >= '0' && c <= '9'); });
}

// Appends to `out` the pieces of `t` split where digits meet Arabic-script letters and at underscores.
void split_token(std::string_view text, const RawToken& t, std::vector<RawToken>& out) {
  std::uint32_t begin = t.span.begin;
  int prev_class = -1;  // 0 digit, 1 Arabic-script letter, 2 other
  for (std::size_t pos = t.span.begin; pos <= t.span.end;) {
    std::size_t next = pos;
    const char32_t cp = pos < t.span.end ? utf8::decode(text, next) : U'_';
    const int cls = (cp >= U'0' && cp <= U'9') ? 0 : chars::is_arabic_letter(cp) ? 1 : 2;
    const bool boundary = cp == U'_' || (prev_class >= 0 && cls != 2 && prev_class != 2 && cls != prev_class);
    if (boundary && pos > begin) {
      const auto b = begin, e = static_cast<std::uint32_t>(pos);
      const std::string piece(text.substr(b, e - b));
      const TokenKind kind = has_letter(piece) ? TokenKind::kWord : TokenKind::kNumber;
      out.push_back({piece, {b, e}, kind, split_spans(text, {b, e})});
      begin = e;
    }
    if (cp == U'_') begin = static_cast<std::uint32_t>(next);
    prev_class = cp == U'_' ? -1 : cls;
    if (pos == t.span.end) break;
    pos = next;
  }
}

// ICU keeps `28خرداد` and `انتخابات_1402` whole; in Persian text digits glued to letters and
// underscores of hashtags separate words, so split there (Latin `covid19` stays whole).
std::vector<RawToken> split_glued(std::string_view text, std::vector<RawToken> tokens) {
  // Most texts have nothing to split: no copy then.
  if (std::none_of(tokens.begin(), tokens.end(), needs_split)) return tokens;
  std::vector<RawToken> out;
  out.reserve(tokens.size() + 8);
  for (RawToken& t : tokens) {
    if (needs_split(t)) {
      split_token(text, t, out);
    } else {
      out.push_back(std::move(t));
    }
  }
  return out;
}

// `1402/12/11` and `1402-12-11` come out of ICU as three numbers: join them into one date token.
std::vector<RawToken> merge_dates(std::string_view text, std::vector<RawToken> tokens) {
  std::size_t kept = 0;  // merging only shrinks the list, so it is compacted in place
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (kept != i) tokens[kept] = std::move(tokens[i]);
    RawToken& t = tokens[kept++];
    while (i + 1 < tokens.size() && continues_date(text, t, tokens[i + 1])) {
      t.text += text[t.span.end];
      t.text += tokens[i + 1].text;
      t.span.end = tokens[i + 1].span.end;
      t.parts.clear();
      ++i;
    }
    if (t.kind == TokenKind::kNumber) t.text = clean_number(t.text);
  }
  tokens.resize(kept);
  return tokens;
}

std::string_view last_part(std::string_view word) {
  const auto zwnj = word.rfind(kZwnjUtf8);
  return zwnj == std::string_view::npos ? word : word.substr(zwnj + kZwnjUtf8.size());
}

// The longest bound prefix (`نمی`) and suffix (`هایشان`), in bytes: longer words are neither.
constexpr std::size_t kLongestPrefixBytes = 6;
constexpr std::size_t kLongestSuffixBytes = 12;

bool attaches(std::string_view text, const RawToken& prev, const RawToken& t) {
  if (t.kind != TokenKind::kWord || prev.kind != TokenKind::kWord || !only_whitespace_between(text, prev, t) ||
      !starts_with_arabic_letter(prev.text)) {
    return false;
  }
  if (prev.text.size() <= kLongestPrefixBytes && is_bound_prefix(prev.text)) return starts_with_arabic_letter(t.text);
  return t.text.size() <= kLongestSuffixBytes && is_bound_suffix(t.text, last_part(prev.text));
}

// Re-attaches bound affixes written with a space, marking the joint with a ZWNJ.
std::vector<RawToken> attach_bound_affixes(std::string_view text, std::vector<RawToken> tokens) {
  std::size_t kept = 0;  // attaching only shrinks the list, so it is compacted in place
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    RawToken& t = tokens[i];
    if (kept > 0 && attaches(text, tokens[kept - 1], t)) {
      RawToken& prev = tokens[kept - 1];
      if (prev.parts.empty()) prev.parts.push_back(prev.span);
      if (t.parts.empty()) t.parts.push_back(t.span);
      prev.parts.insert(prev.parts.end(), t.parts.begin(), t.parts.end());
      prev.text.append(kZwnjUtf8).append(t.text);
      prev.span.end = t.span.end;
      continue;
    }
    if (kept != i) tokens[kept] = std::move(t);
    ++kept;
  }
  tokens.resize(kept);
  return tokens;
}

}  // namespace

bool is_bound_prefix(std::string_view word) { return contains(kBoundPrefixes, word); }

bool is_bound_suffix(std::string_view suffix, std::string_view previous) {
  if (previous.empty() || is_bound_prefix(previous)) return false;
  return contains(kSuffixesAfterAnyWord, suffix) || (ends_with_heh(previous) && contains(kSuffixesAfterHeh, suffix));
}

std::vector<RawToken> Tokenizer::tokenize(std::string_view normalized) const {
  return attach_bound_affixes(normalized, merge_dates(normalized, split_glued(normalized, segment_words(normalized))));
}

}  // namespace kavosh::analysis
