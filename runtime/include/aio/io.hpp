// aio::readable(fd) / aio::writable(fd): suspend until a (non-blocking)
// file descriptor is ready, through the loop's epoll. One waiter per
// direction per descriptor.
#pragma once

#include "detail/event_loop.hpp"

namespace aio {

class [[nodiscard]] fd_ready_awaiter {
public:
  fd_ready_awaiter(int fd, bool writable) : fd_(fd), writable_(writable) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    detail::event_loop::require("aio::readable/writable")
        .watch(fd_, writable_, h);
  }
  void await_resume() const noexcept {}

private:
  int fd_;
  bool writable_;
};

inline fd_ready_awaiter readable(int fd) { return {fd, false}; }
inline fd_ready_awaiter writable(int fd) { return {fd, true}; }

} // namespace aio
