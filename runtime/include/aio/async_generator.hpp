// aio::async_generator<T>: a coroutine that co_yields values and may
// co_await in between; the consumer pulls values with
//
//   while (auto v = co_await gen.next()) use(*v);
//
// next() resumes the generator by symmetric transfer; co_yield transfers
// back. An exception thrown in the generator is rethrown from next().
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace aio {

template <typename T> class [[nodiscard]] async_generator {
public:
  struct promise_type {
    std::optional<T> current;
    std::coroutine_handle<> consumer;
    std::exception_ptr error;

    async_generator get_return_object() noexcept {
      return async_generator{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct to_consumer {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<>
      await_suspend(std::coroutine_handle<promise_type> self) noexcept {
        return self.promise().consumer;
      }
      void await_resume() noexcept {}
    };
    to_consumer final_suspend() noexcept { return {}; }
    template <typename U> to_consumer yield_value(U &&value) {
      current.emplace(std::forward<U>(value));
      return {};
    }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { error = std::current_exception(); }
  };

  explicit async_generator(std::coroutine_handle<promise_type> h)
      : handle_(h) {}
  async_generator(async_generator &&o) noexcept
      : handle_(std::exchange(o.handle_, {})) {}
  async_generator &operator=(async_generator &&o) noexcept {
    if (this != &o) {
      if (handle_)
        handle_.destroy();
      handle_ = std::exchange(o.handle_, {});
    }
    return *this;
  }
  ~async_generator() {
    if (handle_)
      handle_.destroy();
  }

  struct [[nodiscard]] next_awaiter {
    std::coroutine_handle<promise_type> gen;
    bool await_ready() const noexcept { return !gen || gen.done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> consumer) {
      gen.promise().current.reset();
      gen.promise().consumer = consumer;
      return gen;
    }
    std::optional<T> await_resume() {
      if (!gen)
        return std::nullopt;
      if (auto e = std::exchange(gen.promise().error, nullptr))
        std::rethrow_exception(e);
      if (gen.done())
        return std::nullopt;
      return std::move(gen.promise().current);
    }
  };
  // The next value, or nullopt once the generator has finished.
  next_awaiter next() noexcept { return {handle_}; }

private:
  std::coroutine_handle<promise_type> handle_;
};

} // namespace aio
