// An async generator: values arrive over time (each needs an await) and the
// consumer pulls them one by one.
#include <aio/async_generator.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

aio::async_generator<int> ticks(int count) {
  for (int i = 0; i < count; ++i) {
    co_await aio::sleep_for(2ms);
    co_yield i;
  }
}

aio::task<int> main_task() {
  int sum = 0;
  auto gen = ticks(5);
  while (auto v = co_await gen.next()) {
    std::printf("tick %d\n", *v);
    sum += *v;
  }
  co_return sum;
}

int main() { return aio::run(main_task()) == 10 ? 0 : 1; }
