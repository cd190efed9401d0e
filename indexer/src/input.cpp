#include "kavosh/index/input.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kavosh/error.h"
#include "utf8_check.h"

namespace kavosh::index {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kReadSize = 1 << 16;
constexpr int kPollMilliseconds = 200;

bool is_stdin(const fs::path& file) { return file == "-"; }
bool is_text_article(const fs::path& file) { return file.extension() == ".txt"; }

std::vector<fs::path> directory_inputs(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".jsonl" || ext == ".txt")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Reads lines from a file descriptor, cutting a line after kMaxRecordBytes + 1 bytes so a runaway line
// cannot take all memory (the record is refused for its size anyway).
class LineSource {
 public:
  LineSource(int fd, const std::atomic<bool>* stop) : fd_(fd), stop_(stop) {}

  // False at end of input or when stopped. `bytes` counts the whole line with its newline.
  bool next_line(std::string& line, std::uint64_t& bytes) {
    line.clear();
    bytes = 0;
    for (;;) {
      if (pos_ == end_ && !fill()) return bytes > 0;
      const char* begin = buffer_ + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
      const std::size_t length = newline ? static_cast<std::size_t>(newline - begin) : end_ - pos_;
      const std::size_t room = kMaxRecordBytes + 1 - std::min(line.size(), kMaxRecordBytes + 1);
      line.append(begin, std::min(length, room));
      bytes += length + (newline ? 1 : 0);
      pos_ += length + (newline ? 1 : 0);
      if (newline) return true;
    }
  }

 private:
  bool stopped() const { return stop_ && stop_->load(std::memory_order_relaxed); }

  // Waits for data in short slices so a stop request is seen even on an idle pipe.
  bool fill() {
    pos_ = end_ = 0;
    for (;;) {
      if (stopped()) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, kPollMilliseconds) == 0) continue;
      const ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
      if (n > 0) {
        end_ = static_cast<std::size_t>(n);
        return true;
      }
      if (n == 0) return false;
      if (errno != EINTR && errno != EAGAIN) throw EnvironmentError(std::string("read error: ") + std::strerror(errno));
    }
  }

  int fd_;
  const std::atomic<bool>* stop_;
  char buffer_[kReadSize];
  std::size_t pos_ = 0, end_ = 0;
};

std::string read_whole(int fd, std::uint64_t& bytes, const std::atomic<bool>* stop) {
  LineSource source(fd, stop);
  std::string text, line;
  for (std::uint64_t line_bytes = 0; source.next_line(line, line_bytes);) {
    bytes += line_bytes;
    if (text.size() <= kMaxRecordBytes) text.append(line).append("\n");
  }
  if (text.size() > kMaxRecordBytes + 1) text.resize(kMaxRecordBytes + 1);
  return text;
}

}  // namespace

Record parse_item(const InputItem& item) {
  return item.text_id.empty() ? parse_record(item.text) : record_from_text(item.text_id, item.text);
}

std::vector<fs::path> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const std::string& input : inputs) {
    const fs::path path(input);
    if (is_stdin(path)) {
      files.push_back(path);
    } else if (fs::is_directory(path)) {
      const auto found = directory_inputs(path);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path)) {
      files.push_back(path);
    } else {
      throw EnvironmentError(input + ": no such file or directory");
    }
  }
  return files;
}

// Every line is an id whatever the file's name (an ids.txt is no article).
std::vector<std::string> read_ids(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw EnvironmentError(path + ": " + std::strerror(errno));
  LineSource source(fd, nullptr);
  std::vector<std::string> ids;
  std::string id;
  try {
    std::uint64_t bytes = 0;
    for (std::uint64_t line = 1; source.next_line(id, bytes); ++line) {
      if (!id.empty() && id.back() == '\r') id.pop_back();
      if (id.empty()) continue;
      const std::string where = path + ':' + std::to_string(line) + ": ";
      if (const auto offset = first_invalid_utf8(id)) {
        throw InvalidInputError(where + "invalid UTF-8 at byte " + std::to_string(*offset + 1));
      }
      try {
        check_id(id);
      } catch (const InvalidInputError& e) {
        throw InvalidInputError(where + e.what());
      }
      ids.push_back(id);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return ids;
}

std::optional<std::uint64_t> total_input_bytes(const std::vector<fs::path>& files) {
  std::uint64_t total = 0;
  for (const fs::path& file : files) {
    std::error_code error;
    const auto size = is_stdin(file) ? 0 : fs::file_size(file, error);
    if (is_stdin(file) || error) return std::nullopt;
    total += size;
  }
  return total;
}

struct InputReader::Impl {
  std::vector<fs::path> files;
  const std::atomic<bool>* stop = nullptr;
  std::size_t next_file = 0;
  int fd = -1;
  std::string name;
  std::uint64_t line = 0;
  std::uint64_t offset = 0;  // bytes of the open file read so far
  InputStart start;
  std::unique_ptr<LineSource> source;

  void close_file() {
    source.reset();
    if (fd >= 0) ::close(fd);
    fd = -1;
  }

  // Opens the next file (at the start point for the start file); false when there is none.
  bool open_next() {
    close_file();
    if (next_file < start.file) next_file = start.file;
    const bool resumed = next_file == start.file && start.offset > 0;
    if (resumed && is_text_article(files.at(next_file))) ++next_file;  // read whole before the stop
    if (next_file >= files.size()) return false;
    const fs::path& file = files[next_file++];
    name = file.string();
    line = 0;
    offset = 0;
    fd = is_stdin(file) ? ::dup(STDIN_FILENO) : ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw EnvironmentError(name + ": " + std::strerror(errno));
    if (resumed && !is_text_article(file)) seek_start();
    source = std::make_unique<LineSource>(fd, stop);
    return true;
  }

  void seek_start() {
    if (::lseek(fd, static_cast<off_t>(start.offset), SEEK_SET) < 0) {
      throw EnvironmentError(name + ": cannot resume at byte " + std::to_string(start.offset) + ": " +
                             std::strerror(errno));
    }
    offset = start.offset;
    line = start.line;
  }

  bool next_article(InputItem& item) {
    item.bytes = 0;
    item.text = read_whole(fd, item.bytes, stop);
    item.text_id = files[next_file - 1].stem().string();
    item.line = 1;
    offset += item.bytes;
    close_file();
    return true;
  }

  bool next_line(InputItem& item) {
    std::uint64_t blank_bytes = 0;  // blank lines are no records, but their bytes count as read
    while (source->next_line(item.text, item.bytes)) {
      ++line;
      if (!item.text.empty() && item.text.back() == '\r') item.text.pop_back();
      if (item.text.find_first_not_of(" \t") == std::string::npos) {
        blank_bytes += item.bytes;
        continue;
      }
      item.bytes += blank_bytes;
      offset += item.bytes;
      item.line = line;
      item.text_id.clear();
      return true;
    }
    return false;
  }

  bool next(InputItem& item) {
    for (;;) {
      if (stop && stop->load(std::memory_order_relaxed)) return false;
      if (!source && !open_next()) return false;
      item.file = name;
      item.file_index = next_file - 1;
      const bool found = is_text_article(files[next_file - 1]) ? next_article(item) : next_line(item);
      if (found) {
        item.end = offset;
        return true;
      }
      close_file();
    }
  }
};

InputReader::InputReader(std::vector<fs::path> files, const std::atomic<bool>* stop, InputStart start)
    : impl_(std::make_unique<Impl>()) {
  impl_->files = std::move(files);
  impl_->stop = stop;
  impl_->start = start;
}

InputReader::~InputReader() { impl_->close_file(); }

bool InputReader::next(InputItem& item) { return impl_->next(item); }

}  // namespace kavosh::index
