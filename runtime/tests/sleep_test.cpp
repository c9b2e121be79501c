#include "frame_counter.hpp"

#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <vector>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;
using SleepTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> sleeper(std::chrono::milliseconds d, int id,
                       std::vector<int> &order) {
  aio_test::counted c;
  co_await aio::sleep_for(d);
  order.push_back(id);
  co_return id;
}
} // namespace

TEST_F(SleepTest, SleepForWaitsAtLeastTheDelay) {
  auto start = steady::now();
  aio::run([]() -> aio::task<> { co_await aio::sleep_for(15ms); }());
  EXPECT_GE(steady::now() - start, 15ms);
}

TEST_F(SleepTest, SleepersWakeInDeadlineOrder) {
  std::vector<int> order;
  aio::run(aio::gather(sleeper(12ms, 3, order), sleeper(4ms, 1, order),
                       sleeper(8ms, 2, order)));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(SleepTest, EqualDeadlinesWakeInTheOrderTheySlept) {
  std::vector<int> order;
  auto deadline = steady::now() + 5ms;
  auto at = [&](int id) -> aio::task<> {
    co_await aio::sleep_until(deadline);
    order.push_back(id);
  };
  aio::run(aio::gather(at(1), at(2), at(3)));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST_F(SleepTest, ZeroDelayYieldsToOtherTasks) {
  std::vector<int> order;
  auto yielder = [&](int id) -> aio::task<> {
    order.push_back(id);
    co_await aio::sleep_for(0ms);
    order.push_back(id + 10);
  };
  aio::run(aio::gather(yielder(1), yielder(2)));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 11, 12}));
}

TEST_F(SleepTest, TenThousandConcurrentSleepersAllWake) {
  std::vector<int> order;
  std::vector<aio::task<int>> tasks;
  for (int i = 0; i < 10'000; ++i)
    tasks.push_back(sleeper(std::chrono::milliseconds(i % 7), i, order));
  auto start = steady::now();
  auto ids = aio::run(aio::gather(std::move(tasks)));
  EXPECT_EQ(ids.size(), 10'000u);
  EXPECT_EQ(order.size(), 10'000u);
  EXPECT_LT(steady::now() - start, 2s);
}
