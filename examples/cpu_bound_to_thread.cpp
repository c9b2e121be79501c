// CPU-bound work goes to the thread pool with to_thread, so the loop keeps
// serving other tasks (here, a ticker) while it runs.
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/to_thread.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>

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

aio::task<std::uint64_t> primes() {
  co_return co_await aio::to_thread([] { return count_primes(200000); });
}

aio::task<int> ticker() {
  int ticks = 0;
  for (int i = 0; i < 3; ++i, ++ticks)
    co_await aio::sleep_for(1ms);
  co_return ticks;
}

aio::task<bool> main_task() {
  auto [n, ticks] = co_await aio::gather(primes(), ticker());
  std::printf("%llu primes below 200000; the loop ticked %d times meanwhile\n",
              static_cast<unsigned long long>(n), ticks);
  co_return n == 17984 && ticks == 3;
}

int main() { return aio::run(main_task()) ? 0 : 1; }
