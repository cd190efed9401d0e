#include "kavosh/index/synonyms.h"

#include <algorithm>
#include <fstream>

#include "kavosh/error.h"
#include "kavosh/schema.h"

namespace kavosh::index {
namespace {

SynonymGroup parse_group(std::string_view line, const analysis::Analyzer& analyzer) {
  SynonymGroup group;
  for (std::size_t pos = 0; pos <= line.size();) {
    const auto tab = std::min(line.find('\t', pos), line.size());
    std::string key = schema::synonym_key(analyzer, line.substr(pos, tab - pos));
    if (!key.empty() && std::find(group.begin(), group.end(), key) == group.end()) {
      group.push_back(std::move(key));
    }
    pos = tab + 1;
  }
  return group;
}

}  // namespace

std::vector<SynonymGroup> load_synonyms(const std::string& path, const analysis::Analyzer& analyzer) {
  std::ifstream in(path);
  if (!in) throw EnvironmentError("cannot read synonyms file " + path);
  std::vector<SynonymGroup> groups;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with('#')) continue;
    SynonymGroup group = parse_group(line, analyzer);
    if (group.size() >= 2) groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace kavosh::index
