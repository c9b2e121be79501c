// Coroutine and handle types that differ only in when their work starts and
// what dropping them does, for async-unawaited-task. Written for the tests:
// the shapes of eager frameworks (a promise whose initial_suspend never
// suspends, a promise chosen through std::coroutine_traits, a future-like
// handle to work already running), with our own names.
#ifndef ASYNCLINT_TEST_EAGER_TASKS_H
#define ASYNCLINT_TEST_EAGER_TASKS_H

#include <coroutine>
#include <exception>
#include <memory>

namespace eager {

struct shared_state {
  bool done = false;
  std::exception_ptr error;
};

// Awaiting any of the handles below: resumes at once.
struct ready_awaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Runs when called (suspend_never); the frame frees itself at the end and
// the handle only shares the outcome, so dropping it loses the result.
template <typename T> class started {
public:
  struct promise_type {
    std::shared_ptr<shared_state> state = std::make_shared<shared_state>();
    started get_return_object() { return started{state}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() { state->error = std::current_exception(); }
  };
  explicit started(std::shared_ptr<shared_state> s) : state_(std::move(s)) {}
  bool is_done() const { return state_->done; }
  void wait() const {} // blocks until the coroutine has finished
  ready_awaiter operator co_await() const { return {}; }

private:
  std::shared_ptr<shared_state> state_;
};

// The same, but the author marked it [[nodiscard]].
template <typename T> class [[nodiscard]] must_keep {
public:
  struct promise_type {
    must_keep get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  ready_awaiter operator co_await() const { return {}; }
};

// Eager, but the handle owns the frame: its destructor destroys the
// coroutine wherever it is suspended, so dropping it cancels the work.
class owning {
public:
  struct promise_type {
    owning get_return_object() {
      return owning{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  explicit owning(std::coroutine_handle<promise_type> h) : handle_(h) {}
  owning(owning &&o) noexcept : handle_(o.handle_) { o.handle_ = {}; }
  ~owning() {
    if (handle_)
      handle_.destroy();
  }
  bool ready() const { return !handle_ || handle_.done(); }
  ready_awaiter operator co_await() const { return {}; }

private:
  std::coroutine_handle<promise_type> handle_;
};

// Eager, and the handle frees the frame only once it has finished (a
// frame still running frees itself at its end): dropping it cancels
// nothing, only its result is lost.
class owning_when_done {
public:
  struct promise_type {
    owning_when_done get_return_object() {
      return owning_when_done{
          std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  explicit owning_when_done(std::coroutine_handle<promise_type> h)
      : handle_(h) {}
  ~owning_when_done() {
    if (handle_ && handle_.done())
      handle_.destroy();
  }
  ready_awaiter operator co_await() const { return {}; }

private:
  std::coroutine_handle<promise_type> handle_;
};

// Suspends at the start, but its await_suspend hands the frame to a
// scheduler: the body runs without anyone awaiting. Neither lazy nor
// provably eager.
struct scheduler {
  static void post(std::coroutine_handle<>) {}
};
struct schedule_start {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) const { scheduler::post(h); }
  void await_resume() const noexcept {}
};
class scheduled {
public:
  struct promise_type {
    scheduled get_return_object() { return {}; }
    schedule_start initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  ready_awaiter operator co_await() const { return {}; }
};

// Whether it suspends at the start is known only at run time.
struct maybe_start {
  bool lazy;
  bool await_ready() const noexcept { return !lazy; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
class configurable {
public:
  struct promise_type {
    configurable get_return_object() { return {}; }
    maybe_start initial_suspend() noexcept { return {true}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  ready_awaiter operator co_await() const { return {}; }
};

// A result type with no nested promise_type: std::coroutine_traits gives it
// an eager promise, and a producer hands out results of work it runs.
template <typename T> class result {
public:
  ready_awaiter operator co_await() const { return {}; }
  bool ready() const { return true; }

private:
  std::shared_ptr<shared_state> state_;
};
template <typename T> struct result_promise {
  result<T> get_return_object() { return {}; }
  std::suspend_never initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_value(T) {}
  void unhandled_exception() {}
};
template <typename T> class producer {
public:
  result<T> get_result() { return {}; }
  void set_value(T) {}
};

// A future-like handle from a function that started the work: not a
// coroutine, awaitable through a free operator co_await, and it owns a share
// of the work's state.
template <typename T> class future {
public:
  explicit future(std::shared_ptr<shared_state> s) : state_(std::move(s)) {}
  bool has_result() const { return state_->done; }

private:
  std::shared_ptr<shared_state> state_;
};
template <typename T> ready_awaiter operator co_await(future<T> &&) {
  return {};
}
future<int> start_server();

// A lazy task of our own (suspend_always, nothing done with the handle).
template <typename T> class lazy {
public:
  struct promise_type {
    lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  ready_awaiter operator co_await() const { return {}; }
};

} // namespace eager

template <typename T, typename... Args>
struct std::coroutine_traits<eager::result<T>, Args...> {
  using promise_type = eager::result_promise<T>;
};

#endif // ASYNCLINT_TEST_EAGER_TASKS_H
