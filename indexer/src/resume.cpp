#include "kavosh/index/resume.h"

#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ostream>

#include "kavosh/error.h"

namespace kavosh::index {
namespace {

// Reads the next space-terminated number of `text`; false when there is none.
template <class T>
bool take_number(std::string_view& text, T& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() + text.size() || *end != ' ') return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()) + 1);
  return true;
}

// The index of the input this point belongs to, if the file is still as it was when the point was stored.
std::optional<std::size_t> input_of(const std::vector<FileIdentity>& inputs, const ResumePoint& point) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const FileIdentity& input = inputs[i];
    if (input.seekable && input.path == point.file.path && input.size == point.file.size &&
        input.mtime_ns == point.file.mtime_ns && point.offset <= input.size) {
      return i;
    }
  }
  return std::nullopt;
}

std::string why_not(const std::vector<FileIdentity>& inputs, const std::string& stored,
                    const std::optional<ResumePoint>& point) {
  if (stored.empty()) return "the database holds no resume point";
  if (!point) return "unreadable resume point \"" + stored + "\"";
  for (const FileIdentity& input : inputs) {
    if (input.path == point->file.path) return point->file.path + " has changed since the last commit";
  }
  return "the last commit read " + point->file.path + ", which is not among the inputs";
}

}  // namespace

std::vector<FileIdentity> identify_inputs(const std::vector<std::filesystem::path>& files) {
  std::vector<FileIdentity> identities;
  for (const auto& file : files) {
    FileIdentity identity{file.string(), 0, 0, file != "-"};
    if (identity.seekable) {
      struct stat info {};
      if (::stat(file.c_str(), &info) != 0) throw EnvironmentError(identity.path + ": " + std::strerror(errno));
      identity.size = static_cast<std::uint64_t>(info.st_size);
      identity.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
      identity.seekable = S_ISREG(info.st_mode);
    }
    identities.push_back(std::move(identity));
  }
  return identities;
}

std::string encode_resume_point(const ResumePoint& point) {
  return std::to_string(point.offset) + ' ' + std::to_string(point.line) + ' ' + std::to_string(point.file.size) + ' ' +
         std::to_string(point.file.mtime_ns) + ' ' + point.file.path;
}

std::optional<ResumePoint> decode_resume_point(std::string_view text) {
  ResumePoint point;
  if (!take_number(text, point.offset) || !take_number(text, point.line) || !take_number(text, point.file.size) ||
      !take_number(text, point.file.mtime_ns) || text.empty()) {
    return std::nullopt;
  }
  point.file.path = std::string(text);
  point.file.seekable = true;
  return point;
}

InputStart resume_start(const std::vector<FileIdentity>& inputs, const std::vector<std::string>& stored_points,
                        std::ostream& diagnostics) {
  std::optional<InputStart> start;
  for (const std::string& stored : stored_points) {
    const auto point = decode_resume_point(stored);
    const auto input = point ? input_of(inputs, *point) : std::nullopt;
    if (!input) {
      diagnostics << "kavosh-index: warning: --resume: " << why_not(inputs, stored, point)
                  << "; reading every input from the start (records indexed already are skipped)\n";
      return {};
    }
    const InputStart here{*input, point->offset, point->line};
    if (!start || here.file < start->file || (here.file == start->file && here.offset < start->offset)) start = here;
  }
  return start.value_or(InputStart{});
}

}  // namespace kavosh::index
