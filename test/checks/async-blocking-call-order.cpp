// The transitive result must not depend on which coroutine is analysed
// first: the same call cycle, entered from either end.
// The cycle reaches its blocking call through branches, which a chain
// follows only with ConditionalChains.
// RUN: %check_async_tidy %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ConditionalChains: true}}" -- -I %inputs
// RUN: %check_async_tidy --check-suffix=SWAPPED %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.ConditionalChains: true}}" -- -I %inputs -DSWAPPED

#include "cppcoro_like.h"
#include <unistd.h>

using cppcoro::task;

// ping and pong call each other; only pong blocks. Searching from pong
// meets ping while pong is still being searched: ping's "nothing found" at
// that moment is about this search only, not an answer for ping.
void pong(int n);
void ping(int n) { if (n) pong(n - 1); }
void pong(int n) { if (n) ping(n - 1); ::usleep(1); }
void wrap() { ping(2); } // three calls down to the usleep

#ifndef SWAPPED
task<> from_wrap() {
  wrap();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'wrap' blocks the event loop inside coroutine 'from_wrap' [async-blocking-call]
  co_return;
}
task<> from_pong() {
  pong(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'pong' blocks the event loop inside coroutine 'from_pong' [async-blocking-call]
  co_return;
}
#else
task<> from_pong() {
  pong(2);
  // CHECK-MESSAGES-SWAPPED: :[[@LINE-1]]:3: warning: call to 'pong' blocks the event loop inside coroutine 'from_pong' [async-blocking-call]
  co_return;
}
task<> from_wrap() {
  wrap();
  // CHECK-MESSAGES-SWAPPED: :[[@LINE-1]]:3: warning: call to 'wrap' blocks the event loop inside coroutine 'from_wrap' [async-blocking-call]
  co_return;
}
#endif
