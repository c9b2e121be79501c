// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// A coroutine that asks for the executor it runs on and finds none runs
// inline on whatever thread started it, with no event loop to stall: a
// library's sleep() may block in that branch and await a timer otherwise.
// Only the branch where the executor pointer is null is silent.

#include "cppcoro_like.h"

#include <chrono>
#include <thread>

using cppcoro::task;

namespace lib {
class Executor {
public:
  cppcoro::delay_awaiter after(std::chrono::milliseconds);
};
struct current_executor {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  Executor *await_resume() const noexcept { return nullptr; }
};
class Scheduler;
Scheduler *scheduler_of_thread();
} // namespace lib

template <typename Rep, typename Period>
task<> pause(std::chrono::duration<Rep, Period> d) {
  auto ex = co_await lib::current_executor{};
  if (!ex) {
    std::this_thread::sleep_for(d); // no executor: silent
    co_return;
  }
  co_await ex->after(std::chrono::duration_cast<std::chrono::milliseconds>(d));
}

task<> pause_ms(std::chrono::milliseconds d) {
  lib::Executor *ex = co_await lib::current_executor{};
  if (ex == nullptr)
    std::this_thread::sleep_for(d); // silent
  else
    co_await ex->after(d);
  if (ex)
    co_await ex->after(d);
  else
    std::this_thread::sleep_for(d); // silent
  if (nullptr != lib::scheduler_of_thread())
    co_return;
  else
    std::this_thread::sleep_for(d); // silent
}

// The branch where the executor is there runs on it: reported.
task<> on_executor(std::chrono::milliseconds d) {
  auto ex = co_await lib::current_executor{};
  if (ex) {
    std::this_thread::sleep_for(d);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'on_executor' [async-blocking-call]
  }
  if (!ex)
    co_return;
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'on_executor' [async-blocking-call]
}

// A null pointer that is not an executor says nothing about the thread.
struct connection {};
connection *try_connect();

task<> retry(std::chrono::milliseconds d) {
  connection *c = try_connect();
  if (!c) {
    std::this_thread::sleep_for(d);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'retry' [async-blocking-call]
  }
  co_return;
}

void use() { (void)pause(std::chrono::seconds(1)); }
