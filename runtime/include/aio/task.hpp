// aio::task<T>: a lazy, move-only coroutine task.
//
// A task does nothing until it is awaited (or handed to aio::run,
// aio::gather or aio::create_task). Awaiting it starts the coroutine and
// suspends the awaiter; when the task finishes, its final_suspend transfers
// control straight back to the awaiter (symmetric transfer), so a chain of a
// million awaits of ready tasks uses constant stack. The task object owns
// the coroutine frame and destroys it exactly once, in its destructor.
#pragma once

#include "detail/frame_allocator.hpp"

#include <cassert>
#include <coroutine>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace aio {

template <typename T = void> class task;

namespace detail {

class task_promise_base : public cached_frame {
public:
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    template <typename Promise>
    std::coroutine_handle<>
    await_suspend(std::coroutine_handle<Promise> self) noexcept {
      // Symmetric transfer: resume the awaiter without growing the stack.
      return self.promise().continuation_;
    }
    void await_resume() noexcept {}
  };

  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void set_continuation(std::coroutine_handle<> c) noexcept {
    continuation_ = c;
  }

private:
  std::coroutine_handle<> continuation_ = std::noop_coroutine();
};

template <typename T> class task_promise : public task_promise_base {
public:
  task<T> get_return_object() noexcept;
  // Storing an exception_ptr does not throw; the variant API is not noexcept.
  // NOLINTNEXTLINE(bugprone-exception-escape)
  void unhandled_exception() noexcept {
    result_.template emplace<2>(std::current_exception());
  }
  template <typename U>
    requires std::is_convertible_v<U &&, T>
  void return_value(U &&value) {
    result_.template emplace<1>(std::forward<U>(value));
  }
  T result() {
    if (result_.index() == 2)
      std::rethrow_exception(std::get<2>(result_));
    return std::move(std::get<1>(result_));
  }

private:
  std::variant<std::monostate, T, std::exception_ptr> result_;
};

template <> class task_promise<void> : public task_promise_base {
public:
  task<void> get_return_object() noexcept;
  void unhandled_exception() noexcept { error_ = std::current_exception(); }
  void return_void() noexcept {}
  void result() {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  std::exception_ptr error_;
};

} // namespace detail

template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  explicit task(std::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  task(task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  ~task() { destroy(); }

  bool valid() const noexcept { return static_cast<bool>(handle_); }
  bool done() const noexcept { return !handle_ || handle_.done(); }

  // Awaiting an rvalue or lvalue task starts it; the result is moved out.
  // An empty or moved-from task has no frame to start or result to give:
  // a bug in the caller, so debug builds stop at the assertion and release
  // builds throw into the awaiting coroutine (never a null dereference).
  bool await_ready() const {
    assert(handle_ && "aio::task: co_await on an empty or moved-from task");
    if (!handle_)
      throw std::logic_error(
          "aio::task: co_await on an empty or moved-from task");
    return handle_.done();
  }
  std::coroutine_handle<>
  await_suspend(std::coroutine_handle<> awaiter) noexcept {
    handle_.promise().set_continuation(awaiter);
    return handle_;
  }
  T await_resume() { return handle_.promise().result(); }

  // For the runtime's own drivers (run, gather, create_task).
  std::coroutine_handle<promise_type> handle() const noexcept {
    return handle_;
  }
  std::coroutine_handle<promise_type> release() noexcept {
    return std::exchange(handle_, {});
  }

private:
  void destroy() noexcept {
    if (handle_)
      handle_.destroy();
    handle_ = {};
  }
  std::coroutine_handle<promise_type> handle_;
};

namespace detail {
template <typename T> task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
} // namespace detail

} // namespace aio
