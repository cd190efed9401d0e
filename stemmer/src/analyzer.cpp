#include "kavosh/analysis/analyzer.h"

#include "kavosh/analysis/stopwords.h"

namespace kavosh::analysis {
namespace {

constexpr std::string_view kZwnj = "\u200C";

std::vector<std::string_view> split_parts(std::string_view word) {
  std::vector<std::string_view> parts;
  for (std::size_t pos = 0;;) {
    const auto z = word.find(kZwnj, pos);
    parts.push_back(word.substr(pos, z == std::string_view::npos ? std::string_view::npos : z - pos));
    if (z == std::string_view::npos) break;
    pos = z + kZwnj.size();
  }
  return parts;
}

// A compound is affixal when every joint is a bound affix: its parts carry no meaning of their own.
bool is_affixal(const std::vector<std::string_view>& parts) {
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (!is_bound_prefix(parts[i - 1]) && !is_bound_suffix(parts[i], parts[i - 1])) return false;
  }
  return true;
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (auto p : parts) out.append(p);
  return out;
}

}  // namespace

std::vector<Token> Analyzer::analyze(std::string_view text, std::uint32_t first_position) const {
  const NormalizedText normalized = normalizer_.normalize_with_origin(text);
  std::vector<Token> out;
  std::uint32_t position = first_position;
  for (const RawToken& raw : tokenizer_.tokenize(normalized.text)) {
    const Span span = normalized.source_span(raw.span.begin, raw.span.end);
    const auto parts = split_parts(raw.text);
    Token joined;
    joined.text = join(parts);
    joined.stem = raw.kind == TokenKind::kWord ? stemmer_.stem(raw.text) : joined.text;
    joined.position = position;
    joined.span = span;
    joined.kind = raw.kind;
    joined.stopword = Stopwords::contains(joined.text);
    out.push_back(std::move(joined));
    if (parts.size() == 1 || is_affixal(parts)) {
      ++position;
      continue;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      Token t;
      t.text = std::string(parts[i]);
      t.stem = stemmer_.stem(parts[i]);
      t.position = position++;
      t.span = normalized.source_span(raw.parts[i].begin, raw.parts[i].end);
      t.kind = raw.kind;
      t.stopword = Stopwords::contains(t.text);
      t.part = true;
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace kavosh::analysis
