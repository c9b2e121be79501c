// Half-typed code as the editor sees it: no crash, no finding on broken
// statements. `not` fails on a crash too (without --crash it expects a plain
// non-zero exit), so a crash fails this test. Any warning but the valid
// loop's, before or after the first error, fails it too.
// RUN: not %asynclint_tidy %s --checks='-*,async-await-in-loop,async-sequential-awaits' --config='{}' -- -std=c++20 -I %inputs 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include "cppcoro_like.h"
#include <vector>

using cppcoro::task;
task<int> fetch(int id);

// A valid loop before the broken code: the checks run and still report it.
task<int> valid(std::vector<int> ids) {
  int sum = 0;
  for (int id : ids)
    sum += co_await fetch(id);
  // CHECK: :[[@LINE-1]]:12: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return sum;
}
// CHECK: error:

task<int> unknown_callee(std::vector<int> ids) {
  int sum = 0;
  for (int id : ids)
    sum += co_await not_declared(id);
  co_return sum;
}

task<int> half_typed_loop(int n) {
  int sum = 0;
  for (int i = 0; i < n; ++i)
    sum += co_await fetch(i
  co_return sum;
}

task<int> unknown_type() {
  auto a = co_await fetch(1);
  mystery_type b = co_await fetch(2);
  auto c = co_await fetch(undeclared);
  co_return a;
}

template <typename T> task<int> dependent(T t, std::vector<T> items) {
  int s = 0;
  for (auto &x : items)
    s += co_await t.get(x);
  auto a = co_await t.get(1);
  auto b = co_await t.get(2);
  co_return s + a + b;
}

task<int> while_without_body(int n) {
  while (n-- > 0
  co_return 0;
}
