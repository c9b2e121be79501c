// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-sequential-awaits,async-await-in-loop %t
//
// Boost.Asio: an awaitable that never suspends (pure computation, or awaits
// of such awaitables only) runs to completion inside the await on the
// awaiting thread; a move-only result kept only for its destructor orders
// what follows it. async-sequential-awaits-never-waits.cpp has the same
// shapes on value- and reference-returning task types.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <vector>

namespace asio = boost::asio;

asio::awaitable<int> fetch(int id);

asio::awaitable<int> sum(const std::vector<int> &v) {
  int s = 0;
  for (int x : v)
    s += x;
  co_return s;
}
asio::awaitable<int> sum_both(const std::vector<int> &a,
                              const std::vector<int> &b) {
  co_return co_await sum(a) + co_await sum(b);
}
asio::awaitable<int> sum_remote(const std::vector<int> &a) {
  int x = co_await sum(a);
  co_return x + co_await fetch(x);
}

asio::awaitable<int> computed(const std::vector<int> &a,
                              const std::vector<int> &b) {
  auto x = co_await sum_both(a, b); // silent: never suspends
  auto y = co_await sum(b);
  co_return x + y;
}
asio::awaitable<int> computed_in_loop(const std::vector<std::vector<int>> &rows) {
  int total = 0;
  for (const auto &row : rows)
    total += co_await sum_both(row, row); // silent
  co_return total;
}
asio::awaitable<int> remote(const std::vector<int> &a,
                            const std::vector<int> &b) {
  auto x = co_await sum_remote(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto y = co_await sum_remote(b);
  co_return x + y;
}
asio::awaitable<int> remote_in_loop(const std::vector<std::vector<int>> &rows) {
  int total = 0;
  for (const auto &row : rows)
    total += co_await sum_remote(row);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return total;
}

struct lease {
  lease(const lease &) = delete;
  lease(lease &&) noexcept;
  ~lease();
};
struct limiter {
  asio::awaitable<lease> enter();
};
asio::awaitable<int> under_lease(limiter &l) {
  auto held = co_await l.enter(); // silent: what follows runs under it
  auto v = co_await fetch(1);
  co_return v;
}
asio::awaitable<int> lease_per_iteration(limiter &l, std::vector<int> ids) {
  int total = 0;
  for (int id : ids) {
    auto held = co_await l.enter(); // silent: iterations ordered
    total += co_await fetch(id);
  }
  co_return total;
}
asio::awaitable<int> two_under_lease(limiter &l) {
  auto held = co_await l.enter();
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await fetch(2);
  co_return a + b;
}
