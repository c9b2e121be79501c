// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// RUN: %check_async_tidy --check-suffix=LOCKS %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.FlagMutexLock: true}}" -- -I %inputs

// Code that does not run does not block: unevaluated operands, the
// discarded branch of `if constexpr`, and locks constructed without
// locking.

#include "cppcoro_like.h"

#include <mutex>
#include <type_traits>
#include <unistd.h>

using cppcoro::task;

void nap() { ::usleep(1); }

task<> unevaluated() {
  using R = decltype(::sleep(1));          // a type, not a call
  constexpr auto size = sizeof(::sleep(1)); // neither is this
  constexpr bool nothrow = noexcept(nap()); // nor this
  constexpr bool callable = requires { ::sleep(1); };
  (void)size, (void)nothrow, (void)callable;
  R r = ::sleep(1); // evaluated: a finding
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sleep' blocks the event loop inside coroutine 'unevaluated' [async-blocking-call]
  // CHECK-MESSAGES-LOCKS: :[[@LINE-2]]:9: warning: 'sleep' blocks the event loop inside coroutine 'unevaluated' [async-blocking-call]
  (void)r;
  co_return;
}

// The branch the condition discards does not run, in a template or not.
template <bool Blocking> task<> maybe_sleep() {
  if constexpr (Blocking)
    ::sleep(1);
  else
    co_return;
}
template task<> maybe_sleep<false>();

template <typename T> task<> sleep_if_integral() {
  if constexpr (std::is_integral_v<T>)
    ::sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks the event loop inside coroutine 'sleep_if_integral' [async-blocking-call]
  // CHECK-MESSAGES-LOCKS: :[[@LINE-2]]:5: warning: 'sleep' blocks the event loop inside coroutine 'sleep_if_integral' [async-blocking-call]
  co_return;
}
template task<> sleep_if_integral<double>(); // discarded: silent
template task<> sleep_if_integral<int>();    // runs: a finding

task<> not_in_a_template() {
  if constexpr (sizeof(int) == 1)
    ::sleep(3); // discarded
  else
    ::usleep(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'usleep' blocks the event loop inside coroutine 'not_in_a_template' [async-blocking-call]
  // CHECK-MESSAGES-LOCKS: :[[@LINE-2]]:5: warning: 'usleep' blocks the event loop inside coroutine 'not_in_a_template' [async-blocking-call]
  co_return;
}

std::mutex m;
task<> locks() {
  std::unique_lock deferred(m, std::defer_lock); // does not lock
  std::unique_lock attempt(m, std::try_to_lock); // does not wait
  std::unique_lock locked(m);
  // CHECK-MESSAGES-LOCKS: :[[@LINE-1]]:20: warning: 'std::unique_lock' blocks the event loop inside coroutine 'locks' [async-blocking-call]
  co_return;
}
