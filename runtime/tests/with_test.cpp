#include "frame_counter.hpp"

#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/with.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

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

// A resource whose cleanup fails too.
struct failing_resource {
  int *closed;
  aio::task<> close() const {
    co_await aio::sleep_for(0ms);
    ++*closed;
    throw std::logic_error("close failed");
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

TEST_F(WithTest, BodyExceptionWinsWhenCloseAlsoThrows) {
  // As in Python's async with, the body's exception is not lost when the
  // cleanup fails as well: it propagates, and close()'s is reported on
  // stderr (C++ cannot chain it onto the first). It used to be replaced by
  // close()'s.
  int closed = 0;
  testing::internal::CaptureStderr();
  try {
    aio::run(aio::with(failing_resource{&closed},
                       [](failing_resource &) -> aio::task<> {
                         throw std::runtime_error("body failed");
                         co_return;
                       }));
    ADD_FAILURE() << "expected the body's exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "body failed");
  } catch (const std::logic_error &e) {
    ADD_FAILURE() << "close()'s exception replaced the body's: " << e.what();
  }
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("close failed"), std::string::npos) << err;
  EXPECT_EQ(closed, 1);
}

TEST_F(WithTest, BodyExceptionWinsWhenCloseAlsoThrowsForAValueBody) {
  int closed = 0;
  testing::internal::CaptureStderr();
  try {
    aio::run(aio::with(failing_resource{&closed},
                       [](failing_resource &) -> aio::task<int> {
                         throw std::runtime_error("body failed");
                         co_return 1;
                       }));
    ADD_FAILURE() << "expected the body's exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "body failed");
  } catch (const std::logic_error &e) {
    ADD_FAILURE() << "close()'s exception replaced the body's: " << e.what();
  }
  testing::internal::GetCapturedStderr();
  EXPECT_EQ(closed, 1);
}

TEST_F(WithTest, CloseExceptionPropagatesWhenTheBodySucceeded) {
  int closed = 0;
  testing::internal::CaptureStderr();
  EXPECT_THROW(aio::run(aio::with(
                   failing_resource{&closed},
                   [](failing_resource &) -> aio::task<int> { co_return 1; })),
               std::logic_error);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(closed, 1);
}
