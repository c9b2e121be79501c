// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp

#include "cppcoro_like.h"
#include <utility>

using cppcoro::task;

task<int> fetch(int id);
template <typename T> task<T> make(T v) { co_return v; }
template <typename T> using lazy = task<T>;
lazy<long> aliased();

// Decided on the instantiation: the primary template's call is dependent.
template <typename F> task<> call_and_drop(F f) {
  f();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'f' is never awaited and never runs [async-unawaited-task]
  // No fix-it in a template: `co_await f()` is ill-formed where F returns int.
  // CHECK-FIXES: {{^}}  f();{{$}}
  co_return;
}
task<> use_template() {
  co_await call_and_drop([] { return fetch(1); });
  // Not a task in this instantiation: silent.
  co_await call_and_drop([] { return 42; });
}

template <typename T> task<> generic(T v) {
  make(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'make' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  make(v);{{$}}
  co_await make(v);
}
template task<> generic<int>(int);

// An alias template is looked through.
void alias() {
  aliased();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'aliased' is never awaited and never runs [async-unawaited-task]
}

// Inside a macro: warned at the expansion, no fix-it (the edit would land in
// the macro definition).
#define FIRE(x) x
#define AWAIT(x) co_await x
task<> macros() {
  FIRE(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  FIRE(fetch(1));{{$}}
  AWAIT(fetch(2)); // awaited inside the macro: silent
}

// A template that is never instantiated is never reported.
template <typename T> void unused_template(T t) { t.get(); }

// Through a function pointer nothing names the callee.
void through_pointer(task<int> (*fp)(int)) {
  fp(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by this call is never awaited and never runs [async-unawaited-task]
  [] { return fetch(2); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by this lambda is never awaited and never runs [async-unawaited-task]
}
