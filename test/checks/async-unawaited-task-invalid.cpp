// Half-typed code, as clangd sees it while the user types. The front end
// must report the compiler errors, keep checking the valid parts, and
// neither crash nor guess on error-recovery nodes. `not` (without --crash)
// fails if the front end crashes.
// RUN: not %asynclint_tidy --checks='-*,async-unawaited-task' --config='{}' %s -- -std=c++20 -I %inputs 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include "cppcoro_like.h"
#include "no_such_header.h"
// CHECK: error: 'no_such_header.h' file not found

using cppcoro::task;
task<int> fetch(int id);

task<> valid_part() {
  fetch(1);
  // CHECK: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  co_return;
}

task<> half_typed() {
  undeclared_fetch(1);
  fetch(;
  auto t = fetch(undeclared_var);
  auto u = unknown_type{};
  co_await fetch(2).
}

task<> unknown_return_type() {
  not_a_type<int> x = fetch(3);
  co_return;
}

struct incomplete;
incomplete make_incomplete();
void incomplete_type() {
  make_incomplete();
}
