// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-await-in-loop %t -- -I %runtime_include

// aio and Boost.Asio in one file: the same rules, by structure.
#include <aio/gather.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;

aio::task<std::string> fetch(int id);

aio::task<std::vector<std::string>> aio_loop(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(co_await fetch(i));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return out;
}

aio::task<std::vector<std::string>> aio_gathered(int n) {
  std::vector<aio::task<std::string>> jobs;
  for (int i = 0; i < n; ++i)
    jobs.push_back(fetch(i));
  co_return co_await aio::gather(std::move(jobs));
}

aio::task<int> aio_ticks(int n) {
  int seen = 0;
  for (int i = 0; i < n; ++i) {
    co_await aio::sleep_for(1ms); // paced on purpose
    seen += static_cast<int>((co_await fetch(i)).size());
  }
  co_return seen;
}

asio::awaitable<int> lookup(int id);
struct socket_like {
  asio::awaitable<std::size_t> async_read_some(char *buf, std::size_t n);
};

asio::awaitable<int> asio_loop(std::vector<int> ids) {
  int sum = 0;
  for (int id : ids)
    sum += co_await lookup(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return sum;
}

// A class-typed result handed straight to a container, and its neighbour
// whose await reads what the loop built.
asio::awaitable<std::string> page(int id);
asio::awaitable<std::string> next_page(const std::vector<std::string> &seen);

asio::awaitable<int> asio_pages(std::vector<int> ids) {
  std::vector<std::string> out;
  for (int id : ids)
    out.push_back(co_await page(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  for (int id : ids)
    out.push_back(co_await next_page(out)); // reads out: sequential
  co_return static_cast<int>(out.size());
}

asio::awaitable<int> asio_pairs(std::vector<int> ids) {
  int sum = 0;
  for (std::size_t i = 0; i + 1 < ids.size(); i += 2) {
    auto [a, b] = co_await (lookup(ids[i]) && lookup(ids[i + 1])); // batches
    sum += a + b;
  }
  co_return sum;
}

asio::awaitable<std::size_t> asio_drain(socket_like &s) {
  char buf[64];
  std::size_t total = 0;
  for (int i = 0; i < 4; ++i)
    total += co_await s.async_read_some(buf, sizeof buf); // a stream, in order
  co_return total;
}
