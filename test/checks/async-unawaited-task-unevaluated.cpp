// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs

// Code that never runs creates no task: unevaluated operands, a discarded
// `if constexpr` branch. And a type whose operator co_await cannot be
// called is not awaitable.
#include "cppcoro_like.h"
#include <type_traits>

using cppcoro::task;

task<int> fetch(int id);

// ---- unevaluated operands --------------------------------------------------

using fetched = decltype(fetch(1), 0);
constexpr auto size = sizeof(fetch(2), 0);
constexpr bool nothrow = noexcept(fetch(3), true);
template <typename T> auto probe(T v) -> decltype(fetch(v), void()) {}

void evaluated() {
  // Positive neighbour: the same comma, evaluated.
  int n = (fetch(4), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  (void)n;
  probe(5);
}

// ---- if constexpr ----------------------------------------------------------

template <typename T> task<> maybe_fetch(T v) {
  if constexpr (std::is_integral_v<T>) {
    co_await fetch(v);
  } else {
    // Kept only for non-integral T, none of which is instantiated below: not
    // code that runs.
    fetch(0);
  }
}
task<> use_maybe() { co_await maybe_fetch(1); }

void constant_branch() {
  if constexpr (sizeof(int) == 0) {
    fetch(6); // discarded: never runs
  } else {
    fetch(7);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  }
}

// ---- operator co_await that cannot be called -------------------------------

struct ready {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
// `co_await deleted_op{}` is ill-formed: not awaitable.
struct deleted_op {
  ready operator co_await() const = delete;
};
// Only the class itself may await it.
class private_op {
  ready operator co_await() const { return {}; }
};
// Positive neighbour: callable.
struct public_op {
  ready operator co_await() const { return {}; }
};
deleted_op make_deleted();
private_op make_private();
public_op make_public();

void co_await_operators() {
  make_deleted();
  make_private();
  make_public();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'make_public' is never awaited [async-unawaited-task]
}
