// RUN: %check_async_tidy %s async-await-in-loop %t -- -I %inputs
//
// Loop-carried state the def/use analysis sees only through aliases
// (issue 12, false positive 2). Each silent loop carries state from one
// iteration to the next; beside it, the same loop without that stays a
// finding.

#include "ordering_fixtures.h"

// A stateful object: each insert changes the database the next one uses.
task<> insert_rows(database &db, const std::vector<int> &rows,
                   std::vector<int> &ids) {
  for (int row : rows)
    ids.push_back(co_await db.insert(row)); // silent: db carries state
}
task<> read_rows(database &db, const std::vector<int> &keys,
                 std::vector<int> &out) {
  for (int key : keys)
    out.push_back(co_await db.get(key));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
}

// A member of `this` written by one iteration and read by the next.
struct crawler {
  int last = 0;
  task<int> fetch_after(int i); // reads `last` through `this`
  task<> crawl(int n);
  task<> crawl_independent(int n);
};
task<> crawler::crawl(int n) {
  for (int i = 0; i < n; ++i) {
    auto v = co_await fetch_after(i); // silent: reads last, set below
    last = v;
  }
}
task<> crawler::crawl_independent(int n) {
  std::vector<int> seen;
  for (int i = 0; i < n; ++i) {
    auto v = co_await fetch(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
    seen.push_back(v);
  }
}

// A lambda that captured an accumulator by reference, called each
// iteration.
task<int> through_lambda(int n) {
  int offset = 0;
  auto advance = [&](int by) { offset += by; };
  for (int i = 0; i < n; ++i) {
    auto v = co_await fetch(i + offset); // silent: offset is carried
    advance(v);
  }
  co_return offset;
}

// A reference to a variable declared outside the loop.
task<int> through_reference(int n) {
  int cursor = 0;
  int &at = cursor;
  for (int i = 0; i < n; ++i) {
    auto v = co_await fetch(i + cursor); // silent: `at` writes cursor
    at = v;
  }
  co_return cursor;
}
