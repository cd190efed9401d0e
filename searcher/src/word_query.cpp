// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "word_query.h"

#include "kavosh/analysis/stopwords.h"
#include "kavosh/schema.h"
#include "kavosh/search/ranking.h"

namespace kavosh::search::detail {
namespace {

using Q = Xapian::Query;

Q phrase_of(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Q(terms.front());
  std::vector<Q> subqueries(terms.begin(), terms.end());
  return Q(Q::OP_PHRASE, subqueries.begin(), subqueries.end(), static_cast<Xapian::termcount>(terms.size()));
}

}  // namespace

TermPrefixes prefixes_for(Field field) {
  if (field == Field::kTitle) return {std::string(schema::kTitlePrefix), std::string(schema::kTitleStemPrefix)};
  return {"", std::string(schema::kStemPrefix)};
}

void check_stem(QueryWord& word, const analysis::PersianStemmer& stemmer) {
  word.stem_is_word = word.token.kind != analysis::TokenKind::kWord || stemmer.stem(word.token.stem) == word.token.stem;
}

std::vector<QueryWord> group_words(std::vector<analysis::Token> tokens, const analysis::PersianStemmer& stemmer) {
  std::vector<QueryWord> words;
  for (analysis::Token& token : tokens) {
    if (token.part && !words.empty()) {
      words.back().parts.push_back(std::move(token));
    } else {
      words.push_back({std::move(token), {}, false, true});
      check_stem(words.back(), stemmer);
    }
  }
  return words;
}

std::vector<std::string> stem_terms(const QueryWord& word, const TermPrefixes& prefixes) {
  std::vector<std::string> terms{prefixes.stem + word.token.stem};
  if (word.stem_is_word) terms.push_back(prefixes.surface + word.token.stem);
  return terms;
}

Q stem_query(const QueryWord& word, const TermPrefixes& prefixes, Q::op op) {
  const std::vector<std::string> terms = stem_terms(word, prefixes);
  if (terms.size() == 1) return Q(terms.front());
  return Q(op, terms.begin(), terms.end());
}

Q forms_query(const QueryWord& word, const TermPrefixes& prefixes, const std::vector<std::string>& other_forms) {
  // One flat synonym of terms: Xapian 1.4 crashes on some synonyms nested in synonyms.
  std::vector<std::string> forms = stem_terms(word, prefixes);
  forms.insert(forms.end(), other_forms.begin(), other_forms.end());
  return Q(Q::OP_SYNONYM, forms.begin(), forms.end());
}

Q prefix_query(const QueryWord& word, const TermPrefixes& prefixes) {
  return Q(Q::OP_WILDCARD, prefixes.surface + word.token.text, ranking::kPrefixExpansion,
           Q::WILDCARD_LIMIT_MOST_FREQUENT, Q::OP_SYNONYM);
}

Q word_query(const QueryWord& word, const TermPrefixes& prefixes, const std::vector<std::string>& other_forms) {
  if (word.star) return prefix_query(word, prefixes);
  Q query = forms_query(word, prefixes, other_forms);
  // The form typed is preferred where the word has others; a word typed as its stem is already the
  // synonym's own term, and a bonus for it would read its posting list twice.
  if (word.token.text != word.token.stem) {
    query = Q(Q::OP_OR, query, Q(Q::OP_SCALE_WEIGHT, Q(prefixes.surface + word.token.text), ranking::kExactBonus));
  }
  if (!word.parts.empty()) {
    std::vector<std::string> parts;
    for (const analysis::Token& part : word.parts) parts.push_back(prefixes.surface + part.text);
    query = Q(Q::OP_OR, query, phrase_of(parts));
  }
  if (word.prefix) query = Q(Q::OP_OR, query, prefix_query(word, prefixes));
  return query;
}

std::vector<WordSplit> two_word_splits(const Xapian::Database& database, const std::string& text) {
  constexpr std::size_t kMinLetters = 2;
  constexpr std::size_t kWordLetters = 3;
  std::vector<std::size_t> boundaries;  // byte offsets of code point starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) boundaries.push_back(i);
  }
  std::vector<WordSplit> out;
  for (std::size_t k = kMinLetters; k + kMinLetters <= boundaries.size(); ++k) {
    std::string left = text.substr(0, boundaries[k]);
    std::string right = text.substr(boundaries[k]);
    // A function word is no half: `دربه` is no phrase of در and به, and such a phrase would check the
    // positions of most documents.
    if (analysis::Stopwords::contains(left) || analysis::Stopwords::contains(right)) continue;
    if (!database.term_exists(left) || !database.term_exists(right)) continue;
    const bool as_words = k >= kWordLetters && boundaries.size() - k >= kWordLetters;
    out.push_back({std::move(left), std::move(right), as_words});
  }
  return out;
}

PhraseSpellings phrase_spellings(const std::vector<QueryWord>& words) {
  PhraseSpellings out;
  bool compound = false;
  for (const QueryWord& word : words) {
    out.joined.push_back(word.token.text);
    compound = compound || !word.parts.empty();
    if (word.parts.empty()) out.split.push_back(word.token.text);
    for (const analysis::Token& part : word.parts) out.split.push_back(part.text);
  }
  if (!compound) out.split.clear();
  return out;
}

Q phrase_query(const std::vector<QueryWord>& words, const TermPrefixes& prefixes) {
  if (words.empty()) return Q();
  const auto with_prefix = [&](std::vector<std::string> surfaces) {
    for (std::string& surface : surfaces) surface.insert(0, prefixes.surface);
    return surfaces;
  };
  const PhraseSpellings spellings = phrase_spellings(words);
  const Q joined = phrase_of(with_prefix(spellings.joined));
  if (spellings.split.empty()) return joined;
  return Q(Q::OP_OR, joined, phrase_of(with_prefix(spellings.split)));
}

Q proximity_query(const std::vector<QueryWord>& words, Q::op op, unsigned window) {
  std::vector<Q> stems;
  const TermPrefixes prefixes = prefixes_for(Field::kAny);
  std::vector<Q> weights;
  for (const QueryWord& word : words) {
    stems.push_back(stem_query(word, prefixes, Q::OP_OR));
    weights.push_back(stem_query(word, prefixes, Q::OP_SYNONYM));
  }
  // A positional query weighs the sum of its matching subterms, so a word found both as `Z`stem and as
  // the stem itself would count twice; the FILTER keeps the positional test and takes the weight of one
  // synonym per word, as the single `Z` term gave before schema v2.
  return Q(Q::OP_FILTER, Q(Q::OP_AND, weights.begin(), weights.end()), Q(op, stems.begin(), stems.end(), window));
}

}  // namespace kavosh::search::detail
