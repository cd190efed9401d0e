#include "kavosh/analysis/stopwords.h"

#include "lexicon.h"

namespace kavosh::analysis {

bool Stopwords::contains(std::string_view normalized_word) {
  return Lexicon::instance().stopwords.contains(normalized_word);
}

}  // namespace kavosh::analysis
