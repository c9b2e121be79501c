// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// A coroutine that only a blocking driver runs (`sync_wait(f())` from main
// or a test, every use of it in this file) runs up to its first suspension
// on the driving thread, not on an event loop: blocking there is silent.
// After the first co_await, in a loop that reaches past it, or when the
// coroutine is used any other way, it is reported.

#include "cppcoro_like.h"
#include <chrono>
#include <thread>

using cppcoro::task;
using namespace std::chrono_literals;

task<int> fetch(int id);

static task<int> example_main() {
  std::this_thread::sleep_for(10ms); // before the first suspension: silent
  int a = co_await fetch(1);
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'example_main' [async-blocking-call]
  co_return a;
}

static task<int> polls() {
  int total = 0;
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(1ms); // the loop goes on after a co_await
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'polls' [async-blocking-call]
    total += co_await fetch(i);
  }
  co_return total;
}

// Also awaited by another coroutine, which may run on an event loop.
static task<int> shared_start() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'shared_start' [async-blocking-call]
  co_return co_await fetch(2);
}

static task<int> caller() { co_return co_await shared_start(); }

int main() {
  int r = cppcoro::sync_wait(example_main()) + cppcoro::sync_wait(polls()) +
          cppcoro::sync_wait(shared_start());
  // A coroutine lambda invoked right there as the driver's operand.
  r += cppcoro::sync_wait([]() -> task<int> {
    std::this_thread::sleep_for(10ms); // silent
    co_return co_await fetch(3);
  }());
  return r + cppcoro::sync_wait(caller());
}
