// With the defaults an explicit (void) cast silences the warning.
// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// With AllowVoidCast off it does not; AwaitableTypes adds a type whose
// structure the check cannot see; IgnoredTypes removes one.
// RUN: %check_async_tidy --check-suffix=OPTS %s async-unawaited-task %t \
// RUN:   --config="{CheckOptions: {async-unawaited-task.AllowVoidCast: false, async-unawaited-task.AwaitableTypes: '::opaque::lazy', async-unawaited-task.IgnoredTypes: 'cppcoro::static_thread_pool::schedule_operation'}}" \
// RUN:   -- -I %inputs

#include "cppcoro_like.h"

namespace opaque {
// Awaitable only through a promise we cannot see: listed by name.
template <typename T> struct lazy {
  T value;
};
} // namespace opaque

cppcoro::task<int> fetch(int id);
opaque::lazy<int> compute();
cppcoro::static_thread_pool pool;

void f() {
  (void)fetch(1);
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:9: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  compute();
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:3: warning: awaitable returned by 'compute' is never awaited [async-unawaited-task]
  pool.schedule();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'schedule' is never awaited [async-unawaited-task]
}
