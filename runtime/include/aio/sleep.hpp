// aio::sleep_for / aio::sleep_until: suspend the calling coroutine on the
// loop's timer heap (O(log n) per sleeper). A zero or negative delay still
// yields to the loop once, like asyncio.sleep(0).
#pragma once

#include "detail/event_loop.hpp"

#include <chrono>

namespace aio {

class [[nodiscard]] sleep_awaiter {
public:
  explicit sleep_awaiter(detail::clock::time_point deadline)
      : deadline_(deadline) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    auto &loop = detail::event_loop::require("aio::sleep");
    if (deadline_ <= detail::clock::now())
      loop.post(h);
    else
      loop.call_at(deadline_, h);
  }
  void await_resume() const noexcept {}

private:
  detail::clock::time_point deadline_;
};

template <typename Rep, typename Period>
sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> delay) {
  if (delay <= delay.zero())
    return sleep_awaiter{detail::clock::time_point::min()};
  return sleep_awaiter{detail::clock::now() +
                       std::chrono::ceil<detail::clock::duration>(delay)};
}

inline sleep_awaiter sleep_until(detail::clock::time_point deadline) {
  return sleep_awaiter{deadline};
}

} // namespace aio
