// CPU-bound work goes to the thread pool with to_thread, so the loop keeps
// serving other tasks (here, a ticker) while it runs.
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

std::uint64_t count_primes(std::uint64_t limit) {
  std::uint64_t count = 0;
  for (std::uint64_t n = 2; n < limit; ++n) {
    bool prime = true;
    for (std::uint64_t d = 2; d * d <= n; ++d)
      if (n % d == 0) {
        prime = false;
        break;
      }
    count += prime;
  }
  return count;
}

std::atomic<int> ticks{0};

// The count runs on a pool thread; it then waits (at most 10 s) until the
// loop has ticked three times, which it can only do while this work is
// still running if the work is not on the loop's thread.
aio::task<bool> primes(std::uint64_t &n) {
  co_return co_await aio::to_thread([&n] {
    n = count_primes(200000);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (ticks < 3 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
    return ticks >= 3;
  });
}

aio::task<int> ticker() {
  for (int i = 0; i < 3; ++i, ++ticks)
    co_await aio::sleep_for(1ms);
  co_return ticks;
}

aio::task<bool> main_task() {
  std::uint64_t n = 0;
  auto [concurrent, ticked] = co_await aio::gather(primes(n), ticker());
  std::printf("%llu primes below 200000; the loop ticked %d times meanwhile\n",
              static_cast<unsigned long long>(n), ticked);
  co_return n == 17984 && concurrent;
}

int main() { return aio::run(main_task()) ? 0 : 1; }
