// aio::event: a manual-reset event. set() wakes every waiter; each resumes
// on its own loop's thread, in the order they waited. set(), clear() and
// is_set() may be called from any thread (a to_thread job, another loop's
// coroutines); wait() is for coroutines running on a loop.
#pragma once

#include "detail/event_loop.hpp"

#include <atomic>
#include <coroutine>
#include <memory>
#include <mutex>

namespace aio {

class event {
public:
  class [[nodiscard]] awaiter {
  public:
    explicit awaiter(event &ev) noexcept : ev_(ev) {}
    awaiter(const awaiter &) = delete;
    awaiter &operator=(const awaiter &) = delete;
    // Only a frame destroyed while it waits (its loop ended) is still
    // queued here; it must leave the list before its memory goes.
    ~awaiter() {
      if (queued_.load(std::memory_order_acquire)) {
        std::scoped_lock lock(ev_.mutex_);
        if (queued_.load(std::memory_order_relaxed))
          ev_.unlink(*this);
      }
    }

    bool await_ready() const noexcept { return ev_.is_set(); }
    bool await_suspend(std::coroutine_handle<> h) {
      loop_ = &detail::event_loop::require("aio::event::wait");
      inbox_ = loop_->inbox();
      handle_ = h;
      std::scoped_lock lock(ev_.mutex_);
      // Set on another thread since await_ready: do not suspend.
      if (ev_.set_.load(std::memory_order_relaxed))
        return false;
      ev_.link(*this);
      queued_.store(true, std::memory_order_relaxed);
      return true;
    }
    void await_resume() const noexcept {}

  private:
    friend class event;
    event &ev_;
    std::coroutine_handle<> handle_;
    // The loop it waits on, compared with the setter's, never dereferenced
    // by another thread: those post through the inbox, which outlives it.
    detail::event_loop *loop_ = nullptr;
    std::shared_ptr<detail::remote_inbox> inbox_;
    awaiter *prev_ = nullptr;
    awaiter *next_ = nullptr;
    // Written under ev_.mutex_; read without it by the destructor, so
    // atomic.
    std::atomic<bool> queued_{false};
  };

  event() = default;
  event(const event &) = delete;
  event &operator=(const event &) = delete;
  // Waiters still queued are frames the loop is tearing down in some order
  // (or a program that will never wake them): let them go, so that their
  // destructors, which may run after this one, do not touch the event.
  ~event() {
    std::scoped_lock lock(mutex_);
    while (awaiter *w = head_) {
      unlink(*w);
      w->queued_.store(false, std::memory_order_release);
    }
  }

  bool is_set() const noexcept { return set_.load(std::memory_order_acquire); }
  void clear() noexcept { set_.store(false, std::memory_order_release); }

  // Any thread. Waiters of the calling thread's loop are queued on it
  // directly, the others posted to their loop's inbox (which wakes it). All
  // under the lock, so a waiter's frame cannot be destroyed meanwhile: its
  // destructor takes the lock while the waiter is queued. The release store
  // makes what the setter wrote before set() visible to the waiters.
  void set() {
    detail::event_loop *here = detail::event_loop::current();
    std::scoped_lock lock(mutex_);
    set_.store(true, std::memory_order_release);
    while (awaiter *w = head_) {
      if (w->loop_ == here)
        here->post(w->handle_);
      else
        w->inbox_->post(w->handle_, /*job=*/false);
      unlink(*w);
      // The last touch: once false, the waiter may be destroyed.
      w->queued_.store(false, std::memory_order_release);
    }
  }

  awaiter wait() noexcept { return awaiter{*this}; }

private:
  void link(awaiter &w) noexcept {
    w.prev_ = tail_;
    w.next_ = nullptr;
    (tail_ ? tail_->next_ : head_) = &w;
    tail_ = &w;
  }
  void unlink(awaiter &w) noexcept {
    (w.prev_ ? w.prev_->next_ : head_) = w.next_;
    (w.next_ ? w.next_->prev_ : tail_) = w.prev_;
    w.prev_ = w.next_ = nullptr;
  }

  std::atomic<bool> set_{false};
  std::mutex mutex_;
  // Waiters in the order they waited: an intrusive list of awaiters, which
  // live in the waiting frames. Guarded by mutex_.
  awaiter *head_ = nullptr;
  awaiter *tail_ = nullptr;
};

} // namespace aio
