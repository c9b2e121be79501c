// Three independent fetches of 2 units each: awaited one after another they
// take about 6 units; gathered, about 2. Exits non-zero if gathering is not
// at least twice as fast (the expected ratio is about 3).
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr auto unit = 10ms;

aio::task<std::string> fetch(std::string what) {
  co_await aio::sleep_for(2 * unit); // stands for a network round trip
  co_return "data for " + what;
}

aio::task<double> sequential() {
  auto start = steady::now();
  auto a = co_await fetch("a");
  auto b = co_await fetch("b");
  auto c = co_await fetch("c");
  std::printf("sequential: %s, %s, %s\n", a.c_str(), b.c_str(), c.c_str());
  co_return std::chrono::duration<double, std::milli>(steady::now() - start)
      .count();
}

aio::task<double> concurrent() {
  auto start = steady::now();
  auto [a, b, c] = co_await aio::gather(fetch("a"), fetch("b"), fetch("c"));
  std::printf("concurrent: %s, %s, %s\n", a.c_str(), b.c_str(), c.c_str());
  co_return std::chrono::duration<double, std::milli>(steady::now() - start)
      .count();
}

int main() {
  double seq = aio::run(sequential());
  double con = aio::run(concurrent());
  std::printf("sequential %.1f ms, concurrent %.1f ms, ratio %.2f\n", seq, con,
              seq / con);
  return seq / con >= 2.0 ? 0 : 1;
}
