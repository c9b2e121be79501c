#include "frame_counter.hpp"

#include <aio/async_generator.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;
using AsyncGeneratorTest = aio_test::FrameCheckedTest;

namespace {
aio::async_generator<int> count_to(int n) {
  aio_test::counted c;
  for (int i = 1; i <= n; ++i) {
    co_await aio::sleep_for(0ms);
    co_yield i;
  }
}
aio::async_generator<int> fails_after_one() {
  co_yield 1;
  throw std::runtime_error("source broke");
}
} // namespace

TEST_F(AsyncGeneratorTest, ConsumerReceivesEveryValueThenNullopt) {
  auto values = aio::run([]() -> aio::task<std::vector<int>> {
    std::vector<int> out;
    auto gen = count_to(4);
    while (auto v = co_await gen.next())
      out.push_back(*v);
    EXPECT_FALSE(co_await gen.next()); // stays finished
    co_return out;
  }());
  EXPECT_EQ(values, (std::vector<int>{1, 2, 3, 4}));
}

TEST_F(AsyncGeneratorTest, GeneratorDoesNotStartUntilTheFirstNext) {
  auto gen = count_to(1);
  EXPECT_EQ(aio_test::frame_counter::get().total(), 0u);
}

TEST_F(AsyncGeneratorTest, AbandonedGeneratorIsDestroyedMidway) {
  aio::run([]() -> aio::task<> {
    auto &frames = aio_test::frame_counter::get();
    {
      auto gen = count_to(100);
      EXPECT_EQ(co_await gen.next(), std::optional<int>(1));
      EXPECT_EQ(co_await gen.next(), std::optional<int>(2));
      // Suspended midway: its frame, with the local it counts, is alive.
      EXPECT_EQ(frames.total(), 1u);
      EXPECT_EQ(frames.live(), 1u);
    } // abandoned here, 98 values early
    // Destroyed when the generator object is, not when the consumer ends:
    // the frame's local is gone while the consumer still runs.
    EXPECT_EQ(frames.total(), 1u);
    EXPECT_EQ(frames.live(), 0u);
  }());
}

TEST_F(AsyncGeneratorTest, ExceptionInTheGeneratorReachesTheConsumer) {
  EXPECT_THROW(aio::run([]() -> aio::task<> {
                 auto gen = fails_after_one();
                 while (co_await gen.next()) {
                 }
               }()),
               std::runtime_error);
}
