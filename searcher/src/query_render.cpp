// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A one-line rendering of a parse, so golden tables can state what the parser must do.
#include "kavosh/search/query.h"

namespace kavosh::search {
namespace {

/// Collapses runs of whitespace, so a rendered atom fits a table cell.
std::string squeeze(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    const bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string render_clause(const Clause& clause);

std::string render_atom(const Atom& atom) {
  if (!atom.group.empty()) {
    std::string out = "group(";
    for (std::size_t i = 0; i < atom.group.size(); ++i) out.append(i ? " " : "").append(render_clause(atom.group[i]));
    return out.append(")");
  }
  std::string out = atom.field == Field::kTitle ? "title:" : "";
  out.append(atom.phrase ? "phrase(" : "words(").append(squeeze(atom.text)).append(atom.prefix ? "*)" : ")");
  return out;
}

std::string render_clause(const Clause& clause) {
  std::string out = clause.excluded ? "-" : clause.required ? "+" : "";
  if (clause.alternatives.size() == 1) return out.append(render_atom(clause.alternatives[0]));
  out.append("or(");
  for (std::size_t i = 0; i < clause.alternatives.size(); ++i) {
    out.append(i ? "|" : "").append(render_atom(clause.alternatives[i]));
  }
  return out.append(")");
}

std::string_view filter_name(FilterField field) {
  switch (field) {
    case FilterField::kSource: return "source";
    case FilterField::kCategory: return "category";
    case FilterField::kProvince: return "province";
    case FilterField::kTag: return "tag";
  }
  return "?";
}

}  // namespace

std::string render(const ParsedQuery& query) {
  std::vector<std::string> parts;
  for (const Clause& clause : query.clauses) parts.push_back(render_clause(clause));
  for (const Filter& filter : query.filters) {
    parts.push_back(std::string(filter_name(filter.field)).append("=").append(squeeze(filter.value)));
  }
  if (query.date_from || query.date_to) {
    parts.push_back("date=" + query.date_from.value_or("") + ".." + query.date_to.value_or(""));
  }
  if (query.story) parts.push_back("story=" + *query.story);
  for (const std::string& warning : query.warnings) parts.push_back("!" + warning);
  std::string out;
  for (const std::string& part : parts) out.append(out.empty() ? "" : " ").append(part);
  return out.empty() ? "(empty)" : out;
}

}  // namespace kavosh::search
