// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// Executor switches of any library, by shape: an awaited member schedule()
// of a pool, or an awaited resume_on / switch_to given an executor, moves
// the rest of the coroutine off the event loop. On a value-returning task
// (cppcoro_like) and a reference-returning one (ref_task.h).
#include "cppcoro_like.h"
#include "ref_task.h"

#include <unistd.h>

namespace mylib {
struct switch_awaiter {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct pool {
  switch_awaiter schedule();
};
struct background_executor {};
switch_awaiter resume_on(background_executor &e);
switch_awaiter switch_to(background_executor &e);
// Not a switch: a timer's awaited tick resumes on the same loop.
switch_awaiter tick();
} // namespace mylib

cppcoro::task<> on_pool(mylib::pool &p) {
  ::usleep(1); // still on the event loop
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the event loop inside coroutine 'on_pool' [async-blocking-call]
  co_await p.schedule();
  ::usleep(2); // on the pool: silent
}

reftask::task<int> on_background(mylib::background_executor &bg) {
  co_await mylib::tick();
  ::usleep(3); // a tick is not a switch
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the event loop inside coroutine 'on_background' [async-blocking-call]
  co_await mylib::resume_on(bg);
  ::usleep(4); // on the background executor: silent
  co_return 0;
}

reftask::task<int> switched_to(mylib::background_executor &bg) {
  co_await mylib::switch_to(bg);
  ::usleep(5); // silent
  co_return 0;
}
