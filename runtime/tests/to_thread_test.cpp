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
  int ticks = aio::run([]() -> aio::task<int> {
    auto ticker = []() -> aio::task<int> {
      int n = 0;
      for (; n < 5; ++n)
        co_await aio::sleep_for(2ms);
      co_return n;
    };
    auto blocking = []() -> aio::task<> {
      co_await aio::to_thread([] { std::this_thread::sleep_for(30ms); });
    };
    auto [n, unit] = co_await aio::gather(ticker(), blocking());
    co_return n;
  }());
  EXPECT_EQ(ticks, 5);
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
