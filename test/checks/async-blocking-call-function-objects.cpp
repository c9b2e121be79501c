// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// A blocking driver defined as a function object at namespace scope (a
// customization point object, as libunifex and stdexec define sync_wait):
// the call is named by the object, so `*::sync_wait` matches it. On a
// value-returning task (cppcoro_like) and a reference-returning one
// (ref_task.h).
#include "cppcoro_like.h"
#include "ref_task.h"

#include <optional>
#include <string>

namespace exec {
struct sync_wait_t {
  template <typename A> std::optional<int> operator()(A &&) const {
    return 0;
  }
};
inline constexpr sync_wait_t sync_wait{};
// Not a driver: makes a new sender, blocks nothing.
struct then_t {
  template <typename A, typename F> int operator()(A &&, F) const {
    return 0;
  }
};
inline constexpr then_t then{};
} // namespace exec

cppcoro::task<int> vfetch(int id);
reftask::task<std::string> rfetch(int id);

cppcoro::task<int> value_task() {
  auto r = exec::sync_wait(vfetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec::sync_wait' blocks the event loop inside coroutine 'value_task' [async-blocking-call]
  int t = exec::then(vfetch(2), [](int v) { return v; }); // not a driver
  co_return *r + t;
}

reftask::task<int> reference_task() {
  exec::sync_wait(rfetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'exec::sync_wait' blocks the event loop inside coroutine 'reference_task' [async-blocking-call]
  // A local callable named like a driver is not the object: followed as a
  // lambda instead, and its body blocks nothing.
  auto sync_wait = [](auto &&) { return 0; };
  int n = sync_wait(rfetch(2));
  co_return n;
}

// Outside a coroutine, running a task to completion is what drivers are for.
int main_like() { return *exec::sync_wait(vfetch(3)); }
