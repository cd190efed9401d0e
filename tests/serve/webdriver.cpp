// Kavosh: Persian full-text search. GPL-2.0-or-later.
#include "webdriver.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace kavosh::serve::testing {
namespace {

constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";  // W3C web element reference

/// A port the kernel just considered free (released at once: chromedriver binds it right after).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

pid_t spawn_quiet(const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  if (pid < 0) throw std::runtime_error("fork failed");
  return pid;
}

std::string base64_decode(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    if (value < 0) continue;  // padding and line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

nlohmann::json chrome_capabilities(const std::string& chromium, const std::string& profile_dir) {
  // The flags keep a CI browser off the network and out of first-run UI; the profile is fresh.
  const std::vector<std::string> args = {"--headless",
                                         "--no-sandbox",
                                         "--disable-gpu",
                                         "--disable-quic",
                                         "--no-first-run",
                                         "--disable-background-networking",
                                         "--disable-sync",
                                         "--disable-component-update",
                                         "--disable-dev-shm-usage",
                                         "--window-size=1000,1000",
                                         "--user-data-dir=" + profile_dir};
  return {
      {"capabilities",
       {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", {{"binary", chromium}, {"args", args}}}}}}}};
}

}  // namespace

WebDriver::WebDriver(const std::string& chromedriver, const std::string& chromium, const std::string& profile_dir)
    : port_(free_port()) {
  // chromedriver reaches Chromium's DevTools by the name `localhost`; without it the session fails with
  // an obscure "unable to connect to renderer".
  addrinfo* localhost = nullptr;
  if (getaddrinfo("localhost", nullptr, nullptr, &localhost) != 0) {
    throw std::runtime_error("chromedriver needs 'localhost', which does not resolve here (/etc/hosts)");
  }
  freeaddrinfo(localhost);
  pid_ = spawn_quiet({chromedriver, "--port=" + std::to_string(port_), "--allowed-ips=127.0.0.1"});
  try {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    httplib::Client probe("127.0.0.1", port_);
    while (!probe.Get("/status")) {
      if (std::chrono::steady_clock::now() > until) throw std::runtime_error("chromedriver did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    session_ = call("POST", "/session", chrome_capabilities(chromium, profile_dir)).at("sessionId").get<std::string>();
  } catch (...) {
    // No destructor runs for a constructor that throws: chromedriver is not left behind.
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    throw;
  }
}

WebDriver::~WebDriver() {
  try {
    if (!session_.empty()) call("DELETE", "/session/" + session_);
  } catch (const std::exception&) {
    // The browser is going away anyway: chromedriver is killed below.
  }
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
}

nlohmann::json WebDriver::call(const std::string& method, const std::string& path, const nlohmann::json& body) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(60);
  const std::string full = path.starts_with("/session/") || path == "/session" ? path : "/session/" + session_ + path;
  const std::string payload = body.is_null() ? "{}" : body.dump();
  httplib::Result res = method == "GET"      ? client.Get(full)
                        : method == "DELETE" ? client.Delete(full)
                                             : client.Post(full, payload, "application/json");
  if (!res) throw std::runtime_error("webdriver " + full + ": " + httplib::to_string(res.error()));
  const auto json = nlohmann::json::parse(res->body, nullptr, false);
  if (res->status != 200 || json.is_discarded()) {
    throw std::runtime_error("webdriver " + full + ": " + std::to_string(res->status) + " " + res->body.substr(0, 300));
  }
  return json.at("value");  // W3C: every answer is {"value": …}
}

void WebDriver::navigate(const std::string& url) { call("POST", "/url", {{"url", url}}); }

void WebDriver::set_window_size(int width, int height) {
  call("POST", "/window/rect", {{"width", width}, {"height", height}});
}

std::vector<std::string> WebDriver::find_all(const std::string& css) {
  std::vector<std::string> ids;
  for (const auto& element : call("POST", "/elements", {{"using", "css selector"}, {"value", css}})) {
    ids.push_back(element.at(kElementKey).get<std::string>());
  }
  return ids;
}

void WebDriver::send_keys(const std::string& element, const std::string& text) {
  call("POST", "/element/" + element + "/value", {{"text", text}});
}

void WebDriver::clear(const std::string& element) { call("POST", "/element/" + element + "/clear"); }

nlohmann::json WebDriver::execute(const std::string& script) {
  return call("POST", "/execute/sync", {{"script", script}, {"args", nlohmann::json::array()}});
}

bool WebDriver::wait_for(const std::string& script, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (execute(script) == true) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string WebDriver::screenshot_png() { return base64_decode(call("GET", "/screenshot").get<std::string>()); }

}  // namespace kavosh::serve::testing
