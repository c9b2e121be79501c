// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-blocking-call %t
// RUN: %check_async_tidy --check-suffix=FOLLOW %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ConditionalChains: true}}"
//
// Boost.Asio: the shapes of async-blocking-call-conditional-chains.cpp in
// an awaitable coroutine. A bounded queue's push waits only when the queue
// is full; a helper sleeps only when asked to: silent by default, reported
// with ConditionalChains. A helper that always sleeps is reported either
// way.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace asio = boost::asio;

class bounded_queue {
  std::mutex m;
  std::condition_variable not_full;
  std::deque<int> items;

public:
  void push(int v) {
    std::unique_lock lock(m);
    not_full.wait(lock, [&] { return items.size() < 16; });
    items.push_back(v);
  }
};

void maybe_pause(bool slow) {
  if (slow)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

asio::awaitable<void> produce(bounded_queue &q, bool slow) {
  q.push(1);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'push' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  maybe_pause(slow);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'maybe_pause' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  pause_briefly();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  co_return;
}
