// RUN: %check_async_tidy %s async-sequential-awaits,async-await-in-loop %t -- -I %inputs
//
// Awaits that never wait overlap nothing, and an await that takes a lock
// orders what follows it. Both ordering checks, on a task whose awaiter
// returns by value (cppcoro_like.h) and one that returns a reference into
// the frame (ref_task.h, `T &&await_resume()`).
//
// - A ready-made result: an awaiter whose await_ready() is constantly true
//   (a value at hand, a stop-token query), or whose await_suspend() returns
//   only a constant false (a current-executor query), never suspends. It
//   neither counts nor ends a run.
// - A coroutine that never suspends, however much it computes: it starts
//   in place and each of its own awaits never suspends either (a ready
//   awaiter, or such a coroutine, followed through callees).
// - A scope guard: `auto lock = co_await m.enter();`, a move-only
//   result with a destructor that nothing names, kept for what it holds.

#include "cppcoro_like.h"
#include "ref_task.h"

#include <fstream>
#include <functional>
#include <string>
#include <vector>

struct ready_int {
  int value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return value; }
};
ready_int ready(int v) { return {v}; }
struct stop_query {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  bool await_resume() noexcept { return false; }
};
stop_query stop_requested();
// Looks at the handle and resumes at once: await_suspend returns only a
// constant false (a current-executor query). The Yield flavour suspends.
struct executor_ref {
  int id;
};
template <bool Yield> struct current_awaiter {
  executor_ref *ex = nullptr;
  constexpr bool await_ready() const noexcept { return false; }
  auto await_suspend(std::coroutine_handle<> h) noexcept {
    if constexpr (Yield)
      h.resume();
    else
      return false;
  }
  executor_ref &await_resume() const noexcept { return *ex; }
};
current_awaiter<false> current_executor();
current_awaiter<true> yield_to_executor();

cppcoro::task<int> vfetch(int id);
reftask::task<std::string> rfetch(int id);

// Pure computation: loops, never suspends.
cppcoro::task<int> vsum(const std::vector<int> &v) {
  int s = 0;
  for (int x : v)
    s += x;
  co_return s;
}
reftask::task<std::string> rjoin(const std::vector<std::string> &v) {
  std::string s;
  for (const auto &x : v)
    s += x;
  co_return s;
}
// Never suspends, but blocks: reads a file (async_simple's ReadFiles demo).
// Gathered on a thread pool, the reads would overlap: still reported.
cppcoro::task<int> vcount_file(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line))
    ++n;
  co_return n;
}
int count_lines_of(const std::string &path) {
  std::ifstream in(path);
  return static_cast<int>(in.tellg());
}
reftask::task<int> rcount_file(const std::string &path) {
  co_return count_lines_of(path); // blocks through a helper
}
// Never suspends through its callees: awaits only vsum and a ready value.
cppcoro::task<int> vsum_both(const std::vector<int> &a,
                             const std::vector<int> &b) {
  int x = co_await vsum(a);
  int y = co_await ready(x);
  co_return y + co_await vsum(b);
}
// Suspends through its callee: awaits a fetch.
cppcoro::task<int> vsum_remote(const std::vector<int> &a) {
  int x = co_await vsum(a);
  co_return x + co_await vfetch(x);
}
reftask::task<std::string> rjoin_remote(const std::vector<std::string> &a) {
  std::string x = co_await rjoin(a);
  co_return x + co_await rfetch(1);
}

// Recursive, awaiting only itself: never suspends either.
cppcoro::task<int> fib(int n) {
  if (n < 2)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2); // silent
}
reftask::task<long> rfib(int n) {
  if (n < 2)
    co_return n;
  auto a = co_await rfib(n - 1); // silent
  auto b = co_await rfib(n - 2);
  co_return a + b;
}
// Recursive through a std::function it initialised (netcan/asyncio's
// test): the lambda behind it never suspends. One that fetches does.
cppcoro::task<int> fib_through_function(int n) {
  std::function<cppcoro::task<int>(int)> f =
      [&](int k) -> cppcoro::task<int> {
    if (k < 2)
      co_return k;
    co_return co_await f(k - 1) + co_await f(k - 2); // silent
  };
  co_return co_await f(n);
}
reftask::task<int> fetch_through_function() {
  std::function<cppcoro::task<int>(int)> g = [](int k) -> cppcoro::task<int> {
    co_return co_await vfetch(k);
  };
  co_return co_await g(1) + co_await g(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
}
// Recursive, and waits at the bottom: suspends.
cppcoro::task<int> remote_sum(int n) {
  if (n == 0)
    co_return co_await vfetch(0);
  co_return co_await remote_sum(n - 1) + co_await remote_sum(n - 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
}

cppcoro::task<int> file_counts(const std::string &a, const std::string &b) {
  auto x = co_await vcount_file(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto y = co_await vcount_file(b);
  co_return x + y;
}
reftask::task<int> file_counts_in_loop(const std::vector<std::string> &files) {
  int total = 0;
  for (const auto &f : files)
    total += co_await rcount_file(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return total;
}
cppcoro::task<int> ready_values() {
  auto a = co_await ready(1); // silent: ready-made results
  auto b = co_await ready(2);
  co_return a + b;
}
reftask::task<int> ready_values_ref() {
  auto a = co_await ready(1); // silent
  bool stop = co_await stop_requested();
  auto b = co_await ready(2);
  co_return stop ? 0 : a + b;
}
cppcoro::task<int> ready_between_fetches() {
  auto a = co_await vfetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  bool stop = co_await stop_requested(); // neither counts nor separates
  auto b = co_await vfetch(2);
  co_return stop ? 0 : a + b;
}
reftask::task<int> executor_query_after_fetch() {
  auto v = co_await rfetch(1); // silent: the query resumes at once
  auto &ex = co_await current_executor();
  co_return ex.id + static_cast<int>(v.size());
}
cppcoro::task<int> yield_after_fetch() {
  auto v = co_await vfetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto &ex = co_await yield_to_executor();
  co_return ex.id + v;
}
cppcoro::task<int> ready_in_loop(const std::vector<int> &ids) {
  int total = 0;
  for (int id : ids)
    total += co_await ready(id); // silent
  co_return total;
}

cppcoro::task<int> computed(const std::vector<int> &a,
                            const std::vector<int> &b) {
  auto x = co_await vsum(a); // silent: pure computation
  auto y = co_await vsum(b);
  co_return x + y;
}
reftask::task<std::string> computed_ref(const std::vector<std::string> &a,
                                        const std::vector<std::string> &b) {
  auto x = co_await rjoin(a); // silent
  auto y = co_await rjoin(b);
  co_return x + y;
}
cppcoro::task<int> computed_through_callees(const std::vector<int> &a,
                                            const std::vector<int> &b) {
  auto x = co_await vsum_both(a, b); // silent: vsum_both never suspends
  auto y = co_await vsum_both(b, a);
  co_return x + y;
}
cppcoro::task<int>
computed_in_loop(const std::vector<std::vector<int>> &rows) {
  int total = 0;
  for (const auto &row : rows)
    total += co_await vsum_both(row, row); // silent
  co_return total;
}
cppcoro::task<int> remote_through_callees(const std::vector<int> &a,
                                          const std::vector<int> &b) {
  auto x = co_await vsum_remote(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto y = co_await vsum_remote(b);
  co_return x + y;
}
reftask::task<std::string>
remote_in_loop(const std::vector<std::vector<std::string>> &rows) {
  std::string all;
  for (const auto &row : rows)
    all += co_await rjoin_remote(row);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return all;
}

// Scope guards.
struct lock_guard_t {
  lock_guard_t(const lock_guard_t &) = delete;
  lock_guard_t(lock_guard_t &&) noexcept;
  ~lock_guard_t();
  void unlock();
};
struct async_mutex {
  cppcoro::task<lock_guard_t> enter();
  reftask::task<lock_guard_t> enter_ref();
};
struct shared_state {
  cppcoro::task<int> value(int key) const;
};

cppcoro::task<int> under_lock(async_mutex &m, const shared_state &s) {
  auto lock = co_await m.enter(); // silent: what follows runs under it
  auto v = co_await s.value(1);
  co_return v;
}
reftask::task<int> under_lock_ref(async_mutex &m, const shared_state &s) {
  auto lock = co_await m.enter_ref(); // silent
  auto v = co_await s.value(1);
  co_return v;
}
cppcoro::task<int> two_reads_under_lock(async_mutex &m, const shared_state &s) {
  auto lock = co_await m.enter();
  auto a = co_await s.value(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await vfetch(2);
  co_return a + b;
}
cppcoro::task<int> lock_per_iteration(async_mutex &m, const shared_state &s,
                                      const std::vector<int> &keys) {
  int total = 0;
  for (int key : keys) {
    auto lock = co_await m.enter_ref(); // silent: iterations ordered
    total += co_await s.value(key);
  }
  co_return total;
}
// Named later: not kept only for its destructor.
cppcoro::task<int> lock_released(async_mutex &m, const shared_state &s) {
  auto lock = co_await m.enter();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto v = co_await vfetch(1);
  lock.unlock();
  co_return v;
}
// A copyable result nothing names is not a guard.
cppcoro::task<int> unused_copyable() {
  auto a = co_await rfetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await vfetch(2);
  co_return b;
}
