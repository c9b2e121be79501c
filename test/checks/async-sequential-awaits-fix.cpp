// The gather fix-it reorders work: after it, a later call starts even when
// an earlier one throws. So it is attached to a note (an unsafe fix), and
// --fix leaves the code alone:
// RUN: %check_async_tidy %s async-sequential-awaits %t \
// RUN:   --config="{CheckOptions: {async-sequential-awaits.GatherFunction: 'gather'}}" -- -I %inputs
// Applied on request (--fix-notes), it keeps the comments between the
// awaits, and the result compiles:
// RUN: %check_async_tidy --check-suffix=NOTES %s async-sequential-awaits %t \
// RUN:   --config="{CheckOptions: {async-sequential-awaits.GatherFunction: 'gather'}}" \
// RUN:   --fix-notes -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp

#include "ordering_fixtures.h"

task<int> commented() {
  auto a = co_await fetch(1); // the profile
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 3 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-2]]:12: warning: 3 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-3]]:12: note: gather them (the later calls then start even if an earlier one throws)
  /* the settings, cached */
  auto b = co_await fetch(2);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  // the news feed
  auto c = co_await fetch(/* page */ 3);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + b + c;
}
// --fix applies nothing:
// CHECK-FIXES: {{^}}  auto a = co_await fetch(1); // the profile{{$}}
// CHECK-FIXES: {{^}}  auto c = co_await fetch(/* page */ 3);{{$}}
// --fix-notes gathers and keeps every comment, in order, above the call:
// CHECK-FIXES-NOTES: {{^}}  // the profile{{$}}
// CHECK-FIXES-NOTES-NEXT: {{^}}  /* the settings, cached */{{$}}
// CHECK-FIXES-NOTES-NEXT: {{^}}  // the news feed{{$}}
// CHECK-FIXES-NOTES-NEXT: {{^}}  auto [a, b, c] = co_await gather(fetch(1), fetch(2), fetch(/* page */ 3));{{$}}
// CHECK-FIXES-NOTES: {{^}}  co_return a + b + c;{{$}}

task<int> plain() {
  auto x = co_await fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-2]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES-NOTES: :[[@LINE-3]]:12: note: gather them (the later calls then start even if an earlier one throws)
  auto y = co_await fetch(5);
  // CHECK-NOTES-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return x + y;
}
// CHECK-FIXES: {{^}}  auto x = co_await fetch(4);{{$}}
// CHECK-FIXES-NOTES: {{^}}  auto [x, y] = co_await gather(fetch(4), fetch(5));{{$}}
