// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

// Blocking calls the default list used to miss, each beside a neighbour of
// the same shape that does not block.

#include "cppcoro_like.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <latch>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace std::chrono_literals;
using cppcoro::task;

namespace rt {
template <typename T> T block_on(cppcoro::task<T> &&t);
template <typename T> T syncAwait(cppcoro::task<T> &&t);
template <typename T> T start(cppcoro::task<T> &&t); // not a driver
} // namespace rt
namespace boost::cobalt {
template <typename T> T run(cppcoro::task<T> t);
} // namespace boost::cobalt
task<int> fetch(int);

task<> waits(std::atomic<int> &flag, std::latch &done, std::future<int> &f,
             std::shared_future<int> &sf) {
  flag.wait(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::atomic::wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  flag.notify_one(); // wakes others, does not wait
  done.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::latch::arrive_and_wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  done.count_down(); // does not wait
  f.wait_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::wait_for' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  f.wait_until(std::chrono::steady_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::wait_until' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  sf.wait_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_future::wait_for' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  co_return;
}

task<> console(std::istringstream &text) {
  int n = 0;
  std::cin >> n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::cin' blocks the event loop inside coroutine 'console' [async-blocking-call]
  std::string line;
  std::getline(std::cin, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::getline' blocks the event loop inside coroutine 'console' [async-blocking-call]
  text >> n;                   // an in-memory stream: fine
  std::getline(text, line);
  std::cout << n;              // console output is not in the list
  co_return;
}

task<> stdio(std::FILE *f) {
  std::fflush(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fflush' blocks the event loop inside coroutine 'stdio' [async-blocking-call]
  std::fflush(stdout);         // console output, like printf: not in the list
  std::fflush(stderr);
  std::FILE *tmp = std::tmpfile();
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'tmpfile' blocks the event loop inside coroutine 'stdio' [async-blocking-call]
  (void)tmp;
  co_return;
}

task<> lambda_variable() {
  auto nap = [] { ::usleep(1); };
  auto pure = [](int x) { return x + 1; };
  nap();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'nap' blocks the event loop inside coroutine 'lambda_variable' [async-blocking-call]
  pure(1); // nothing blocking: silent
  co_return;
}

task<> nested_loops() {
  rt::block_on(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::block_on' blocks the event loop inside coroutine 'nested_loops' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  // The drivers the driven-coroutine rule knows block here too (one list).
  rt::syncAwait(fetch(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rt::syncAwait' blocks the event loop inside coroutine 'nested_loops' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await fetch(3);{{$}}
  boost::cobalt::run(fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::cobalt::run' blocks the event loop inside coroutine 'nested_loops' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await fetch(4);{{$}}
  // CHECK-FIXES: {{^}}  rt::start(fetch(5)); // not a driver: silent{{$}}
  rt::start(fetch(5)); // not a driver: silent
  co_await fetch(2);
}
