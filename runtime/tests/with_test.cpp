#include "frame_counter.hpp"

#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/with.hpp>

#include <chrono>
#include <stdexcept>

using namespace std::chrono_literals;
using WithTest = aio_test::FrameCheckedTest;

namespace {
struct resource {
  int *closed;
  aio::task<> close() const {
    co_await aio::sleep_for(0ms);
    ++*closed;
  }
};
} // namespace

TEST_F(WithTest, ResourceIsClosedAfterTheBodyAndTheResultReturned) {
  int closed = 0;
  int v = aio::run(aio::with(
      resource{&closed}, [](resource &) -> aio::task<int> { co_return 4; }));
  EXPECT_EQ(v, 4);
  EXPECT_EQ(closed, 1);
}

TEST_F(WithTest, ResourceIsClosedWhenTheBodyThrows) {
  int closed = 0;
  EXPECT_THROW(aio::run(aio::with(resource{&closed},
                                  [](resource &) -> aio::task<> {
                                    throw std::runtime_error("body");
                                    co_return;
                                  })),
               std::runtime_error);
  EXPECT_EQ(closed, 1);
}
