#include "golden.h"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kavosh::testing {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  std::stringstream ss(line);
  std::string col;
  while (std::getline(ss, col, '\t')) cols.push_back(col);
  if (!line.empty() && line.back() == '\t') cols.emplace_back();
  return cols;
}

}  // namespace

std::string unescape(const std::string& cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != '\\' || i + 1 == cell.size()) {
      out += cell[i];
      continue;
    }
    const char kind = cell[++i];
    if (kind == 'u') {
      append_utf8(out, std::stoul(cell.substr(i + 1, 4), nullptr, 16));
      i += 4;
    } else if (kind == 'U') {
      append_utf8(out, std::stoul(cell.substr(i + 1, 6), nullptr, 16));
      i += 6;
    } else if (kind == 'x') {
      out += static_cast<char>(std::stoul(cell.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (kind == 't') {
      out += '\t';
    } else if (kind == 'n') {
      out += '\n';
    } else {
      out += kind;
    }
  }
  return out;
}

std::string escape(const std::string& text) {
  static const std::pair<const char*, const char*> kVisible[] = {
      {"\u200C", "\\u200c"}, {"\u200D", "\\u200d"}, {"\u200E", "\\u200e"}, {"\u200F", "\\u200f"},
      {"\u00A0", "\\u00a0"}, {"\u0640", "\\u0640"}, {"\u00AD", "\\u00ad"}, {"\uFEFF", "\\ufeff"}};
  std::string out = text;
  for (const auto& [raw, shown] : kVisible) {
    for (std::size_t pos = 0; (pos = out.find(raw, pos)) != std::string::npos; pos += std::string(shown).size()) {
      out.replace(pos, std::string(raw).size(), shown);
    }
  }
  return out;
}

std::vector<GoldenRow> load_golden(const std::string& name) {
  const std::string path = std::string(KAVOSH_SOURCE_DIR) + "/tests/golden/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open golden table " + path);
  std::vector<GoldenRow> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split_tabs(line);
    if (cols.size() < 3) throw std::runtime_error(path + ":" + std::to_string(n) + ": expected 3 or 4 columns");
    rows.push_back({name, n, cols[0], unescape(cols[1]), unescape(cols[2]), cols.size() > 3 ? cols[3] : ""});
  }
  return rows;
}

std::string golden_row_name(const GoldenRow& row) {
  std::string name;
  for (char c : row.rule) {
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  }
  return name + "_L" + std::to_string(row.line);
}

std::vector<std::string> random_mixes(const std::vector<std::string>& pieces, int count, int max_pieces,
                                      std::uint32_t seed) {
  std::vector<std::string> mixes;
  std::uint32_t state = seed;
  for (int n = 0; n < count; ++n) {
    std::string mix;
    const int length = 1 + static_cast<int>(state % static_cast<std::uint32_t>(max_pieces));
    for (int i = 0; i < length; ++i) {
      state = state * 1103515245u + 12345u;
      mix += pieces[(state >> 16) % pieces.size()];
    }
    mixes.push_back(std::move(mix));
  }
  return mixes;
}

}  // namespace kavosh::testing
