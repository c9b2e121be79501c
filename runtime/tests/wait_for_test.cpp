#include "frame_counter.hpp"

#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/wait_for.hpp>

#include <chrono>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using WaitForTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> after(std::chrono::milliseconds d, int v) {
  aio_test::counted c;
  co_await aio::sleep_for(d);
  co_return v;
}
} // namespace

TEST_F(WaitForTest, TaskFinishingBeforeTheDeadlineReturnsItsValue) {
  EXPECT_EQ(aio::run(aio::wait_for(after(2ms, 9), 100ms)), 9);
}

TEST_F(WaitForTest, DeadlinePassingFirstThrowsTimeoutError) {
  auto start = steady::now();
  EXPECT_THROW(aio::run(aio::wait_for(after(500ms, 1), 10ms)),
               aio::timeout_error);
  EXPECT_LT(steady::now() - start, 400ms) << "did not return at the deadline";
}

TEST_F(WaitForTest, TimedOutTaskIsDetachedAndTheCallerCanContinue) {
  int v = aio::run([]() -> aio::task<int> {
    try {
      co_await aio::wait_for(after(20ms, 1), 2ms);
    } catch (const aio::timeout_error &) {
    }
    co_await aio::sleep_for(30ms); // the detached task finishes meanwhile
    co_return 5;
  }());
  EXPECT_EQ(v, 5);
}

TEST_F(WaitForTest, ReadyTaskWithZeroTimeoutStillReturns) {
  EXPECT_EQ(
      aio::run(aio::wait_for([]() -> aio::task<int> { co_return 3; }(), 0ms)),
      3);
}
