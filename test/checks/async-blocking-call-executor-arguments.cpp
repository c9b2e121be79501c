// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// A callable handed to a function that also receives an executor, pool or
// scheduler (`Run(pool, fn)`) runs on that executor, not inside the
// coroutine: silent, unless the function is seen to call it itself. On a
// value-returning task (cppcoro_like) and a reference-returning one
// (ref_task.h).
#include "cppcoro_like.h"
#include "ref_task.h"

#include <functional>
#include <unistd.h>

namespace jobs {
struct thread_pool {
  void enqueue(std::function<void()> job);
};
// What it does with fn is not visible (an opaque hand-off), but it takes a
// pool.
void hand_off(thread_pool &pool, void *job);
template <typename F> void Run(thread_pool &pool, F &&fn) {
  hand_off(pool, &fn);
}
// Hands fn to the pool by a member the offload list does not name.
template <typename F> void Post(thread_pool &pool, F fn) {
  pool.enqueue(std::move(fn));
}
// Seen to run the callable itself, with the pool only for bookkeeping.
template <typename F> void RunHere(thread_pool &, F f) { f(); }
// No executor among its arguments: may run it right here.
template <typename F> void Call(F f) { f(); }
} // namespace jobs

cppcoro::task<> handed_to_pool(jobs::thread_pool &pool) {
  jobs::Run(pool, [] { ::usleep(1); });  // runs on the pool: silent
  jobs::Post(pool, [] { ::usleep(5); }); // likewise
  jobs::RunHere(pool, [] { ::usleep(2); });
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'usleep' blocks the event loop inside coroutine 'handed_to_pool' [async-blocking-call]
  co_return;
}

reftask::task<int> handed_here(jobs::thread_pool &pool) {
  jobs::Call([] { ::usleep(3); });
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'usleep' blocks the event loop inside coroutine 'handed_here' [async-blocking-call]
  jobs::Run(pool, [] { ::usleep(4); }); // silent
  co_return 0;
}

// An executor interface in another naming style (`Submit`, as yaclib's
// IExecutor), declared in a base class, and one held by a smart pointer
// (through its operator->).
namespace camel {
struct IExecutor {
  virtual void Submit(void *job) noexcept = 0;
};
struct FairThreadPool : IExecutor {
  void Submit(void *job) noexcept override;
};
template <typename T> struct IntrusivePtr {
  T *operator->() const;
};
void Dispatch(IExecutor &ex, void *job);
template <typename F> void Run(IExecutor &ex, F &&f) { Dispatch(ex, &f); }
template <typename F> void RunOn(IntrusivePtr<IExecutor> ex, F &&f) {
  ex->Submit(&f);
}
// No executor: a plain options struct with an unrelated member.
struct Options {
  void Subscribe();
};
template <typename F> void RunWith(Options &, F &&f) { f(); }
} // namespace camel

cppcoro::task<> camel_case_pool(camel::FairThreadPool &tp,
                                camel::IntrusivePtr<camel::IExecutor> ex,
                                camel::Options &opts) {
  camel::Run(tp, [] { ::usleep(6); });   // runs on the pool: silent
  camel::RunOn(ex, [] { ::usleep(7); }); // likewise
  camel::RunWith(opts, [] { ::usleep(8); });
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'usleep' blocks the event loop inside coroutine 'camel_case_pool' [async-blocking-call]
  co_return;
}
