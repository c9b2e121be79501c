// RUN: %check_async_tidy %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.IgnoredCallees: 'minitest::*'}}" -- -I %inputs
// With the list emptied, the framework's internals are followed again (their
// file read is on the failure path, a branch: ConditionalChains too):
// RUN: %check_async_tidy --check-suffix=FOLLOW %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.IgnoredCallees: '', async-blocking-call.ConditionalChains: true}}" -- -I %inputs

// Assertion macros call into their framework, whose internals may touch
// the disk (doctest asks /proc whether a debugger is attached). Those calls
// are not the code under test: the check does not follow calls into the
// functions and scopes of IgnoredCallees (doctest, Catch2, GoogleTest and
// Boost.Test by default; this test's mock framework is configured above).

#include "blocking_testframework.h"
#include "cppcoro_like.h"

#include <filesystem>
#include <unistd.h>

using cppcoro::task;

task<int> compute() { co_return 42; }

task<> test_compute() {
  int v = co_await compute();
  MINI_CHECK(v == 42); // silent: the framework's own file read
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'report' blocks the event loop inside coroutine 'test_compute' [async-blocking-call]
  // A blocking call written in the assertion's argument is the test's own:
  // still reported.
  MINI_CHECK(std::filesystem::exists("/tmp"));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'std::filesystem::exists' blocks the event loop inside coroutine 'test_compute' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'report' blocks the event loop inside coroutine 'test_compute' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-3]]:14: warning: 'std::filesystem::exists' blocks the event loop inside coroutine 'test_compute' [async-blocking-call]
}

// The test's own helpers are still followed.
void settle() { ::usleep(10); }
task<> test_settle() {
  settle();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'settle' blocks the event loop inside coroutine 'test_settle' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'settle' blocks the event loop inside coroutine 'test_settle' [async-blocking-call]
  co_return;
}
