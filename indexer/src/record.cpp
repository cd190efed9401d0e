#include "kavosh/index/record.h"

#include <string>

#include "kavosh/error.h"
#include "utf8_check.h"

namespace kavosh::index {
namespace {

using nlohmann::json;

[[noreturn]] void refuse(const std::string& reason) { throw InvalidInputError(reason); }

// Size and encoding come first: they are cheap, and the JSON parser's messages for them are obscure.
void check_text(std::string_view text) {
  if (text.size() > kMaxRecordBytes) {
    refuse("record over 10 MB (" + std::to_string(text.size()) + " bytes or more)");
  }
  if (const auto offset = first_invalid_utf8(text)) {
    refuse("invalid UTF-8 at byte " + std::to_string(*offset + 1));
  }
}

json parse_json(std::string_view line) {
  try {
    return json::parse(line);
  } catch (const json::parse_error& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " tag: the reason is what a user reads.
    std::string what = e.what();
    if (const auto end = what.find("] "); what.starts_with("[json") && end != std::string::npos) {
      what.erase(0, end + 2);
    }
    // "; last read: '…'" can quote a whole article: the line number is enough to find it.
    if (const auto quote = what.find("; last read:"); quote != std::string::npos) what.erase(quote);
    refuse("malformed JSON: " + what);
  }
}

std::string string_field(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) {
    refuse(std::string("field \"") + name + "\" must be a string, not " + it->type_name());
  }
  return it->get<std::string>();
}

std::vector<std::string> tags_field(const json& object) {
  const auto it = object.find("tags");
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_array()) refuse(std::string("field \"tags\" must be an array of strings, not ") + it->type_name());
  std::vector<std::string> tags;
  for (const json& tag : *it) {
    if (tag.is_null()) continue;
    if (!tag.is_string()) refuse(std::string("field \"tags\" holds a ") + tag.type_name() + ", not a string");
    tags.push_back(tag.get<std::string>());
  }
  return tags;
}

std::string id_field(const json& object) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) refuse("missing id");
  if (!it->is_string()) refuse(std::string("id must be a string, not ") + it->type_name());
  std::string id = it->get<std::string>();
  check_id(id);
  return id;
}

void set_date(Record& record) {
  record.parsed_date = record.date.empty() ? std::nullopt : analysis::parse_date(record.date);
}

}  // namespace

void check_id(const std::string& id) {
  if (id.find_first_not_of(" \t\r\n") == std::string::npos) refuse("empty id");
  if (id.size() > kMaxIdBytes) refuse("id over " + std::to_string(kMaxIdBytes) + " bytes");
}

Record parse_record(std::string_view json_line) {
  check_text(json_line);
  Record record;
  record.raw = parse_json(json_line);
  const json& object = record.raw;
  if (!object.is_object()) refuse(std::string("record must be a JSON object, not ") + object.type_name());
  record.id = id_field(object);
  record.title = string_field(object, "title");
  record.body = string_field(object, "body");
  record.date = string_field(object, "date");
  record.source = string_field(object, "source");
  record.url = string_field(object, "url");
  record.category = string_field(object, "category");
  record.province = string_field(object, "province");
  record.tags = tags_field(object);
  set_date(record);
  return record;
}

namespace {

std::string_view trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

// Splits off the next line of `rest` (without its newline).
std::string_view next_line(std::string_view& rest) {
  const auto end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return line;
}

bool ends_sentence(std::string_view line) {
  for (std::string_view mark : {".", "!", "?", "\u061F", ":"}) {  // U+061F ARABIC QUESTION MARK
    if (line.ends_with(mark)) return true;
  }
  return false;
}

}  // namespace

Record record_from_text(std::string id, std::string_view text) {
  check_text(text);
  check_id(id);
  Record record;
  record.id = std::move(id);
  std::string_view rest = text;
  while (!rest.empty() && record.title.empty()) record.title = std::string(trim(next_line(rest)));
  // A title wrapped by the writer (news archives exported as text do this): a second line followed by a blank one and
  // not ending a sentence, which tells it from a one-line lead paragraph.
  std::string_view after = rest;
  const std::string_view second = trim(next_line(after));
  if (!second.empty() && trim(next_line(after)).empty() && !ends_sentence(second)) {
    record.title += ' ';
    record.title += second;
    rest = after;
  }
  record.body = std::string(trim(rest));
  record.raw = {{"id", record.id}, {"title", record.title}, {"body", record.body}};
  return record;
}

}  // namespace kavosh::index
