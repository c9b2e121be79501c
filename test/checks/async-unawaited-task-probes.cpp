// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// With ThrowProbes set to something no helper matches, the probes are
// reported like any other discard:
// RUN: %check_async_tidy --check-suffix=OFF %s async-unawaited-task %t \
// RUN:   --config="{CheckOptions: {async-unawaited-task.ThrowProbes: '^no_such_probe$'}}" \
// RUN:   -- -I %inputs

// A call made only to see it throw (the task's constructor or the call
// itself throws before any task exists) is deliberate: a lambda passed to an
// assert_throws-like helper, or a statement in an EXPECT_THROW-like macro.
#include "cppcoro_like.h"
#include <stdexcept>

using cppcoro::task;

task<int> fetch(int id);

// Test helpers in the shapes test suites use, with our own names.
template <typename E, typename F> void assert_throws(F &&f) {
  try {
    f();
  } catch (const E &) {
  }
}
template <typename F> void check_that_it_throws(F &&f, const char *) {
  try {
    f();
  } catch (...) {
  }
}
#define EXPECT_THROW(statement, type)                                         \
  do {                                                                         \
    try {                                                                      \
      statement;                                                               \
    } catch (const type &) {                                                   \
    }                                                                          \
  } while (0)
#define REQUIRE_THROWS(statement)                                              \
  do {                                                                         \
    try {                                                                      \
      statement;                                                               \
    } catch (...) {                                                            \
    }                                                                          \
  } while (0)
// A helper that only runs its argument: not a probe.
template <typename F> void run_later(F &&f) { f(); }

void probes() {
  assert_throws<std::invalid_argument>([] { fetch(-1); });
  // CHECK-MESSAGES-OFF: :[[@LINE-1]]:45: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  check_that_it_throws([] {
    auto t = fetch(-2);
    // CHECK-MESSAGES-OFF: :[[@LINE-1]]:10: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
  }, "negative ids");
  EXPECT_THROW(fetch(-3), std::invalid_argument);
  // CHECK-MESSAGES-OFF: :[[@LINE-1]]:16: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  REQUIRE_THROWS(fetch(-4));
  // CHECK-MESSAGES-OFF: :[[@LINE-1]]:18: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]

  // Positive neighbours: the same discards outside a probe stay findings.
  run_later([] { fetch(5); });
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-MESSAGES-OFF: :[[@LINE-2]]:18: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  fetch(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-MESSAGES-OFF: :[[@LINE-2]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
}

// A probe written by hand: in a try block, the statement after the task's
// declaration fails the test (a FAIL-like macro, a throw, a call that does
// not return), so the author expects the call to throw before it.
void test_failed(const char *);
[[noreturn]] void abort_test();
void log_line(const char *);
#define SUITE_FAIL(msg) test_failed(msg)
#define SUITE_FAIL_STATEMENT(msg)                                              \
  do {                                                                         \
    test_failed(msg);                                                          \
  } while (0)

void hand_written_probes() {
  try {
    auto t = fetch(-5);
    SUITE_FAIL("should throw");
  } catch (const std::exception &) {
  }
  try {
    auto t = fetch(-6);
    throw std::logic_error("should have thrown");
  } catch (const std::invalid_argument &) {
  }
  try {
    auto t = fetch(-8);
    SUITE_FAIL_STATEMENT("should throw");
  } catch (...) {
  }
  try {
    auto t = fetch(-7);
    abort_test();
  } catch (...) {
  }
  // Positive neighbours: something else follows, or no try block.
  try {
    auto t = fetch(8);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
    // CHECK-MESSAGES-OFF: :[[@LINE-2]]:10: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
    log_line("created");
  } catch (...) {
  }
  {
    auto t = fetch(9);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
    // CHECK-MESSAGES-OFF: :[[@LINE-2]]:10: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
    SUITE_FAIL("not in a try block");
  }
}
