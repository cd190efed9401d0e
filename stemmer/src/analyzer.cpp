#include "kavosh/analysis/analyzer.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "char_tables.h"
#include "kavosh/analysis/stopwords.h"

namespace kavosh::analysis {
namespace {

std::vector<std::string_view> split_parts(std::string_view word) {
  std::vector<std::string_view> parts;
  chars::for_each_zwnj_part(word, [&](std::string_view part) { parts.push_back(part); });
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
// stopword flag of the words it analyzed. The memo is a pure cache of pure functions; it starts small
// and doubles as it fills (a thread that analyzes a few queries keeps a few kilobytes, an indexing
// thread grows it to its bound), and is emptied when full rather than evicting, which keeps it simple
// and bounded. Open addressing over one flat array of cache-line slots, because a node-based map spent
// more time chasing pointers than the stemmer spends stemming.
struct WordFacts {
  std::string_view stem;
  bool stopword = false;
};

class WordMemo {
 public:
  WordMemo() : slots_(kFirstSlots) { arena_.reserve(kArenaBytes); }

  /// The word's facts; the view is valid until the next call.
  WordFacts get(const PersianStemmer& stemmer, std::string_view word, std::string_view joined) {
    const std::uint64_t hash = std::hash<std::string_view>{}(word) | 1;  // 0 marks an empty slot
    std::size_t i = probe(hash, word);
    if (slots_[i].hash != 0) return {stem(slots_[i]), slots_[i].stop};
    const std::string stem_text = stemmer.stem(word);
    const bool stop = Stopwords::contains(joined);
    if (arena_.size() + word.size() + stem_text.size() > kArenaBytes || used_ >= kMaxSlots / 2) {
      clear();
      i = probe(hash, word);
    } else if (used_ >= slots_.size() / 2) {
      grow();
      i = probe(hash, word);
    }
    fill(slots_[i], hash, word, stem_text, stop);
    ++used_;
    return {stem(slots_[i]), stop};
  }

 private:
  static constexpr std::size_t kFirstSlots = 1 << 10;
  static constexpr std::size_t kMaxSlots = 1 << 17;
  static constexpr std::size_t kArenaBytes = 8 << 20;
  static constexpr std::size_t kInlineBytes = 44;

  // One cache line: the lookup of a word whose key and stem fit kInlineBytes touches nothing else.
  // Longer ones go to the arena (is_inline false), at key_at and stem_at.
  struct alignas(64) Slot {
    std::uint64_t hash = 0;
    std::uint32_t key_at = 0;   // in the arena, when !inline
    std::uint32_t stem_at = 0;  // in the arena, when !inline
    std::uint16_t key_size = 0;
    std::uint16_t stem_size = 0;
    bool stop = false;
    bool is_inline = false;
    char bytes[kInlineBytes] = {};  // key then stem, when inline
  };

  /// The slot holding `word`, or the empty slot where it goes.
  std::size_t probe(std::uint64_t hash, std::string_view word) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].hash != 0 && (slots_[i].hash != hash || key(slots_[i]) != word)) i = (i + 1) & mask;
    return i;
  }
  /// Twice the slots, every word moved to its place in them (the arena stays).
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.hash != 0) slots_[probe(slot.hash, key(slot))] = slot;
    }
  }

  std::string_view key(const Slot& slot) const {
    return slot.is_inline ? std::string_view(slot.bytes, slot.key_size) : view(slot.key_at, slot.key_size);
  }
  std::string_view stem(const Slot& slot) const {
    return slot.is_inline ? std::string_view(slot.bytes + slot.key_size, slot.stem_size)
                          : view(slot.stem_at, slot.stem_size);
  }
  void fill(Slot& slot, std::uint64_t hash, std::string_view word, std::string_view stem_text, bool stop) {
    slot.hash = hash;
    slot.key_size = static_cast<std::uint16_t>(word.size());
    slot.stem_size = static_cast<std::uint16_t>(stem_text.size());
    slot.stop = stop;
    slot.is_inline = word.size() + stem_text.size() <= kInlineBytes;
    if (slot.is_inline) {
      std::copy(word.begin(), word.end(), slot.bytes);
      std::copy(stem_text.begin(), stem_text.end(), slot.bytes + word.size());
    } else {
      slot.key_at = store(word);
      slot.stem_at = store(stem_text);
    }
  }
  std::uint32_t store(std::string_view bytes) {
    const auto at = static_cast<std::uint32_t>(arena_.size());
    arena_.append(bytes);
    return at;
  }
  std::string_view view(std::uint32_t at, std::uint16_t size) const { return {arena_.data() + at, size}; }
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    arena_.clear();
    used_ = 0;
  }

  std::vector<Slot> slots_;
  std::string arena_;  // reserved once, so views into it stay valid until clear()
  std::size_t used_ = 0;
};

// Memoized stem and stopword flag of `word`; an over-long word is computed directly into `scratch`.
WordFacts word_facts(const PersianStemmer& stemmer, std::string_view word, std::string_view joined,
                     std::string& scratch) {
  thread_local WordMemo memo;
  if (word.size() < 1024) return memo.get(stemmer, word, joined);
  scratch = stemmer.stem(word);
  return {scratch, Stopwords::contains(joined)};
}

// Stem and stopword flag of a token of `word` (its ZWNJ-free form `joined`); a number is its own stem.
void set_facts(Token& token, const PersianStemmer& stemmer, std::string_view word, std::string_view joined,
               std::string& scratch) {
  if (token.kind != TokenKind::kWord) {
    token.stem = joined;
    return;
  }
  const WordFacts facts = word_facts(stemmer, word, joined, scratch);
  token.stem = facts.stem;
  token.stopword = facts.stopword;
}

}  // namespace

std::vector<Token> Analyzer::analyze(std::string_view text, std::uint32_t first_position) const {
  const NormalizedText normalized = normalizer_.normalize_with_origin(text);
  std::vector<RawToken> raw_tokens = tokenizer_.tokenize(normalized.text);
  std::vector<Token> out;
  out.reserve(raw_tokens.size() + raw_tokens.size() / 8);
  std::uint32_t position = first_position;
  std::string scratch;
  for (RawToken& raw : raw_tokens) {
    Token joined;
    joined.position = position;
    joined.span = normalized.source_span(raw.span.begin, raw.span.end);
    joined.kind = raw.kind;
    if (raw.parts.size() <= 1) {  // the common case: one word, whose text can be moved
      set_facts(joined, stemmer_, raw.text, raw.text, scratch);
      joined.text = std::move(raw.text);
      out.push_back(std::move(joined));
      ++position;
      continue;
    }
    const auto parts = split_parts(raw.text);
    joined.text = chars::without_zwnj(raw.text);
    set_facts(joined, stemmer_, raw.text, joined.text, scratch);
    out.push_back(std::move(joined));
    if (is_affixal(parts)) {
      ++position;
      continue;
    }
    for (std::size_t i = 0; i < parts.size(); ++i) {
      Token t;
      t.text = std::string(parts[i]);
      t.position = position++;
      t.span = normalized.source_span(raw.parts[i].begin, raw.parts[i].end);
      t.kind = raw.kind;
      t.part = true;
      set_facts(t, stemmer_, t.text, t.text, scratch);
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace kavosh::analysis
