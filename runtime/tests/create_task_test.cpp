#include "frame_counter.hpp"

#include <aio/create_task.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;
using CreateTaskTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> work(std::vector<int> &log, int id,
                    std::chrono::milliseconds d) {
  aio_test::counted c;
  log.push_back(id);
  co_await aio::sleep_for(d);
  log.push_back(id + 100);
  co_return id;
}
} // namespace

TEST_F(CreateTaskTest, CreatedTaskRunsWithoutBeingAwaited) {
  std::vector<int> log;
  aio::run([](std::vector<int> &log) -> aio::task<> {
    auto h = aio::create_task(work(log, 1, 1ms));
    co_await aio::sleep_for(5ms); // the task finishes meanwhile
    EXPECT_TRUE(h.done());
    EXPECT_EQ(co_await h, 1);
  }(log));
  EXPECT_EQ(log, (std::vector<int>{1, 101}));
}

TEST_F(CreateTaskTest, AwaitingAPendingHandleWaitsForIt) {
  std::vector<int> log;
  int v = aio::run([](std::vector<int> &log) -> aio::task<int> {
    auto h = aio::create_task(work(log, 2, 5ms));
    co_return co_await h;
  }(log));
  EXPECT_EQ(v, 2);
}

TEST_F(CreateTaskTest, DroppedHandleDetachesAndTheTaskStillRuns) {
  std::vector<int> log;
  aio::run([](std::vector<int> &log) -> aio::task<> {
    {
      auto dropped = aio::create_task(work(log, 3, 2ms));
    }
    co_await aio::sleep_for(10ms);
  }(log));
  EXPECT_EQ(log, (std::vector<int>{3, 103}));
}

TEST_F(CreateTaskTest, TasksPendingWhenRunEndsAreDestroyedWithTheLoop) {
  std::vector<int> log;
  aio::run([](std::vector<int> &log) -> aio::task<> {
    auto h = aio::create_task(work(log, 4, 1s));
    co_await aio::sleep_for(1ms);
  }(log));
  // Started, never finished; its frame is freed (FrameCheckedTest checks).
  EXPECT_EQ(log, (std::vector<int>{4}));
}

TEST_F(CreateTaskTest, ExceptionReachesTheAwaiterOfTheHandle) {
  EXPECT_THROW(aio::run([]() -> aio::task<> {
                 auto h = aio::create_task([]() -> aio::task<int> {
                   throw std::runtime_error("bad");
                   co_return 0;
                 }());
                 co_await h;
               }()),
               std::runtime_error);
}
