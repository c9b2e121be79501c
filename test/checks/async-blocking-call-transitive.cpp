// The cycles below reach their blocking call through a branch, which a
// chain follows only with ConditionalChains (the default is tested in
// async-blocking-call-conditional-chains.cpp).
// RUN: %check_async_tidy %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ConditionalChains: true}}" -- -I %inputs
// A smaller depth stops following the chain earlier:
// RUN: %check_async_tidy --check-suffix=DEPTH1 %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.TransitiveDepth: 1, async-blocking-call.ConditionalChains: true}}" -- -I %inputs

#include "cppcoro_like.h"
#include <unistd.h>

using cppcoro::task;

void read_config() { ::sleep(1); }
void load() { read_config(); }
void startup() { load(); }
void deep3() { startup(); } // four calls down to the sleep
int pure(int x) { return x + 1; }
void even(int n);
void odd(int n) { if (n) even(n - 1); }
void even(int n) { if (n) odd(n - 1); }  // a cycle without blocking calls
void cycle_then_block(int n) { if (n) cycle_then_block(n - 1); else ::usleep(1); }

task<> serve() {
  read_config();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'read_config' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-13]]:22: note: 'read_config' calls blocking 'sleep' here
  // CHECK-NOTES-DEPTH1: :[[@LINE-3]]:3: warning: call to 'read_config' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES-DEPTH1: :[[@LINE-15]]:22: note: 'read_config' calls blocking 'sleep' here
  // Two functions down: found at the default depth (3), not at depth 1.
  load();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'load' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-18]]:15: note: 'load' calls 'read_config' here
  // CHECK-NOTES: :[[@LINE-20]]:22: note: 'read_config' calls blocking 'sleep' here
  startup();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'startup' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-21]]:18: note: 'startup' calls 'load' here
  // CHECK-NOTES: :[[@LINE-23]]:15: note: 'load' calls 'read_config' here
  // CHECK-NOTES: :[[@LINE-25]]:22: note: 'read_config' calls blocking 'sleep' here
  deep3();   // four functions down, beyond the default depth: silent
  pure(1);   // nothing blocking: silent
  odd(4);    // a cycle with nothing blocking: silent, and terminates
  cycle_then_block(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'cycle_then_block' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-23]]:69: note: 'cycle_then_block' calls blocking 'usleep' here
  // CHECK-NOTES-DEPTH1: :[[@LINE-3]]:3: warning: call to 'cycle_then_block' blocks the event loop inside coroutine 'serve' [async-blocking-call]
  // CHECK-NOTES-DEPTH1: :[[@LINE-25]]:69: note: 'cycle_then_block' calls blocking 'usleep' here
  co_return;
}

// The same helpers from an ordinary function: silent.
void not_a_coroutine() { load(); startup(); }

// An awaiter's await_resume runs once the operation is complete: a join
// there waits for work that has finished. A combinator that calls it by
// hand when await_ready() says the result is there is not followed into
// it; a member that blocks under another name still is.
struct worker_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() { ::sleep(1); } // stands for thread::join
  void drain() { ::sleep(1); }
};

task<> combine(worker_awaiter aw) {
  if (aw.await_ready())
    aw.await_resume(); // silent
  else
    co_await aw;
  aw.drain();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'drain' blocks the event loop inside coroutine 'combine' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-10]]:18: note: 'drain' calls blocking 'sleep' here
  // CHECK-NOTES-DEPTH1: :[[@LINE-3]]:3: warning: call to 'drain' blocks the event loop inside coroutine 'combine' [async-blocking-call]
  // CHECK-NOTES-DEPTH1: :[[@LINE-12]]:18: note: 'drain' calls blocking 'sleep' here
}
