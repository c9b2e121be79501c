// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// RUN: %check_async_tidy --check-suffix=FOLLOW %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ConditionalChains: true}}" -- -I %inputs
//
// A chain goes through the calls a function always makes. A blocking call
// a helper makes only when a condition holds (a full queue, a verbose flag,
// a failed check), and a wait given a predicate (which waits only while the
// predicate is false), depend on data the analysis cannot see: by default
// the chain stops there and the check stays silent. ConditionalChains
// follows them (FOLLOW). Calls the coroutine makes itself are reported
// either way, and so is a loop over data (iteration, not a condition).
// On a value-returning (cppcoro_like.h) and a reference-returning
// (ref_task.h) task; Boost.Asio in -asio.cpp.

#include "cppcoro_like.h"
#include "ref_task.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

class bounded_queue {
  std::mutex m;
  std::condition_variable not_full;
  std::deque<int> items;
  std::size_t capacity = 16;

public:
  // Waits only when the queue is full.
  void push(int v) {
    std::unique_lock lock(m);
    not_full.wait(lock, [&] { return items.size() < capacity; });
    items.push_back(v);
  }
  void push_looping(int v) {
    std::unique_lock lock(m);
    while (items.size() >= capacity)
      not_full.wait(lock);
    items.push_back(v);
  }
  // Always waits.
  void wait_drained() {
    std::unique_lock lock(m);
    not_full.wait(lock);
  }
  std::mutex &mutex() { return m; }
  std::condition_variable &cv() { return not_full; }
};

bool verbose = false;
void trace(const char *what) {
  if (verbose) {
    std::ofstream log("/tmp/trace.log", std::ios::app);
    log << what << '\n';
  }
}
void check(bool ok) {
  if (!ok) {
    std::ifstream status("/proc/self/status");
    std::puts("check failed");
  }
}
void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}
void write_all(const std::vector<int> &v) {
  for (int x : v) {
    std::ofstream out("/tmp/out.bin", std::ios::app);
    out << x;
  }
}

cppcoro::task<> produce(bounded_queue &q) {
  q.push(1);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'push' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  q.push_looping(2);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'push_looping' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  trace("produced");
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'trace' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  check(true);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'check' blocks the event loop inside coroutine 'produce' [async-blocking-call]
  co_return;
}

reftask::task<int> produce_ref(bounded_queue &q) {
  q.push(1);
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'push' blocks the event loop inside coroutine 'produce_ref' [async-blocking-call]
  trace("produced");
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-1]]:3: warning: call to 'trace' blocks the event loop inside coroutine 'produce_ref' [async-blocking-call]
  co_return 1;
}

// Negative neighbours of the above: reported with either setting.
cppcoro::task<> always_blocks(bounded_queue &q, const std::vector<int> &v) {
  q.wait_drained();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wait_drained' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'wait_drained' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  pause_briefly();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  write_all(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'write_all' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: call to 'write_all' blocks the event loop inside coroutine 'always_blocks' [async-blocking-call]
  co_return;
}
reftask::task<int> waits_itself(bounded_queue &q) {
  std::unique_lock lock(q.mutex());
  q.cv().wait(lock, [] { return true; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks the event loop inside coroutine 'waits_itself' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:3: warning: 'std::condition_variable::wait' blocks the event loop inside coroutine 'waits_itself' [async-blocking-call]
  if (verbose)
    pause_briefly();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'waits_itself' [async-blocking-call]
  // CHECK-MESSAGES-FOLLOW: :[[@LINE-2]]:5: warning: call to 'pause_briefly' blocks the event loop inside coroutine 'waits_itself' [async-blocking-call]
  co_return 0;
}
