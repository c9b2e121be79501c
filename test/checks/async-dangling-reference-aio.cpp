// RUN: %check_async_tidy %s async-dangling-reference %t -- -I %runtime_include

// asynclint's own runtime: aio::task is lazy; create_task schedules it on
// the loop, gather and run drive it within the full-expression.
#include <aio/aio.hpp>

#include <string>
#include <utility>
#include <vector>

aio::task<int> fetch(const std::string &name);

aio::task<int> spawn_temporary() {
  auto handle = aio::create_task(fetch(std::string("x")));
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: task 'fetch' may outlive the temporary bound to its reference parameter 'name' [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-2]]:40: note: temporary destroyed at the end of this full-expression
  std::string name = "w";
  auto worker = aio::create_task([&name]() -> aio::task<int> {
    co_return co_await fetch(name);
  }());
  // CHECK-NOTES: :[[@LINE-3]]:34: warning: task of this coroutine lambda may outlive its temporary closure, which holds its captures [async-dangling-reference]
  // CHECK-NOTES: :[[@LINE-4]]:36: note: 'name' lives in the closure, which is destroyed at the end of the full-expression
  co_return co_await handle + co_await worker;
}

// Negative neighbours: awaited or driven in the full-expression.
aio::task<int> awaited() {
  auto [a, b] =
      co_await aio::gather(fetch(std::string("a")), fetch(std::string("b")));
  int c = co_await aio::create_task(fetch(std::string("c")));
  std::string name = "d";
  auto handle = aio::create_task(fetch(name)); // name outlives the handle here
  co_return a + b + c + co_await handle;
}

// Tasks stored in a vector that is gathered after the loop whose locals
// they refer to; gathered inside the loop body, they run in time.
aio::task<int> stored(const std::vector<std::string> &names) {
  std::vector<aio::task<int>> tasks;
  for (const auto &n : names) {
    std::string key = n + ".json";
    tasks.push_back(fetch(key));
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: task 'fetch' may outlive local variable 'key' bound to its reference parameter 'name' [async-dangling-reference]
    // CHECK-NOTES: :[[@LINE+1]]:3: note: 'key' is destroyed at the end of its scope here, while 'tasks' lives on
  }
  std::vector<int> all = co_await aio::gather(std::move(tasks));
  for (const auto &n : names) {
    std::string key = n + ".json";
    std::vector<aio::task<int>> batch;
    batch.push_back(fetch(key)); // the batch dies with key
    tasks.push_back(fetch(key));
    all.push_back((co_await aio::gather(std::move(tasks))).front());
  }
  co_return static_cast<int>(all.size());
}

int main() { return aio::run(fetch(std::string("main"))); }
