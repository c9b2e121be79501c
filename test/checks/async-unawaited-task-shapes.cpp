// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs

// Every structural way a type can be awaitable, each with a look-alike that
// is not, and the notes that point at the cause (CHECK-NOTES checks the
// warnings and the notes together).
#include <coroutine>

struct awaiter_base {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// await_* members inherited from a base class.
struct derived_awaiter : awaiter_base {};
derived_awaiter make_derived();

// Awaitable through a hidden friend operator co_await (found only by ADL).
class with_friend {
  friend awaiter_base operator co_await(with_friend) noexcept { return {}; }
};
with_friend make_friend();

// Awaitable through a free operator co_await template on its own template.
namespace lib {
template <typename T> struct lazy { T value; };
template <typename T> awaiter_base operator co_await(lazy<T>) { return {}; }
} // namespace lib
lib::lazy<int> make_lazy();

// Look-alikes that are not awaitable.
struct only_two_members {           // no await_resume
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
};
only_two_members make_two();
namespace generic {
struct thing {};
// A fully generic operator co_await says nothing about `thing`.
template <typename T> awaiter_base operator co_await(T &&) { return {}; }
} // namespace generic
generic::thing make_thing();
struct incomplete_later;
incomplete_later *make_pointer();   // a pointer is never awaitable

void f() {
  make_derived();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: awaitable returned by 'make_derived' is never awaited [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-33]]:17: note: 'make_derived' declared here
  make_friend();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: awaitable returned by 'make_friend' is never awaited [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-30]]:13: note: 'make_friend' declared here
  make_lazy();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: awaitable returned by 'make_lazy' is never awaited [async-unawaited-task]
  // CHECK-NOTES: :[[@LINE-26]]:16: note: 'make_lazy' declared here
  make_two();
  make_thing();
  make_pointer();
}

void local_variable() {
  auto d = make_derived();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: awaitable stored in 'd' is never awaited [async-unawaited-task]
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: 'd' is destroyed here without being awaited

// Negative neighbour: a use the check does not recognise as harmless (here a
// reference bound to it, which may be awaited through) counts as consuming.
void local_variable_referenced() {
  auto d = make_derived();
  const auto &ref = d;
  (void)ref;
}
