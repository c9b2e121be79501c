// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// A coroutine that only a blocking driver runs (`sync_wait(f())` from main
// or a test, every use of it in this file) runs up to its first suspension
// on the driving thread, not on an event loop: blocking there is silent.
// So does a coroutine awaited where such a coroutine has not yet
// suspended, and an eager coroutine that a plain function waits for right
// where it calls it (`f().wait()`). After the first co_await, in a loop
// that reaches past it, or when the coroutine is used any other way, it is
// reported.

#include "cppcoro_like.h"
#include "eager_tasks.h"
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

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

// Also awaited by another coroutine after it has suspended once: that
// coroutine may have been resumed on an event loop.
static task<int> shared_start() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'shared_start' [async-blocking-call]
  co_return co_await fetch(2);
}

static task<int> caller() {
  co_await fetch(0);
  co_return co_await shared_start();
}

// Awaited only at the start of a driven coroutine, before it suspends:
// started on the driving thread as well.
static task<int> setup() {
  std::this_thread::sleep_for(10ms); // silent
  co_return co_await fetch(4);
}

static task<int> setup_then_work() {
  int s = co_await setup();
  co_return s + co_await fetch(5);
}

// Awaited at the start of a coroutine that is not driven: reported.
static task<int> setup_elsewhere() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'setup_elsewhere' [async-blocking-call]
  co_return co_await fetch(6);
}

task<int> not_driven() { co_return co_await setup_elsewhere(); }

// An eager coroutine runs on the caller's thread until it suspends; a
// plain function that waits for it right there is a blocking thread.
static eager::started<int> eager_job() {
  std::this_thread::sleep_for(10ms); // silent
  co_await fetch(7);
  co_return 7;
}

// The same, but its handle is kept and waited for elsewhere: reported.
static eager::started<int> eager_kept() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'eager_kept' [async-blocking-call]
  co_await fetch(8);
  co_return 8;
}

// Waited for inside a coroutine: that coroutine's thread is not known to
// be a blocking one (the wait itself is reported there).
static eager::started<int> eager_in_coroutine() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'eager_in_coroutine' [async-blocking-call]
  co_await fetch(9);
  co_return 9;
}

task<int> waits_inside() {
  eager_in_coroutine().wait();
  co_return 0;
}

// A template's specializations are uses of the template.
template <typename T> static eager::started<int> eager_template() {
  std::this_thread::sleep_for(10ms); // silent
  co_await fetch(10);
  co_return 10;
}

// Started by hand from a plain function (`t.resume()`, as a test does):
// its start runs on that thread. Kept and awaited elsewhere: reported.
void by_hand() {
  auto t = []() -> task<int> {
    std::this_thread::sleep_for(10ms); // silent
    co_return co_await fetch(11);
  }();
  t.resume();
}

task<int> kept_then_awaited() {
  auto t = []() -> task<int> {
    std::this_thread::sleep_for(10ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside a coroutine lambda [async-blocking-call]
    co_return co_await fetch(12);
  }();
  co_return co_await std::move(t);
}

// Tasks stored in a local container, moved into a driven coroutine lambda
// that gathers them before it first suspends: they start on the driving
// thread too. Gathered after a suspension: reported.
task<int> gather_all(std::vector<task<int>> tasks);

void gathered_at_start() {
  auto job = [](int i) -> task<int> {
    std::this_thread::sleep_for(10ms); // silent
    co_return co_await fetch(i);
  };
  std::vector<task<int>> jobs;
  for (int i = 0; i < 3; ++i)
    jobs.push_back(job(i));
  auto all = [jobs = std::move(jobs)]() mutable -> task<int> {
    co_return co_await gather_all(std::move(jobs));
  };
  cppcoro::sync_wait(all());
}

void gathered_later() {
  auto job = [](int i) -> task<int> {
    std::this_thread::sleep_for(10ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside a coroutine lambda [async-blocking-call]
    co_return co_await fetch(i);
  };
  std::vector<task<int>> jobs;
  jobs.push_back(job(1));
  auto all = [jobs = std::move(jobs)]() mutable -> task<int> {
    co_await fetch(0);
    co_return co_await gather_all(std::move(jobs));
  };
  cppcoro::sync_wait(all());
}

void run_eager() {
  eager_template<int>().wait();
  eager_template<long>().wait();
  eager_job().wait();
  auto kept = eager_kept();
  kept.wait();
}

int main() {
  int r = cppcoro::sync_wait(example_main()) + cppcoro::sync_wait(polls()) +
          cppcoro::sync_wait(shared_start());
  // A coroutine lambda invoked right there as the driver's operand.
  r += cppcoro::sync_wait([]() -> task<int> {
    std::this_thread::sleep_for(10ms); // silent
    co_return co_await fetch(3);
  }());
  r += cppcoro::sync_wait(setup_then_work());
  return r + cppcoro::sync_wait(caller());
}
