#include "frame_counter.hpp"

#include <aio/run.hpp>
#include <aio/task.hpp>

#include <memory>
#include <stdexcept>
#include <string>

using aio_test::counted;
using aio_test::frame_counter;
using TaskTest = aio_test::FrameCheckedTest;

namespace {

aio::task<int> value(int v, bool &started) {
  counted c;
  started = true;
  co_return v;
}

aio::task<int> ready(int v) {
  counted c;
  co_return v;
}

aio::task<long> chain(int n) {
  long sum = 0;
  for (int i = 0; i < n; ++i)
    sum += co_await ready(i);
  co_return sum;
}

aio::task<long> nested(int depth) {
  if (depth == 0)
    co_return 0;
  co_return 1 + co_await nested(depth - 1);
}

aio::task<int> thrower() {
  counted c;
  throw std::runtime_error("boom");
  co_return 0;
}

aio::task<std::string> catches() {
  try {
    co_await thrower();
  } catch (const std::runtime_error &e) {
    co_return std::string("caught ") + e.what();
  }
  co_return "not caught";
}

aio::task<std::unique_ptr<int>> move_only() {
  co_return std::make_unique<int>(7);
}

aio::task<int> awaits_an_empty_task() {
  aio::task<int> t;
  co_return co_await t;
}

aio::task<int> awaits_a_moved_from_task() {
  aio::task<int> t = ready(1);
  aio::task<int> u = std::move(t);
  int v = co_await u;
  // NOLINTNEXTLINE(bugprone-use-after-move): the mistake under test
  co_return v + co_await t;
}

} // namespace

TEST_F(TaskTest, TaskDoesNotStartUntilAwaited) {
  bool started = false;
  {
    auto t = value(1, started);
    EXPECT_FALSE(started);
    EXPECT_EQ(frame_counter::get().total(), 0u);
  }
  EXPECT_FALSE(started);
}

TEST_F(TaskTest, AwaitingATaskReturnsItsValue) {
  bool started = false;
  EXPECT_EQ(aio::run(value(42, started)), 42);
  EXPECT_TRUE(started);
}

TEST_F(TaskTest, MillionAwaitsOfReadyTasksDoNotGrowTheStack) {
  // Symmetric transfer: each await of a ready task returns through
  // final_suspend without nesting resume() calls.
  constexpr int n = 1'000'000;
  EXPECT_EQ(aio::run(chain(n)), static_cast<long>(n) * (n - 1) / 2);
  EXPECT_EQ(frame_counter::get().total(), static_cast<std::size_t>(n));
}

TEST_F(TaskTest, DeepRecursiveAwaitChainCompletes) {
  EXPECT_EQ(aio::run(nested(100'000)), 100'000);
}

TEST_F(TaskTest, ExceptionPropagatesToTheAwaiter) {
  EXPECT_EQ(aio::run(catches()), "caught boom");
}

TEST_F(TaskTest, ExceptionPropagatesOutOfRun) {
  EXPECT_THROW(aio::run(thrower()), std::runtime_error);
}

TEST_F(TaskTest, MoveOnlyResultsAreMovedOut) {
  EXPECT_EQ(*aio::run(move_only()), 7);
}

TEST_F(TaskTest, MovedFromTaskOwnsNothingAndFrameIsDestroyedOnce) {
  bool started = false;
  auto a = value(1, started);
  auto b = std::move(a);
  EXPECT_FALSE(a.valid());
  EXPECT_TRUE(b.valid());
  aio::task<int> c;
  c = std::move(b);
  EXPECT_EQ(aio::run(std::move(c)), 1);
}

TEST_F(TaskTest, AwaitingAnEmptyOrMovedFromTaskIsAClearError) {
  // It used to dereference the null handle. Debug builds assert (with the
  // message); release builds throw std::logic_error into the awaiter.
#ifdef NDEBUG
  for (auto make : {awaits_an_empty_task, awaits_a_moved_from_task}) {
    try {
      aio::run(make());
      ADD_FAILURE() << "expected std::logic_error";
    } catch (const std::logic_error &e) {
      EXPECT_NE(std::string(e.what()).find("empty or moved-from task"),
                std::string::npos)
          << e.what();
    }
  }
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(aio::run(awaits_an_empty_task()), "empty or moved-from task");
  EXPECT_DEATH(aio::run(awaits_a_moved_from_task()),
               "empty or moved-from task");
#endif
}
