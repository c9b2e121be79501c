// RUN: %check_async_tidy %s async-unawaited-task %t -- -I %inputs

// A coroutine handed to something that calls it and ignores what it
// returns: a callback type whose call returns void. Each call creates a lazy
// task and drops it, so the body never runs.
#include "cppcoro_like.h"
#include <algorithm>
#include <functional>
#include <vector>

using cppcoro::task;

task<int> fetch(int id);
void on_event(std::function<void(int)> handler);
void on_task_event(std::function<task<>(int)> handler);

void register_handlers() {
  std::function<void()> cb = []() -> task<> { co_await fetch(1); };
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: task returned by this lambda is dropped by the void-returning callback 'std::function<void ()>' and never runs [async-unawaited-task]
  on_event([](int id) -> task<> { co_await fetch(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: task returned by this lambda is dropped by the void-returning callback 'std::function<void (int)>' and never runs [async-unawaited-task]

  // Negative neighbours: a callback type that returns the task (the caller
  // gets it and can run it), and a void lambda that runs the task itself.
  on_task_event([](int id) -> task<> { co_await fetch(id); });
  std::function<task<>()> keeps = []() -> task<> { co_await fetch(2); };
  on_event([](int id) { cppcoro::sync_wait(fetch(id)); });
  std::function<void()> plain = [] {};
  (void)cb;
  (void)keeps;
  (void)plain;
}

// A template that calls what it is given and discards the result.
void algorithms(std::vector<int> &ids) {
  std::for_each(ids.begin(), ids.end(), [](int id) -> task<> { co_await fetch(id); });
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: task returned by this lambda is dropped by 'for_each' on every call and never runs [async-unawaited-task]

  // Negative neighbours: std::transform keeps every result, and a lambda
  // that returns a value is not a task.
  std::vector<task<>> pending(ids.size());
  std::transform(ids.begin(), ids.end(), pending.begin(),
                 [](int id) -> task<> { co_await fetch(id); });
  std::for_each(ids.begin(), ids.end(), [](int &id) { ++id; });
  for (auto &t : pending)
    cppcoro::sync_wait(std::move(t));
}
