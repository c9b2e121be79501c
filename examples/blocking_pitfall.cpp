// The blocking pitfall: std::this_thread::sleep_for inside a coroutine stalls
// the whole loop, so three "concurrent" waits take three times as long.
// aio::sleep_for suspends only the coroutine. Exits non-zero unless the
// blocking version is clearly slower.
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

aio::task<> blocking_wait() {
  std::this_thread::sleep_for(20ms); // MISTAKE: blocks the event loop
  co_return;
}

aio::task<> async_wait() {
  co_await aio::sleep_for(20ms); // suspends only this coroutine
}

template <typename F> double time_three(F make) {
  auto start = steady::now();
  aio::run(aio::gather(make(), make(), make()));
  return std::chrono::duration<double, std::milli>(steady::now() - start)
      .count();
}

int main() {
  double blocking = time_three(blocking_wait);
  double async = time_three(async_wait);
  std::printf("blocking %.1f ms, async %.1f ms\n", blocking, async);
  return blocking > 2 * async ? 0 : 1;
}
