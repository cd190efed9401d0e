#include "test_util.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kavosh/index/stories.h"

#include "kavosh/schema.h"

namespace kavosh::index::testing {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string generated_record(std::uint64_t n) {
  static const char* const kWords[] = {"انتخابات",
                                       "مجلس",
                                       "نامزدها",
                                       "می‌شود",
                                       "شورای",
                                       "نگهبان",
                                       "رای",
                                       "مردم",
                                       "استان",
                                       "تهران",
                                       "ریاست‌جمهوری",
                                       "هماهنگی‌های",
                                       "ستاد"};
  constexpr std::size_t kCount = sizeof kWords / sizeof kWords[0];
  std::string body;
  for (std::uint64_t i = 0; i < 40; ++i) {
    body += kWords[(n * 7 + i * i) % kCount];
    body += i % 9 == 8 ? ". " : " ";
  }
  const std::string number = std::to_string(n);
  nlohmann::json record = {{"id", std::string("r").append(number)},
                           {"title", std::string(kWords[n % kCount]).append(" ").append(number)},
                           {"body", body},
                           {"date", std::string("1402/12/").append(std::to_string(1 + n % 29))},
                           {"source", "ایرنا"}};
  return record.dump();
}

std::string generated_input(std::uint64_t count) {
  std::string text;
  for (std::uint64_t n = 0; n < count; ++n) text += generated_record(n) + '\n';
  return text;
}

std::vector<std::string> unique_ids(const Xapian::Database& db) {
  std::vector<std::string> ids;
  const std::string prefix(schema::kIdPrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    EXPECT_EQ(it.get_termfreq(), 1u) << "id held twice: " << *it;
    ids.push_back((*it).substr(prefix.size()));
  }
  return ids;
}

std::string rendered(const Xapian::Database& db, const std::string& id) {
  const Xapian::docid did = *db.postlist_begin("Q" + id);
  std::string text;
  for (auto term = db.termlist_begin(did); term != db.termlist_end(did); ++term) {
    if ((*term).starts_with(schema::kStoryPrefix)) continue;  // compared by story_groups()
    text += *term + ':' + std::to_string(term.get_wdf());
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos)
      text += ',' + std::to_string(*pos);
    text += ' ';
  }
  const Xapian::Document document = db.get_document(did);
  for (auto value = document.values_begin(); value != document.values_end(); ++value) {
    if (value.get_valueno() == schema::kStorySlot) continue;
    text += std::to_string(value.get_valueno()) + '=' + *value + ' ';
  }
  return text + document.get_data();
}

std::set<std::set<std::string>> story_groups(const Xapian::Database& db) {
  std::map<std::string, std::set<std::string>> members;
  for (const auto& [id, story] : read_stories(db)) members[story].insert(id);
  std::set<std::set<std::string>> groups;
  for (auto& [story, ids] : members) groups.insert(std::move(ids));
  return groups;
}

}  // namespace kavosh::index::testing
