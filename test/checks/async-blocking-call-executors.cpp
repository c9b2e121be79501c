// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs
// With the switch list emptied, every blocking call is reported again:
// RUN: %check_async_tidy --check-suffix=NONE %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ExecutorSwitches: ''}}" -- -I %inputs

// Awaiting an executor switch moves the rest of the coroutine onto another
// executor (a thread pool, a background executor) where blocking is what
// that executor is for. Blocking calls after such an await are not on the
// event loop.

#include "cppcoro_like.h"

#include <fstream>
#include <unistd.h>

using cppcoro::task;

// concurrencpp's shape: resume_on(executor) returns an awaitable that
// resumes the awaiting coroutine on that executor.
namespace concurrencpp {
struct executor {};
struct resume_on_awaitable {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
resume_on_awaitable resume_on(executor &e);
} // namespace concurrencpp

task<> after_switch(cppcoro::static_thread_pool &pool) {
  ::usleep(1); // still on the caller's executor
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the event loop inside coroutine 'after_switch' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: 'usleep' blocks the event loop inside coroutine 'after_switch' [async-blocking-call]
  co_await pool.schedule();
  ::sleep(1); // on the pool: silent by default
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'after_switch' [async-blocking-call]
}

task<> write_in_background(concurrencpp::executor &background, const char *path) {
  co_await concurrencpp::resume_on(background);
  std::ofstream out(path); // on the background executor: silent by default
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the event loop inside coroutine 'write_in_background' [async-blocking-call]
  out.write("x", 1);
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: 'std::basic_ofstream::write' blocks the event loop inside coroutine 'write_in_background' [async-blocking-call]
}

// Regression (a real bug seen in a file-processing example): the switch is
// created but never awaited, so nothing moves and the writes that follow
// block the executor the coroutine is on. Still reported.
task<> forgot_co_await(concurrencpp::executor &background, const char *path) {
  concurrencpp::resume_on(background);
  std::ofstream out(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the event loop inside coroutine 'forgot_co_await' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:17: warning: 'std::basic_ofstream' blocks the event loop inside coroutine 'forgot_co_await' [async-blocking-call]
  out.write("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::basic_ofstream::write' blocks the event loop inside coroutine 'forgot_co_await' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: 'std::basic_ofstream::write' blocks the event loop inside coroutine 'forgot_co_await' [async-blocking-call]
  co_return;
}

// Regression, in the shape of a file-processing example: read on the
// background executor, compute on the CPU pool, then switch back for the
// write, but the last switch lacks its co_await. The coroutine is still on
// the CPU pool (an executor named as one: CpuExecutorNames), so the
// blocking write is reported.
task<> process_file(concurrencpp::executor &background_executor,
                     concurrencpp::executor &threadpool_executor,
                     const char *path) {
  co_await concurrencpp::resume_on(background_executor);
  std::ifstream in(path); // background executor: silent by default
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the event loop inside coroutine 'process_file' [async-blocking-call]
  co_await concurrencpp::resume_on(threadpool_executor);
  concurrencpp::resume_on(background_executor);
  std::ofstream out(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ofstream' blocks the event loop inside coroutine 'process_file' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:17: warning: 'std::basic_ofstream' blocks the event loop inside coroutine 'process_file' [async-blocking-call]
  co_await concurrencpp::resume_on(background_executor);
  out.write("x", 1); // back on the background executor: silent by default
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: 'std::basic_ofstream::write' blocks the event loop inside coroutine 'process_file' [async-blocking-call]
}

// concurrencpp starts a coroutine whose first parameter is executor_tag on
// the executor passed next: it never ran on the caller's executor.
namespace concurrencpp {
struct executor_tag {};
} // namespace concurrencpp
task<> started_on_worker(concurrencpp::executor_tag,
                         concurrencpp::executor &worker) {
  ::sleep(3); // on the worker: silent by default
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'started_on_worker' [async-blocking-call]
  co_return;
}
task<> started_on_cpu_pool(concurrencpp::executor_tag,
                           concurrencpp::executor &cpu_pool) {
  ::sleep(4); // a CPU pool: reported
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'started_on_cpu_pool' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: 'sleep' blocks the event loop inside coroutine 'started_on_cpu_pool' [async-blocking-call]
  co_return;
}

// A switch inside a lambda moves the lambda, not us.
template <typename F> void call_now(F f) { f(); }
task<> switch_in_other_coroutine(cppcoro::static_thread_pool &pool) {
  auto inner = [&]() -> task<> { co_await pool.schedule(); };
  ::sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'switch_in_other_coroutine' [async-blocking-call]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:3: warning: 'sleep' blocks the event loop inside coroutine 'switch_in_other_coroutine' [async-blocking-call]
  co_await inner();
}
