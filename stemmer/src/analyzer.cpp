#include "kavosh/analysis/analyzer.h"

#include <unordered_map>

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

// Words repeat (Zipf): most tokens of a text were seen before, so each thread remembers the stem and
// stopword flag of the words it analyzed. The cache is a pure memo of pure functions; it is
// emptied when full rather than evicting, which keeps it simple and bounded.
struct WordFacts {
  std::string stem;
  bool stopword = false;
};

const WordFacts& word_facts(const PersianStemmer& stemmer, const std::string& word, const std::string& joined) {
  constexpr std::size_t kMaxEntries = 1 << 18;
  thread_local std::unordered_map<std::string, WordFacts> cache = [] {
    std::unordered_map<std::string, WordFacts> empty;
    empty.reserve(kMaxEntries);
    return empty;
  }();
  if (const auto it = cache.find(word); it != cache.end()) return it->second;
  if (cache.size() >= kMaxEntries) cache.clear();
  return cache.emplace(word, WordFacts{stemmer.stem(word), Stopwords::contains(joined)}).first->second;
}

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (auto p : parts) out.append(p);
  return out;
}

}  // namespace

std::vector<Token> Analyzer::analyze(std::string_view text, std::uint32_t first_position) const {
  const NormalizedText normalized = normalizer_.normalize_with_origin(text);
  const std::vector<RawToken> raw_tokens = tokenizer_.tokenize(normalized.text);
  std::vector<Token> out;
  out.reserve(raw_tokens.size() + raw_tokens.size() / 8);
  std::uint32_t position = first_position;
  for (const RawToken& raw : raw_tokens) {
    const Span span = normalized.source_span(raw.span.begin, raw.span.end);
    const bool compound = raw.parts.size() > 1;
    const auto parts = compound ? split_parts(raw.text) : std::vector<std::string_view>{};
    Token joined;
    joined.text = compound ? join(parts) : raw.text;
    if (raw.kind == TokenKind::kWord) {
      const WordFacts& facts = word_facts(stemmer_, raw.text, joined.text);
      joined.stem = facts.stem;
      joined.stopword = facts.stopword;
    } else {
      joined.stem = joined.text;
    }
    joined.position = position;
    joined.span = span;
    joined.kind = raw.kind;
    out.push_back(std::move(joined));
    if (!compound || is_affixal(parts)) {
      ++position;
      continue;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      Token t;
      t.text = std::string(parts[i]);
      const WordFacts& facts = word_facts(stemmer_, t.text, t.text);
      t.stem = facts.stem;
      t.stopword = facts.stopword;
      t.position = position++;
      t.span = normalized.source_span(raw.parts[i].begin, raw.parts[i].end);
      t.kind = raw.kind;
      t.part = true;
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace kavosh::analysis
