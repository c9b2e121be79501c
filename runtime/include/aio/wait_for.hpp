// aio::wait_for(task, timeout): await a task with a deadline; throws
// aio::timeout_error when the deadline passes first.
//
// aio has no cancellation: on timeout the task is detached, keeps running to
// completion (or until the loop ends) and its result is discarded.
#pragma once

#include "create_task.hpp"

#include <chrono>
#include <stdexcept>

namespace aio {

class timeout_error : public std::runtime_error {
public:
  timeout_error() : std::runtime_error("aio::wait_for: timed out") {}
};

namespace detail {
template <typename T> struct deadline_awaiter {
  handle_state<T> &state;
  clock::time_point deadline;
  bool await_ready() const noexcept { return state.done; }
  void await_suspend(std::coroutine_handle<> h) {
    // Whichever comes first resumes h: the task's completion (which cancels
    // the timer) or the timer (which clears the waiter slot). The timer is
    // queued before h is published, so a failure to queue it leaves nothing
    // behind that could resume h a second time.
    auto guard = std::make_shared<timer_guard>();
    guard->waiter_slot = &state.waiter;
    event_loop::require("aio::wait_for").call_at(deadline, h, guard);
    state.deadline = std::move(guard);
    state.waiter = h;
  }
  void await_resume() const noexcept {}
};
} // namespace detail

template <typename T, typename Rep, typename Period>
task<T> wait_for(task<T> t, std::chrono::duration<Rep, Period> timeout) {
  auto deadline = detail::clock::now() +
                  std::chrono::ceil<detail::clock::duration>(timeout);
  task_handle<T> handle = create_task(std::move(t));
  co_await detail::deadline_awaiter<T>{handle.state(), deadline};
  if (!handle.done()) {
    handle.state().retrieved = true; // nobody will; do not report it
    throw timeout_error();
  }
  co_return co_await handle;
}

} // namespace aio
