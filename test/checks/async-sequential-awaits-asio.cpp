// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-sequential-awaits %t

// Boost.Asio: awaitable<T> and its && / || operators.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string>

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;

asio::awaitable<int> fetch(int id);
asio::awaitable<std::string> lookup(std::string host);
asio::awaitable<void> send(int value);
struct connection {
  asio::awaitable<std::string> read_line();
  asio::awaitable<std::string> request(std::string path);
};

asio::awaitable<int> independent() {
  int a = co_await fetch(1);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 2 independent awaits run one after another; gathering them lets them overlap [async-sequential-awaits]
  auto h = co_await lookup("example.org");
  // CHECK-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return a + static_cast<int>(h.size());
}

asio::awaitable<std::string> two_connections(connection &c1, connection &c2) {
  auto x = co_await c1.request("/x");
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 2 independent awaits
  auto y = co_await c2.request("/y");
  // CHECK-NOTES: :[[@LINE-1]]:12: note: independent await here
  co_return x + y;
}

asio::awaitable<std::string> same_connection(connection &c) {
  // silent: request is a non-const member whose name does not say it only
  // reads; one connection serves one request at a time, so the second
  // depends on the state the first leaves.
  auto x = co_await c.request("/x");
  auto y = co_await c.request("/y");
  co_return x + y;
}

// Negative neighbours.
asio::awaitable<int> combined() {
  auto [a, b] = co_await (fetch(1) && fetch(2)); // already concurrent
  auto first = co_await (fetch(3) || fetch(4));  // one await
  (void)first;
  co_return a + b;
}

asio::awaitable<int> chain() {
  int a = co_await fetch(1);
  int b = co_await fetch(a);
  co_return b;
}

asio::awaitable<std::string> lines(connection &c) {
  auto l1 = co_await c.read_line(); // the identical call: the next line
  auto l2 = co_await c.read_line();
  co_return l1 + l2;
}

asio::awaitable<void> sends() {
  co_await send(1);
  co_await send(2);
}
