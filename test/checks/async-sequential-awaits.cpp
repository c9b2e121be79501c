// RUN: %check_async_tidy %s async-sequential-awaits %t -- -I %inputs
// With a gather function configured, runs of `auto x = co_await f()` get a
// fix-it on a note (it reorders work and changes what runs after a throw),
// which --fix does not apply: the fixed file keeps the awaits. The fix-it
// itself is tested in async-sequential-awaits-fix.cpp.
// RUN: %check_async_tidy --check-suffix=FIX %s async-sequential-awaits %t \
// RUN:   --config="{CheckOptions: {async-sequential-awaits.GatherFunction: 'gather'}}" -- -I %inputs
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs %t.cpp

#include "cppcoro_like.h"
#include <cstdio>
#include <string>
#include <tuple>

using cppcoro::task;

struct user {
  int id;
};
task<int> fetch(int id);
task<std::string> fetch_name(int id);
task<user> fetch_user(int id);
task<int> fetch_posts(int user_id);
task<> send(int value);
task<int> fill(int &out);
template <typename... T> task<std::tuple<T...>> gather(task<T>... tasks);

// They only print: a call of either between two awaits keeps them
// independent.
inline void log_line(const char *text) { std::puts(text); }
inline void log_value(int value) { std::printf("%d\n", value); }

struct session {
  task<std::string> get(const char *url);
};
struct stream {
  task<std::string> recv();
};

task<int> independent() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 3 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:12: warning: 3 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await fetch(2);
  auto c = co_await fetch_name(3);
  // CHECK-FIXES-FIX: {{^}}  auto a = co_await fetch(1);{{$}}
  // CHECK-FIXES-FIX: {{^}}  auto b = co_await fetch(2);{{$}}
  // CHECK-FIXES-FIX: {{^}}  auto c = co_await fetch_name(3);{{$}}
  co_return a + b + static_cast<int>(c.size());
}

task<> same_object_different_arguments(session &s) {
  auto page1 = co_await s.get("/page/1");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:16: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto page2 = co_await s.get("/page/2");
  // CHECK-FIXES-FIX: {{^}}  auto page1 = co_await s.get("/page/1");{{$}}
  co_return;
}

// Negative neighbours: each must stay silent.
task<int> dependent_chain() {
  user u = co_await fetch_user(1);
  int posts = co_await fetch_posts(u.id); // needs u
  co_return posts;
}

task<> void_awaits() {
  co_await send(1); // sends: order matters, nothing to gather
  co_await send(2);
}

task<> stream_reads(stream &conn) {
  auto first = co_await conn.recv();  // the next message, then the next
  auto second = co_await conn.recv();
  co_return;
}

task<int> repeated_identical_call() {
  auto x = co_await fetch(1);
  auto y = co_await fetch(1);
  co_return x + y;
}

task<int> out_parameter() {
  int filled = 0;
  auto n = co_await fill(filled);
  auto m = co_await fetch(filled); // reads what fill wrote
  co_return n + m;
}

task<int> already_gathered() {
  auto [a, b] = co_await gather(fetch(1), fetch(2));
  co_return a + b;
}

enum class produce_result { produced, stopped };
struct ring_buffer {
  task<produce_result> store(int v); // not in OrderedFunctions
};
task<> status_results(ring_buffer &rb) {
  auto p1 = co_await rb.store(1);   // a status: the order of effects matters
  auto p2 = co_await rb.store(2);
  (void)p1;
  (void)p2;
}

task<int> two_gathers_in_a_row() {
  auto [a, b] = co_await gather(fetch(1), fetch(2)); // each already concurrent
  auto [c, d] = co_await gather(fetch(3), fetch(4));
  co_return a + b + c + d;
}

task<int> statement_between() {
  auto a = co_await fetch(1);
  if (a < 0)            // control depends on the first result
    co_return 0;
  auto b = co_await fetch(2);
  co_return a + b;
}

task<int> single() { co_return co_await fetch(1); }

// Assignments form runs too (no fix-it: the variables already exist).
task<int> assigned() {
  int a = 0, b = 0;
  a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:7: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  b = co_await fetch(2);
  // CHECK-FIXES-FIX: {{^}}  b = co_await fetch(2);{{$}}
  co_return a + b;
}

// A statement between the awaits that neither suspends, nor leaves, nor
// touches their results keeps the run (no fix-it: it is not contiguous).
task<int> independent_statement_between() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  log_line("between");
  auto b = co_await fetch(2);
  // CHECK-FIXES-FIX: {{^}}  auto a = co_await fetch(1);{{$}}
  // CHECK-FIXES-FIX: {{^}}  auto b = co_await fetch(2);{{$}}
  co_return a + b;
}

// A statement after the run does not cost it the fix-it.
task<int> statement_after_run() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:12: warning: 2 independent awaits
  auto b = co_await fetch(2);
  // CHECK-FIXES-FIX: {{^}}  auto b = co_await fetch(2);{{$}}
  log_line("after");
  co_return a + b;
}

// Printing the first result between the awaits does not make the second
// depend on it.
task<int> between_prints_result() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  // CHECK-MESSAGES-FIX: :[[@LINE-2]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  log_value(a);
  auto b = co_await fetch(2);
  co_return a + b;
}

task<int> between_declares_input() {
  auto a = co_await fetch(1);
  int k = 2; // written between: the second call reads it
  auto b = co_await fetch(k);
  co_return a + b;
}

task<int> early_exit_not_on_result(bool cancelled) {
  auto a = co_await fetch(1);
  if (cancelled) // the second await is conditional
    co_return a;
  auto b = co_await fetch(2);
  co_return a + b;
}

task<int> void_await_between() {
  auto a = co_await fetch(1);
  co_await send(a);
  auto b = co_await fetch(2);
  co_return a + b;
}

task<int> member_written_between(session &s) {
  auto a = co_await s.get("/a");
  s = session{}; // the object the next call uses is replaced
  auto b = co_await s.get("/b");
  co_return static_cast<int>(a.size() + b.size());
}
