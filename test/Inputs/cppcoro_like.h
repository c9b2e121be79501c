// A small cppcoro-style coroutine library for the tests. It has cppcoro's
// shapes, not our runtime's names: task<T> is awaited through a member
// `operator co_await() &&` (no await_* members on the task itself), a
// synchronous generator<T> (a coroutine type that is not awaitable), a
// thread pool whose schedule() returns a plain awaiter (not a coroutine), an
// event awaited through a const member operator co_await, and a delay type
// awaited through a free operator co_await.
#ifndef ASYNCLINT_TEST_CPPCORO_LIKE_H
#define ASYNCLINT_TEST_CPPCORO_LIKE_H

#include <coroutine>
#include <exception>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcoro {

template <typename T = void> class task;

namespace detail {

struct task_promise_base {
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().continuation;
    }
    void await_resume() noexcept {}
  };
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { exception = std::current_exception(); }

  std::coroutine_handle<> continuation = std::noop_coroutine();
  std::exception_ptr exception;
};

template <typename T> struct task_promise : task_promise_base {
  task<T> get_return_object() noexcept;
  void return_value(T v) { value = std::move(v); }
  T value{};
};

template <> struct task_promise<void> : task_promise_base {
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

} // namespace detail

template <typename T> class task {
public:
  using promise_type = detail::task_promise<T>;

  explicit task(std::coroutine_handle<promise_type> h) noexcept : handle(h) {}
  task() noexcept = default;
  task(task &&other) noexcept : handle(std::exchange(other.handle, {})) {}
  task &operator=(task &&other) noexcept {
    if (this != &other) {
      if (handle)
        handle.destroy();
      handle = std::exchange(other.handle, {});
    }
    return *this;
  }
  ~task() {
    if (handle)
      handle.destroy();
  }

  bool is_ready() const noexcept { return !handle || handle.done(); }
  void resume() { handle.resume(); } // libcoro's task lets a test do this

  struct awaiter {
    std::coroutine_handle<promise_type> handle;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept {
      handle.promise().continuation = c;
      return handle;
    }
    T await_resume() {
      if (handle.promise().exception)
        std::rethrow_exception(handle.promise().exception);
      if constexpr (!std::is_void_v<T>)
        return std::move(handle.promise().value);
    }
  };
  awaiter operator co_await() && noexcept { return awaiter{handle}; }

private:
  std::coroutine_handle<promise_type> handle;
};

namespace detail {
template <typename T> task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
} // namespace detail

// A synchronous generator: a coroutine type, but not awaitable; co_await
// inside one is rejected by a deleted template await_transform (as in
// std::generator and cppcoro's generator).
template <typename T> class generator {
public:
  struct promise_type {
    T current{};
    generator get_return_object() noexcept {
      return generator{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T v) noexcept {
      current = std::move(v);
      return {};
    }
    void return_void() noexcept {}
    void unhandled_exception() { throw; }
    template <typename U> std::suspend_never await_transform(U &&) = delete;
  };
  explicit generator(std::coroutine_handle<promise_type> h) : handle(h) {}
  generator(generator &&other) noexcept
      : handle(std::exchange(other.handle, {})) {}
  ~generator() {
    if (handle)
      handle.destroy();
  }
  bool next() {
    handle.resume();
    return !handle.done();
  }
  const T &value() const { return handle.promise().current; }

private:
  std::coroutine_handle<promise_type> handle;
};

// Runs a task to completion on the calling thread.
template <typename T> T sync_wait(task<T> &&t);
template <typename... T> task<std::tuple<T...>> when_all(task<T>... tasks);
template <typename T> task<std::vector<T>> when_all(std::vector<task<T>> tasks);

class static_thread_pool {
public:
  // Not a coroutine: schedule() returns an awaiter that resumes the awaiting
  // coroutine on a pool thread.
  struct schedule_operation {
    static_thread_pool *pool;
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() noexcept {}
  };
  schedule_operation schedule() noexcept { return {this}; }
};

class single_consumer_event {
public:
  struct awaiter {
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };
  awaiter operator co_await() const noexcept { return {}; }
  void set() noexcept {}
};

// Awaitable only through a free operator co_await found by ADL.
struct delay {
  int milliseconds;
};
struct delay_awaiter {
  bool await_ready() noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
inline delay_awaiter operator co_await(delay) noexcept { return {}; }
inline delay after(int ms) { return delay{ms}; }

class async_scope {
public:
  void spawn(task<> t);
  task<> join();
};

} // namespace cppcoro

#endif // ASYNCLINT_TEST_CPPCORO_LIKE_H
