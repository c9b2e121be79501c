// RUN: %check_async_tidy %s async-sequential-awaits %t -- -I %inputs
//
// Independent awaits that one expression runs one after another, awaits
// separated by a statement that only prints, and unevaluated operands.

#include "ordering_fixtures.h"

struct pair_of_ints {
  int first;
  int second;
};
int combine(int a, int b);

task<int> sum_of_two() {
  co_return (co_await fetch(1)) + (co_await fetch(2));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
}
task<int> sum_of_dependent() {
  // silent: the second call's argument is the first await's result
  co_return co_await fetch(co_await fetch(1));
}
task<int> sum_of_same_call() {
  // silent: the same call twice (a poll, the next item), not two requests
  co_return (co_await fetch(1)) + (co_await fetch(1));
}
task<int> short_circuit(bool fast) {
  // silent: the second await runs only when the first result says so
  co_return (co_await fetch(1)) > 0 && (co_await fetch(2)) > 0;
}

task<pair_of_ints> aggregate() {
  pair_of_ints p{co_await fetch(1), co_await fetch(2)};
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  co_return p;
}
task<int> call_arguments() {
  co_return combine(co_await fetch(3), co_await fetch(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
}
task<pair_of_ints> aggregate_stateful(database &db) {
  // silent: insert changes the database that last_id reads
  pair_of_ints p{co_await db.insert(1), co_await db.last_id()};
  co_return p;
}

// A statement that prints the first result between two otherwise
// independent awaits does not make them dependent.
task<int> print_between() {
  auto user = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  std::printf("user %d\n", user);
  auto news = co_await fetch(2);
  co_return user + news;
}
task<int> print_helper_between() {
  auto user = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  print_value(user);
  auto news = co_await fetch(2);
  co_return user + news;
}
task<int> print_then_posts_of_user() {
  auto user = co_await fetch(1);
  print_value(user);
  // silent: posts of the user just fetched needs its id
  auto mine = co_await posts(user);
  co_return mine;
}

// Unevaluated operands are not calls: a sizeof between the awaits does not
// run reconfigure().
task<int> sizeof_between() {
  auto a = co_await fetch(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  constexpr auto n = sizeof(decltype(reconfigure(), 0));
  auto b = co_await fetch(2);
  co_return a + b + static_cast<int>(n);
}
task<int> call_between() {
  auto a = co_await fetch(1);
  reconfigure(); // silent: this one does run, and may change anything
  auto b = co_await fetch(2);
  co_return a + b;
}
