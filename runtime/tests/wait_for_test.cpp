#include "frame_counter.hpp"

#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/wait_for.hpp>

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using WaitForTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> after(std::chrono::milliseconds d, int v) {
  aio_test::counted c;
  co_await aio::sleep_for(d);
  co_return v;
}

aio::task<int> ready(int v) {
  aio_test::counted c;
  co_return v;
}

struct never {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

aio::task<> sleep_until_and_record(steady::time_point deadline,
                                   std::vector<steady::time_point> &woken) {
  co_await aio::sleep_until(deadline);
  woken.push_back(deadline);
}

aio::task<> many_quick_waits(int n) {
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(co_await aio::wait_for(ready(i), 1h), i);
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

TEST_F(WaitForTest, StressFinishedTasksLeaveNoTimerBehind) {
  // Each wait_for's deadline used to stay queued until it passed: a million
  // quick wait_for(t, 1h) held about 86 MB. Now the heap holds at most
  // about twice the timers still pending.
  auto queued = aio::run([]() -> aio::task<std::size_t> {
    co_await many_quick_waits(100'000);
    co_return aio::detail::event_loop::current()->timers_queued();
  }());
  EXPECT_LE(queued, 128u);
}

TEST_F(WaitForTest, DeadlockIsReportedWithoutWaitingOutACancelledDeadline) {
  // The task finished first, so nothing can resume main at `never`: run
  // must say so at once, not when the finished task's 5 s deadline passes.
  auto start = steady::now();
  EXPECT_THROW(aio::run([]() -> aio::task<> {
                 EXPECT_EQ(co_await aio::wait_for(ready(1), 5s), 1);
                 co_await never{};
               }()),
               std::logic_error);
  EXPECT_LT(steady::now() - start, 2s);
}

TEST_F(WaitForTest, StressSleepersWakeInDeadlineOrderAmongCancelledTimers) {
  // 500 sleepers queued in a shuffled order while 20,000 cancelled
  // deadlines come and go around them (the heap is purged many times):
  // they still wake in deadline order.
  std::vector<steady::time_point> woken;
  auto base = steady::now() + 5ms;
  std::vector<aio::task<>> tasks;
  for (int i = 0; i < 500; ++i)
    tasks.push_back(
        sleep_until_and_record(base + (i * 37 % 500) * 20us, woken));
  tasks.push_back(many_quick_waits(20'000));
  aio::run(aio::gather(std::move(tasks)));
  ASSERT_EQ(woken.size(), 500u);
  EXPECT_TRUE(std::ranges::is_sorted(woken));
}
