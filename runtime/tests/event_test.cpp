#include "frame_counter.hpp"

#include <aio/create_task.hpp>
#include <aio/event.hpp>
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
using EventTest = aio_test::FrameCheckedTest;

namespace {
aio::task<> wait_on(aio::event &ev, std::thread::id &resumed_on) {
  co_await ev.wait();
  resumed_on = std::this_thread::get_id();
}

aio::task<> wait_after_yield(aio::event &ev, std::thread::id &resumed_on) {
  co_await aio::sleep_for(0ms);
  co_await ev.wait();
  resumed_on = std::this_thread::get_id();
}

aio::task<> set_on_pool_thread(aio::event &ev) {
  co_await aio::to_thread([&ev] { ev.set(); });
}

aio::task<> wait_forever(aio::event &ev) {
  aio_test::counted c;
  co_await ev.wait();
}

aio::task<> own_an_event(aio::event *&published, aio::event &never_set) {
  aio::event owned;
  published = &owned;
  co_await never_set.wait();
}

aio::task<> wait_on_an_event_owned_elsewhere(aio::event &never_set) {
  aio::event *owned = nullptr;
  [[maybe_unused]] auto owner =
      aio::create_task(own_an_event(owned, never_set));
  co_await aio::sleep_for(0ms); // the owner runs and publishes its event
  co_await owned->wait();
}
} // namespace

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

TEST_F(EventTest, SetFromAnotherThreadResumesTheWaiterOnItsLoopThread) {
  aio::event ev;
  std::thread::id resumed_on;
  aio::run(aio::gather(wait_on(ev, resumed_on), set_on_pool_thread(ev)));
  EXPECT_EQ(resumed_on, std::this_thread::get_id());
  EXPECT_TRUE(ev.is_set());
}

TEST_F(EventTest, StressSetOnAPoolThreadRacingTheWait) {
  // set() on a worker used to touch the waiter list and the flag unlocked
  // while the loop thread read them (ThreadSanitizer), and to throw there
  // ("no aio event loop") with waiters, losing them. Even rounds start the
  // setter first, so the set lands before, during or after the wait.
  aio::run([]() -> aio::task<> {
    auto loop_thread = std::this_thread::get_id();
    for (int round = 0; round < 2000; ++round) {
      aio::event ev;
      std::thread::id resumed_on;
      if (round % 2 == 0)
        co_await aio::gather(set_on_pool_thread(ev),
                             wait_after_yield(ev, resumed_on));
      else
        co_await aio::gather(wait_on(ev, resumed_on), set_on_pool_thread(ev));
      EXPECT_EQ(resumed_on, loop_thread);
    }
  }());
}

TEST_F(EventTest, WaiterDestroyedWithItsLoopIsNotResumedByALaterSet) {
  // The event outlives the loop; its waiter, a detached task, does not. A
  // later set() used to resume the destroyed frame (AddressSanitizer:
  // heap-use-after-free).
  aio::event ev;
  aio::run([](aio::event &ev) -> aio::task<> {
    [[maybe_unused]] auto detached = aio::create_task(wait_forever(ev));
    co_await aio::sleep_for(0ms); // it is now waiting on ev
  }(ev));
  EXPECT_EQ(aio_test::frame_counter::get().live(), 0u);
  aio::run([](aio::event &ev) -> aio::task<> {
    ev.set();
    co_await aio::sleep_for(1ms);
  }(ev));
}

TEST_F(EventTest, EventDestroyedBeforeItsWaiterLetsTheWaiterGo) {
  // Nothing can set either event: run reports the deadlock, and the loop
  // destroys the detached owner (and its event) before run destroys the
  // main task, still queued on that event. Leaving the event must not touch
  // it then (AddressSanitizer: heap-use-after-free when it did).
  aio::event never_set;
  EXPECT_THROW(aio::run(wait_on_an_event_owned_elsewhere(never_set)),
               std::logic_error);
}
