// aio::event: a manual-reset event for coroutines on one loop. set() wakes
// every waiter (they resume on the loop, in the order they waited).
#pragma once

#include "detail/event_loop.hpp"

#include <vector>

namespace aio {

class event {
public:
  bool is_set() const noexcept { return set_; }
  void set() {
    set_ = true;
    auto waiters = std::move(waiters_);
    waiters_.clear();
    for (auto h : waiters)
      detail::event_loop::require("aio::event::set").post(h);
  }
  void clear() noexcept { set_ = false; }

  struct [[nodiscard]] awaiter {
    event &ev;
    bool await_ready() const noexcept { return ev.set_; }
    void await_suspend(std::coroutine_handle<> h) { ev.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  awaiter wait() noexcept { return awaiter{*this}; }

private:
  bool set_ = false;
  std::vector<std::coroutine_handle<>> waiters_;
};

} // namespace aio
