// A background task started with create_task runs while the main task does
// other work, and is awaited at the end.
#include <aio/create_task.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int beats_so_far = 0; // the loop is single-threaded: no atomics needed

aio::task<int> heartbeat(int beats) {
  for (int i = 0; i < beats; ++i) {
    std::printf("heartbeat %d\n", i);
    ++beats_so_far;
    co_await aio::sleep_for(5ms);
  }
  co_return beats;
}

aio::task<int> main_task() {
  aio::task_handle<int> beats = aio::create_task(heartbeat(3));
  std::printf("main: doing other work\n");
  co_await aio::sleep_for(8ms);
  // The heartbeat has been running while main slept, interleaved with it:
  // a task that only ran when awaited would show no beat yet, and one that
  // ran to its end without giving the loop back (blocking between beats)
  // all three. The third beat cannot come first: the heartbeat starts after
  // main's 8 ms sleep began and sleeps twice 5 ms before it, and the loop
  // fires timers in deadline order.
  int before_await = beats_so_far;
  std::printf("main: %d beats so far; waiting for the heartbeat\n",
              before_await);
  int total = co_await beats;
  co_return before_await > 0 && before_await < 3 ? total : -1;
}

int main() { return aio::run(main_task()) == 3 ? 0 : 1; }
