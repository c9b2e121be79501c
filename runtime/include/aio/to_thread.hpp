// aio::to_thread(f): run a blocking or CPU-bound callable on a bounded
// thread pool; the awaiting coroutine resumes on its loop thread with the
// result, or the exception f threw.
#pragma once

#include "detail/event_loop.hpp"
#include "detail/thread_pool.hpp"

#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace aio {

template <typename F> class [[nodiscard]] to_thread_awaiter {
  using result_type = std::invoke_result_t<F &>;
  using stored =
      std::conditional_t<std::is_void_v<result_type>, bool, result_type>;

public:
  explicit to_thread_awaiter(F f) : fn_(std::move(f)) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    detail::event_loop &loop = detail::event_loop::require("aio::to_thread");
    // Counted before the job exists, so the loop cannot end while it runs.
    // If the pool cannot take it (std::bad_alloc, or std::system_error from
    // starting the pool's threads), nothing will ever post it back: uncount
    // it, or the loop would wait for it forever when it ends. The exception
    // then reaches the awaiting coroutine.
    loop.begin_external();
    try {
      // The worker holds the inbox, not the loop: its post is the last
      // thing it does for this job, and the inbox outlives the loop.
      detail::default_pool().submit([this, h, inbox = loop.inbox()] {
        try {
          if constexpr (std::is_void_v<result_type>) {
            fn_();
            value_.emplace(true);
          } else {
            value_.emplace(fn_());
          }
        } catch (...) {
          error_ = std::current_exception();
        }
        // Publishes value_/error_ to the loop thread (see remote_inbox).
        inbox->post(h, /*job=*/true);
      });
    } catch (...) {
      loop.end_external();
      throw;
    }
  }
  result_type await_resume() {
    if (error_)
      std::rethrow_exception(error_);
    if constexpr (!std::is_void_v<result_type>) {
      if (!value_)
        throw std::logic_error("aio::to_thread: resumed without a result");
      return std::move(*value_);
    }
  }

private:
  F fn_;
  std::optional<stored> value_;
  std::exception_ptr error_;
};

template <typename F> to_thread_awaiter<std::decay_t<F>> to_thread(F &&f) {
  return to_thread_awaiter<std::decay_t<F>>{std::forward<F>(f)};
}

} // namespace aio
