// RUN: %check_async_tidy %s async-await-in-loop %t -- -I %inputs
// RUN: %check_async_tidy --check-suffix=GATHER %s async-await-in-loop %t \
// RUN:   --config="{CheckOptions: {async-await-in-loop.GatherFunction: 'cppcoro::when_all'}}" -- -I %inputs

#include "cppcoro_like.h"
#include <string>
#include <vector>

using cppcoro::task;

struct page {
  std::string body;
  std::string next;
};
struct result {
  bool ok;
  int value;
};
task<std::string> fetch_page(int i);
task<page> fetch_cursor(std::string cursor);
task<int> fetch(int id);
task<result> try_fetch(int id);
task<> send(int value);
task<> sleep_ms(int ms);
struct session {
  task<std::string> get(const std::string &url);
};
struct stream {
  task<std::string> recv();
  task<int> poll();
};
enum class push_result { pushed, closed };
struct channel {
  task<push_result> push(int v);
  task<bool> offer(int v);
};
struct async_gen {
  task<int *> next();
};

// Positives: iterations that do not depend on each other. The warning is on
// the first await, the note on the loop.

task<std::vector<std::string>> pages(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(co_await fetch_page(i));
    // CHECK-NOTES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: no iteration of this loop uses another's result; collect the tasks and await them together{{$}}
    // CHECK-NOTES-GATHER: :[[@LINE-3]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
    // CHECK-NOTES-GATHER: :[[@LINE-5]]:3: note: no iteration of this loop uses another's result; collect the tasks and await them together with 'cppcoro::when_all'
  }
  co_return out;
}

task<int> range_for(std::vector<int> ids) {
  int total = 0;
  for (int id : ids)
    total += co_await fetch(id); // an accumulator is written, not read by fetch
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: each iteration waits
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no iteration
  // CHECK-NOTES-GATHER: :[[@LINE-3]]:14: warning: each iteration waits
  // CHECK-NOTES-GATHER: :[[@LINE-5]]:3: note: no iteration
  co_return total;
}

struct item {
  int id;
  int value;
};
task<> fill_in_place(std::vector<item> &items) {
  for (auto &it : items)
    it.value = co_await fetch(it.id); // writes its own element only
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: each iteration waits
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no iteration
  // CHECK-NOTES-GATHER: :[[@LINE-3]]:16: warning: each iteration waits
  // CHECK-NOTES-GATHER: :[[@LINE-5]]:3: note: no iteration
}

task<> same_object_per_url(session &s, std::vector<std::string> urls) {
  std::vector<std::string> bodies;
  for (const auto &url : urls) {
    auto body = co_await s.get(url);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: each iteration waits
    // CHECK-NOTES: :[[@LINE-3]]:3: note: no iteration
    // CHECK-NOTES-GATHER: :[[@LINE-3]]:17: warning: each iteration waits
    // CHECK-NOTES-GATHER: :[[@LINE-5]]:3: note: no iteration
    if (body.empty())
      continue; // skipping the rest of one iteration is fine
    bodies.push_back(body);
  }
}

task<int> chain_inside_iteration(std::vector<int> ids) {
  int sum = 0;
  for (int id : ids) {
    int a = co_await fetch(id);
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: each iteration waits
    // CHECK-NOTES: :[[@LINE-3]]:3: note: no iteration
    // CHECK-NOTES-GATHER: :[[@LINE-3]]:13: warning: each iteration waits
    // CHECK-NOTES-GATHER: :[[@LINE-5]]:3: note: no iteration
    sum += co_await fetch(a); // depends on this iteration only
  }
  co_return sum;
}

// Negative neighbours: each must stay silent.

task<std::vector<std::string>> cursor_pagination() {
  std::vector<std::string> out;
  std::string cursor;
  do {
    page p = co_await fetch_cursor(cursor); // needs the previous page
    out.push_back(p.body);
    cursor = p.next;
  } while (!cursor.empty());
  co_return out;
}

task<int> retries(int id) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    result r = co_await try_fetch(id);
    if (r.ok)
      co_return r.value; // ends on a result
  }
  co_return -1;
}

task<int> search(std::vector<int> ids) {
  for (int id : ids) {
    int v = co_await fetch(id);
    if (v > 10)
      break; // ends on a result
  }
  co_return 0;
}

task<int> exits_on_result() {
  bool done = false;
  int i = 0;
  while (!done) {
    result r = co_await try_fetch(i);
    done = r.ok; // the condition reads what the iteration computed
  }
  co_return i;
}

task<> draining(stream &conn, int n) {
  std::vector<std::string> msgs;
  for (int i = 0; i < n; ++i)
    msgs.push_back(co_await conn.recv()); // the next message each time
}

task<int> polling(stream &conn) {
  int sum = 0;
  for (int i = 0; i < 3; ++i)
    sum += co_await conn.poll(); // the same call: nothing varies
  co_return sum;
}

task<> ticks(int n) {
  for (int i = 0; i < n; ++i) {
    co_await sleep_ms(100); // a periodic tick: pacing is the point
    int v = co_await fetch(i);
    (void)v;
  }
}

task<> sends(std::vector<int> values) {
  for (int v : values)
    co_await send(v); // void: the order of sends matters
}

task<> status_results(channel &ch, std::vector<int> values) {
  int closed = 0;
  for (int v : values) // pushes report a status, not data: ordered effects
    closed += co_await ch.push(v) == push_result::closed;
  for (int v : values)
    closed += co_await ch.offer(v) ? 0 : 1;
}

task<int> generator_next(async_gen &gen) {
  int sum = 0;
  for (int i = 0; i < 3; ++i) {
    int *v = co_await gen.next();
    sum += v ? *v : 0;
  }
  co_return sum;
}

task<int> carried_through_argument() {
  int last = 0;
  for (int i = 0; i < 3; ++i)
    last = co_await fetch(last + i); // reads the previous result
  co_return last;
}

task<int> already_gathered(std::vector<int> ids) {
  std::vector<task<int>> jobs;
  for (int id : ids)
    jobs.push_back(fetch(id)); // no await in the loop
  auto values = co_await cppcoro::when_all(std::move(jobs));
  co_return static_cast<int>(values.size());
}

task<int> infinite_loop() {
  int i = 0;
  for (;;) {
    int v = co_await fetch(i++);
    if (v == 0)
      co_return i;
  }
}

task<int> inner_loop_reports_not_outer(std::vector<std::vector<int>> rows) {
  int sum = 0;
  for (auto &row : rows)
    for (int id : row)
      sum += co_await fetch(id);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: each iteration waits
  // CHECK-NOTES: :[[@LINE-3]]:5: note: no iteration
  // CHECK-NOTES-GATHER: :[[@LINE-3]]:14: warning: each iteration waits
  // CHECK-NOTES-GATHER: :[[@LINE-5]]:5: note: no iteration
  co_return sum;
}

task<int> in_lambda(std::vector<int> ids) {
  int sum = 0;
  for (int id : ids) {
    auto f = [id]() -> task<int> { co_return co_await fetch(id); };
    sum += id; // the loop itself does not await
    (void)f;
  }
  co_return sum;
}

// Not a coroutine: there is no co_await to report.
int plain_loop(std::vector<int> ids) {
  int s = 0;
  for (int id : ids)
    s += id;
  return s;
}
