// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <string>
#include <vector>

#include "kavosh/analysis/analyzer.h"

namespace kavosh::index {

/// Words that mean the same thing, each already a schema::synonym_key.
using SynonymGroup = std::vector<std::string>;

/// Reads a synonyms file: one group per line, entries separated by tabs; `#` starts a comment line;
/// blank lines are ignored. Entries are keyed with schema::synonym_key, so `ریاست‌جمهوری` and
/// `رياست جمهوری` are written the way the analyzer sees them; duplicates within a group are dropped and a
/// group left with fewer than two entries is skipped. Throws kavosh::EnvironmentError if unreadable.
std::vector<SynonymGroup> load_synonyms(const std::string& path, const analysis::Analyzer& analyzer);

}  // namespace kavosh::index
