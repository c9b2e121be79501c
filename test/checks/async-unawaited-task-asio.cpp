// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %asynclint_include
// RUN: %clangxx -fsyntax-only -std=c++20 -I %asynclint_include %t.cpp

// Boost.Asio's awaitable<T> has no nested promise_type: its promise comes
// from a std::coroutine_traits specialization. It is still a task.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <asynclint/annotations.h>
#include <chrono>
#include <functional>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

awaitable<int> fetch(int id);
awaitable<void> notify() { co_return; }

awaitable<void> session() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  notify();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'notify' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await notify();{{$}}
  auto pending = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'pending' is never awaited and never runs [async-unawaited-task]
  [[maybe_unused]] auto kept = fetch(5); // silent: unused on purpose

  // Negative neighbours.
  int v = co_await fetch(3);
  co_await notify();
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(std::chrono::milliseconds(v));
  co_await timer.async_wait(use_awaitable);
  auto later = fetch(4);
  co_await std::move(later);
}

void start(asio::io_context &io) {
  // co_spawn runs the task: handing it over is not a discard.
  asio::co_spawn(io, session(), asio::detached);
  auto t = notify();
  asio::co_spawn(io, std::move(t), asio::detached);
  io.run();
}

void forgotten(asio::io_context &io) {
  session();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'session' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  session();{{$}}
}

// Marked detached by its author: dropping its task is intended; the same
// shape unmarked is reported. A void-returning callback drops the task of
// every call.
ASYNCLINT_DETACHED awaitable<void> audit_later();
awaitable<void> audit_now();
void on_request(std::function<void()> handler);

void annotated_and_callbacks() {
  audit_later();
  audit_now();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'audit_now' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  audit_now();{{$}}
  on_request([]() -> awaitable<void> { co_await audit_now(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: task returned by this lambda is dropped by the void-returning callback 'std::function<void ()>' and never runs [async-unawaited-task]
  on_request([] {}); // returns nothing: nothing dropped
}
