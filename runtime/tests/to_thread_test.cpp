#include "frame_counter.hpp"

#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using ToThreadTest = aio_test::FrameCheckedTest;

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
