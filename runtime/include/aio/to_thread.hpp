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
    loop.begin_external();
    detail::default_pool().submit([this, h, &loop] {
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
      // Publishes value_/error_ to the loop thread (mutex in the inbox).
      loop.post_from_any_thread(h);
    });
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
