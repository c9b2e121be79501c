// aio::async_mutex: mutual exclusion between coroutines of one loop without
// blocking the thread. unlock() hands the lock straight to the next waiter
// (FIFO), so a waiter cannot be overtaken.
//
//   auto guard = co_await m.scoped_lock();
#pragma once

#include "detail/event_loop.hpp"

#include <deque>
#include <utility>

namespace aio {

class async_mutex {
public:
  class [[nodiscard]] lock_guard {
  public:
    explicit lock_guard(async_mutex &m) : m_(&m) {}
    lock_guard(lock_guard &&o) noexcept : m_(std::exchange(o.m_, nullptr)) {}
    lock_guard &operator=(lock_guard &&) = delete;
    ~lock_guard() {
      if (m_)
        m_->unlock();
    }

  private:
    async_mutex *m_;
  };

  struct [[nodiscard]] lock_awaiter {
    async_mutex &m;
    bool await_ready() noexcept { return m.try_lock(); }
    void await_suspend(std::coroutine_handle<> h) { m.waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  struct [[nodiscard]] scoped_lock_awaiter : lock_awaiter {
    lock_guard await_resume() const noexcept { return lock_guard{m}; }
  };

  bool try_lock() noexcept { return !std::exchange(locked_, true); }
  lock_awaiter lock() noexcept { return {*this}; }
  scoped_lock_awaiter scoped_lock() noexcept { return {{*this}}; }
  void unlock() {
    if (waiters_.empty()) {
      locked_ = false;
      return;
    }
    // Ownership passes to the next waiter: locked_ stays true.
    auto next = waiters_.front();
    waiters_.pop_front();
    detail::event_loop::require("aio::async_mutex::unlock").post(next);
  }

private:
  bool locked_ = false;
  std::deque<std::coroutine_handle<>> waiters_;
};

} // namespace aio
