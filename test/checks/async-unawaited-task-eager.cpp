// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -Wno-unused-value -I %inputs %t.cpp
// With ReportStartedHandles, every dropped handle to started work is
// reported, not only those whose drop destroys the work or that are
// [[nodiscard]]:
// RUN: %check_async_tidy --check-suffix= --check-suffix=STARTED %s async-unawaited-task %t \
// RUN:   --config="{CheckOptions: {async-unawaited-task.ReportStartedHandles: true}}" \
// RUN:   -- -I %inputs

// "Never runs" is said only of lazy tasks: coroutine types whose promise's
// initial_suspend() returns an awaiter that suspends and does nothing with
// the handle. Decided by structure, on types written for this test.
#include "eager_tasks.h"

using namespace eager;

lazy<int> fetch(int id);
started<int> launch(int id);
must_keep<int> launch_kept(int id);
owning launch_owned();
owning_when_done launch_owned_when_done();
scheduled launch_scheduled();
configurable launch_configurable();
result<int> compute(int x);
started<int> launch_defined() { co_return 1; }
result<int> compute_defined() { co_return 2; }

lazy<int> caller(producer<int> &p) {
  fetch(1); // lazy
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1); // lazy{{$}}

  // Started work: the body already ran to its first suspension. Dropping
  // the handle loses its result and exceptions only; reported by default
  // where the author asked for it ([[nodiscard]]) or where the drop
  // destroys the running coroutine. No co_await fix-it on the warning
  // (launching would become waiting); it is offered on a note.
  launch_kept(2); // kept
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'launch_kept' is never awaited: its result and exceptions are lost [async-unawaited-task]
  // CHECK-FIXES: {{^}}  launch_kept(2); // kept{{$}}
  launch_owned(); // owned
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'launch_owned' is never awaited: dropping it destroys work that already started [async-unawaited-task]
  // CHECK-FIXES: {{^}}  launch_owned(); // owned{{$}}
  // Its neighbour frees the frame only once done(): dropping it cancels
  // nothing (the frame still running frees itself), so it is a started
  // handle like the ones below.
  launch_owned_when_done();
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'launch_owned_when_done' is never awaited: its result and exceptions are lost [async-unawaited-task]

  // Negative neighbours (default configuration): the work runs anyway and
  // nothing says the handle must be kept, so dropping it is a choice.
  launch(3);
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'launch' is never awaited: its result and exceptions are lost [async-unawaited-task]
  launch_defined();
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'launch_defined' is never awaited: its result and exceptions are lost [async-unawaited-task]
  compute(4); // eager through std::coroutine_traits
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'compute' is never awaited: its result and exceptions are lost [async-unawaited-task]
  compute_defined();
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'compute_defined' is never awaited: its result and exceptions are lost [async-unawaited-task]
  p.get_result(); // a handle to work the producer runs
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: task returned by 'get_result' is never awaited: its result and exceptions are lost [async-unawaited-task]
  start_server(); // a future-like handle that owns a share of running work
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:3: warning: awaitable returned by 'start_server' is never awaited: its result and exceptions are lost [async-unawaited-task]

  // Not known to be lazy or eager: silent in every configuration.
  launch_scheduled();    // the initial awaiter posts the frame to a scheduler
  launch_configurable(); // await_ready decided at run time
  co_return 0;
}

// Locals follow the same rule.
void locals(producer<int> &p) {
  auto a = fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'a' is never awaited and never runs [async-unawaited-task]
  auto b = launch_owned();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'b' is never awaited: dropping it destroys work that already started [async-unawaited-task]
  // A result checked another way, as tests of eager frameworks do: silent
  // by default.
  auto r = p.get_result();
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:8: warning: task stored in 'r' is never awaited: its result and exceptions are lost [async-unawaited-task]
  auto f = start_server();
  // CHECK-MESSAGES-STARTED: :[[@LINE-1]]:8: warning: awaitable stored in 'f' is never awaited: its result and exceptions are lost [async-unawaited-task]
  auto s = launch_scheduled(); // unknown: silent
  // A started handle whose state the code reads: the outcome is read
  // another way (the lazy one next to it never runs, whatever is asked).
  auto w = launch_owned();
  bool finished = w.ready();
  auto l = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'l' is never awaited and never runs [async-unawaited-task]
  (void)finished;
}
