// aio::with(resource, body): the counterpart of Python's `async with`.
// Runs co_await body(resource), then always co_awaits resource.close(),
// also when the body threw. The first exception wins: when the body threw,
// its exception is rethrown after the cleanup, also if close() threw too
// (close()'s is then reported on stderr, as C++ cannot chain it onto the
// body's the way Python does); when the body succeeded, an exception from
// close() propagates.
//
//   co_await aio::with(co_await open_connection(), [](connection &c) ->
//   aio::task<> {
//     co_await c.send("hello");
//   });
#pragma once

#include "task.hpp"

#include <cstdio>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {
// Cleanup after a body that threw `error`: close, then rethrow `error`
// whatever close() did.
template <typename Resource>
task<> close_after_error(Resource &resource, std::exception_ptr error) {
  try {
    co_await resource.close();
  } catch (const std::exception &e) {
    std::fprintf(stderr,
                 "aio::with: close() threw while the body's exception was "
                 "propagating (kept the body's): %s\n",
                 e.what());
  } catch (...) {
    std::fprintf(stderr, "aio::with: close() threw while the body's "
                         "exception was propagating (kept the body's)\n");
  }
  std::rethrow_exception(std::move(error));
}
} // namespace detail

template <typename Resource, typename Body>
auto with(Resource resource, Body body)
    -> task<typename std::invoke_result_t<Body &, Resource &>::value_type> {
  using result_type = std::invoke_result_t<Body &, Resource &>::value_type;
  std::exception_ptr error;
  if constexpr (std::is_void_v<result_type>) {
    try {
      co_await body(resource);
    } catch (...) {
      error = std::current_exception();
    }
    if (error) // closes, then rethrows
      co_await detail::close_after_error(resource, std::move(error));
    else
      co_await resource.close();
  } else {
    std::optional<result_type> result;
    try {
      result.emplace(co_await body(resource));
    } catch (...) {
      error = std::current_exception();
    }
    if (error) // closes, then rethrows
      co_await detail::close_after_error(resource, std::move(error));
    else
      co_await resource.close();
    co_return std::move(*result);
  }
}

} // namespace aio
