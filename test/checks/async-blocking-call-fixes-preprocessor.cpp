// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs -DVERBOSE %t.cpp

// The nested-loop fix replaces `driver(x)` by `co_await x`, keeping only
// the argument's text: a directive inside the call (the #ifdef that picks
// the argument) would be lost, so there is no fix then (issue 24 item 2).
// A value-returning task (cppcoro_like.h) and a reference-returning one
// (ref_task.h).

#include "cppcoro_like.h"
#include "ref_task.h"

using cppcoro::task;

task<int> fetch(int id);
reftask::task<int> rfetch(int id);

namespace rt {
template <typename A> int block_on(A &&a) { return 0; }
} // namespace rt

task<> value_task() {
  int v = cppcoro::sync_wait(
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'value_task' [async-blocking-call]
#ifdef VERBOSE
      fetch(0)
#else
      fetch(1)
#endif
  );
  // CHECK-FIXES: {{^}}  int v = cppcoro::sync_wait({{$}}
  // CHECK-FIXES: {{^}}#ifdef VERBOSE{{$}}
  // Neighbour: the same call without a directive is fixed.
  int w = cppcoro::sync_wait(
      fetch(2));
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'value_task' [async-blocking-call]
  // CHECK-FIXES: {{^}}  int w = co_await fetch(2);{{$}}
  (void)v;
  (void)w;
  co_return;
}

reftask::task<int> reference_task() {
  rt::block_on(
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'reference_task' [async-blocking-call]
#ifdef VERBOSE
      rfetch(0)
#else
      rfetch(1)
#endif
  );
  // CHECK-FIXES: {{^}}  rt::block_on({{$}}
  // CHECK-FIXES: {{^}}#ifdef VERBOSE{{$}}
  rt::block_on(rfetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'reference_task' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await rfetch(2);{{$}}
  co_return 0;
}
