// Kavosh: Persian full-text search. GPL-2.0-or-later.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kavosh/analysis/analyzer.h"
#include "kavosh/index/record.h"

namespace kavosh::index {

/// Turns a record into a Xapian document through the Kavosh analyzer (never Xapian's TermGenerator):
/// positional surface and stem terms, title terms, filter terms, values and the record as data
/// (kavosh/schema.h says which). Pure: safe to call from worker threads.
Xapian::Document make_document(const Record& record, const analysis::Analyzer& analyzer);

/// The words of a made document that go into the spelling table (kavosh/schema.h), each once. Pure:
/// the pipeline's workers call it, so the writer thread, the bottleneck, only counts them.
std::vector<std::string> spelling_words(const Xapian::Document& document);

/// The content hash make_document stores for a record (kavosh/schema.h, kContentHashSlot). Pure.
std::string content_hash(const Record& record);

/// The content hash stored for this id in `db`; empty when the id is not indexed.
std::string stored_hash(const Xapian::Database& db, std::string_view id);

/// Options of an IndexWriter.
struct IndexOptions {
  std::string db_path;
  std::uint32_t batch = 1000;  ///< commit every `batch` added or deleted records, and at the end
  std::string synonyms_file;   ///< optional: replaces the synonym table (format: kavosh/index/synonyms.h)
  int flags = 0;               ///< more Xapian::WritableDatabase flags (DB_NO_SYNC for a build's partitions)
};

/// Writes records into one Xapian database (created if missing): replaces a record whose id is
/// already indexed, deletes by id, commits every `batch` records, records the analyzer and schema
/// versions in the metadata, fills the spelling table (at the first commit after 50,000 documents and at
/// commit(), not at every batch: each spelling update rewrites most of the table). Refuses a database of
/// another analyzer version. A commit with nothing to write is not made, so a job that changes nothing
/// leaves the database's revision as it was. One thread at a time; the destructor commits what is pending.
class IndexWriter {
 public:
  explicit IndexWriter(const IndexOptions& options);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Adds or replaces; returns true when a document with the same id was replaced.
  bool add(const Record& record);
  /// Adds or replaces a document already made by make_document for `id`.
  bool add_document(const std::string& id, const Xapian::Document& document);
  /// The same, with the document's spelling_words() already computed.
  bool add_document(const std::string& id, const Xapian::Document& document, const std::vector<std::string>& words);
  /// Counts one document's spelling words without adding the document: the writer of shard 0 takes the
  /// words of every shard's documents (kavosh/schema.h, "Spelling").
  void add_spelling(const std::vector<std::string>& words);
  /// Deletes the record with this id; returns false when there was none.
  bool remove(std::string_view id);
  /// The content hash stored for this id, this writer's uncommitted changes included; empty when the id
  /// is not indexed.
  std::string stored_hash(std::string_view id) const;
  /// Where the input stands once everything given so far is written (kavosh/index/resume.h): stored
  /// under schema::kResumeKey by the next commit, in the same transaction as the documents.
  void set_resume_point(std::string point);
  /// The resume point stored by the last commit (as opened, then as committed); empty if none.
  const std::string& committed_resume_point() const;
  /// Commits what has been added so far and the spelling words gathered since they were last written;
  /// nothing when nothing changed since the last commit.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kavosh::index
