// finishes_within(limit, fn): runs fn on its own thread and says whether it
// returned in time, so a test of a hang fails in seconds instead of holding
// the suite until ctest's timeout. An exception from fn is rethrown here.
//
// On a timeout the thread is detached and left blocked: nothing can unblock
// it, and it ends with the test process. fn must therefore own what it uses
// or use only what outlives the test binary's run.
#pragma once

#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <thread>
#include <utility>

namespace aio_test {

template <typename F>
bool finishes_within(std::chrono::milliseconds limit, F fn) {
  auto finished = std::make_shared<std::promise<void>>();
  std::future<void> result = finished->get_future();
  std::thread([finished, fn = std::move(fn)]() mutable {
    try {
      fn();
      finished->set_value();
    } catch (...) {
      finished->set_exception(std::current_exception());
    }
  }).detach();
  if (result.wait_for(limit) == std::future_status::timeout)
    return false;
  result.get();
  return true;
}

} // namespace aio_test
