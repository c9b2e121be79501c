// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -Wno-unused-value -I %inputs %t.cpp

// Which discards get `co_await` as a fix-it, and where. Only a lazy task
// keeps its meaning when awaited (it did nothing before); for a handle to
// started work or a plain awaiter the insertion makes the coroutine wait
// where it did not, so it is offered on a note, which --fix leaves alone.
#include "cppcoro_like.h"
#include "eager_tasks.h"

using namespace eager;

lazy<int> fetch(int id);
owning launch_owned();
struct tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
tick next_tick();

lazy<int> caller() {
  fetch(1); // lazy
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-12]]:11: note: 'fetch' declared here
  // CHECK-FIXES: {{^}}  co_await fetch(1); // lazy{{$}}
  launch_owned(); // started
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'launch_owned' is never awaited: dropping it destroys work that already started [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: insert 'co_await' to wait for it here (this changes when the coroutine continues)
  // CHECK-NOTES: :[[@LINE-16]]:8: note: 'launch_owned' declared here
  // CHECK-FIXES: {{^}}  launch_owned(); // started{{$}}
  next_tick(); // operation
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: awaitable returned by 'next_tick' is never awaited [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: insert 'co_await' to wait for it here (this changes when the coroutine continues)
  // CHECK-NOTES: :[[@LINE-15]]:6: note: 'next_tick' declared here
  // CHECK-FIXES: {{^}}  next_tick(); // operation{{$}}
  co_return 0;
}

// A synchronous generator whose promise rejects co_await with a deleted
// template await_transform (cppcoro_like.h's generator, as std::generator's):
// the task dropped in it is reported, but `co_await` would not compile, so
// no fix.
cppcoro::generator<int> numbers() {
  fetch(4); // in a generator
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-34]]:11: note: 'fetch' declared here
  // CHECK-FIXES: {{^}}  fetch(4); // in a generator{{$}}
  co_yield 1;
}
