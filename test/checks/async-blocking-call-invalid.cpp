// Half-typed code: compiler errors are reported, the valid parts are still
// checked, and nothing crashes (`not` without --crash fails on a crash).
// RUN: not %asynclint_tidy --checks='-*,async-blocking-call' --config='{}' %s -- -std=c++20 -I %inputs 2>&1 | FileCheck %s --implicit-check-not='warning:'
// A malformed option value is reported and the run goes on.
// RUN: %asynclint_tidy --checks='-*,async-blocking-call' --config="{CheckOptions: {async-blocking-call.Replacements: 'no-equals-sign', async-blocking-call.TransitiveDepth: 'deep', async-blocking-call.AsyncTwinPatterns: 'async_{name};nohole;{name}{Name}'}}" %S/../Inputs/blocking_ok.cpp -- -std=c++20 2>&1 | FileCheck %s --check-prefix=CONFIG

#include "cppcoro_like.h"
#include <unistd.h>

using cppcoro::task;

task<> valid() {
  ::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'valid' [async-blocking-call]
  co_return;
}

void helper() { undeclared_blocking(); ::sleep(
task<> broken() {
  helper();
  not_declared(1);
  ::sleep(;
  co_await missing();
  // A nested loop and a twin with broken arguments: no fix, no crash.
  cppcoro::sync_wait(missing_task());
  int v = cppcoro::sync_wait(;
  file_read(undeclared_fd);
  co_return
}
void file_read(int fd);
task<> async_file_read(int fd);
// CHECK: error:

// CONFIG-DAG: invalid entry 'no-equals-sign' in option 'Replacements' of async-blocking-call
// CONFIG-DAG: invalid entry 'nohole' in option 'AsyncTwinPatterns' of async-blocking-call
// CONFIG-DAG: invalid entry '{name}{Name}' in option 'AsyncTwinPatterns' of async-blocking-call
// CONFIG-DAG: invalid configuration value 'deep' for option 'async-blocking-call.TransitiveDepth'
