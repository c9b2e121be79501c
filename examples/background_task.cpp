// A background task started with create_task runs while the main task does
// other work, and is awaited at the end.
#include <aio/create_task.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

aio::task<int> heartbeat(int beats) {
  for (int i = 0; i < beats; ++i) {
    std::printf("heartbeat %d\n", i);
    co_await aio::sleep_for(5ms);
  }
  co_return beats;
}

aio::task<int> main_task() {
  aio::task_handle<int> beats = aio::create_task(heartbeat(3));
  std::printf("main: doing other work\n");
  co_await aio::sleep_for(8ms);
  std::printf("main: waiting for the heartbeat\n");
  co_return co_await beats;
}

int main() { return aio::run(main_task()) == 3 ? 0 : 1; }
