// RUN: %check_async_tidy %s async-sequential-awaits %t -- -I %inputs
//
// One expression with many independent awaits (a generated one may have
// thousands on one line): a note at each of the first eight others, then
// one note for the rest. clang-tidy searches the line of every note for
// NOLINT, so a note per await made such a line cost quadratic time.
#include "ordering_fixtures.h"

task<int> many() {
  int total = co_await fetch(0) + co_await fetch(1) + co_await fetch(2) + co_await fetch(3) + co_await fetch(4) + co_await fetch(5) + co_await fetch(6) + co_await fetch(7) + co_await fetch(8) + co_await fetch(9) + co_await fetch(10) + co_await fetch(11);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 12 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-NOTES: :[[@LINE-2]]:35: note: independent await here
  // CHECK-NOTES: :[[@LINE-3]]:55: note: independent await here
  // CHECK-NOTES: :[[@LINE-4]]:75: note: independent await here
  // CHECK-NOTES: :[[@LINE-5]]:95: note: independent await here
  // CHECK-NOTES: :[[@LINE-6]]:115: note: independent await here
  // CHECK-NOTES: :[[@LINE-7]]:135: note: independent await here
  // CHECK-NOTES: :[[@LINE-8]]:155: note: independent await here
  // CHECK-NOTES: :[[@LINE-9]]:175: note: independent await here
  // CHECK-NOTES: :[[@LINE-10]]:195: note: and 3 more independent awaits from here
  co_return total;
}
