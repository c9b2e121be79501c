// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %runtime_include -I %asynclint_include
// RUN: %clangxx -fsyntax-only -std=c++20 -Wno-unused-value -I %runtime_include -I %asynclint_include %t.cpp

// asynclint's own runtime. aio::task is [[nodiscard]], so the compiler also
// warns on a discarded call; the check adds variables, awaiters and handles.
#include <aio/aio.hpp>

#include <asynclint/annotations.h>
#include <chrono>
#include <functional>
#include <utility>

using namespace std::chrono_literals;

aio::task<int> fetch(int id);

aio::task<int> mistakes() {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  aio::sleep_for(10ms); // an operation, not a task
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'sleep_for' is never awaited [async-unawaited-task]
  // Awaiting it makes the coroutine wait here: the fix-it is on a note, which
  // --fix does not apply.
  // CHECK-FIXES: {{^}}  aio::sleep_for(10ms); // an operation, not a task{{$}}
  aio::create_task(fetch(2)); // started
  // The task runs anyway: its result and exceptions are what is lost, and
  // inserting co_await would turn launching into waiting (note only).
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: awaitable returned by 'create_task' is never awaited: its result and exceptions are lost [async-unawaited-task]
  // CHECK-FIXES: {{^}}  aio::create_task(fetch(2)); // started{{$}}
  auto later = fetch(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'later' is never awaited and never runs [async-unawaited-task]
  auto tick = aio::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable stored in 'tick' is never awaited [async-unawaited-task]
  co_return 0;
}

// Negative neighbours: the same operations, used.
aio::task<int> correct() {
  int a = co_await fetch(1);
  co_await aio::sleep_for(10ms);
  auto handle = aio::create_task(fetch(2)); // kept and awaited below
  (void)aio::create_task(fetch(3));         // deliberately detached
  auto [b, c] = co_await aio::gather(fetch(4), fetch(5));
  auto d = co_await aio::wait_for(fetch(6), 50ms);
  auto e = co_await aio::to_thread([] { return 7; });
  auto gen = []() -> aio::async_generator<int> { co_yield 1; }();
  while (auto v = co_await gen.next())
    a += *v;
  co_return a + b + c + d + e + co_await handle;
}

// Marked detached by its author: dropping its task is intended. The same
// shape unmarked is reported.
ASYNCLINT_DETACHED aio::task<> log_later(int line);
aio::task<> log_now(int line);
// A void-returning callback drops the task of every call.
void on_line(std::function<void(int)> handler);

aio::task<int> annotated_and_callbacks() {
  log_later(1);
  log_now(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'log_now' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await log_now(2);{{$}}
  on_line([](int n) -> aio::task<> { co_await log_now(n); });
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: task returned by this lambda is dropped by the void-returning callback 'std::function<void (int)>' and never runs [async-unawaited-task]
  on_line([](int n) { (void)n; }); // returns nothing: nothing dropped
  co_return 0;
}

int main() { return aio::run(correct()); } // run consumes the task
