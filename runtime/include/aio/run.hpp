// aio::run(task): the asyncio.run of aio. Starts an event loop on the
// calling thread, runs the task to completion and returns its value or
// rethrows its exception. Tasks created with create_task that are still
// pending when the main task finishes are destroyed with the loop.
#pragma once

#include "detail/event_loop.hpp"
#include "task.hpp"

namespace aio {

namespace detail {
// The root frame: awaits the main task and flags completion. It is started
// and destroyed by run(), so it suspends at its end.
struct root_frame {
  struct promise_type {
    root_frame get_return_object() noexcept {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
  std::coroutine_handle<promise_type> handle;
};

template <typename T>
root_frame drive(std::coroutine_handle<task_promise<T>> child, bool &done) {
  co_await start_awaiter<task_promise<T>>{child};
  done = true;
}
} // namespace detail

template <typename T> T run(task<T> main) {
  if (detail::event_loop::current())
    throw std::logic_error("aio::run: called inside a running event loop; "
                           "co_await the task instead");
  if (!main.valid())
    throw std::invalid_argument("aio::run: empty task");
  bool done = false;
  {
    detail::event_loop loop;
    detail::root_frame root = detail::drive(main.handle(), done);
    loop.post(root.handle);
    try {
      loop.run_until(done);
    } catch (...) {
      root.handle.destroy();
      throw;
    }
    root.handle.destroy();
  }
  return main.handle().promise().result();
}

} // namespace aio
