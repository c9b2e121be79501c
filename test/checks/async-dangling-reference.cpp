// RUN: %check_async_tidy %s async-dangling-reference %t -- -I %inputs

// A lazy task keeps its reference parameters (and a coroutine lambda keeps
// its closure) until it runs; reported only where the referent dies first.
// On the cppcoro-style fixture: task<T> is lazy (suspend_always).
#include "cppcoro_like.h"
#include "eager_tasks.h"
#include "ref_task.h"

#include <functional>
#include <atomic>
#include <future>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using cppcoro::task;

struct config {
  int retries = 0;
};

// Declared only: a function returning a lazy task is assumed a coroutine.
task<int> fetch(const std::string &name);
task<int> load(const config &cfg) { co_return cfg.retries; }
task<int> by_value(std::string name) { co_return static_cast<int>(name.size()); }
task<int> view(std::string_view name) { co_return static_cast<int>(name.size()); }
task<int> sum(std::span<const int> xs) { co_return static_cast<int>(xs.size()); }
task<int> unused(const std::string &) { co_return 0; }
task<int> unused_named(const std::string &name, int n) { co_return n; }
// Not a coroutine: it copies the string before it returns.
task<int> forwarding(const std::string &name) { return by_value(name); }
task<int> count(std::reference_wrapper<int> n) { co_return n.get(); }
eager::started<int> launch(const std::string &name);

task<> temporaries(std::vector<task<int>> &tasks) {
  auto t = fetch(std::string("x"));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: temporary destroyed at the end of this full-expression
  tasks.push_back(load(config{}));
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: task 'load' may outlive the temporary bound to its reference parameter 'cfg' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: temporary destroyed at the end of this full-expression
  auto lit = fetch("literal"); // converted to a temporary std::string
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:20: note: temporary destroyed at the end of this full-expression
  auto v = view(std::string("x"));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'view' may outlive the temporary viewed by its parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: temporary destroyed at the end of this full-expression
  auto s = sum(std::vector<int>{1, 2});
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'sum' may outlive the temporary viewed by its parameter 'xs' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: temporary destroyed at the end of this full-expression
  auto all = cppcoro::when_all(fetch(std::string("a")));
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:38: note: temporary destroyed at the end of this full-expression
  co_await std::move(t);
  co_await std::move(lit);
  co_await std::move(v);
  co_await std::move(s);
  co_await std::move(all);
}

// Negative neighbours: the same calls where nothing dies first.
task<> temporaries_ok(std::vector<task<int>> &tasks) {
  int a = co_await fetch(std::string("x")); // awaited in the full-expression
  auto [b] = co_await cppcoro::when_all(fetch(std::string("a")));
  int c = co_await load(config{});
  auto d = by_value(std::string("x"));  // a by-value parameter is a copy
  auto e = view("literal");             // a literal lives forever
  auto f = view(std::string_view("x")); // a view of a literal
  auto g = unused(std::string("x"));    // the parameter is never used
  auto g2 = unused_named(std::string("x"), 1);
  auto h = forwarding(std::string("x")); // not a coroutine
  auto i = launch(std::string("x"));    // eager: not reported (see the doc)
  fetch(std::string("x")); // discarded: never runs (async-unawaited-task)
  if (tasks.empty())
    fetch(std::string("x"));
  else
    (void)load(config{});
  for (int k = 0; k < 1; fetch(std::string("x")), ++k)
    load(config{});
  std::string name = "x";
  auto j = fetch(name); // a named local lives to the end of the block
  tasks.push_back(load(tasks.empty() ? config{} : config{1}) );
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: task 'load' may outlive the temporary bound to its reference parameter 'cfg' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: temporary destroyed at the end of this full-expression
  co_await std::move(d);
  co_await std::move(j);
  (void)a, (void)b, (void)c, (void)e, (void)f, (void)g, (void)g2, (void)h, (void)i;
}

// A blocking driver runs the task to completion in the full-expression.
int blocking() {
  return cppcoro::sync_wait(fetch(std::string("x"))) +
         cppcoro::sync_wait(load(config{}));
}

// A coroutine lambda called on its temporary closure: the captures live in
// the closure, which dies at the end of the full-expression.
task<> lambdas(int x) {
  int local = 1;
  auto t = [x]() -> task<int> { co_return x; }();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task of this coroutine lambda may outlive its temporary closure, which holds its captures [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:13: note: 'x' lives in the closure, which is destroyed at the end of the full-expression
  auto r = [&]() -> task<int> { co_return local + x; }();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task of this coroutine lambda may outlive its temporary closure, which holds its captures [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:43: note: 'local' lives in the closure, which is destroyed at the end of the full-expression
  auto u = [n = x + 1]() -> task<int> { co_return n; }();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task of this coroutine lambda may outlive its temporary closure, which holds its captures [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:13: note: 'n' lives in the closure, which is destroyed at the end of the full-expression
  co_await std::move(t);
  co_await std::move(r);
  co_await std::move(u);
}

task<> lambdas_ok(int x) {
  int a = co_await [x]() -> task<int> { co_return x; }(); // awaited
  auto f = [x]() -> task<int> { co_return x; };
  auto b = f(); // the closure outlives the task
  auto c = []() -> task<int> { co_return 1; }(); // nothing captured
  int d = cppcoro::sync_wait([x]() -> task<int> { co_return x; }());
  auto e = [x]() { return by_value(std::to_string(x)); }(); // not a coroutine
  auto g = [x]() -> task<int> { co_return 2; }(); // the capture is unused
  co_await std::move(b);
  co_await std::move(c);
  (void)a, (void)d, (void)e, (void)g;
}

// Handed to a function: it runs later, unless the function is a helper of
// the user's own that waits for it before returning.
void keep(task<int> t);
task<> spawn_joinable(task<int> &&t); // declared only: a sink
template <typename T> T drive(task<T> &&t) {
  return cppcoro::sync_wait(std::move(t));
}
void handed_over() {
  keep(fetch(std::string("x")));
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: temporary destroyed at the end of this full-expression
  auto joined = spawn_joinable(fetch(std::string("x")));
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:38: note: temporary destroyed at the end of this full-expression
  (void)joined;
}
void handed_over_ok() {
  std::string name = "x";
  auto joined = spawn_joinable(fetch(name)); // the task is moved, not kept
  int a = drive(fetch(std::string("x")));    // drive waits for it
  auto wait_here = [](task<int> t) {
    std::future<void> done;
    keep(std::move(t));
    done.wait();
  };
  wait_here(fetch(std::string("x")));
  (void)joined, (void)a;
}

// A helper that hands the task on and blocks on an atomic until it is done
// (as TooManyCooks' test_async_main does with std::atomic::wait): the task
// finishes before the full-expression ends. One that only hands it on does
// not wait.
void post_task(task<int> t, std::atomic<int> *done);
void run_and_wait(task<int> &&t) {
  std::atomic<int> done(0);
  post_task(std::move(t), &done);
  done.wait(0);
}
void run_and_forget(task<int> &&t) {
  std::atomic<int> done(0);
  post_task(std::move(t), &done);
}
reftask::task<int> ref_fetch(const std::string &name);
void post_ref_task(reftask::task<int> t, std::atomic_flag *done);
void run_ref_and_wait(reftask::task<int> &&t) {
  std::atomic_flag done;
  post_ref_task(std::move(t), &done);
  done.wait(false);
}
void atomic_waits() {
  run_and_wait(fetch(std::string("x")));        // silent: waits for it
  run_ref_and_wait(ref_fetch(std::string("y"))); // likewise
  run_and_forget(fetch(std::string("z")));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: temporary destroyed at the end of this full-expression
}

// Default arguments: their temporaries are created at the call.
task<int> greet(const std::string &who = "world") { co_return who.size(); }
task<int> greet_by_value(std::string who = "world") { co_return who.size(); }
task<> defaults() {
  auto t = greet();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'greet' may outlive the temporary bound to its reference parameter 'who' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: the default argument's temporary is destroyed at the end of this full-expression
  auto u = greet_by_value();
  int v = co_await greet();
  co_await std::move(t);
  co_await std::move(u);
  (void)v;
}

// A synchronous wait on what the task was handed to.
std::future<int> start_future(task<int> t);
int waited_future() {
  auto f = start_future(fetch(std::string("x")));
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:31: note: temporary destroyed at the end of this full-expression
  return start_future(fetch(std::string("y"))).get() + f.get();
}

// A member coroutine keeps `this`: called on a temporary object.
struct client {
  std::string host;
  task<int> fetch_host() { co_return static_cast<int>(host.size()); }
  task<int> constant() { co_return 1; }
  task<int> declared_only();
};
task<> temporary_objects() {
  auto t = client{"h"}.fetch_host();
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: task 'fetch_host' may outlive the temporary object it is called on [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: temporary destroyed at the end of this full-expression
  auto u = client{"h"}.constant();      // `this` is not used
  auto v = client{"h"}.declared_only(); // not known to be a coroutine
  client c{"h"};
  auto w = c.fetch_host();              // c outlives the task here
  int x = co_await client{"h"}.fetch_host();
  co_await std::move(t);
  (void)x;
}

// A coroutine lambda called through a variable: its reference parameters.
task<> named_lambda() {
  auto get = [](const std::string &s) -> task<int> {
    co_return static_cast<int>(s.size());
  };
  auto t = get(std::string("x"));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'get' may outlive the temporary bound to its reference parameter 's' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: temporary destroyed at the end of this full-expression
  int ok = co_await get(std::string("y"));
  // A generic lambda: checked on its specialization.
  auto generic_get = [](const auto &s) -> task<int> {
    co_return static_cast<int>(s.size());
  };
  auto u = generic_get(std::string("z"));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'generic_get' may outlive the temporary bound to its reference parameter 's' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: temporary destroyed at the end of this full-expression
  co_await std::move(t);
  co_await std::move(u);
  (void)ok;
}

// Never evaluated.
using fetched = decltype(fetch(std::string("x")));
static_assert(sizeof(load(config{})) > 0);
// What a member function does with the task is not known.
bool member_call() { return fetch(std::string("x")).is_ready(); }

// A task returned from the function whose local it refers to.
task<int> returns_local() {
  std::string name = "x";
  return fetch(name);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'name' is destroyed when the function returns here
}

task<int> returns_param(std::string name) {
  return fetch(name);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'fetch' may outlive parameter 'name' bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'name' is destroyed when the function returns here
}

struct named {
  std::string name;
  std::string &alias;
};
task<int> returns_member(named n) {
  if (n.name.empty())
    return fetch(n.alias); // a reference member: another object
  return fetch(n.name);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'fetch' may outlive parameter 'n' bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'n' is destroyed when the function returns here
}

task<int> returns_ref() {
  int n = 1;
  return count(std::ref(n));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'count' may outlive local variable 'n' bound to its parameter 'n' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'n' is destroyed when the function returns here
}

task<int> returns_temporary() {
  return fetch(std::string("x"));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: temporary destroyed at the end of this full-expression
}

std::string global_name;
task<int> returns_ok(const std::string &caller_name, std::string &out) {
  static std::string kept = "x";
  std::string &alias = out;
  if (caller_name.empty())
    return fetch(kept); // static storage
  if (out.empty())
    return fetch(alias); // a reference: the caller's object
  if (global_name.empty())
    return fetch(global_name);
  std::string copy = caller_name;
  return by_value(copy); // copied into the frame
}

// A task stored where it outlives the local it refers to: a container or
// a variable of an enclosing scope used again after the local's scope, a
// member, a global. The note points at the end of the local's scope.
std::vector<task<int>> global_tasks;

task<> stored_beyond_scope(const std::vector<std::string> &names) {
  std::vector<task<int>> tasks;
  for (const auto &n : names) {
    std::string name = n + "!";
    tasks.push_back(fetch(name));
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'name' is destroyed at the end of its scope here, while 'tasks' lives on
  }
  task<int> later = fetch(global_name);
  {
    std::string name = "y";
    later = fetch(name);
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'name' is destroyed at the end of its scope here, while 'later' lives on
  }
  {
    std::string name = "z";
    global_tasks.push_back(fetch(name));
    // CHECK-NOTES: :[[@LINE-1]]:28: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'name' is destroyed at the end of its scope here, while 'global_tasks' lives on
  }
  for (auto &t : tasks)
    co_await std::move(t);
  co_await std::move(later);
}

struct keeper {
  task<int> pending;
  std::vector<task<int>> queue;
  void start(int n) {
    std::string name = std::to_string(n);
    pending = fetch(name);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+4]]:3: note: 'name' is destroyed at the end of its scope here, while 'pending' lives on
    queue.emplace_back(fetch(name));
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: task 'fetch' may outlive local variable 'name' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'name' is destroyed at the end of its scope here, while 'queue' lives on
  }
  task<> ok(int n) {
    std::string name = std::to_string(n);
    pending = fetch(name);
    co_await std::move(pending); // run while name is alive
  }
};

// Negative neighbours: the container is used again inside the local's
// scope (it may run the tasks there), or lives in the same scope.
task<> stored_ok(const std::vector<std::string> &names) {
  std::vector<task<int>> tasks;
  for (const auto &n : names) {
    std::string name = n;
    tasks.push_back(fetch(name));
    co_await std::move(tasks.back());
  }
  std::string outer = "x";
  std::vector<task<int>> same_scope;
  same_scope.push_back(fetch(outer));
  for (auto &t : same_scope)
    co_await std::move(t);
  {
    std::string name = "y";
    auto local = fetch(name); // dies with name
    co_await std::move(local);
  }
  {
    std::string name = "z";
    tasks.push_back(by_value(name)); // copied into the frame
  }
}

task<int> coroutine_ok() {
  std::string name = "x";
  co_return co_await fetch(name); // the coroutine frame keeps name alive
}

// Templates are checked on their instantiations.
template <typename T> task<int> generic(const T &v) {
  co_return static_cast<int>(sizeof(v));
}
template <typename T> task<> dependent() {
  auto t = generic(T{});
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: task 'generic' may outlive the temporary bound to its reference parameter 'v' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:20: note: temporary destroyed at the end of this full-expression
  co_await std::move(t);
}
template task<> dependent<int>();
template <typename T> task<> never_instantiated() {
  auto t = generic(T{});
  co_await std::move(t);
}
template <typename T> task<T> awaited_in_template() {
  // Awaited in the pattern, where the promise (and so the co_await) is
  // dependent, and in a lambda of it.
  co_await fetch(std::string("x"));
  auto body = [](std::string s) -> task<T> {
    co_await view(std::string(s));
    co_return T{};
  };
  co_return co_await body("y");
}
template task<int> awaited_in_template<int>();
// In a pattern, a call on a dependent object or to a dependent driver is
// not resolved: only instantiations are checked.
template <typename Pool> int pattern_only(Pool &pool) {
  return cppcoro::sync_wait(pool.run(fetch(std::string("x"))));
}
