// RUN: %check_async_tidy %s async-sequential-awaits %t -- -I %inputs
//
// Dependences through aliases (issue 12, false positive 2). Each negative
// (silent) case is dependent although its awaits name different variables;
// beside it, the same shape without the dependence stays a finding.

#include "ordering_fixtures.h"

// A structured binding's names are the awaited value's parts.
task<int> binding_feeds_next() {
  auto [u, t] = co_await login();
  auto p = co_await posts(u); // silent: needs u from the first await
  co_return p + t;
}
task<int> binding_unused_by_next() {
  auto [u, t] = co_await login();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto p = co_await posts(7);
  co_return p + t + u;
}

// Members of `this`, written between the awaits.
struct client {
  int user = 0;
  std::string token;
  task<int> fetch_by_member();
  void refresh();
  task<int> run();
  task<int> run_independent();
};
task<int> client::run() {
  auto a = co_await fetch(1);
  user = 7; // silent: the next await reads `user` through `this`
  auto b = co_await fetch_by_member();
  co_return b;
}
task<int> client::run_independent() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await fetch_by_member();
  co_return a + b;
}
task<int> member_call_between(client &c) {
  auto a = co_await c.fetch_by_member();
  c.refresh(); // silent: changes the object the next await reads
  auto b = co_await c.fetch_by_member();
  co_return a + b;
}

// Writes through a reference or a pointer to the variable the next await
// reads.
task<int> through_reference() {
  int id = 1;
  int &alias = id;
  auto a = co_await fetch(2);
  alias = 3; // silent: writes id
  auto b = co_await fetch(id);
  co_return b;
}
task<int> through_pointer() {
  int id = 1;
  int *p = &id;
  auto a = co_await fetch(2);
  *p = 3; // silent: writes id
  auto b = co_await fetch(id);
  co_return b;
}
task<int> reference_to_another_variable() {
  int id = 1, other = 2;
  int &alias = other;
  auto a = co_await fetch(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  alias = 5; // writes other, which neither await reads
  auto b = co_await fetch(id);
  co_return a + b + other;
}

// Views of one buffer.
task<int> span_then_buffer() {
  std::vector<int> buffer(16);
  std::span<int> view(buffer);
  auto n = co_await fill(view); // writes the buffer through the span
  auto sum = co_await checksum(buffer); // silent: reads what fill wrote
  co_return n + sum;
}
task<int> string_view_of_a_string() {
  std::string text = "abc";
  std::string_view sv = text;
  auto a = co_await fetch(1);
  text += "d"; // silent: changes what sv shows
  auto b = co_await measure(sv);
  co_return a + b;
}

// A lambda capturing by reference, called between the awaits.
task<int> lambda_between() {
  int page = 1;
  auto next_page = [&] { ++page; };
  auto a = co_await fetch(page);
  next_page(); // silent: writes page
  auto b = co_await fetch(page * 10);
  co_return a + b;
}

// A global written by a call between the awaits.
task<int> global_written_between() {
  auto a = co_await fetch(1);
  select_region(2); // silent: writes g_region, which fetch_region reads
  auto b = co_await fetch_region();
  co_return a + b;
}
task<int> global_assigned_between() {
  auto a = co_await fetch(1);
  g_region = 3; // silent: fetch_region reads g_region in a body not seen here
  auto b = co_await fetch_region();
  co_return a + b;
}
task<int> opaque_call_between() {
  auto a = co_await fetch(1);
  reconfigure(); // silent: no body here, it may change what the next reads
  auto b = co_await fetch(2);
  co_return a + b;
}

// Two awaits on one stateful object.
task<int> insert_then_last_id(database &db) {
  auto ok = co_await db.insert(42);
  auto id = co_await db.last_id(); // silent: the id of the row just inserted
  co_return ok + id;
}
task<int> two_reads_of_one_object(database &db) {
  auto a = co_await db.get(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto b = co_await db.get(2); // reads only: still independent
  co_return a + b;
}
