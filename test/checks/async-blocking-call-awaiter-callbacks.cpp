// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
//
// A callback an awaiter runs on the coroutine's thread: the awaited
// expression builds an awaiter that holds a callable, and the awaiter's
// await_resume calls it, after the coroutine is resumed, where the
// coroutine runs. What the callback does is the coroutine's own code.
// An awaiter that hands its callable to another thread in await_suspend,
// or never calls it, runs nothing here. On a value-returning
// (cppcoro_like.h) and a reference-returning (ref_task.h) task; Boost.Asio's
// awaitable takes only Asio's own awaitables (its await_transform), so the
// shape does not arise there.

#include "cppcoro_like.h"
#include "ref_task.h"

#include <chrono>
#include <thread>
#include <unistd.h>
#include <utility>

// Runs the callable when the coroutine resumes, on its thread.
template <typename F> struct then_run {
  F fn;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { h.resume(); }
  auto await_resume() { return fn(); }
};
template <typename F> then_run<F> after_resume(F fn) {
  return then_run<F>{std::move(fn)};
}
// Runs the callable on a thread of its own, then resumes the coroutine.
template <typename F> struct on_thread {
  F fn;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    std::thread([this, h] {
      fn();
      h.resume();
    }).detach();
  }
  void await_resume() {}
};
// Holds the callable and never calls it.
template <typename F> struct holder {
  F fn;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};

cppcoro::task<int> resumed_here(int fd, char *buf) {
  long n = co_await then_run{[&] { return ::read(fd, buf, 1); }};
  co_await after_resume([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'resumed_here' [async-blocking-call]
    return 0;
  });
  co_return static_cast<int>(n);
}

reftask::task<int> resumed_here_ref() {
  co_await then_run{[] {
    ::usleep(10);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'usleep' blocks the event loop inside coroutine 'resumed_here_ref' [async-blocking-call]
    return 0;
  }};
  co_return 0;
}

// Negative neighbours.
cppcoro::task<int> elsewhere() {
  co_await on_thread{[] { ::usleep(10); }}; // runs on its own thread
  co_await holder{[] {
    ::usleep(20); // never called
    return 0;
  }};
  co_return 0;
}
