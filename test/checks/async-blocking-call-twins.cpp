// RUN: %check_async_tidy %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.AsyncTwins: true}}" -- -I %inputs -I %runtime_include
// Off by default: a twin is not evidence that the plain call blocks.
// RUN: %check_async_tidy --check-suffix=OFF %s async-blocking-call %t -- -I %inputs -I %runtime_include
// RUN: %check_async_tidy --check-suffix=CO %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.AsyncTwins: true, async-blocking-call.AsyncTwinPatterns: 'co_{name}'}}" -- -I %inputs -I %runtime_include
// The notes' fix-its, applied on request (--fix-notes), compile:
// RUN: sed -e 's#// CHECK.*##' %s > %t.notes.cpp
// RUN: %asynclint_tidy --checks='-*,async-blocking-call' --config="{CheckOptions: {async-blocking-call.AsyncTwins: true}}" --fix-notes --quiet \
// RUN:   %t.notes.cpp -- -std=c++20 -I %inputs -I %runtime_include
// RUN: FileCheck --check-prefix=NOTEFIX %s < %t.notes.cpp
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs -I %runtime_include %t.notes.cpp

// A coroutine that calls f(...) when f has an awaitable twin beside it
// (async_f, f_async, co_f, asyncF, fAsync, in the same class or namespace)
// whose leading parameters take the call's arguments (any further twin
// parameter defaulted): f may block, and the fix awaits the twin. The fix
// is on a note (unsafe): the coroutine suspends where it blocked.

#include "cppcoro_like.h"
#include <aio/task.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

using cppcoro::task;

// ---- aio-like: free functions in a namespace, twins return aio::task ------
namespace aiol {
std::string read_file(const std::string &path);
aio::task<std::string> async_read_file(const std::string &path);
int resolve(const char *host, int port);
aio::task<int> resolve_async(const char *host, int port, int timeout_ms = 1000);
void connect(int fd, int port);
aio::task<> async_connect(int fd, int port, int timeout_ms); // no default: no twin
void send(int fd, const char *data);
aio::task<> async_send(std::string data); // other parameters: no twin
void flush(int fd);
int async_flush(int fd); // not awaitable: no twin
void sync_all();
int close_fd(int fd);
aio::task<> async_close_fd(int fd); // awaiting it gives void, not int
__attribute__((annotate("asynclint::nonblocking"))) int poll_status(int fd);
aio::task<int> async_poll_status(int fd);

// The twin itself may call the original.
aio::task<std::string> async_read_file(const std::string &path) {
  co_return read_file(path);
}
} // namespace aiol
namespace other {
task<> async_sync_all(); // in another namespace: not a twin
}

// ---- Boost.Asio-like: members, completion tokens --------------------------
namespace asiol {
struct mutable_buffer {
  void *data;
  std::size_t size;
};
struct use_awaitable_t {};
inline constexpr use_awaitable_t use_awaitable{};
struct socket {
  std::size_t read_some(mutable_buffer b);
  // Asio's shape: a template on the completion token, whose result depends
  // on the token. Not counted as a twin.
  template <typename Token>
  auto async_read_some(mutable_buffer b, Token &&token) -> decltype(token(0));
  std::size_t write_some(mutable_buffer b);
  // A non-template twin whose token is defaulted: counted.
  task<std::size_t> async_write_some(mutable_buffer b,
                                     use_awaitable_t = use_awaitable);
  void close();
};
struct other_socket {
  task<> async_close(); // in another class: not a twin of socket::close
};
} // namespace asiol

// ---- cppcoro-style: camelCase and co_ twins ---------------------------------
namespace cc {
class file {
public:
  std::size_t read(std::uint64_t offset, void *buffer, std::size_t size);
  task<std::size_t> readAsync(std::uint64_t offset, void *buffer,
                              std::size_t size);
  void sync();
  task<> co_sync();
};
} // namespace cc

task<> twins(asiol::socket &sock, cc::file &f) {
  std::string s = aiol::read_file("a.txt");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'read_file' may block; 'async_read_file' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  std::string s = co_await aiol::async_read_file("a.txt");{{$}}
  aiol::resolve("example.org", 80);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'resolve' may block; 'resolve_async' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  co_await aiol::resolve_async("example.org", 80);{{$}}
  aiol::connect(3, 80);   // the twin's extra parameter has no default
  aiol::send(3, "x");     // the twin takes other parameters
  aiol::flush(3);         // the "twin" is not awaitable
  aiol::sync_all();       // the twin is in another namespace
  aiol::poll_status(3);   // annotated nonblocking
  asiol::mutable_buffer buf{nullptr, 0};
  sock.read_some(buf);    // the twin needs a completion token
  std::size_t n = sock.write_some(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'write_some' may block; 'async_write_some' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  std::size_t n = co_await sock.async_write_some(buf);{{$}}
  sock.close();           // the twin is in another class
  char data[16];
  f.read(0, data, sizeof data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' may block; 'readAsync' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  co_await f.readAsync(0, data, sizeof data);{{$}}
  f.sync();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sync' may block; 'co_sync' is its awaitable twin [async-blocking-call]
  // CHECK-MESSAGES-CO: :[[@LINE-2]]:3: warning: 'sync' may block; 'co_sync' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  co_await f.co_sync();{{$}}
  // In an initializer the twin's awaited result must be the call's: no fix.
  int rc = aiol::close_fd(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'close_fd' may block; 'async_close_fd' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  int rc = aiol::close_fd(3);{{$}}
  aiol::close_fd(4); // as a statement the result is discarded: fix
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'close_fd' may block; 'async_close_fd' is its awaitable twin [async-blocking-call]
  // NOTEFIX: {{^}}  co_await aiol::async_close_fd(4); // as a statement the result is discarded: fix{{$}}
  (void)rc;
  co_await aiol::async_read_file("b.txt"); // the twin itself: fine
  (void)n;
}

task<> positions(cc::file &f) {
  // Inside a larger expression: reported, no fix.
  if (aiol::resolve("example.org", 80) > 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'resolve' may block; 'resolve_async' is its awaitable twin [async-blocking-call]
    // NOTEFIX: {{^}}  if (aiol::resolve("example.org", 80) > 0){{$}}
    co_return;
  try {
    co_await f.co_sync();
  } catch (...) {
    f.sync(); // co_await is ill-formed in a handler: no fix
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sync' may block; 'co_sync' is its awaitable twin [async-blocking-call]
    // CHECK-MESSAGES-CO: :[[@LINE-2]]:5: warning: 'sync' may block; 'co_sync' is its awaitable twin [async-blocking-call]
    // NOTEFIX: {{^}}    f.sync(); // co_await is ill-formed in a handler: no fix{{$}}
  }
}

// Not in a coroutine: silent.
std::string load() { return aiol::read_file("c.txt"); }
