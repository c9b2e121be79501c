// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs -I %asynclint_include
// The macros expand to nothing for a compiler without the attribute:
// RUN: %clangxx -fsyntax-only -std=c++20 -I %inputs -I %asynclint_include %s

// The author says what blocks: annotate("asynclint::blocking") marks a
// function as blocking (reported in coroutines, followed through helpers),
// annotate("asynclint::nonblocking") says a function that looks blocking is
// not (not reported, not followed). ASYNCLINT_BLOCKING and
// ASYNCLINT_NONBLOCKING from <asynclint/annotations.h> spell them.

#include "cppcoro_like.h"
#include <asynclint/annotations.h>
#include <unistd.h>

using cppcoro::task;

ASYNCLINT_BLOCKING void load_file(const char *path);
void load_file(const char *path); // a redeclaration inherits it
__attribute__((annotate("asynclint::blocking"))) int query(int id);
void later(int n);
ASYNCLINT_BLOCKING void later(int n); // the attribute on a later declaration
void plain(int n);                    // the same shape, not annotated

// Looks blocking (a sleep inside), but the author says it is not.
ASYNCLINT_NONBLOCKING void poll_once() { ::usleep(1); }
void calls_poll_once() { poll_once(); } // propagation stops at poll_once
__attribute__((annotate("asynclint::nonblocking"))) void
try_read(int fd, char *buf) {
  ::read(fd, buf, 1);
}
// An unrelated annotation means nothing to the check.
__attribute__((annotate("other::tag"))) void tagged() { ::usleep(1); }

void helper() { load_file("x"); }   // blocking through the annotation
void outer_helper() { helper(); }

struct Db {
  ASYNCLINT_BLOCKING Db(const char *dsn);
  Db(int pool); // another constructor, not annotated
  ASYNCLINT_BLOCKING void commit();
  void rollback();
  ASYNCLINT_NONBLOCKING void flush() { ::sleep(1); }
};

task<> handler(Db &db) {
  load_file("a");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'load_file' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :17:25: note: 'load_file' is annotated as blocking here
  query(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'query' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :19:54: note: 'query' is annotated as blocking here
  later(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'later' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :21:25: note: 'later' is annotated as blocking here
  plain(1); // not annotated: silent
  poll_once();       // annotated nonblocking: silent
  calls_poll_once(); // ...and not followed through it
  try_read(0, nullptr);
  tagged();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'tagged' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :32:57: note: 'tagged' calls blocking 'usleep' here
  outer_helper();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'outer_helper' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :35:23: note: 'outer_helper' calls 'helper' here
  // CHECK-NOTES: :34:17: note: 'helper' calls blocking 'load_file' here
  // CHECK-NOTES: :17:25: note: 'load_file' is annotated as blocking here
  Db opened("dsn");
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'Db' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :38:22: note: 'Db' is annotated as blocking here
  Db pooled(4); // the other constructor: silent
  db.commit();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Db::commit' blocks the event loop inside coroutine 'handler' [async-blocking-call]
  // CHECK-NOTES: :40:27: note: 'Db::commit' is annotated as blocking here
  db.rollback(); // not annotated: silent
  db.flush();    // annotated nonblocking, a sleep inside: silent
  co_return;
}

// The same calls in an ordinary function: silent.
void not_a_coroutine(Db &db) {
  load_file("a");
  query(1);
  db.commit();
  helper();
}

// A function template: the attribute is on the pattern, the call is to a
// specialization.
template <typename T> ASYNCLINT_BLOCKING void store(T value);
template <typename T> void store_quietly(T value);

task<> templated() {
  store(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'store' blocks the event loop inside coroutine 'templated' [async-blocking-call]
  // CHECK-NOTES: :89:47: note: 'store' is annotated as blocking here
  store_quietly(1);
  co_return;
}

// A member of a class template: the attribute is on the pattern's member.
template <typename T> struct Pool {
  ASYNCLINT_BLOCKING void drain();
  void fill();
};

task<> pooled(Pool<int> &p) {
  p.drain();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Pool::drain' blocks the event loop inside coroutine 'pooled' [async-blocking-call]
  // CHECK-NOTES: :[[@LINE-7]]:27: note: 'Pool::drain' is annotated as blocking here
  p.fill();
  co_return;
}

// A function of the default list, redeclared by the author as nonblocking:
// silent (a neighbour from the same list stays reported).
#include <time.h>
extern "C" int nanosleep(const struct timespec *, struct timespec *)
    __attribute__((annotate("asynclint::nonblocking")));

task<> redeclared(const struct timespec *t) {
  ::nanosleep(t, nullptr);
  ::sleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'redeclared' [async-blocking-call]
  co_return;
}
