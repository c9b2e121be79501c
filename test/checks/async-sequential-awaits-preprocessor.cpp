// The gather fix-it replaces the text from the first await to the last. A
// preprocessor directive in that text (an #ifdef block, skipped or not) or
// a macro expansion whose text is not kept would be lost: then the finding
// stays, without a fix (issue 24 item 2). Every fix-it offered is applied
// here (--fix-notes) and the result compiles, with and without VERBOSE:
// RUN: %check_async_tidy --check-suffix=NOTES %s async-sequential-awaits %t \
// RUN:   --config="{CheckOptions: {async-sequential-awaits.GatherFunction: 'gather'}}" \
// RUN:   --fix-notes -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs -DVERBOSE %t.cpp

#include "ordering_fixtures.h"
#include "ref_task.h"

// A value-returning task (cppcoro_like.h: T await_resume()) and a
// reference-returning one (ref_task.h: T &&await_resume()).
reftask::task<int> rfetch(int id);
template <typename... T>
reftask::task<std::tuple<T...>> gather(reftask::task<T>... tasks);

#define AWAIT co_await
#define FIRST_ID 1
#define NOTHING

task<int> ifdef_between() {
  auto a = co_await fetch(1);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
#ifdef VERBOSE
  print_value(a);
#endif
  auto b = co_await fetch(2);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  auto a = co_await fetch(1);{{$}}
// CHECK-FIXES-NOTES: {{^}}#ifdef VERBOSE{{$}}
// CHECK-FIXES-NOTES: {{^}}  print_value(a);{{$}}
// CHECK-FIXES-NOTES: {{^}}#endif{{$}}
// CHECK-FIXES-NOTES: {{^}}  auto b = co_await fetch(2);{{$}}

reftask::task<int> ifdef_between_ref() {
  auto a = co_await rfetch(1);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
#ifdef VERBOSE
  print_value(a);
#endif
  auto b = co_await rfetch(2);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  auto a = co_await rfetch(1);{{$}}
// CHECK-FIXES-NOTES: {{^}}#ifdef VERBOSE{{$}}
// CHECK-FIXES-NOTES: {{^}}  print_value(a);{{$}}
// CHECK-FIXES-NOTES: {{^}}#endif{{$}}
// CHECK-FIXES-NOTES: {{^}}  auto b = co_await rfetch(2);{{$}}

// Any directive, not only conditionals.
reftask::task<int> pragma_between() {
  auto a = co_await rfetch(3);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
#pragma GCC diagnostic ignored "-Wunused-variable"
  auto b = co_await rfetch(4);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}#pragma GCC diagnostic ignored "-Wunused-variable"{{$}}
// CHECK-FIXES-NOTES: {{^}}  auto b = co_await rfetch(4);{{$}}

// A macro in the replaced text outside the calls: its text would be lost.
task<int> macro_await() {
  auto a = AWAIT fetch(5);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :{{[0-9]+}}:15: note: expanded from macro 'AWAIT'
  auto b = co_await fetch(6);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  auto a = AWAIT fetch(5);{{$}}

// A macro that expands to nothing, between the awaits.
task<int> empty_macro_between() {
  auto a = co_await fetch(7);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  NOTHING
  auto b = co_await fetch(8);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  auto a = co_await fetch(7);{{$}}
// CHECK-FIXES-NOTES: {{^}}  NOTHING{{$}}

// Neighbours that keep their fix: a macro inside a call is kept with the
// call's text, and a '#' in a comment is no directive.
task<int> macro_in_call() {
  auto a = co_await fetch(FIRST_ID);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-2]]:12: note: gather them (the later calls then start even if an earlier one throws)
  // #ifdef VERBOSE is only a comment here
  auto b = co_await fetch(9);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  // #ifdef VERBOSE is only a comment here{{$}}
// CHECK-FIXES-NOTES: {{^}}  auto [a, b] = co_await gather(fetch(FIRST_ID), fetch(9));{{$}}

reftask::task<int> plain_ref() {
  auto a = co_await rfetch(10);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-2]]:12: note: gather them (the later calls then start even if an earlier one throws)
  auto b = co_await rfetch(11);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b;
}
// CHECK-FIXES-NOTES: {{^}}  auto [a, b] = co_await gather(rfetch(10), rfetch(11));{{$}}
