// aio::create_task(task) -> task_handle<T>: schedule a task to run
// concurrently on the current loop and await its result later.
//
// Dropped handles detach: the task keeps running to completion and its
// result is discarded; an exception nobody retrieved is reported on stderr
// (like asyncio's "Task exception was never retrieved"). Tasks still pending
// when aio::run's main task finishes are destroyed with the loop.
#pragma once

#include "detail/event_loop.hpp"
#include "task.hpp"

#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <variant>

namespace aio {

namespace detail {

template <typename T> struct handle_state {
  std::variant<std::monostate,
               std::conditional_t<std::is_void_v<T>, std::monostate, T>,
               std::exception_ptr>
      outcome;
  bool done = false;
  bool retrieved = false;
  std::coroutine_handle<> waiter;
  std::shared_ptr<timer_guard> deadline;

  ~handle_state() {
    if (outcome.index() == 2 && !retrieved) {
      try {
        std::rethrow_exception(std::get<2>(outcome));
      } catch (const std::exception &e) {
        std::fprintf(stderr, "aio: exception of a task nobody awaited: %s\n",
                     e.what());
      } catch (...) {
        std::fprintf(stderr, "aio: exception of a task nobody awaited\n");
      }
    }
  }
};

// A frame owned by the loop: it destroys itself when it finishes (final
// suspend never suspends), and the loop destroys it if it is still pending
// when the loop ends.
struct detached_frame {
  struct promise_type {
    event_loop *loop = &event_loop::require("aio::create_task");
    detached_frame get_return_object() noexcept {
      auto h = std::coroutine_handle<promise_type>::from_promise(*this);
      loop->adopt(h.address());
      return {h};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
    ~promise_type() {
      loop->disown(
          std::coroutine_handle<promise_type>::from_promise(*this).address());
    }
  };
  std::coroutine_handle<promise_type> handle;
};

template <typename T>
detached_frame run_detached(task<T> t, std::shared_ptr<handle_state<T>> state) {
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      state->outcome.template emplace<1>();
    } else {
      state->outcome.template emplace<1>(co_await std::move(t));
    }
  } catch (...) {
    state->outcome.template emplace<2>(std::current_exception());
  }
  state->done = true;
  event_loop &loop = event_loop::require("aio::create_task");
  // A wait_for deadline still queued is taken out of the timer heap now
  // (eventually: see event_loop::cancel), not left there until it passes.
  if (state->deadline)
    loop.cancel(*state->deadline);
  if (auto w = std::exchange(state->waiter, {}))
    loop.post(w);
}

} // namespace detail

template <typename T> class [[nodiscard]] task_handle {
public:
  explicit task_handle(std::shared_ptr<detail::handle_state<T>> s)
      : state_(std::move(s)) {}

  bool done() const noexcept { return state_->done; }

  bool await_ready() const noexcept { return state_->done; }
  void await_suspend(std::coroutine_handle<> h) {
    if (state_->waiter)
      throw std::logic_error("aio::task_handle awaited twice concurrently");
    state_->waiter = h;
  }
  T await_resume() {
    state_->retrieved = true;
    if (state_->outcome.index() == 2)
      std::rethrow_exception(std::get<2>(state_->outcome));
    if constexpr (!std::is_void_v<T>)
      return std::move(std::get<1>(state_->outcome));
  }

  // For wait_for.
  detail::handle_state<T> &state() noexcept { return *state_; }

private:
  std::shared_ptr<detail::handle_state<T>> state_;
};

template <typename T> task_handle<T> create_task(task<T> t) {
  auto state = std::make_shared<detail::handle_state<T>>();
  auto frame = detail::run_detached(std::move(t), state);
  detail::event_loop::require("aio::create_task").post(frame.handle);
  return task_handle<T>{std::move(state)};
}

} // namespace aio
