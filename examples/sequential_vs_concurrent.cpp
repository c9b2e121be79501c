// Three independent fetches of 2 units each: awaited one after another they
// take about 6 units; gathered, about 2. The same again for a loop over
// three ids. Exits non-zero if gathering is not at least twice as fast in
// both cases (the expected ratio is about 3).
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

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

const std::vector<std::string> ids = {"x", "y", "z"};

aio::task<double> looped() {
  auto start = steady::now();
  std::vector<std::string> pages;
  for (const auto &id : ids)
    pages.push_back(co_await fetch(id));
  std::printf("looped: %zu pages\n", pages.size());
  co_return std::chrono::duration<double, std::milli>(steady::now() - start)
      .count();
}

aio::task<double> looped_concurrent() {
  auto start = steady::now();
  std::vector<aio::task<std::string>> jobs;
  for (const auto &id : ids)
    jobs.push_back(fetch(id));
  std::vector<std::string> pages = co_await aio::gather(std::move(jobs));
  std::printf("looped concurrent: %zu pages\n", pages.size());
  co_return std::chrono::duration<double, std::milli>(steady::now() - start)
      .count();
}

int main() {
  double seq = aio::run(sequential());
  double con = aio::run(concurrent());
  std::printf("sequential %.1f ms, concurrent %.1f ms, ratio %.2f\n", seq, con,
              seq / con);
  double loop = aio::run(looped());
  double loop_con = aio::run(looped_concurrent());
  std::printf("looped %.1f ms, gathered %.1f ms, ratio %.2f\n", loop, loop_con,
              loop / loop_con);
  return seq / con >= 2.0 && loop / loop_con >= 2.0 ? 0 : 1;
}
