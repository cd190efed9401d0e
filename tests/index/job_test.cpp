// kavosh-index in-process: argument parsing, bad input reports and exit codes, --strict, directories,
// deletes, shards through the whole pipeline.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "kavosh/index/cli.h"
#include "kavosh/index/resume.h"
#include "kavosh/schema.h"
#include "test_util.h"

namespace kavosh::index {
namespace {

using testing::TempDir;

JobOptions parse(std::vector<std::string> args) {
  JobOptions options;
  auto app = make_app(options);
  args.insert(args.begin(), "kavosh-index");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  app->parse(static_cast<int>(argv.size()), argv.data());
  return options;
}

struct JobRun {
  int code;
  std::string out, err;
};

std::string generated_file(const TempDir& dir, std::uint64_t records) {
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(records));
  return input;
}

JobOptions job(const std::string& db, std::vector<std::string> inputs) {
  JobOptions options;
  options.db_path = db;
  options.inputs = std::move(inputs);
  return options;
}

JobRun run(JobOptions options) {
  options.progress = ProgressMode::kNever;
  std::ostringstream out, err;
  const int code = run_job(options, out, err);
  return {code, out.str(), err.str()};
}

TEST(Cli, ParsesEveryOption) {
  TempDir dir;
  testing::write_file(dir / "in.jsonl", "");
  const JobOptions o =
      parse({"--db", dir / "db", "--batch", "5", "--threads", "3", "--shards", "2", "--progress", "never", "--strict",
             "--delete-ids", dir / "in.jsonl", dir / "in.jsonl", "-", "--delete", "x", "y"});
  EXPECT_EQ(o.db_path, dir / "db");
  EXPECT_EQ(o.batch, 5u);
  EXPECT_EQ(o.threads, 3u);
  EXPECT_EQ(o.shards, 2u);
  EXPECT_EQ(o.progress, ProgressMode::kNever);
  EXPECT_TRUE(o.strict);
  EXPECT_EQ(o.inputs, (std::vector<std::string>{dir / "in.jsonl", "-"}));
  EXPECT_EQ(o.deletes, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(o.delete_ids_file, dir / "in.jsonl");
  EXPECT_TRUE(parse({"--db", dir / "db", "--resume", dir / "in.jsonl"}).resume);
}

TEST(Cli, UsageErrors) {
  EXPECT_THROW(parse({"--db", "x"}), CLI::ValidationError) << "no INPUT and no --delete";
  EXPECT_THROW(parse({"-"}), CLI::RequiredError) << "no --db";
  EXPECT_THROW(parse({"--db", "x", "--progress", "sometimes", "-"}), CLI::ValidationError);
  EXPECT_THROW(parse({"--db", "x", "/no/such/input.jsonl"}), CLI::ValidationError);
  EXPECT_THROW(parse({"--db", "x", "--batch", "0", "-"}), CLI::ValidationError);
  EXPECT_THROW(parse({"--db", "x", "--resume", "-"}), CLI::ValidationError) << "stdin cannot be read again";
  EXPECT_THROW(parse({"--db", "x", "--delete-ids", "/no/such/ids"}), CLI::ValidationError);
}

TEST(Job, BadRecordsAreReportedSkippedAndExitThree) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_record(0) + "\n{broken\n\n" + testing::generated_record(1) +
                                 "\n{\"id\": 5}\n" + testing::generated_record(2) + "\n");
  const JobRun r = run(job(dir / "db", {input}));
  EXPECT_EQ(r.code, kExitSkipped);
  EXPECT_NE(r.err.find(input + ":2: malformed JSON: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(input + ":5: id must be a string, not number\n"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("added 3, replaced 0, unchanged 0, deleted 0, skipped 2;"), std::string::npos) << r.out;
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 3u);
}

TEST(Job, StrictStopsAtTheFirstBadRecord) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  testing::write_file(input, testing::generated_input(300) + "not json\n" + testing::generated_input(10));
  JobOptions options = job(dir / "db", {input});
  options.threads = 2;
  options.strict = true;
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitSkipped);
  EXPECT_NE(r.err.find(input + ":301: malformed JSON"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 300u) << "all before it, nothing after it";
}

TEST(Job, ReindexingTheSameFileChangesNothing) {
  TempDir dir;
  const std::string input = generated_file(dir, 500);
  JobOptions options = job(dir / "db", {input});
  options.batch = 64;
  options.synonyms_file = KAVOSH_SOURCE_DIR "/indexer/data/synonyms.tsv";
  EXPECT_EQ(run(options).code, kExitOk);
  const Xapian::rev revision = Xapian::Database(dir / "db").get_revision();
  const JobRun again = run(options);
  EXPECT_EQ(again.code, kExitOk);
  EXPECT_NE(again.out.find("added 0, replaced 0, unchanged 500,"), std::string::npos) << again.out;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_revision(), revision) << "nothing written, not even a commit";
  EXPECT_EQ(testing::unique_ids(db).size(), 500u);
}

TEST(Job, KeyOrderAndSpacingAreNoChange) {
  TempDir dir;
  testing::write_file(dir / "a.jsonl", R"({"id": "x", "title": "خبر", "tags": ["a", "b"]})"
                                       "\n");
  testing::write_file(dir / "b.jsonl", R"({"tags":["a","b"],"title":"خبر","id":"x"})"
                                       "\n");
  ASSERT_EQ(run(job(dir / "db", {dir / "a.jsonl"})).code, kExitOk);
  const JobRun r = run(job(dir / "db", {dir / "b.jsonl"}));
  EXPECT_NE(r.out.find("added 0, replaced 0, unchanged 1,"), std::string::npos) << r.out;
  testing::write_file(dir / "c.jsonl", R"({"id": "x", "title": "خبر", "tags": ["b", "a"]})"
                                       "\n");
  EXPECT_NE(run(job(dir / "db", {dir / "c.jsonl"})).out.find("replaced 1,"), std::string::npos)
      << "order in arrays counts";
}

TEST(Job, OneChangedRecordIsReplacedAndTheRestSkipped) {
  TempDir dir;
  const std::string input = dir / "in.jsonl";
  std::string lines = testing::generated_input(200);
  testing::write_file(input, lines);
  ASSERT_EQ(run(job(dir / "db", {input})).code, kExitOk);
  const std::string old_line = testing::generated_record(17);
  std::string new_line = old_line;
  new_line.replace(new_line.find("\"title\":\"") + 9, 0, "خبر فوری ");
  lines.replace(lines.find(old_line), old_line.size(), new_line);
  testing::write_file(input, lines);

  const JobRun r = run(job(dir / "db", {input}));
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("added 0, replaced 1, unchanged 199,"), std::string::npos) << r.out;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_doccount(), 200u);
  EXPECT_EQ(db.get_termfreq("Sفوری"), 1u) << "the new title is indexed";
  EXPECT_TRUE(db.term_exists("Qr17"));
}

TEST(Job, ASameIdChangedEarlierInTheJobIsWrittenAgainWhenItComesBack) {
  // The index holds version A of r0; the input says B then A: the last one wins, although A is what the
  // workers saw committed.
  TempDir dir;
  const std::string a = R"({"id": "r0", "title": "نسخه اول"})", b = R"({"id": "r0", "title": "نسخه دوم"})";
  testing::write_file(dir / "a.jsonl", a + "\n");
  ASSERT_EQ(run(job(dir / "db", {dir / "a.jsonl"})).code, kExitOk);
  testing::write_file(dir / "ba.jsonl", b + "\n" + a + "\n");
  const JobRun r = run(job(dir / "db", {dir / "ba.jsonl"}));
  EXPECT_NE(r.out.find("added 0, replaced 2, unchanged 0,"), std::string::npos) << r.out;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_termfreq("Sاول"), 1u);
  EXPECT_EQ(db.get_termfreq("Sدوم"), 0u);
}

TEST(Resume, AfterACompleteRunReadsNothingAgain) {
  TempDir dir;
  testing::write_file(dir / "in/a.jsonl", testing::generated_input(30));
  testing::write_file(dir / "in/b.txt", "عنوان\n\nمتن خبر.\n");
  JobOptions options = job(dir / "db", {dir / "in"});
  options.batch = 7;
  ASSERT_EQ(run(options).code, kExitOk);
  options.resume = true;
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("added 0, replaced 0, unchanged 0,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" 0.0 MB "), std::string::npos) << "no byte read again: " << r.out;
}

TEST(Resume, FileChangedSinceReadsFromTheStartAndSaysWhy) {
  TempDir dir;
  const std::string input = generated_file(dir, 20);
  ASSERT_EQ(run(job(dir / "db", {input})).code, kExitOk);
  testing::write_file(input, testing::generated_input(25));
  JobOptions options = job(dir / "db", {input});
  options.resume = true;
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.err.find("warning: --resume: " + input + " has changed since the last commit; reading every input"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("added 5, replaced 0, unchanged 20,"), std::string::npos) << r.out;
}

TEST(Resume, OtherInputsReadFromTheStart) {
  TempDir dir;
  ASSERT_EQ(run(job(dir / "db", {generated_file(dir, 3)})).code, kExitOk);
  testing::write_file(dir / "other.jsonl", testing::generated_record(7) + "\n");
  JobOptions options = job(dir / "db", {dir / "other.jsonl"});
  options.resume = true;
  const JobRun r = run(options);
  EXPECT_NE(r.err.find("which is not among the inputs"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("added 1,"), std::string::npos) << r.out;
}

TEST(Resume, PointsRoundTripAndStartAtTheEarliestShard) {
  const std::vector<FileIdentity> inputs = {{"a b.jsonl", 100, 5, true}, {"c.jsonl", 50, 6, true}};
  const ResumePoint point{inputs[0], 40, 3};
  const auto decoded = decode_resume_point(encode_resume_point(point));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->file.path, "a b.jsonl");
  EXPECT_EQ(decoded->offset, 40u);
  EXPECT_EQ(decoded->line, 3u);
  EXPECT_FALSE(decode_resume_point("12 x"));
  std::ostringstream diagnostics;
  const InputStart start =
      resume_start(inputs, {encode_resume_point({inputs[1], 10, 1}), encode_resume_point(point)}, diagnostics);
  EXPECT_EQ(start.file, 0u);
  EXPECT_EQ(start.offset, 40u);
  EXPECT_EQ(start.line, 3u);
  EXPECT_EQ(diagnostics.str(), "");
  const InputStart none = resume_start(inputs, {encode_resume_point(point), ""}, diagnostics);
  EXPECT_EQ(none.file, 0u);
  EXPECT_EQ(none.offset, 0u) << "a shard without a point: everything again";
  EXPECT_NE(diagnostics.str().find("holds no resume point"), std::string::npos);
}

TEST(Job, DirectoryInputReadsJsonlAndTxtRecursively) {
  TempDir dir;
  testing::write_file(dir / "in/a.jsonl", testing::generated_input(3));
  testing::write_file(dir / "in/sub/article-7.txt", "عنوان خبر\n\nمتن خبر درباره انتخابات.\n");
  testing::write_file(dir / "in/sub/notes.md", "ignored");
  const JobRun r = run(job(dir / "db", {dir / "in"}));
  EXPECT_EQ(r.code, kExitOk) << r.err;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(testing::unique_ids(db), (std::vector<std::string>{"article-7", "r0", "r1", "r2"}));
  EXPECT_EQ(db.get_termfreq("Sعنوان"), 1u);
}

TEST(Job, DeletesBeforeIndexing) {
  TempDir dir;
  const std::string input = generated_file(dir, 5);
  run(job(dir / "db", {input}));
  JobOptions options = job(dir / "db", {});
  options.deletes = {"r1", "r3", "nope"};
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.err.find("no record with id \"nope\""), std::string::npos);
  EXPECT_NE(r.out.find("deleted 2,"), std::string::npos) << r.out;
  EXPECT_EQ(testing::unique_ids(Xapian::Database(dir / "db")), (std::vector<std::string>{"r0", "r2", "r4"}));
}

TEST(Job, DeleteIdsFileRemovesEachListedIdFromItsShard) {
  TempDir dir;
  const std::string input = generated_file(dir, 40);
  JobOptions first = job(dir / "db", {input});
  first.shards = 2;
  ASSERT_EQ(run(first).code, kExitOk);
  std::string ids = "r1\r\n\nr3\n";  // CRLF and blank lines as exports write them
  for (int n = 10; n < 30; ++n) ids += "r" + std::to_string(n) + '\n';
  ids += "gone-1\ngone-2";                    // no newline at the end
  testing::write_file(dir / "ids.txt", ids);  // .txt: still one id per line
  JobOptions options = job(dir / "db", {});
  options.delete_ids_file = dir / "ids.txt";
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("deleted 22,"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("no record with id \"gone-2\""), std::string::npos) << r.err;
  Xapian::Database db(dir / "db");
  EXPECT_EQ(testing::unique_ids(db).size(), 18u);
  EXPECT_FALSE(db.term_exists("Qr1"));
  EXPECT_FALSE(db.term_exists("Qr29"));
  EXPECT_TRUE(db.term_exists("Qr30"));
}

TEST(Job, DeleteIdsFileWithABadLineNamesItAndDeletesNothing) {
  TempDir dir;
  const std::string input = generated_file(dir, 5);
  ASSERT_EQ(run(job(dir / "db", {input})).code, kExitOk);
  testing::write_file(dir / "ids", "r1\nr2\n" + std::string(300, 'x') + "\nr3\n");
  JobOptions options = job(dir / "db", {});
  options.delete_ids_file = dir / "ids";
  JobRun r = run(options);
  EXPECT_EQ(r.code, kExitRuntime);
  EXPECT_NE(r.err.find("kavosh-index: error: " + (dir / "ids") + ":3: id over 240 bytes"), std::string::npos) << r.err;
  testing::write_file(dir / "ids", "r1\n\xff\xfe\n");
  r = run(options);
  EXPECT_NE(r.err.find((dir / "ids") + ":2: invalid UTF-8 at byte 1"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(dir / "db").get_doccount(), 5u) << "nothing deleted";
}

TEST(Job, ManyMissingIdsAreCountedNotListed) {
  TempDir dir;
  ASSERT_EQ(run(job(dir / "db", {generated_file(dir, 2)})).code, kExitOk);
  std::string ids;
  for (int n = 0; n < 100; ++n) ids += "missing-" + std::to_string(n) + '\n';
  testing::write_file(dir / "ids", ids);
  JobOptions options = job(dir / "db", {});
  options.delete_ids_file = dir / "ids";
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.err.find("warning: 90 more ids to delete had no record"), std::string::npos) << r.err;
  EXPECT_LT(std::count(r.err.begin(), r.err.end(), '\n'), 12);
}

TEST(FirstBuild, PartitionsMergedIntoPlaceHoldWhatAnIncrementalBuildHolds) {
  TempDir dir;
  std::string lines = testing::generated_input(300);
  lines += R"({"id": "r5", "title": "نسخه آخر"})"
           "\n";  // a repeated id: the last one wins
  testing::write_file(dir / "in.jsonl", lines);
  JobOptions options = job(dir / "new", {dir / "in.jsonl"});
  options.batch = 40;
  options.synonyms_file = KAVOSH_SOURCE_DIR "/indexer/data/synonyms.tsv";
  const JobRun built = run(options);
  EXPECT_EQ(built.code, kExitOk) << built.err;
  EXPECT_NE(built.out.find("added 300, replaced 1,"), std::string::npos) << built.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "new.building"));

  options.db_path = dir / "old";
  run(job(dir / "old", {}));  // --delete only: an empty database, added to below
  options.deletes = {};
  ASSERT_EQ(run(options).code, kExitOk);
  const Xapian::Database built_db(dir / "new"), added_db(dir / "old");
  EXPECT_EQ(built_db.get_doccount(), 300u);
  EXPECT_EQ(testing::unique_ids(built_db), testing::unique_ids(added_db));
  for (const char* id : {"r0", "r5", "r150", "r299"}) {
    EXPECT_EQ(testing::rendered(built_db, id), testing::rendered(added_db, id)) << id;
  }
  EXPECT_EQ(testing::story_groups(built_db), testing::story_groups(added_db));
  EXPECT_EQ(built_db.get_avlength(), added_db.get_avlength());
  EXPECT_EQ(built_db.get_spelling_suggestion("انتخاباط"), "انتخابات");
  auto built_word = built_db.spellings_begin(), added_word = added_db.spellings_begin();
  built_word.skip_to("انتخابات");
  added_word.skip_to("انتخابات");
  EXPECT_EQ(built_word.get_termfreq(), added_word.get_termfreq()) << "one spelling table, every record counted";
  EXPECT_NE(built_db.synonym_keys_begin(), built_db.synonym_keys_end());
  for (const auto& key : {schema::kAnalyzerVersionKey, schema::kSchemaVersionKey, schema::kResumeKey}) {
    EXPECT_EQ(built_db.get_metadata(std::string(key)), added_db.get_metadata(std::string(key))) << key;
  }
  options.db_path = dir / "new";
  const JobRun again = run(options);
  EXPECT_NE(again.out.find("replaced 2, unchanged 299,"), std::string::npos) << "r5 twice: " << again.out;
}

TEST(FirstBuild, AFailedBuildLeavesNoDatabase) {
  TempDir dir;
  testing::write_file(dir / "in.jsonl", testing::generated_input(3));
  testing::write_file(dir / "db.building/part_000/junk", "what a build killed before left");
  JobOptions options = job(dir / "db", {dir / "in.jsonl"});
  options.synonyms_file = dir / "no-such-synonyms.tsv";  // fails once the partitions are open
  const JobRun r = run(options);
  EXPECT_EQ(r.code, kExitRuntime) << r.out;
  EXPECT_NE(r.err.find("no-such-synonyms.tsv"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
  EXPECT_FALSE(std::filesystem::exists(dir / "db.building"));
}

TEST(Job, ShardsAreWrittenInParallelAndOpenThroughTheStub) {
  TempDir dir;
  const std::string input = generated_file(dir, 400);
  JobOptions options = job(dir / "db", {input});
  options.shards = 3;
  EXPECT_EQ(run(options).code, kExitOk);
  EXPECT_EQ(run(job(dir / "db", {input})).code, kExitOk) << "the shard count is remembered";
  Xapian::Database db(dir / "db");
  EXPECT_EQ(testing::unique_ids(db).size(), 400u);
  for (int s = 0; s < 3; ++s) {
    Xapian::Database shard(dir / ("db/shard_00" + std::to_string(s)));
    EXPECT_GT(shard.get_doccount(), 50u) << "ids spread over the shards";
    EXPECT_FALSE(shard.get_metadata("kavosh.analyzer_version").empty());
  }
  options.shards = 2;
  EXPECT_EQ(run(options).code, kExitRuntime);
}

TEST(Job, ShardedSpellingTableIsShardZerosAndCountsEveryShard) {
  TempDir dir;
  std::string lines;
  for (int n = 0; n < 10; ++n)
    lines += R"({"id": "r)" + std::to_string(n) +
             R"(", "title": "انتخابات تهران"})"
             "\n";
  testing::write_file(dir / "in.jsonl", lines);
  JobOptions options = job(dir / "db", {dir / "in.jsonl"});
  options.shards = 2;
  options.batch = 3;
  ASSERT_EQ(run(options).code, kExitOk);
  Xapian::Database shard_1(dir / "db/shard_001");
  ASSERT_GT(shard_1.get_doccount(), 0u);
  EXPECT_EQ(shard_1.spellings_begin(), shard_1.spellings_end()) << "one spelling table, in shard 0";
  Xapian::Database shard_0(dir / "db/shard_000");
  auto word = shard_0.spellings_begin();
  word.skip_to("انتخابات");
  ASSERT_NE(word, shard_0.spellings_end());
  EXPECT_EQ(*word, "انتخابات");
  EXPECT_EQ(word.get_termfreq(), 10u) << "every shard's documents counted";
  Xapian::Database db(dir / "db");
  EXPECT_EQ(db.get_spelling_suggestion("انتخاباط"), "انتخابات");
}

}  // namespace
}  // namespace kavosh::index
