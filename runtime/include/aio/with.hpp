// aio::with(resource, body): the counterpart of Python's `async with`.
// Runs co_await body(resource), then always co_awaits resource.close(),
// also when the body threw (then the body's exception is rethrown after the
// cleanup; an exception from close() itself propagates when the body
// succeeded).
//
//   co_await aio::with(co_await open_connection(), [](connection &c) ->
//   aio::task<> {
//     co_await c.send("hello");
//   });
#pragma once

#include "task.hpp"

#include <exception>
#include <optional>
#include <type_traits>

namespace aio {

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
    co_await resource.close();
    if (error)
      std::rethrow_exception(error);
  } else {
    std::optional<result_type> result;
    try {
      result.emplace(co_await body(resource));
    } catch (...) {
      error = std::current_exception();
    }
    co_await resource.close();
    if (error)
      std::rethrow_exception(error);
    co_return std::move(*result);
  }
}

} // namespace aio
