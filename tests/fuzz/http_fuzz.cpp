// Kavosh: Persian full-text search. GPL-2.0-or-later.
// libFuzzer target: HTTP requests through kavosh-serve's parsing, routing and handlers, without a socket
// (Server::answer), over the bundled corpus. The first byte picks the shape: a raw request, a GET of
// /api/search or /api/suggest with the rest as its query string, a POST with the rest as a JSON body.
// Every answer must be a status the API documents (never 500), and an error must carry a JSON reason.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_corpus.h"
#include "kavosh/serve/server.h"

namespace {

using kavosh::fuzzing::check;

std::string request_of(std::uint8_t shape, std::string_view rest) {
  const std::string text(rest);
  switch (shape % 4) {
    case 0: return text;  // raw: request line, headers and body as given
    case 1: return "GET /api/search?" + text + " HTTP/1.1\r\nHost: x\r\n\r\n";
    case 2: return "GET /api/suggest?" + text + " HTTP/1.1\r\nHost: x\r\n\r\n";
    default:
      return "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(text.size()) + "\r\n\r\n" + text;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<kavosh::serve::Server> server = [] {
    kavosh::serve::Options options;
    options.db = kavosh::fuzzing::corpus_database();
    options.threads = 1;
    options.max_query_bytes = 256;
    options.max_limit = 20;
    return std::make_unique<kavosh::serve::Server>(options);
  }();
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string request = request_of(data[0], rest);
  std::string response = server->answer(request);
  if (response.empty()) return 0;  // cpp-httplib gave up on the request without answering
  constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";  // `Expect: 100-continue`
  if (response.starts_with(kContinue)) response.erase(0, kContinue.size());
  check(response.starts_with("HTTP/1.1 "));
  const int status = std::stoi(response.substr(9, 3));
  // 206 and 416 come from cpp-httplib's own Range support, 417 from an unknown Expect.
  check(status == 200 || status == 204 || status == 206 || status == 400 || status == 404 || status == 405 ||
        status == 413 || status == 414 || status == 416 || status == 417);
  const auto body_at = response.find("\r\n\r\n");
  check(body_at != std::string::npos);
  if (status >= 400 && !request.starts_with("HEAD")) {  // an answer to HEAD has no body
    const auto body = nlohmann::json::parse(response.substr(body_at + 4), nullptr, false);
    check(body.is_object() && body.contains("error"));
  }
  return 0;
}
