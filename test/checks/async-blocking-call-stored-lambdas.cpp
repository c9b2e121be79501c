// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// A lambda handed to a standard container is stored, not called: a
// std::vector<std::thread>'s emplace_back starts a thread with it, a queue
// of callbacks runs it later. Its blocking calls are not the coroutine's,
// nor those of a helper that fills such a container (libcoro's thread
// pool). A lambda handed to an algorithm still runs right there.

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
