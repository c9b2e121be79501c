// Defaults:
// RUN: %check_async_tidy %s async-blocking-call %t -- -I %runtime_include
// Every option changed at once (OffloadFunctions replaces the default list):
// RUN: %check_async_tidy --check-suffix=OPTS %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.AllowedFunctions: '::usleep', async-blocking-call.BlockingFunctions: 'legacy::read_all', async-blocking-call.OffloadFunctions: '*::to_thread;pool::run_later', async-blocking-call.FlagMutexLock: true, async-blocking-call.Replacements: '::std::this_thread::sleep_for=aio::sleep_for;::sleep=nowhere::sleep'}}" \
// RUN:   -- -I %runtime_include
// RUN: %clangxx -fsyntax-only -std=c++20 -I %runtime_include %t.cpp

#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <chrono>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

namespace legacy {
int read_all(int fd);
}
namespace pool {
template <typename F> void run_later(F f) { (void)f; } // schedules f elsewhere
}

std::mutex m;

aio::task<> handler() {
  std::this_thread::sleep_for(20ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-MESSAGES-OPTS: :[[@LINE-2]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // The replacement's fix-it is on the note (it may change meaning), so
  // --fix leaves the line alone (async-blocking-call-fixes.cpp applies it).
  // CHECK-FIXES-OPTS: {{^}}  std::this_thread::sleep_for(20ms);{{$}}
  ::sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-MESSAGES-OPTS: :[[@LINE-2]]:3: warning: 'sleep' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // The configured replacement does not exist, so no fix-it (only a note).
  // CHECK-FIXES-OPTS: {{^}}  ::sleep(1);{{$}}
  ::usleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  legacy::read_all(0);
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:3: warning: 'legacy::read_all' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  pool::run_later([] { ::sleep(2); });
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'sleep' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  co_await aio::to_thread([] { ::sleep(3); }); // offloaded by default
  std::lock_guard lock(m);
  // CHECK-MESSAGES-OPTS: :[[@LINE-1]]:19: warning: 'std::lock_guard' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  co_await aio::sleep_for(1ms);
}
