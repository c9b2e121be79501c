// RUN: %check_async_tidy %s async-await-in-loop,async-sequential-awaits %t -- -I %inputs
//
// An awaited coroutine whose body never suspends (no co_yield, no co_await
// that may suspend, an initial_suspend of std::suspend_always or
// std::suspend_never) runs
// to completion inside the await: there is no waiting to overlap, so
// gathering gains nothing. Both ordering checks leave it alone.

#include "ordering_fixtures.h"
#include <algorithm>

// Cheap CPU work only: one standard algorithm, no loop of its own.
task<int> count_char(const std::string &line, char c) {
  co_return static_cast<int>(std::count(line.begin(), line.end(), c));
}
// Never suspends either, and loops over its input: it still runs to
// completion inside the await, on the awaiting thread, so gathering it
// overlaps nothing (async-sequential-awaits-never-waits.cpp has more).
task<int> count_all(const std::vector<std::string> &lines, char c) {
  int n = 0;
  for (const auto &line : lines)
    n += static_cast<int>(std::count(line.begin(), line.end(), c));
  co_return n;
}
// Waits: awaits a fetch.
task<int> count_remote(int id) {
  auto v = co_await fetch(id);
  co_return v;
}

task<int> count_lines(const std::vector<std::string> &lines) {
  int total = 0;
  for (const auto &line : lines)
    total += co_await count_char(line, 'x'); // silent: never suspends
  co_return total;
}
task<int> count_many(const std::vector<std::vector<std::string>> &files) {
  int total = 0;
  for (const auto &file : files)
    total += co_await count_all(file, 'x'); // silent: never suspends
  co_return total;
}
task<int> count_ids(const std::vector<int> &ids) {
  int total = 0;
  for (int id : ids)
    total += co_await count_remote(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return total;
}
task<int> lambda_never_suspends(int n) {
  auto one = [](int i) -> task<int> { co_return i; };
  int total = 0;
  for (int i = 0; i < n; ++i)
    total += co_await one(i); // silent: the lambda never suspends
  co_return total;
}

task<int> two_counts(const std::string &a, const std::string &b) {
  auto x = co_await count_char(a, 'x'); // silent: nothing to overlap
  auto y = co_await count_char(b, 'y');
  co_return x + y;
}
task<int> two_remote_counts() {
  auto x = co_await count_remote(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto y = co_await count_remote(2);
  co_return x + y;
}

// A task type of its own whose initial awaiter's await_suspend does nothing
// (Boost.Outcome's awaitables have this shape): the coroutine waits, in
// place, for the await that resumes it.
struct own_task {
  struct promise_type {
    int value = 0;
    own_task get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    auto initial_suspend() noexcept {
      struct awaiter {
        bool await_ready() noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) noexcept {}
        void await_resume() noexcept {}
      };
      return awaiter{};
    }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int v) { value = v; }
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) {
    return handle;
  }
  int await_resume() { return handle.promise().value; }
};
own_task plus_one(int x) { co_return x + 1; }

task<int> two_own_tasks() {
  auto a = co_await plus_one(1);
  print_value(a);
  auto b = co_await plus_one(2); // silent: neither suspends
  co_return a + b;
}

// A task whose promise decides at run time whether to start at once (a
// constructor flag, as netcan/asyncio's Task), with an initial awaiter whose
// await_suspend does nothing: either way the body runs in place.
struct flag_task {
  struct promise_type {
    int value = 0;
    bool wait_at_start = true;
    flag_task get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    auto initial_suspend() noexcept {
      struct awaiter {
        bool wait;
        bool await_ready() const noexcept { return !wait; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const noexcept {}
      };
      return awaiter{wait_at_start};
    }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int v) { value = v; }
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) {
    return handle;
  }
  int await_resume() { return handle.promise().value; }
};
flag_task hello() { co_return 1; }
flag_task world() { co_return 2; }
flag_task hello_world() {
  co_return co_await hello() + co_await world(); // silent: neither suspends
}
