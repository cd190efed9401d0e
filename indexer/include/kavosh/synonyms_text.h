// Kavosh: Persian full-text search. GPL-2.0-or-later.
// The synonym table as text in the database's metadata (schema::kSynonymsKey): written by the indexer,
// read by a searcher over remote shards, whose synonym table Xapian's remote backend does not serve.
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::schema {

/// A line per key, `key<TAB>synonym<TAB>synonym…`, in the table's order. `table` maps a key to its
/// synonyms (any range of strings).
template <class Table>
std::string encode_synonyms(const Table& table) {
  std::string text;
  for (const auto& [key, values] : table) {
    text += key;
    for (const std::string& value : values) text.append("\t").append(value);
    text += '\n';
  }
  return text;
}

/// The table encode_synonyms() wrote.
inline std::map<std::string, std::vector<std::string>, std::less<>> decode_synonyms(std::string_view text) {
  std::map<std::string, std::vector<std::string>, std::less<>> table;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    const std::size_t tab = std::min(line.find('\t'), line.size());
    auto& values = table[std::string(line.substr(0, tab))];
    line.remove_prefix(tab);
    while (!line.empty()) {
      line.remove_prefix(1);  // the tab
      const std::size_t next = std::min(line.find('\t'), line.size());
      values.emplace_back(line.substr(0, next));
      line.remove_prefix(next);
    }
  }
  return table;
}

}  // namespace kavosh::schema
