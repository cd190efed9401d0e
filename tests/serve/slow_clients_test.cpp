// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Slow and idle clients: a connection that sends its request a byte at a time, or sits idle between
// keep-alive requests, holds a thread of its own and never a searcher, so real requests are answered at
// once; a silent client is dropped after --client-timeout; past --max-connections and --max-queued, 503.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "serve_fixture.h"

namespace kavosh::serve::testing {
namespace {

using Clock = std::chrono::steady_clock;

/// Raw loopback connections, closed on destruction (before the server they talk to stops).
class Connections {
 public:
  Connections() = default;
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;
  ~Connections() {
    for (const int fd : fds_) ::close(fd);
  }

  /// Opens `count` connections to `port` and sends `text` on each.
  void open(int port, std::size_t count, std::string_view text) {
    for (std::size_t i = 0; i < count; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      ASSERT_GE(fd, 0);
      fds_.push_back(fd);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<std::uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
      send_all(fd, text);
    }
  }
  /// Sends `text` on every connection.
  void send(std::string_view text) {
    for (const int fd : fds_) send_all(fd, text);
  }
  int front() const { return fds_.front(); }
  /// True when every connection has received the start of an answer within `limit`.
  bool answered(std::chrono::milliseconds limit) const {
    const auto end = Clock::now() + limit;
    char buf[16];
    for (const int fd : fds_) {
      pollfd p{fd, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) != 1 || ::recv(fd, buf, sizeof buf, MSG_PEEK) <= 0) {
        return false;
      }
    }
    return true;
  }

 private:
  static void send_all(int fd, std::string_view text) {
    // A connection the server has dropped fails to send: that is fine, it is no longer holding anything.
    (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  }
  std::vector<int> fds_;
};

/// Waits up to `limit` for the server to close `fd`, reading whatever it answered before; true if closed.
bool closed_within(int fd, std::chrono::milliseconds limit) {
  const auto end = Clock::now() + limit;
  char buf[4096];
  while (Clock::now() < end) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
    if (::recv(fd, buf, sizeof buf, 0) <= 0) return true;
  }
  return false;
}

class SlowClientsTest : public CorpusTest {
 protected:
  static Options options() {
    Options o;
    o.db = db_path();
    o.threads = 2;
    return o;
  }
  /// A search through `server` must be answered, with 200, in under a second.
  static void expect_prompt_answer(const RunningServer& server) {
    const auto client = server.client();
    const auto started = Clock::now();
    const auto res = client->Get("/api/search?q=" + url_encode("مجلس خبرگان"));
    const auto took = Clock::now() - started;
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_LT(took, std::chrono::seconds(1));
  }
};

TEST_F(SlowClientsTest, TwoHundredConnectionsSendingAByteAtATimeDoNotStarveARealRequest) {
  const RunningServer server(options());
  Connections slow;
  slow.open(server.port(), 200, "GET /api/search?q=");
  for (int round = 0; round < 3; ++round) {
    slow.send("a");
    expect_prompt_answer(server);
  }
}

TEST_F(SlowClientsTest, IdleKeepAliveConnectionsDoNotPinTheSearchers) {
  const RunningServer server(options());
  Connections idle;
  idle.open(server.port(), 200, "GET /widget.css HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(idle.answered(std::chrono::seconds(5)));  // then kept open, idle
  expect_prompt_answer(server);
}

TEST_F(SlowClientsTest, ASilentClientIsDroppedAfterTheClientTimeout) {
  Options o = options();
  o.client_timeout_s = 1;
  const RunningServer server(o);
  Connections silent;
  silent.open(server.port(), 1, "GET /api/sea");
  EXPECT_TRUE(closed_within(silent.front(), std::chrono::seconds(4)));
  Connections idle;
  idle.open(server.port(), 1, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(closed_within(idle.front(), std::chrono::seconds(4)));
}

TEST_F(SlowClientsTest, ConnectionsBeyondTheCapAndTheQueueAre503WithRetryAfter) {
  Options o = options();
  o.max_connections = 1;
  o.max_queued = 0;  // no connection may wait
  const RunningServer server(o);
  // Time for the thread to be done with the fixture's first request, then for the slow connection to take it.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Connections slow;
  slow.open(server.port(), 1, "GET /api/search?q=");  // holds the one connection thread
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto res = server.client()->Get("/api/search?q=x");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(nlohmann::json::parse(res->body)["error"], "server busy");
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
}

}  // namespace
}  // namespace kavosh::serve::testing
