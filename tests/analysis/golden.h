// Golden tables: rule<TAB>input<TAB>expected<TAB>note, with \uXXXX, \xNN, \t, \n and \\ escapes so that
// invisible characters (ZWNJ, NBSP, bidi marks) and invalid bytes are visible in the file.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace kavosh::testing {

struct GoldenRow {
  std::string file;
  int line = 0;
  std::string rule;
  std::string input;
  std::string expected;
  std::string note;
};

/// Reads tests/golden/NAME; rows whose first column starts with '#' are comments.
std::vector<GoldenRow> load_golden(const std::string& name);

/// Decodes the escapes of a golden cell.
std::string unescape(const std::string& cell);

/// Writes invisible and non-ASCII-space characters back as escapes, for readable failure messages.
std::string escape(const std::string& text);

/// gtest parameter name: the rule plus the line number (unique, alphanumeric).
std::string golden_row_name(const GoldenRow& row);

/// `count` strings of 1 to `max_pieces` pieces drawn from `pieces` by a fixed-seed generator: every
/// combination of the characters a rule treats specially, reproducibly.
std::vector<std::string> random_mixes(const std::vector<std::string>& pieces, int count, int max_pieces,
                                      std::uint32_t seed);

inline void PrintTo(const GoldenRow& row, std::ostream* os) {
  *os << row.file << ":" << row.line << " [" << row.rule << "] " << row.note;
}

}  // namespace kavosh::testing
