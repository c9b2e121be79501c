// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-blocking-call %t

// Boost.Asio's synchronous API inside an awaitable coroutine blocks the
// io_context's thread; each beside its asynchronous twin, which suspends.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<void> client(tcp::resolver &resolver, tcp::socket &socket) {
  auto endpoints = resolver.resolve("example.org", "80");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'boost::asio::ip::basic_resolver::resolve' blocks the event loop inside coroutine 'client' [async-blocking-call]
  auto more = co_await resolver.async_resolve("example.org", "80",
                                              asio::use_awaitable);
  asio::connect(socket, endpoints);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::connect' blocks the event loop inside coroutine 'client' [async-blocking-call]
  co_await asio::async_connect(socket, more, asio::use_awaitable);
  std::string request = "GET / HTTP/1.0\r\n\r\n";
  asio::write(socket, asio::buffer(request));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::write' blocks the event loop inside coroutine 'client' [async-blocking-call]
  co_await asio::async_write(socket, asio::buffer(request),
                             asio::use_awaitable);
  std::array<char, 64> buf;
  socket.read_some(asio::buffer(buf));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_stream_socket::read_some' blocks the event loop inside coroutine 'client' [async-blocking-call]
  co_await socket.async_read_some(asio::buffer(buf), asio::use_awaitable);
  asio::streambuf lines;
  asio::read_until(socket, lines, '\n');
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::read_until' blocks the event loop inside coroutine 'client' [async-blocking-call]
  co_await asio::async_read_until(socket, lines, '\n', asio::use_awaitable);
  asio::read(socket, asio::buffer(buf));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::read' blocks the event loop inside coroutine 'client' [async-blocking-call]
  co_await asio::async_read(socket, asio::buffer(buf), asio::use_awaitable);
}

asio::awaitable<void> timers(asio::steady_timer &timer) {
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_waitable_timer::wait' blocks the event loop inside coroutine 'timers' [async-blocking-call]
  co_await timer.async_wait(asio::use_awaitable);
  timer.cancel(); // does not wait
}

// Outside a coroutine the synchronous API is what it is for.
void sync_client(tcp::resolver &resolver, tcp::socket &socket) {
  asio::connect(socket, resolver.resolve("example.org", "80"));
}
