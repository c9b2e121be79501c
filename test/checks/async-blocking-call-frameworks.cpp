// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-blocking-call %t -- -I %runtime_include -I %asynclint_include

// Boost.Asio and aio in one file: the same rules, by structure.
#include <aio/run.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <asynclint/annotations.h>
#include <chrono>
#include <thread>

namespace asio = boost::asio;
using namespace std::chrono_literals;

asio::awaitable<void> asio_session(asio::io_context &other) {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'asio_session' [async-blocking-call]
  other.run();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::io_context::run' blocks the event loop inside coroutine 'asio_session' [async-blocking-call]
  asio::steady_timer timer(co_await asio::this_coro::executor, 10ms);
  co_await timer.async_wait(asio::use_awaitable); // the async way: fine
  asio::post(other, [] { std::this_thread::sleep_for(10ms); }); // elsewhere
}

aio::task<int> inner() { co_return 1; }
aio::task<int> aio_handler() {
  int v = aio::run(inner());
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'aio::run' blocks the event loop inside coroutine 'aio_handler' [async-blocking-call]
  // The nested-loop fix (aio::task<int> awaits as an int):
  // CHECK-FIXES: {{^}}  int v = co_await inner();{{$}}
  v += co_await aio::to_thread([] {
    std::this_thread::sleep_for(10ms); // on the pool: fine
    return 1;
  });
  co_return v + co_await inner();
}

// The author's annotations work the same on both: a function marked
// blocking is reported, directly or through a helper; one marked
// nonblocking is not, though it looks blocking.
ASYNCLINT_BLOCKING void flush_journal();
void journal_helper() { flush_journal(); }
ASYNCLINT_NONBLOCKING void peek_socket() { std::this_thread::sleep_for(1ms); }
void write_journal(); // not annotated, no body: silent

asio::awaitable<void> asio_annotated() {
  co_await asio::this_coro::executor;
  flush_journal();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush_journal' blocks the event loop inside coroutine 'asio_annotated' [async-blocking-call]
  journal_helper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'journal_helper' blocks the event loop inside coroutine 'asio_annotated' [async-blocking-call]
  peek_socket();
  write_journal();
}

aio::task<int> aio_annotated() {
  co_await inner();
  flush_journal();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'flush_journal' blocks the event loop inside coroutine 'aio_annotated' [async-blocking-call]
  journal_helper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'journal_helper' blocks the event loop inside coroutine 'aio_annotated' [async-blocking-call]
  peek_socket();
  write_journal();
  co_return 0;
}

// Awaited by a coroutine too (not only run by main), so its start may be
// on the event loop.
aio::task<int> awaits_aio_handler() { co_return co_await aio_handler(); }
// Starting loops from ordinary code is what they are for.
int main() {
  asio::io_context io;
  asio::co_spawn(io, asio_session(io), asio::detached);
  io.run();
  return aio::run(aio_handler());
}
