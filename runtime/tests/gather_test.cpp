#include "frame_counter.hpp"

#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using GatherTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> after(std::chrono::milliseconds d, int v) {
  aio_test::counted c;
  co_await aio::sleep_for(d);
  co_return v;
}
aio::task<> fail_after(std::chrono::milliseconds d, const char *msg,
                       int &finished) {
  aio_test::counted c;
  co_await aio::sleep_for(d);
  ++finished;
  throw std::runtime_error(msg);
}
aio::task<> finish_after(std::chrono::milliseconds d, int &finished) {
  co_await aio::sleep_for(d);
  ++finished;
}
} // namespace

TEST_F(GatherTest, GatherRunsChildrenConcurrently) {
  auto start = steady::now();
  auto [a, b, c] =
      aio::run(aio::gather(after(50ms, 1), after(50ms, 2), after(50ms, 3)));
  auto took = steady::now() - start;
  EXPECT_EQ(a + b + c, 6);
  // Run one after another they cannot take less than 150ms (each sleep
  // waits at least its delay); the margin absorbs a loaded CI machine.
  EXPECT_LT(took, 140ms) << "three 50ms children ran sequentially";
}

TEST_F(GatherTest, GatherReturnsResultsInArgumentOrder) {
  auto [slow, fast] = aio::run(aio::gather(after(10ms, 1), after(1ms, 2)));
  EXPECT_EQ(slow, 1);
  EXPECT_EQ(fast, 2);
}

TEST_F(GatherTest, GatherOfVoidTasksGivesMonostate) {
  int finished = 0;
  auto r = aio::run(aio::gather(finish_after(1ms, finished), after(1ms, 5)));
  EXPECT_EQ(std::get<1>(r), 5);
  EXPECT_EQ(finished, 1);
}

TEST_F(GatherTest, GatherOfARangeReturnsAVectorInOrder) {
  std::vector<aio::task<int>> tasks;
  for (int i = 0; i < 50; ++i)
    tasks.push_back(after(std::chrono::milliseconds(50 - i) / 10, i));
  auto values = aio::run(aio::gather(std::move(tasks)));
  ASSERT_EQ(values.size(), 50u);
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(values[i], i);
}

TEST_F(GatherTest, GatherOfAnEmptyRangeCompletesAtOnce) {
  auto values = aio::run(aio::gather(std::vector<aio::task<int>>{}));
  EXPECT_TRUE(values.empty());
}

TEST_F(GatherTest, ChildrenThatFinishSynchronouslyDoNotSuspendTheParent) {
  auto ready = [](int v) -> aio::task<int> { co_return v; };
  auto [a, b] = aio::run(aio::gather(ready(1), ready(2)));
  EXPECT_EQ(a + b, 3);
}

TEST_F(GatherTest, FirstExceptionPropagatesAfterAllChildrenFinish) {
  int finished = 0;
  try {
    aio::run(aio::gather(fail_after(5ms, "first", finished),
                         fail_after(10ms, "second", finished),
                         finish_after(20ms, finished)));
    FAIL() << "expected an exception";
  } catch (const std::runtime_error &e) {
    EXPECT_EQ(std::string(e.what()), "first");
  }
  EXPECT_EQ(finished, 3) << "gather returned before every child finished";
}
