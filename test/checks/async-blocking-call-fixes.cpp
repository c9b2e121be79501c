// RUN: %check_async_tidy %s async-blocking-call %t \
// RUN:   --config="{CheckOptions: {async-blocking-call.Replacements: '::std::this_thread::sleep_for=aio::sleep_for;::std::future::get=aio::wait_future'}}" \
// RUN:   -- -I %runtime_include
// RUN: %clangxx -fsyntax-only -std=c++20 -I %runtime_include %t.cpp
// The note's fix-it, applied on request (--fix-notes), compiles:
// RUN: sed -e 's#// CHECK.*##' %s > %t.notes.cpp
// RUN: %asynclint_tidy --checks='-*,async-blocking-call' --fix-notes --quiet \
// RUN:   --config="{CheckOptions: {async-blocking-call.Replacements: '::std::this_thread::sleep_for=aio::sleep_for;::std::future::get=aio::wait_future'}}" \
// RUN:   %t.notes.cpp -- -std=c++20 -I %runtime_include
// RUN: FileCheck --check-prefix=NOTEFIX %s < %t.notes.cpp
// RUN: %clangxx -fsyntax-only -std=c++20 -I %runtime_include %t.notes.cpp

// A replacement suspends where the original blocked: other tasks run in
// between, so the meaning may change. Its fix-it is on the note (applied
// only on request, shown as unsafe), never on the warning. A blocking
// member call (`fut.get()`) gets no fix-it: replacing its callee would drop
// the object it is called on.

#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <future>
#include <thread>

using namespace std::chrono_literals;

namespace aio {
task<int> wait_future(std::future<int> &f);
}

aio::task<> handler(std::future<int> fut) {
  std::this_thread::sleep_for(20ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await aio::sleep_for' instead
  // The warning's fix-it is not applied by --fix:
  // CHECK-FIXES: {{^}}  std::this_thread::sleep_for(20ms);{{$}}
  // NOTEFIX: {{^}}  co_await aio::sleep_for(20ms);{{$}}
  int v = fut.get();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'std::future::get' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: use 'co_await aio::wait_future' instead
  // CHECK-FIXES: {{^}}  int v = fut.get();{{$}}
  // NOTEFIX: {{^}}  int v = fut.get();{{$}}
  (void)v;
  co_await aio::sleep_for(1ms);
}
