// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-dangling-reference %t

// Boost.Asio: awaitable<T> is lazy (its frame starts suspended until the
// awaitable thread pumps it). co_spawn(..., detached) runs the task after
// the full-expression that created it.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <atomic>
#include <exception>
#include <string>

namespace asio = boost::asio;
using asio::awaitable;

awaitable<void> session(const std::string &greeting) {
  co_await asio::this_coro::executor;
  (void)greeting.size();
}

void start(asio::io_context &io) {
  std::string name = "n";
  asio::co_spawn(io, session(std::string("hi")), asio::detached);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: task 'session' may outlive the temporary bound to its reference parameter 'greeting' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:30: note: temporary destroyed at the end of this full-expression
  asio::co_spawn(
      io, [&]() -> awaitable<void> { co_await session(name); }(),
      asio::detached);
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: task of this coroutine lambda may outlive its temporary closure, which holds its captures [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-3]]:55: note: 'name' lives in the closure, which is destroyed at the end of the full-expression
  io.run();
}

// Negative neighbours.
void start_ok(asio::io_context &io) {
  std::string name = "n";
  // The closure itself is handed over: co_spawn keeps the function object
  // alive while the coroutine runs.
  asio::co_spawn(
      io, [&]() -> awaitable<void> { co_await session(name); },
      asio::detached);
  asio::co_spawn(io, session(name), asio::detached); // name outlives io.run()
  io.run();
}

awaitable<void> awaited_ok() {
  co_await session(std::string("hi"));
  auto ex = co_await asio::this_coro::executor;
  co_await asio::co_spawn(ex, session(std::string("x")), asio::use_awaitable);
}

// A session stored in a member and spawned later, after the local it
// refers to is gone; spawned in the same block, it is in time.
struct server {
  asio::io_context &io;
  awaitable<void> next;
  void prepare() {
    std::string greeting = "hello";
    next = session(greeting);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'session' may outlive local variable 'greeting' bound to its reference parameter 'greeting' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'greeting' is destroyed at the end of its scope here, while 'next' lives on
  }
  void prepare_and_run() {
    std::string greeting = "hello";
    next = session(greeting);
    asio::co_spawn(io, std::move(next), asio::detached);
    io.run();
  }
};

// A helper that spawns the task and blocks on an atomic until it is done:
// the task finishes inside the full-expression. One that only spawns it
// does not wait.
void spawn_and_wait(asio::io_context &io, awaitable<void> &&t) {
  std::atomic<int> done(0);
  asio::co_spawn(io, std::move(t), [&](std::exception_ptr) {
    done = 1;
    done.notify_all();
  });
  done.wait(0);
}
void spawn_only(asio::io_context &io, awaitable<void> &&t) {
  asio::co_spawn(io, std::move(t), asio::detached);
}
void atomic_wait(asio::io_context &io) {
  spawn_and_wait(io, session(std::string("hi"))); // silent: waits for it
  spawn_only(io, session(std::string("hi")));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: task 'session' may outlive the temporary bound to its reference parameter 'greeting' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: temporary destroyed at the end of this full-expression
}
