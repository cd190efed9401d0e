#include "kavosh/index/index_writer.h"

#include <map>
#include <set>
#include <unordered_map>

#include "kavosh/error.h"
#include "kavosh/index/stories.h"
#include "kavosh/index/synonyms.h"
#include "kavosh/schema.h"
#include "kavosh/synonyms_text.h"

namespace kavosh::index {
namespace {

std::string id_term(std::string_view id) {
  std::string term(schema::kIdPrefix);
  term.append(id);
  return term;
}

// Spelling words are the unprefixed terms (prefixes are upper-case ASCII; words are case-folded) that
// are not numbers and have 3+ letters: an edit distance of 2 would turn a 1–2 letter word into any other,
// and a query word the index holds is never corrected (hits.cpp), so short words only cost table space.
constexpr std::size_t kMinSpellingLetters = 3;

// How many documents' spelling words are gathered before a commit hands them to Xapian (Impl::commit_batch).
constexpr std::uint32_t kSpellingRecords = 50000;

bool is_spelling_word(const std::string& term) {
  const unsigned char first = static_cast<unsigned char>(term[0]);
  if ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) return false;
  std::size_t letters = 0;
  for (const char c : term) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++letters >= kMinSpellingLetters) return true;
  }
  return false;
}

void check_version(const Xapian::WritableDatabase& db, std::string_view key, int expected, const std::string& path) {
  const std::string stored = db.get_metadata(std::string(key));
  if (stored.empty() && db.get_doccount() == 0) return;
  if (stored != std::to_string(expected)) {
    throw EnvironmentError(path + ": built with " + std::string(key) + " " + (stored.empty() ? "(none)" : stored) +
                           ", this kavosh-index writes " + std::to_string(expected) + "; rebuild it into a new path");
  }
}

using SynonymTable = std::map<std::string, std::set<std::string>>;

SynonymTable synonym_table(const std::vector<SynonymGroup>& groups) {
  SynonymTable table;
  for (const SynonymGroup& group : groups) {
    for (const std::string& key : group) {
      for (const std::string& other : group) {
        if (other != key) table[key].insert(other);
      }
    }
  }
  return table;
}

SynonymTable stored_synonyms(const Xapian::WritableDatabase& db) {
  SynonymTable table;
  for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
    table[*key] = {db.synonyms_begin(*key), db.synonyms_end(*key)};
  }
  return table;
}

// Returns true when the value changed.
bool set_metadata(Xapian::WritableDatabase& db, std::string_view key, const std::string& value) {
  if (db.get_metadata(std::string(key)) == value) return false;
  db.set_metadata(std::string(key), value);
  return true;
}

// Returns false when the table (and its copy in metadata) already held these groups: nothing to write,
// nothing to commit.
bool replace_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups) {
  const SynonymTable wanted = synonym_table(groups);
  const bool copied = set_metadata(db, schema::kSynonymsKey, schema::encode_synonyms(wanted));
  const SynonymTable stored = stored_synonyms(db);
  if (wanted == stored) return copied;
  for (const auto& [key, values] : stored) db.clear_synonyms(key);
  for (const auto& [key, values] : wanted) {
    for (const std::string& value : values) db.add_synonym(key, value);
  }
  return true;
}

Xapian::WritableDatabase open_database(const std::string& path, int flags) {
  if (path.empty()) throw EnvironmentError("no database path");
  return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | flags);
}

}  // namespace

std::vector<std::string> spelling_words(const Xapian::Document& document) {
  std::vector<std::string> words;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    std::string term = *it;
    if (is_spelling_word(term)) words.push_back(std::move(term));
  }
  return words;
}

std::string stored_hash(const Xapian::Database& db, std::string_view id) {
  const std::string term = id_term(id);
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return {};
  return db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(schema::kContentHashSlot);
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  Xapian::Database committed;  ///< the last committed revision, where near-copies are looked up
  PendingStories stories;      ///< the stories of the documents written since
  analysis::Analyzer analyzer;
  std::uint32_t batch;
  std::uint32_t pending = 0;
  bool modified = false;  // anything to commit besides `pending` changes and spelling counts
  std::string committed_point, resume_point;
  // Spelling counts gathered since they were last handed to Xapian: one add_spelling per distinct word
  // instead of per posting, and of kSpellingRecords documents at least (see commit_batch).
  std::unordered_map<std::string, Xapian::termcount> spelling;
  std::uint32_t spelling_records = 0;

  explicit Impl(const IndexOptions& options)
      : db(open_database(options.db_path, options.flags)),
        committed(options.db_path),
        batch(std::max<std::uint32_t>(options.batch, 1)) {
    check_version(db, schema::kAnalyzerVersionKey, analysis::kAnalyzerVersion, options.db_path);
    check_version(db, schema::kSchemaVersionKey, schema::kSchemaVersion, options.db_path);
    modified |= set_metadata(db, schema::kAnalyzerVersionKey, std::to_string(analysis::kAnalyzerVersion));
    modified |= set_metadata(db, schema::kSchemaVersionKey, std::to_string(schema::kSchemaVersion));
    if (!options.synonyms_file.empty())
      modified |= replace_synonyms(db, load_synonyms(options.synonyms_file, analyzer));
    committed_point = resume_point = db.get_metadata(std::string(schema::kResumeKey));
    if (!db.get_metadata(std::string(schema::kRegroupKey)).empty()) {
      regroup_stories(db);
      db.set_metadata(std::string(schema::kRegroupKey), "");
      db.commit();  // the stories this writer looks up are those of the last commit
      committed.reopen();
    }
  }

  void count_spelling(const std::vector<std::string>& words) {
    for (const std::string& word : words) ++spelling[word];
    ++spelling_records;
  }

  void count_change() {
    if (++pending >= batch) commit_batch();
  }

  // A commit that adds words rewrites every spelling fragment list a new word touches (Xapian's fragments
  // are byte n-grams: with two-byte Persian letters there are few of them, ~1,300 for a 10 MB input, each
  // listing a large part of the vocabulary), so it costs about the whole table. The words go in at the
  // first commit after kSpellingRecords documents and at the last one (commit()): a SIGKILL loses no
  // record, only the spelling counts of the records since, which re-indexing them (the documented
  // recovery) adds back.
  void commit_batch() {
    if (spelling_records >= kSpellingRecords) add_spelling();
    if (resume_point != committed_point) db.set_metadata(std::string(schema::kResumeKey), resume_point);
    db.commit();
    committed.reopen();
    stories.clear();
    committed_point = resume_point;
    pending = 0;
    modified = false;
  }

  // A resume point alone is no reason to commit: a job that finds every record unchanged leaves the
  // revision as it was, and a resumed job re-reads those records (cheaply: they are skipped again).
  void commit() {
    if (pending == 0 && spelling.empty() && !modified) return;
    add_spelling();
    commit_batch();
  }

  void add_spelling() {
    for (const auto& [word, count] : spelling) db.add_spelling(word, count);
    spelling.clear();
    spelling_records = 0;
  }
};

IndexWriter::IndexWriter(const IndexOptions& options) : impl_(std::make_unique<Impl>(options)) {}

IndexWriter::~IndexWriter() {
  try {
    impl_->commit();
  } catch (...) {
    // A destructor must not throw; Xapian keeps the last successful commit.
  }
}

bool IndexWriter::add(const Record& record) { return add_document(record.id, make_document(record, impl_->analyzer)); }

bool IndexWriter::add_document(const std::string& id, const Xapian::Document& document) {
  return add_document(id, document, spelling_words(document));
}

bool IndexWriter::add_document(const std::string& id, const Xapian::Document& document,
                               const std::vector<std::string>& words) {
  const std::string term = id_term(id);
  const bool exists = impl_->db.term_exists(term);
  // The story is chosen here, where this job's uncommitted documents are known too. Xapian::Document is a
  // handle: the caller's document gets the story, which it does not use again.
  Xapian::Document with_story = document;
  const std::string story = find_story(impl_->committed, impl_->stories, document, id);
  set_story(with_story, story);
  impl_->stories.add(with_story, id, story);
  // replace_document(term) also works for a new id, but costs a second lookup.
  if (exists) {
    impl_->db.replace_document(term, with_story);
  } else {
    impl_->db.add_document(with_story);
  }
  impl_->count_spelling(words);
  impl_->count_change();
  return exists;
}

void IndexWriter::add_spelling(const std::vector<std::string>& words) { impl_->count_spelling(words); }

bool IndexWriter::remove(std::string_view id) {
  const std::string term = id_term(id);
  if (!impl_->db.term_exists(term)) return false;
  impl_->db.delete_document(term);
  impl_->count_change();
  return true;
}

std::string IndexWriter::stored_hash(std::string_view id) const { return index::stored_hash(impl_->db, id); }

void IndexWriter::set_resume_point(std::string point) { impl_->resume_point = std::move(point); }

const std::string& IndexWriter::committed_resume_point() const { return impl_->committed_point; }

void IndexWriter::commit() { impl_->commit(); }

}  // namespace kavosh::index
