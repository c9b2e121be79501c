#include "frame_counter.hpp"

#include <aio/gather.hpp>
#include <aio/io.hpp>
#include <aio/run.hpp>
#include <aio/task.hpp>

#include <cerrno>
#include <string>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using IoTest = aio_test::FrameCheckedTest;

namespace {

void set_nonblocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

aio::task<std::string> read_some(int fd) {
  char buf[256];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n >= 0)
      co_return std::string(buf, static_cast<std::size_t>(n));
    if (errno != EAGAIN)
      throw std::runtime_error("read failed");
    co_await aio::readable(fd);
  }
}

aio::task<> write_all(int fd, std::string data) {
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
      continue;
    }
    co_await aio::writable(fd);
  }
}

// An echo server: read a message, send it back, until the peer closes.
aio::task<int> echo_server(int fd) {
  int echoed = 0;
  for (;;) {
    std::string msg = co_await read_some(fd);
    if (msg.empty())
      co_return echoed;
    co_await write_all(fd, msg);
    ++echoed;
  }
}

aio::task<std::string> echo_client(int fd) {
  std::string got;
  for (const char *m : {"hello", " ", "world"}) {
    co_await write_all(fd, m);
    got += co_await read_some(fd);
  }
  ::shutdown(fd, SHUT_WR);
  co_return got;
}

} // namespace

TEST_F(IoTest, EchoServerOverASocketPair) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  set_nonblocking(fds[0]);
  set_nonblocking(fds[1]);
  auto [echoed, got] =
      aio::run(aio::gather(echo_server(fds[0]), echo_client(fds[1])));
  EXPECT_EQ(echoed, 3);
  EXPECT_EQ(got, "hello world");
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_F(IoTest, EchoServerOverLoopbackTcp) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr),
            0);
  ASSERT_EQ(::listen(listener, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len);
  set_nonblocking(listener);

  auto server = [](int listener) -> aio::task<int> {
    int conn;
    while ((conn = ::accept(listener, nullptr, nullptr)) < 0)
      co_await aio::readable(listener);
    set_nonblocking(conn);
    int n = co_await echo_server(conn);
    ::close(conn);
    co_return n;
  };
  auto client = [](sockaddr_in addr) -> aio::task<std::string> {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 &&
        errno == EINPROGRESS)
      co_await aio::writable(fd);
    std::string got = co_await echo_client(fd);
    ::close(fd);
    co_return got;
  };
  auto [echoed, got] = aio::run(aio::gather(server(listener), client(addr)));
  EXPECT_EQ(echoed, 3);
  EXPECT_EQ(got, "hello world");
  ::close(listener);
}
