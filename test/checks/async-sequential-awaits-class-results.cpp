// RUN: %check_async_tidy %s async-sequential-awaits %t -- -I %inputs

// Class-typed results, through an awaiter that returns by value (cppcoro_like)
// and one that returns a reference into the frame (ref_task.h, as libcoro's
// and cppcoro's `T &&await_resume()`): `auto x = co_await f()` is then a move
// construction from the reference, which the check looks through.
#include "cppcoro_like.h"
#include "ref_task.h"

#include <string>

cppcoro::task<std::string> vpage(int id);
reftask::task<std::string> rpage(int id);
reftask::task<std::string> rpage_of(std::string prev);

reftask::task<int> by_value() {
  auto a = co_await vpage(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await vpage(2);
  co_return static_cast<int>(a.size() + b.size());
}

reftask::task<int> by_reference() {
  auto a = co_await rpage(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  std::string b = co_await rpage(2);
  co_return static_cast<int>(a.size() + b.size());
}

reftask::task<int> assigned_by_reference() {
  std::string a, b;
  a = co_await rpage(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  b = co_await rpage(2);
  co_return static_cast<int>(a.size() + b.size());
}

// Negative neighbours: the second await reads the first one's result.
reftask::task<int> dependent_by_reference() {
  auto a = co_await rpage(1);
  auto b = co_await rpage_of(a); // needs a: stays sequential
  co_return static_cast<int>(b.size());
}

reftask::task<int> dependent_by_value() {
  auto a = co_await vpage(1);
  auto b = co_await vpage(static_cast<int>(a.size())); // needs a
  co_return static_cast<int>(b.size());
}

// A reference bound to the result, not a copy: still one await per
// statement, and independent.
reftask::task<int> bound_reference() {
  auto &&a = co_await rpage(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto &&b = co_await rpage(2);
  co_return static_cast<int>(a.size() + b.size());
}
