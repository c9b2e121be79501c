// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-blocking-call %t -- -I %runtime_include

// The real Boost.Asio: every async_ operation is a template on its
// completion token, so none is counted as the awaitable twin of its
// synchronous sibling (docs/checks/async-blocking-call.md, "Async twins").
// The synchronous operations are reported all the same, because the catalog
// says they block (not because a twin exists). A project's own non-template
// twin beside them is a twin.
#include <aio/task.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>

namespace asio = boost::asio;

namespace app {
std::size_t fetch(asio::ip::tcp::socket &s);
asio::awaitable<std::size_t> async_fetch(asio::ip::tcp::socket &s);
} // namespace app

asio::awaitable<void> session(asio::ip::tcp::socket &sock,
                              asio::steady_timer &timer) {
  char data[64];
  sock.read_some(asio::buffer(data)); // async_read_some takes a token
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_stream_socket::read_some' blocks the event loop inside coroutine 'session' [async-blocking-call]
  sock.write_some(asio::buffer(data));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_stream_socket::write_some' blocks the event loop inside coroutine 'session' [async-blocking-call]
  timer.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'boost::asio::basic_waitable_timer::wait' blocks the event loop inside coroutine 'session' [async-blocking-call]
  // A twin is a fix suggestion, not evidence that the call blocks: silent
  // unless AsyncTwins is turned on (async-blocking-call-twins.cpp).
  app::fetch(sock);
  co_await timer.async_wait(asio::use_awaitable);
}
