// Kavosh: Persian full-text search. GPL-2.0-or-later.
// plain_xapian_index: the plain Xapian indexer that index_bench measures kavosh-index against, written as
// Xapian's documentation writes one: TermGenerator, no stemmer (Xapian has none for Persian), the title
// under `S` and in the text, an id term, the record as data, default flushing, one thread. A program of
// its own so that it runs with the C library's allocator, as a plain Xapian program does, while
// index_bench runs kavosh-index's code with the allocator of Kavosh's programs (cmake/KavoshAllocator.cmake).
// Usage: plain_xapian_index INPUT DB [SPLIT]
//   SPLIT: make every document first, then write them all, and write the CPU seconds of the two phases
//   to SPLIT as "make write".
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "cpu_time.h"

namespace {

Xapian::Document plain_document(Xapian::TermGenerator& generator, const std::string& line, std::string& id_term) {
  const nlohmann::json record = nlohmann::json::parse(line);
  Xapian::Document document;
  generator.set_document(document);
  const std::string title = record.value("title", "");
  id_term.clear();
  id_term.push_back('Q');
  id_term += record["id"].get_ref<const std::string&>();
  generator.index_text(title, 1, "S");
  generator.index_text(title);
  generator.increase_termpos();
  generator.index_text(record.value("body", ""));
  document.add_boolean_term(id_term);
  document.set_data(line);
  return document;
}

void index(const std::string& input, const std::string& db_path) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
  Xapian::TermGenerator generator;
  std::ifstream in(input);
  std::string id_term;
  for (std::string line; std::getline(in, line);) {
    const Xapian::Document document = plain_document(generator, line, id_term);
    db.replace_document(id_term, document);
  }
  db.commit();
}

void index_in_phases(const std::string& input, const std::string& db_path, const std::string& split_path) {
  std::vector<std::pair<std::string, Xapian::Document>> documents;
  const double started = kavosh::bench::cpu_seconds();
  {
    Xapian::TermGenerator generator;
    std::ifstream in(input);
    std::string id_term;
    for (std::string line; std::getline(in, line);) {
      Xapian::Document document = plain_document(generator, line, id_term);
      documents.emplace_back(id_term, std::move(document));
    }
  }
  const double made = kavosh::bench::cpu_seconds();
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OPEN);
  for (const auto& [id_term, document] : documents) db.replace_document(id_term, document);
  db.commit();
  kavosh::bench::write_split(split_path, started, made);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "Usage: plain_xapian_index INPUT DB [SPLIT]\n";
    return 2;
  }
  try {
    if (argc == 4) {
      index_in_phases(argv[1], argv[2], argv[3]);
    } else {
      index(argv[1], argv[2]);
    }
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "plain_xapian_index: " << e.get_description() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "plain_xapian_index: " << e.what() << '\n';
  }
  return 1;
}
