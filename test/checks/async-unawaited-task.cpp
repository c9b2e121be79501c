// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp

#include "cppcoro_like.h"
#include "ref_task.h"
#include <string>
#include <future>
#include <utility>
#include <vector>

using namespace cppcoro;

task<int> fetch(int id);
task<> send(int value);
generator<int> numbers();
std::future<int> fetch_sync(int id);
static_thread_pool pool;

struct client {
  task<int> get(const char *url);
  task<int> member_;
  std::vector<task<int>> pending_;
  void keep(task<int> t);
};

// ---- discarded calls -------------------------------------------------------

task<> discards_in_coroutine(client &c, bool flag) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  c.get("/users");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'get' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await c.get("/users");{{$}}
  (fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:4: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  (co_await fetch(2));{{$}}
  flag ? fetch(3) : fetch(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // A conditional gets no fix-it: `co_await a ? b : c` would await `a`.
  // CHECK-FIXES: {{^}}  flag ? fetch(3) : fetch(4);{{$}}
  fetch(5), fetch(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  []() -> task<> { co_await send(1); }();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by this coroutine lambda is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  co_await []() -> task<> { co_await send(1); }();{{$}}
  pool.schedule(); // not a task
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'schedule' is never awaited [async-unawaited-task]
  // Only a lazy task gets co_await as a fix: awaiting an operation changes
  // where the coroutine continues, so that fix-it is on a note.
  // CHECK-FIXES: {{^}}  pool.schedule(); // not a task{{$}}
  after(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'after' is never awaited [async-unawaited-task]
  if (flag)
    send(7);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'send' is never awaited and never runs [async-unawaited-task]
  for (int i = 0; i < 3; ++i)
    fetch(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  co_return;
}

// Negative neighbours: the same calls, consumed.
task<int> awaits_in_coroutine(client &c, bool flag) {
  co_await fetch(1);
  co_await c.get("/users");
  int v = co_await fetch(2);
  co_await (flag ? fetch(3) : fetch(4));
  co_await pool.schedule();
  co_await after(10);
  co_await []() -> task<> { co_await send(1); }();
  (void)fetch(8); // explicit discard, allowed by default (AllowVoidCast)
  static_cast<void>(fetch(9));
  co_return co_await fetch(v);
}

// In an ordinary function the warning stays, without a fix-it.
void discards_in_function(client &c) {
  fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  fetch(1);{{$}}
  sync_wait(fetch(2)); // run to completion: fine
}

// A lambda inside a coroutine that is not itself a coroutine: no fix-it,
// `co_await` would be ill-formed there.
task<> lambda_in_coroutine() {
  auto fn = [] { send(1); };
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: task returned by 'send' is never awaited and never runs [async-unawaited-task]
  // CHECK-FIXES: {{^}}  auto fn = [] { send(1); };{{$}}
  fn();
  co_return;
}

// Forwarding from a non-coroutine: the task is the result.
task<int> forward(int id) { return fetch(id); }
// Handing it to something that runs or stores it.
void hand_off(client &c, async_scope &scope) {
  scope.spawn(send(1));
  c.member_ = fetch(1);
  c.pending_.push_back(fetch(2));
  c.keep(fetch(3));
  auto all = when_all(fetch(4), fetch(5));
  sync_wait(std::move(all));
}

// Not tasks: a synchronous generator, a future, a value.
void not_tasks() {
  numbers();
  fetch_sync(1);
  auto g = numbers();
  auto f = fetch_sync(2);
}

// ---- local variables -------------------------------------------------------

task<> never_awaited_local() {
  auto t = fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 't' is never awaited and never runs [async-unawaited-task]
  task<> s = send(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: task stored in 's' is never awaited and never runs [async-unawaited-task]
  auto op = pool.schedule();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: awaitable stored in 'op' is never awaited [async-unawaited-task]
  auto q = fetch(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'q' is never awaited and never runs [async-unawaited-task]
  if (q.is_ready()) // a const query does not consume the task
    co_return;
}

// `[[maybe_unused]]`: kept unused on purpose (a test of a trait that builds
// an awaiter and looks only at its type). Silent; a neighbour without the
// attribute is still reported.
void maybe_unused_locals() {
  [[maybe_unused]] auto t = fetch(1);
  [[maybe_unused]] auto op = pool.schedule();
  auto u = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'u' is never awaited and never runs [async-unawaited-task]
}
reftask::task<std::string> ref_name();
void maybe_unused_ref_locals() {
  [[maybe_unused]] auto r = ref_name();
  auto s = ref_name();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 's' is never awaited and never runs [async-unawaited-task]
}

void reassigned_local() {
  auto t = fetch(1);
  t = fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task stored in 't' is destroyed by this assignment before it was awaited [async-unawaited-task]
  sync_wait(std::move(t));
}

// Negative neighbours: every way of consuming a local task.
task<int> consumed_locals(client &c, async_scope &scope, bool flag) {
  auto a = fetch(1);
  int x = co_await std::move(a);            // awaited
  auto b = fetch(2);
  c.member_ = std::move(b);                 // stored in a member
  auto d = fetch(3);
  c.pending_.push_back(std::move(d));       // stored in a container
  auto e = send(4);
  scope.spawn(std::move(e));                // passed to a function
  auto f = fetch(5);
  auto g = [f = std::move(f)]() mutable -> task<int> { co_return co_await std::move(f); };
  auto h = fetch(6);
  auto k = [&h]() -> task<int> { co_return co_await std::move(h); }; // captured
  co_await g();
  co_await k();
  auto m = fetch(7);
  if (flag)
    m = fetch(8); // reassigned in a branch: order unknown, stay silent
  x += co_await std::move(m);
  task<int> empty;                          // not created from a call
  auto r = fetch(9);
  co_return x + co_await std::move(r);      // returned
}

// A task moved out of a variable that was awaited has nothing left to run
// (a generator awaited to its end, then moved); moved out of one that was
// not, it is the new variable's to await.
task<> moved_after_await() {
  auto t = fetch(1);
  co_await std::move(t);
  auto done = std::move(t); // silent
  auto u = fetch(2);
  auto v = std::move(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: task stored in 'v' is never awaited and never runs [async-unawaited-task]
}

task<int> returned_local() {
  auto t = fetch(1);
  co_return co_await std::move(t);
}

task<int> returned_from_function() {
  auto t = fetch(1);
  return t;                                 // not a coroutine: forwards it
}

// co_await is ill-formed in a catch handler: warning, no fix-it there; the
// try block still gets one.
task<> in_handler() {
  try {
    fetch(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
    // CHECK-FIXES: {{^}}    co_await fetch(1);{{$}}
  } catch (...) {
    fetch(2);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
    // CHECK-FIXES: {{^}}    fetch(2);{{$}}
  }
  co_return;
}

// The last statement of a GNU statement expression is its value, not a
// discard; the ones before it are discarded.
void statement_expression() {
  sync_wait(({
    fetch(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: task returned by 'fetch' is never awaited and never runs [async-unawaited-task]
    fetch(2);
  }));
}

// A promise's own hooks called by hand (a test driving a promise, a wrapper
// forwarding to an inner one) return the trivial awaiters the compiler
// would await at the start and end of a frame: nothing is lost when they are
// dropped. Their neighbour, an ordinary member of the same shape returning
// an awaiter, is still reported.
struct hand_promise {
  hand_promise *get_return_object() { return this; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_void() noexcept {}
  void unhandled_exception() noexcept {}
};
struct not_a_promise {
  std::suspend_always pause() noexcept { return {}; }
};

void drive_by_hand(hand_promise &p, not_a_promise &n) {
  p.initial_suspend(); // a promise hook: silent
  p.final_suspend();   // likewise
  n.pause();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: awaitable returned by 'pause' is never awaited [async-unawaited-task]
}
