// Error handling with timeouts: a slow call is abandoned after its deadline,
// a failing call's exception reaches the awaiter.
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/wait_for.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

using namespace std::chrono_literals;

aio::task<int> slow_service() {
  co_await aio::sleep_for(200ms);
  co_return 1;
}

aio::task<int> failing_service() {
  co_await aio::sleep_for(1ms);
  throw std::runtime_error("service unavailable");
}

aio::task<int> main_task() {
  int failures = 0;
  try {
    co_await aio::wait_for(slow_service(), 20ms);
  } catch (const aio::timeout_error &) {
    std::printf("slow service: timed out\n");
    ++failures;
  }
  try {
    co_await failing_service();
  } catch (const std::runtime_error &e) {
    std::printf("failing service: %s\n", e.what());
    ++failures;
  }
  co_return failures;
}

int main() { return aio::run(main_task()) == 2 ? 0 : 1; }
