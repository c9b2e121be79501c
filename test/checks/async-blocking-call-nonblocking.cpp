// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// Socket calls on non-blocking sockets, with the readiness pattern around
// them, do not block: the coroutine tries the call, and when the kernel says
// "not yet" it suspends until the socket is ready. The evidence is in the
// coroutine (or in the helper that makes the call): a readiness await, a
// check for EAGAIN/EWOULDBLOCK/EINPROGRESS or a try_again-style status, or
// SOCK_NONBLOCK/O_NONBLOCK/MSG_DONTWAIT. A raw call with none of it blocks.

#include "cppcoro_like.h"
#include "ref_task.h"

#include <cerrno>
#include <cstddef>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using cppcoro::task;

namespace net {
// A readiness awaitable, as aio::readable or libcoro's poll are.
struct ready_awaiter {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return 1; }
};
ready_awaiter readable(int fd);
ready_awaiter writable(int fd);

// A status type whose "would block" answer is a member.
struct status {
  int code;
  bool try_again() const { return code == EAGAIN; }
};
} // namespace net

// Raw calls with no evidence at all: findings.
task<> plain(int sock, char *buf) {
  ::recv(sock, buf, 16, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the event loop inside coroutine 'plain' [async-blocking-call]
  ::send(sock, buf, 16, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'send' blocks the event loop inside coroutine 'plain' [async-blocking-call]
  ::accept(sock, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'accept' blocks the event loop inside coroutine 'plain' [async-blocking-call]
  co_return;
}

// Silent: the call is retried after a readiness await, the readiness
// pattern.
task<long> read_when_ready(int sock, char *buf) {
  for (;;) {
    long n = ::recv(sock, buf, 16, 0);
    if (n >= 0)
      co_return n;
    co_await net::readable(sock);
  }
}

// Silent: the result is checked against EAGAIN/EWOULDBLOCK, so the socket
// is non-blocking.
task<long> write_or_retry(int sock, const char *buf) {
  long n = ::send(sock, buf, 16, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    co_return 0;
  co_return n;
}

// Silent: a non-blocking connect reports EINPROGRESS, then waits for
// writability.
task<int> connect_async(int sock, const sockaddr *addr, socklen_t len) {
  int r = ::connect(sock, addr, len);
  if (r < 0 && errno == EINPROGRESS)
    r = co_await net::writable(sock);
  co_return r;
}

// Silent: the socket was made non-blocking in this coroutine.
task<> made_nonblocking(int sock, char *buf) {
  ::fcntl(sock, F_SETFL, O_NONBLOCK);
  ::recvfrom(sock, buf, 16, 0, nullptr, nullptr);
  co_return;
}
task<> created_nonblocking(char *buf) {
  int sock = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  ::sendto(sock, buf, 16, 0, nullptr, 0);
  co_return;
}

// Through a helper (libcoro's shape): the helper makes the raw call, the
// coroutine checks a try_again() status and polls. Silent.
struct client {
  int fd;
  net::status recv_some(char *buf) {
    long n = ::recv(fd, buf, 16, 0);
    return {n < 0 ? errno : 0};
  }
  task<net::status> read_some(char *buf) {
    net::status s = recv_some(buf);
    if (!s.try_again())
      co_return s;
    co_await net::readable(fd);
    co_return recv_some(buf);
  }
  // The same helper from a coroutine with no evidence: a finding.
  task<> read_blindly(char *buf) {
    recv_some(buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'recv_some' blocks the event loop inside coroutine 'read_blindly' [async-blocking-call]
    co_return;
  }
};

// The evidence excuses socket calls only: a sleep beside a readiness await
// still blocks.
task<> sleeps_anyway(int sock, char *buf) {
  ::recv(sock, buf, 16, MSG_DONTWAIT);
  ::sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'sleeps_anyway' [async-blocking-call]
  co_await net::readable(sock);
}

// An await of something made from the descriptor the socket call is given,
// whatever its name (an event loop's wait_event, kept in a local as
// netcan/asyncio's server does): the coroutine waits for that descriptor, so
// the socket is used the non-blocking way. Awaiting something made from
// another descriptor is no evidence.
namespace loop {
struct event {
  int fd;
  int flags;
};
struct event_awaiter {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
event_awaiter wait_event(const event &ev);
} // namespace loop

struct server {
  int fd_;
  task<> serve_forever() {
    loop::event ev{fd_, 1};
    auto ready = loop::wait_event(ev);
    for (;;) {
      co_await ready;
      int client = ::accept(fd_, nullptr, nullptr); // silent
      (void)client;
    }
  }
  task<> serve_other(int other) {
    loop::event ev{other, 1};
    auto ready = loop::wait_event(ev);
    co_await ready;
    ::accept(fd_, nullptr, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'accept' blocks the event loop inside coroutine 'serve_other' [async-blocking-call]
  }
};
reftask::task<long> recv_after_wait(int sock, char *buf) {
  co_await loop::wait_event({sock, 1});
  co_return ::recv(sock, buf, 16, 0); // silent
}
reftask::task<long> recv_after_other_wait(int sock, int other, char *buf) {
  co_await loop::wait_event({other, 1});
  co_return ::recv(sock, buf, 16, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'recv' blocks the event loop inside coroutine 'recv_after_other_wait' [async-blocking-call]
}

// The same in a member of a class template, where the await in the pattern
// is a dependent one.
template <typename Callback> struct template_server {
  int fd_;
  Callback on_client;
  task<> serve_forever() {
    loop::event ev{fd_, 1};
    auto ready = loop::wait_event(ev);
    for (;;) {
      co_await ready;
      int client = ::accept(fd_, nullptr, nullptr); // silent
      if (client != -1)
        on_client(client);
    }
  }
};
template struct template_server<void (*)(int)>;
