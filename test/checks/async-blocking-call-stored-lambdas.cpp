// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// A lambda handed to a standard container is stored, not called: a
// std::vector<std::thread>'s emplace_back starts a thread with it, a queue
// of callbacks runs it later. Its blocking calls are not the coroutine's,
// nor those of a helper that fills such a container (libcoro's thread
// pool). Nor are those of a lambda handed to a helper, defined here, that
// starts a thread with its parameter. A lambda handed to an algorithm, or
// to a helper that calls it in place, still runs right there.

#include "cppcoro_like.h"
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

using cppcoro::task;

struct pool {
  std::vector<std::thread> threads;
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  void start(int n) {
    for (int i = 0; i < n; ++i)
      threads.emplace_back([this] {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [this] { return stop; });
      });
  }
};

std::deque<std::function<void()>> later;

task<> serve(pool &p, std::vector<int> &ids) {
  p.start(2);
  std::vector<std::thread> mine;
  mine.emplace_back([] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
  later.push_back([] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
  std::for_each(ids.begin(), ids.end(), [](int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  });
  for (auto &t : mine)
    t.detach();
  co_return;
}

// Hands its callback to a new thread: the callback runs there.
struct adder {
  template <typename F> void sum(int a, int b, F &&callback) const {
    std::thread([cb = std::move(callback), a, b]() mutable { cb(a + b); })
        .detach();
  }
  template <typename F> void now(int a, int b, F &&callback) const {
    callback(a + b);
  }
};

task<> callbacks(const adder &add) {
  add.sum(1, 2, [](int) {
    std::this_thread::sleep_for(std::chrono::seconds(1)); // silent
  });
  add.now(1, 2, [](int) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'callbacks' [async-blocking-call]
  });
  co_return;
}
