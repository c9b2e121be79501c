// The gather fix-it is on a note (unsafe: see the check's doc), so it is
// applied here with --fix-notes:
// RUN: %check_async_tidy %s async-sequential-awaits %t \
// RUN:   --config="{CheckOptions: {async-sequential-awaits.GatherFunction: 'aio::gather'}}" \
// RUN:   --fix-notes -- -I %runtime_include
// The fixed file still compiles with the real aio::gather:
// RUN: %clangxx -fsyntax-only -std=c++20 -I %runtime_include %t.cpp

#include <aio/gather.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <string>

aio::task<std::string> fetch(std::string what);
aio::task<int> count(int n);

aio::task<std::size_t> sequential() {
  auto a = co_await fetch("a");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 3 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await fetch("b");
  auto n = co_await count(3);
  // CHECK-FIXES: {{^}}  auto [a, b, n] = co_await aio::gather(fetch("a"), fetch("b"), count(3));{{$}}
  co_return a.size() + b.size() + static_cast<std::size_t>(n);
}

// Negative neighbours.
aio::task<std::size_t> concurrent() {
  auto [a, b] = co_await aio::gather(fetch("a"), fetch("b"));
  co_return a.size() + b.size();
}

aio::task<int> paced() {
  using namespace std::chrono_literals;
  auto a = co_await count(1);
  co_await aio::sleep_for(1ms); // a void await ends the run
  auto b = co_await count(2);
  co_return a + b;
}

aio::task<int> dependent() {
  auto a = co_await count(1);
  auto b = co_await count(a);
  co_return b;
}
