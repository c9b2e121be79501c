#include "frame_counter.hpp"

#include <aio/event.hpp>
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <vector>

using namespace std::chrono_literals;
using EventTest = aio_test::FrameCheckedTest;

TEST_F(EventTest, SetWakesEveryWaiterInOrder) {
  std::vector<int> order;
  aio::event ev;
  auto waiter = [&](int id) -> aio::task<> {
    co_await ev.wait();
    order.push_back(id);
  };
  auto setter = [&]() -> aio::task<> {
    co_await aio::sleep_for(2ms);
    order.push_back(0);
    ev.set();
  };
  aio::run(aio::gather(waiter(1), waiter(2), setter()));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
}

TEST_F(EventTest, WaitingOnASetEventDoesNotSuspend) {
  aio::event ev;
  ev.set();
  EXPECT_TRUE(ev.is_set());
  aio::run([](aio::event &ev) -> aio::task<> { co_await ev.wait(); }(ev));
  ev.clear();
  EXPECT_FALSE(ev.is_set());
}
