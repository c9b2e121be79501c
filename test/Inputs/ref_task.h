// A lazy task whose awaiter returns a reference into the frame, as libcoro's
// and cppcoro's do (`T &&await_resume()`): `auto x = co_await f()` is then a
// move construction from that reference. Written for the tests, with our
// own names.
#ifndef ASYNCLINT_TEST_REF_TASK_H
#define ASYNCLINT_TEST_REF_TASK_H

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace reftask {

template <typename T> class task {
public:
  struct promise_type {
    std::optional<T> value;
    std::coroutine_handle<> continuation;
    task get_return_object() noexcept {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<>
      await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto c = h.promise().continuation;
        return c ? c : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    template <typename U> void return_value(U &&v) {
      value.emplace(std::forward<U>(v));
    }
    void unhandled_exception() { std::terminate(); }
  };
  explicit task(std::coroutine_handle<promise_type> h) : handle(h) {}
  task(task &&other) noexcept : handle(std::exchange(other.handle, {})) {}
  ~task() {
    if (handle)
      handle.destroy();
  }

  struct awaiter {
    std::coroutine_handle<promise_type> handle;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept {
      handle.promise().continuation = c;
      return handle;
    }
    T &&await_resume() { return std::move(*handle.promise().value); }
  };
  awaiter operator co_await() && noexcept { return awaiter{handle}; }

private:
  std::coroutine_handle<promise_type> handle;
};

} // namespace reftask

#endif // ASYNCLINT_TEST_REF_TASK_H
