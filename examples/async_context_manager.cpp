// The counterpart of `async with`: the connection is closed asynchronously
// after the body, also when the body throws.
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>
#include <aio/with.hpp>

#include <chrono>
#include <cstdio>
#include <stdexcept>

using namespace std::chrono_literals;

int open_connections = 0;

struct connection {
  int id;
  aio::task<int> query(int x) {
    co_await aio::sleep_for(1ms);
    co_return x * 2;
  }
  aio::task<> close() const {
    co_await aio::sleep_for(1ms); // a goodbye message on the wire
    --open_connections;
    std::printf("connection %d closed\n", id);
  }
};

aio::task<connection> connect(int id) {
  co_await aio::sleep_for(1ms);
  ++open_connections;
  co_return connection{id};
}

aio::task<int> main_task() {
  int answer = co_await aio::with(co_await connect(1),
                                  [](connection &c) { return c.query(21); });
  try {
    co_await aio::with(co_await connect(2), [](connection &) -> aio::task<> {
      throw std::runtime_error("query failed");
      co_return;
    });
  } catch (const std::runtime_error &e) {
    std::printf("caught: %s\n", e.what());
  }
  co_return answer;
}

int main() {
  int answer = aio::run(main_task());
  return answer == 42 && open_connections == 0 ? 0 : 1;
}
