#include "frame_counter.hpp"

#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <stdexcept>
#include <string>

using RunTest = aio_test::FrameCheckedTest;

namespace {
aio::task<int> nested_run() {
  aio_test::counted c;
  co_return aio::run([]() -> aio::task<int> { co_return 1; }());
}

struct never {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
aio::task<> waits_forever() {
  aio_test::counted c;
  co_await never{};
}
} // namespace

TEST_F(RunTest, RunInsideARunningLoopIsAnErrorWithAClearMessage) {
  try {
    aio::run(nested_run());
    FAIL() << "expected std::logic_error";
  } catch (const std::logic_error &e) {
    EXPECT_NE(std::string(e.what()).find("inside a running event loop"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(RunTest, RunReportsADeadlockInsteadOfHanging) {
  EXPECT_THROW(aio::run(waits_forever()), std::logic_error);
}

TEST_F(RunTest, RunCanBeCalledAgainAfterItReturns) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(aio::run([](int v) -> aio::task<int> { co_return v; }(i)), i);
}

TEST_F(RunTest, AwaitersOutsideALoopExplainThemselves) {
  auto t = []() -> aio::task<> {
    co_await aio::sleep_for(std::chrono::milliseconds(1));
  }();
  // Started by hand, outside run(): sleep finds no loop and throws into the
  // coroutine, which stores the error like any other.
  t.handle().resume();
  ASSERT_TRUE(t.done());
  try {
    t.handle().promise().result();
    FAIL() << "expected std::logic_error";
  } catch (const std::logic_error &e) {
    EXPECT_NE(std::string(e.what()).find("no aio event loop"),
              std::string::npos);
  }
}
