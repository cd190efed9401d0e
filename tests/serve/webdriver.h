// Kavosh: Persian full-text search. GPL-2.0-or-later.
// A minimal W3C WebDriver client (chromedriver over HTTP) for the widget's browser test.
#pragma once
#include <string>
#include <sys/types.h>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace kavosh::serve::testing {

/// Special keys of the WebDriver "send keys" command.
inline constexpr const char* kKeyEnter = "\xEE\x80\x87";      // U+E007
inline constexpr const char* kKeyEscape = "\xEE\x80\x8C";     // U+E00C
inline constexpr const char* kKeyArrowDown = "\xEE\x80\x95";  // U+E015

class WebDriver {
 public:
  /// Starts chromedriver on a free loopback port and opens a headless Chromium session with a fresh
  /// profile in `profile_dir`. Throws std::runtime_error when either does not come up.
  WebDriver(const std::string& chromedriver, const std::string& chromium, const std::string& profile_dir);
  ~WebDriver();
  WebDriver(const WebDriver&) = delete;
  WebDriver& operator=(const WebDriver&) = delete;

  void navigate(const std::string& url);
  void set_window_size(int width, int height);
  /// Element ids matching a CSS selector (empty when none).
  std::vector<std::string> find_all(const std::string& css);
  void send_keys(const std::string& element, const std::string& text);
  void clear(const std::string& element);
  /// Runs `script` as a function body in the page; returns its value.
  nlohmann::json execute(const std::string& script);
  /// Polls `script` until it returns true, for at most `seconds`; returns whether it did.
  bool wait_for(const std::string& script, double seconds = 10);
  /// The viewport as PNG bytes.
  std::string screenshot_png();

 private:
  nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

  pid_t pid_ = -1;
  int port_ = 0;
  std::string session_;
};

}  // namespace kavosh::serve::testing
