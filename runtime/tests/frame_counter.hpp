// A helper that proves coroutine frames are destroyed exactly once: put a
// `counted` in a coroutine body (it lives in the frame). Each instance has
// an id; destroying an id twice or leaving one alive fails the test.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <set>

namespace aio_test {

class frame_counter {
public:
  static frame_counter &get() {
    static frame_counter c;
    return c;
  }
  std::size_t born() {
    live_.insert(next_);
    return next_++;
  }
  void died(std::size_t id) {
    if (live_.erase(id) == 0)
      ADD_FAILURE() << "frame object " << id << " destroyed twice";
  }
  std::size_t live() const { return live_.size(); }
  std::size_t total() const { return next_; }
  void reset() {
    live_.clear();
    next_ = 0;
  }

private:
  std::set<std::size_t> live_;
  std::size_t next_ = 0;
};

struct counted {
  std::size_t id = frame_counter::get().born();
  counted() = default;
  counted(const counted &) : id(frame_counter::get().born()) {}
  counted &operator=(const counted &) = delete;
  ~counted() { frame_counter::get().died(id); }
};

// Resets the counter before a test and checks no frame leaked after it.
class FrameCheckedTest : public ::testing::Test {
protected:
  void SetUp() override { frame_counter::get().reset(); }
  void TearDown() override {
    EXPECT_EQ(frame_counter::get().live(), 0u) << "coroutine frames leaked";
  }
};

} // namespace aio_test
