// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp
// The notes' fix-its, applied on request (--fix-notes), compile too:
// RUN: sed -e 's#// CHECK.*##' %s > %t.notes.cpp
// RUN: %asynclint_tidy --checks='-*,async-blocking-call' --config={} --fix-notes --quiet \
// RUN:   %t.notes.cpp -- -std=c++20 -I %inputs
// RUN: FileCheck --check-prefix=NOTEFIX %s < %t.notes.cpp
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.notes.cpp

// A nested event loop (`sync_wait(x)`, `block_on(x)`, `aio::run(x)`) inside
// a coroutine runs x to completion while the outer loop stands still. The
// fix awaits x instead: `co_await x`, the argument's text kept. It is on the
// warning (safe) when this coroutine can await x by the structure of the
// types, on a note (unsafe) when that cannot be told (a template
// await_transform, an lvalue through a free operator co_await), and absent
// when co_await x would be ill-formed or cannot be spliced in.

#include "cppcoro_like.h"
#include "ref_task.h"
#include <string>
#include <utility>

using cppcoro::task;

task<int> fetch(int id);
task<> work();

namespace rt {
// A forwarding block_on: accepts lvalues too.
template <typename A> int block_on(A &&a) { return 0; }
template <typename A> int sync_wait(A &&a, int timeout_ms);
} // namespace rt

// An awaitable made by a binary operator (Asio's `a && b`).
struct both_op {
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return 2; }
};
both_op operator&&(task<int> &&a, task<int> &&b);

task<> statements(task<int> kept, cppcoro::delay d) {
  cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  int v = cppcoro::sync_wait(fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  int v = co_await fetch(2);{{$}}
  int w = rt::block_on(fetch(3) && fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'rt::block_on' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  int w = co_await (fetch(3) && fetch(4));{{$}}
  rt::block_on(std::move(kept));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await std::move(kept);{{$}}
  // An lvalue task: its operator co_await takes rvalues only, no fix.
  rt::block_on(kept);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  rt::block_on(kept);{{$}}
  // An lvalue awaited through a free operator co_await: cannot tell.
  rt::block_on(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  rt::block_on(d);{{$}}
  // NOTEFIX: {{^}}  co_await d;{{$}}
  // Not an awaitable (a callable): no fix.
  rt::block_on([] { return 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  rt::block_on([] { return 1; });{{$}}
  // A second argument would be lost: no fix.
  rt::sync_wait(fetch(5), 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::sync_wait' blocks the event loop inside coroutine 'statements' [async-blocking-call]
  // CHECK-FIXES: {{^}}  rt::sync_wait(fetch(5), 100);{{$}}
  (void)v;
  (void)w;
  co_return;
}

task<> positions() {
  // Inside a larger expression: co_await would change what it binds to.
  int a = 1 + cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'positions' [async-blocking-call]
  // CHECK-FIXES: {{^}}  int a = 1 + cppcoro::sync_wait(fetch(1));{{$}}
  if (cppcoro::sync_wait(fetch(2)))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'positions' [async-blocking-call]
    // CHECK-FIXES: {{^}}  if (cppcoro::sync_wait(fetch(2))){{$}}
    a = 2;
  // A static local's initializer runs once, and co_await is ill-formed there.
  static int once = cppcoro::sync_wait(fetch(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'positions' [async-blocking-call]
  // CHECK-FIXES: {{^}}  static int once = cppcoro::sync_wait(fetch(3));{{$}}
  try {
    co_await work();
  } catch (...) {
    // co_await is ill-formed in a handler.
    cppcoro::sync_wait(fetch(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'positions' [async-blocking-call]
    // CHECK-FIXES: {{^}}    cppcoro::sync_wait(fetch(4));{{$}}
  }
  // In a lambda run right here: that lambda is not a coroutine.
  [] { cppcoro::sync_wait(fetch(5)); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'positions' [async-blocking-call]
  // CHECK-FIXES: {{^}}  [] { cppcoro::sync_wait(fetch(5)); }();{{$}}
  (void)a;
  (void)once;
}

// A coroutine type whose promise accepts its own operations only: awaiting
// a task is rejected there (no fix).
struct own_op {
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct strict_task {
  struct promise_type {
    strict_task get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
    own_op await_transform(own_op op) noexcept { return op; }
  };
};
// A promise whose await_transform is a template: cannot tell (unsafe).
struct generic_task {
  struct promise_type {
    generic_task get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
    template <typename A> A &&await_transform(A &&a) noexcept {
      return static_cast<A &&>(a);
    }
  };
};

// A synchronous generator: co_await is rejected by a deleted template
// await_transform (cppcoro_like.h's generator, as std::generator's).
cppcoro::generator<int> numbers() {
  co_yield cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'numbers' [async-blocking-call]
  int v = cppcoro::sync_wait(fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'numbers' [async-blocking-call]
  // CHECK-FIXES: {{^}}  int v = cppcoro::sync_wait(fetch(2));{{$}}
  // NOTEFIX: {{^}}  int v = cppcoro::sync_wait(fetch(2));{{$}}
  co_yield v;
}

strict_task strict() {
  cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'strict' [async-blocking-call]
  // CHECK-FIXES: {{^}}  cppcoro::sync_wait(fetch(1));{{$}}
  // NOTEFIX: {{^}}  cppcoro::sync_wait(fetch(1));{{$}}
  co_await own_op{};
}

generic_task generic() {
  cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'generic' [async-blocking-call]
  // CHECK-FIXES: {{^}}  cppcoro::sync_wait(fetch(1));{{$}}
  // NOTEFIX: {{^}}  co_await fetch(1);{{$}}
  co_await own_op{};
}

// A template: the pattern's call is dependent (skipped); the instantiation
// is reported without a fix (the edit would change the pattern).
template <typename T> task<> templated(task<T> t) {
  cppcoro::sync_wait(std::move(t));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'templated' [async-blocking-call]
  // CHECK-FIXES: {{^}}  cppcoro::sync_wait(std::move(t));{{$}}
  co_return;
}
template task<> templated(task<int>);

// Outside a coroutine a nested loop is what starts the program: silent.
int main() { return cppcoro::sync_wait(fetch(0)); }

// A task whose awaiter returns a reference into its frame (T &&), driven by
// a sync_wait that returns T by value: `auto &&n = sync_wait(f())` would
// become a reference into the frame of a temporary task destroyed at the
// `;`. Safe only where the result is discarded or the types are the same
// value type; otherwise the fix is on a note.
namespace refrt {
template <typename T> T sync_wait(reftask::task<T> &&t);
} // namespace refrt
reftask::task<std::string> rname();

reftask::task<int> reference_results() {
  refrt::sync_wait(rname());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'refrt::sync_wait' blocks the event loop inside coroutine 'reference_results' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await rname();{{$}}
  auto &&n = refrt::sync_wait(rname());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'refrt::sync_wait' blocks the event loop inside coroutine 'reference_results' [async-blocking-call]
  // CHECK-FIXES: {{^}}  auto &&n = refrt::sync_wait(rname());{{$}}
  const std::string &m = refrt::sync_wait(rname());
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'refrt::sync_wait' blocks the event loop inside coroutine 'reference_results' [async-blocking-call]
  // CHECK-FIXES: {{^}}  const std::string &m = refrt::sync_wait(rname());{{$}}
  co_return static_cast<int>(n.size() + m.size());
}
