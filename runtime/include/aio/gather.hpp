// aio::gather: run several tasks concurrently and collect their results.
//
//   auto [a, b] = co_await aio::gather(f(), g());   // std::tuple
//   std::vector<int> all = co_await aio::gather(std::move(tasks));
//
// Every child is started before the first one is waited for; the awaiting
// coroutine resumes when the last child finishes. If children throw, the
// first exception (in completion order) is rethrown after all of them have
// finished. A void task contributes std::monostate.
#pragma once

#include "task.hpp"

#include <cstddef>
#include <exception>
#include <tuple>
#include <variant>
#include <vector>

namespace aio {

template <typename T>
using gather_value_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

namespace detail {

struct gather_state {
  // Children plus one held by the parent until all children were started, so
  // no child can resume the parent while it is still starting them.
  std::size_t remaining;
  std::coroutine_handle<> parent;
  std::exception_ptr first_error;
};

template <typename T> class gather_child {
public:
  struct promise_type {
    gather_state *state = nullptr;
    std::variant<std::monostate, gather_value_t<T>> value;

    gather_child get_return_object() noexcept {
      return gather_child{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<>
      await_suspend(std::coroutine_handle<promise_type> self) noexcept {
        gather_state *s = self.promise().state;
        // The last child to finish resumes the parent by symmetric transfer.
        return --s->remaining == 0 ? s->parent : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(gather_value_t<T> v) {
      value.template emplace<1>(std::move(v));
    }
    void unhandled_exception() noexcept {
      if (!state->first_error)
        state->first_error = std::current_exception();
    }
  };

  explicit gather_child(std::coroutine_handle<promise_type> h) : handle_(h) {}
  gather_child(gather_child &&o) noexcept
      : handle_(std::exchange(o.handle_, {})) {}
  gather_child &operator=(gather_child &&) = delete;
  ~gather_child() {
    if (handle_)
      handle_.destroy();
  }
  void start(gather_state &s) {
    handle_.promise().state = &s;
    handle_.resume();
  }
  gather_value_t<T> take() {
    return std::move(std::get<1>(handle_.promise().value));
  }

private:
  std::coroutine_handle<promise_type> handle_;
};

template <typename T> gather_child<T> make_child(task<T> t) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(t);
    co_return std::monostate{};
  } else {
    co_return co_await std::move(t);
  }
}

template <typename Start> struct start_children {
  gather_state &state;
  Start start;
  bool await_ready() const noexcept { return state.remaining == 1; }
  bool await_suspend(std::coroutine_handle<> parent) {
    state.parent = parent;
    start();
    // All children may have finished synchronously: then do not suspend.
    return --state.remaining != 0;
  }
  void await_resume() const noexcept {}
};
template <typename Start>
start_children(gather_state &, Start) -> start_children<Start>;

} // namespace detail

template <typename... Ts>
task<std::tuple<gather_value_t<Ts>...>> gather(task<Ts>... tasks) {
  detail::gather_state state{
      .remaining = sizeof...(Ts) + 1, .parent = {}, .first_error = nullptr};
  std::tuple<detail::gather_child<Ts>...> children{
      detail::make_child(std::move(tasks))...};
  co_await detail::start_children{
      state, [&] {
        std::apply([&](auto &...c) { (c.start(state), ...); }, children);
      }};
  if (state.first_error)
    std::rethrow_exception(state.first_error);
  co_return std::apply(
      [](auto &...c) { return std::tuple<gather_value_t<Ts>...>{c.take()...}; },
      children);
}

template <typename T>
task<std::vector<gather_value_t<T>>> gather(std::vector<task<T>> tasks) {
  detail::gather_state state{
      .remaining = tasks.size() + 1, .parent = {}, .first_error = nullptr};
  std::vector<detail::gather_child<T>> children;
  children.reserve(tasks.size());
  for (auto &t : tasks)
    children.push_back(detail::make_child(std::move(t)));
  co_await detail::start_children{state, [&] {
                                    for (auto &c : children)
                                      c.start(state);
                                  }};
  if (state.first_error)
    std::rethrow_exception(state.first_error);
  std::vector<gather_value_t<T>> results;
  results.reserve(children.size());
  for (auto &c : children)
    results.push_back(c.take());
  co_return results;
}

} // namespace aio
