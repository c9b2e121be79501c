#include "frame_counter.hpp"

#include <aio/async_mutex.hpp>
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <vector>

using namespace std::chrono_literals;
using AsyncMutexTest = aio_test::FrameCheckedTest;

TEST_F(AsyncMutexTest, CriticalSectionsAcrossSuspensionsDoNotOverlap) {
  aio::async_mutex m;
  int inside = 0;
  int max_inside = 0;
  std::vector<int> order;
  auto worker = [&](int id) -> aio::task<> {
    auto guard = co_await m.scoped_lock();
    max_inside = std::max(max_inside, ++inside);
    co_await aio::sleep_for(1ms); // suspends while holding the lock
    order.push_back(id);
    --inside;
  };
  aio::run(aio::gather(worker(1), worker(2), worker(3)));
  EXPECT_EQ(max_inside, 1);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3})) << "waiters are served FIFO";
}

TEST_F(AsyncMutexTest, TryLockFailsWhileHeld) {
  aio::async_mutex m;
  EXPECT_TRUE(m.try_lock());
  EXPECT_FALSE(m.try_lock());
  aio::run([](aio::async_mutex &m) -> aio::task<> {
    m.unlock();
    co_await m.lock();
    m.unlock();
  }(m));
  EXPECT_TRUE(m.try_lock());
}
