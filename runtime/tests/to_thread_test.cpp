#include "frame_counter.hpp"
#include "watchdog.hpp"

#include <aio/detail/thread_pool.hpp>
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;
using ToThreadTest = aio_test::FrameCheckedTest;

// Allocation failure on demand: when fail_allocation_in is n > 0, the n-th
// operator new from now on this thread throws std::bad_alloc. The only way
// to make the pool's submit (a std::function, a deque node) or its
// construction (std::thread state) throw at a chosen point. ThreadSanitizer
// links its own operator new (the two would clash), so under it the tests
// that need this are skipped; they run in the plain and ASan builds.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AIO_TEST_NO_ALLOCATION_FAILURE 1
#endif
#endif

namespace {
thread_local int fail_allocation_in = 0;
} // namespace

namespace {
aio::task<int> returned_by_pool_thread(int v) {
  co_return co_await aio::to_thread([v] { return v; });
}
} // namespace

#ifndef AIO_TEST_NO_ALLOCATION_FAILURE
void *operator new(std::size_t size) {
  if (fail_allocation_in > 0 && --fail_allocation_in == 0)
    throw std::bad_alloc();
  if (void *p = std::malloc(size == 0 ? 1 : size))
    return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
#endif

TEST_F(ToThreadTest, CallableRunsOnAnotherThreadAndResumesOnTheLoopThread) {
  auto loop_thread = std::this_thread::get_id();
  aio::run([](std::thread::id loop_thread) -> aio::task<> {
    auto worker =
        co_await aio::to_thread([] { return std::this_thread::get_id(); });
    EXPECT_NE(worker, loop_thread);
    EXPECT_EQ(std::this_thread::get_id(), loop_thread);
  }(loop_thread));
}

TEST_F(ToThreadTest, ResultAndExceptionComeBack) {
  EXPECT_EQ(aio::run([]() -> aio::task<int> {
              co_return co_await aio::to_thread([] { return 6 * 7; });
            }()),
            42);
  EXPECT_THROW(aio::run([]() -> aio::task<> {
                 co_await aio::to_thread([] { throw std::runtime_error("x"); });
               }()),
               std::runtime_error);
}

TEST_F(ToThreadTest, LoopKeepsRunningWhileABlockingCallIsOffloaded) {
  // The ticker needs about 10ms of loop time; the blocking call takes 100ms
  // on the pool. Had to_thread blocked the loop, the ticker could only
  // finish after the blocking call.
  using steady = std::chrono::steady_clock;
  steady::time_point ticker_done, blocking_done;
  aio::run([](steady::time_point &ticker_done,
              steady::time_point &blocking_done) -> aio::task<> {
    auto ticker = [&]() -> aio::task<> {
      for (int n = 0; n < 5; ++n)
        co_await aio::sleep_for(2ms);
      ticker_done = steady::now();
    };
    auto blocking = [&]() -> aio::task<> {
      co_await aio::to_thread([] { std::this_thread::sleep_for(100ms); });
      blocking_done = steady::now();
    };
    co_await aio::gather(ticker(), blocking());
  }(ticker_done, blocking_done));
  EXPECT_LT(ticker_done, blocking_done);
}

TEST_F(ToThreadTest, ManyConcurrentJobsAllComplete) {
  auto sum = aio::run([]() -> aio::task<long> {
    std::vector<aio::task<int>> jobs;
    for (int i = 0; i < 200; ++i)
      jobs.push_back([](int i) -> aio::task<int> {
        co_return co_await aio::to_thread([i] { return i; });
      }(i));
    long s = 0;
    for (int v : co_await aio::gather(std::move(jobs)))
      s += v;
    co_return s;
  }());
  EXPECT_EQ(sum, 199 * 200 / 2);
}

TEST_F(ToThreadTest, StressLoopsEndingAsTheirLastJobsPostBack) {
  // Three tiny jobs per loop, so completions arrive back to back and the
  // loop, woken by one post, often takes the next one while its worker is
  // still inside its post, and then ends at once. The worker used to write
  // the loop's eventfd after leaving the inbox lock: into a closed (or
  // reused) descriptor, reading a destroyed loop. Four threads run loops
  // side by side, which makes that interleaving far more frequent than one
  // thread does; ThreadSanitizer reported it in most runs of this test.
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&wrong] {
      for (int round = 0; round < 2500; ++round) {
        std::vector<aio::task<int>> jobs;
        for (int i = 0; i < 3; ++i)
          jobs.push_back(returned_by_pool_thread(1));
        int sum = 0;
        for (int v : aio::run(aio::gather(std::move(jobs))))
          sum += v;
        if (sum != 3)
          wrong.fetch_add(1);
      }
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ToThreadTest, ThrowingSubmitReachesTheAwaiterAndTheLoopStillEnds) {
#ifdef AIO_TEST_NO_ALLOCATION_FAILURE
  GTEST_SKIP() << "needs operator new replaced (not under ThreadSanitizer)";
#endif
  // Warm the pool up first: its construction allocates too.
  aio::run([]() -> aio::task<> { co_await aio::to_thread([] {}); }());
  bool threw = false;
  // The loop used to count the job as running although it was never
  // submitted, and waited for it forever when it ended.
  EXPECT_TRUE(aio_test::finishes_within(5s, [&threw] {
    aio::run([](bool &threw) -> aio::task<> {
      fail_allocation_in = 1; // the job's std::function in submit
      try {
        co_await aio::to_thread([] { return 1; });
      } catch (const std::bad_alloc &) {
        threw = true;
      }
      fail_allocation_in = 0;
    }(threw));
  })) << "aio::run did not return after a failed submit";
  EXPECT_TRUE(threw);
  // The pool and the next loop are fine.
  EXPECT_EQ(aio::run([]() -> aio::task<int> {
              co_return co_await aio::to_thread([] { return 7; });
            }()),
            7);
}

TEST_F(ToThreadTest, PoolThatFailsToStartAWorkerStopsTheOnesItStarted) {
#ifdef AIO_TEST_NO_ALLOCATION_FAILURE
  GTEST_SKIP() << "needs operator new replaced (not under ThreadSanitizer)";
#endif
  // Each round fails a different allocation of the constructor (the worker
  // list, a std::thread's state) with some workers already running; those
  // used to be destroyed while joinable, which terminates the process.
  int failed = 0;
  for (int n = 1; n <= 16; ++n) {
    fail_allocation_in = n;
    try {
      aio::detail::thread_pool pool(4);
    } catch (const std::bad_alloc &) {
      ++failed;
    }
    fail_allocation_in = 0;
  }
  EXPECT_GE(failed, 3);
}
