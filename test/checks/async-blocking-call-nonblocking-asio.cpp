// REQUIRES: boost-asio
// RUN: %check_async_tidy %s async-blocking-call %t
//
// Boost.Asio: a raw socket call on a socket the coroutine waited for
// (`co_await sock.async_wait(wait_read, ...)`, then `::recv` on its native
// handle) is the readiness pattern: silent. Waiting for one socket is no
// evidence about another.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/socket.h>

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<long> recv_when_ready(tcp::socket &sock, char *buf) {
  co_await sock.async_wait(tcp::socket::wait_read, asio::use_awaitable);
  co_return ::recv(sock.native_handle(), buf, 16, 0); // silent
}

asio::awaitable<long> recv_other(tcp::socket &sock, tcp::socket &other,
                                 char *buf) {
  co_await other.async_wait(tcp::socket::wait_read, asio::use_awaitable);
  co_return ::recv(sock.native_handle(), buf, 16, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'recv' blocks the event loop inside coroutine 'recv_other' [async-blocking-call]
}
