// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs -I %asynclint_include
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs -I %asynclint_include %t.cpp

// annotate("asynclint::detached") (ASYNCLINT_DETACHED) on a function or a
// type says that dropping its result unawaited is intended: no warning for
// a discarded call, a variable never awaited, or a callback that drops it.

#include "cppcoro_like.h"
#include <asynclint/annotations.h>
#include <coroutine>
#include <functional>

using cppcoro::task;

// A lazy task type whose every value is meant to be dropped (a task that
// schedules itself elsewhere when its handle is released, say).
template <typename T = void> class ASYNCLINT_DETACHED spawned {
public:
  struct promise_type {
    spawned get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

// The same type without the annotation.
template <typename T = void> class kept {
public:
  struct promise_type {
    kept get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

// A plain awaiter type, annotated with the raw attribute.
struct __attribute__((annotate("asynclint::detached"))) notify_op {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct wait_op {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

ASYNCLINT_DETACHED task<> log_later(int level);
task<> log_now(int level);
task<> refresh(int id);
__attribute__((annotate("asynclint::detached"))) task<> refresh(int id);
spawned<> spawn_worker();
kept<> keep_worker();
notify_op notify();
wait_op wait();

struct Cache {
  ASYNCLINT_DETACHED task<> warm();
  task<> load();
};

task<> caller(Cache &cache) {
  log_later(1); // annotated function: silent
  log_now(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'log_now' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await log_now(1);{{$}}
  refresh(2);   // annotated on a later declaration: silent
  spawn_worker(); // annotated type: silent
  keep_worker();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'keep_worker' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await keep_worker();{{$}}
  notify(); // annotated awaiter type: silent
  wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'wait' is never awaited [async-unawaited-task]
  cache.warm(); // annotated member: silent
  cache.load();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'load' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await cache.load();{{$}}
  co_return;
}

void stored() {
  auto a = log_later(3); // never awaited, annotated: silent
  auto b = log_now(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'b' is never awaited and never runs [async-unawaited-task]
  auto c = spawn_worker(); // annotated type: silent
  auto d = keep_worker();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'd' is never awaited and never runs [async-unawaited-task]
}

void callbacks() {
  std::function<void()> f = []() -> spawned<> { co_return; }; // silent
  std::function<void()> g = []() -> kept<> { co_return; };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: task returned by this lambda is dropped by the void-returning callback 'std::function<void ()>' and never runs [async-unawaited-task]
}

// A function template and a member of a class template.
template <typename T> ASYNCLINT_DETACHED task<> fire(T value);
template <typename T> task<> await_me(T value);
template <typename T> struct Service {
  ASYNCLINT_DETACHED task<> ping();
  task<> stop();
};

task<> templates(Service<int> &s) {
  fire(1); // silent
  await_me(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'await_me' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await await_me(1);{{$}}
  s.ping(); // silent
  s.stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'stop' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await s.stop();{{$}}
  co_return;
}
