// aio against Boost.Asio's awaitable on three workloads, in one binary and
// one run (Google Benchmark). scripts/bench-runtime.sh prints the ratios.
//
//  1. chain: one coroutine co_awaits a ready task 1,000,000 times;
//  2. gather: 100,000 tasks each sleep zero and are waited for together
//     (aio::gather of sleep_for(0); Asio: co_spawn of a zero steady_timer
//     wait each, io_context::run until all finish);
//  3. ping-pong: two tasks hand a counter back and forth 100,000 times
//     (aio: two aio::event; Asio: two zero-capacity experimental channels,
//     its idiomatic coroutine hand-off).
#include <aio/event.hpp>
#include <aio/gather.hpp>
#include <aio/run.hpp>
#include <aio/sleep.hpp>
#include <aio/task.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr int chain_length = 1'000'000;
constexpr int sleepers = 100'000;
constexpr int round_trips = 100'000;

// ---- 1. chain of awaits of a ready task ------------------------------------

aio::task<int> aio_ready(int v) { co_return v; }
aio::task<long> aio_chain() {
  long sum = 0;
  for (int i = 0; i < chain_length; ++i)
    sum += co_await aio_ready(i);
  co_return sum;
}

asio::awaitable<int> asio_ready(int v) { co_return v; }
asio::awaitable<void> asio_chain(long &sum) {
  for (int i = 0; i < chain_length; ++i)
    sum += co_await asio_ready(i);
}

void BM_chain_aio(benchmark::State &state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(aio::run(aio_chain()));
}
void BM_chain_asio(benchmark::State &state) {
  for (auto _ : state) {
    asio::io_context io;
    long sum = 0;
    asio::co_spawn(io, asio_chain(sum), asio::detached);
    io.run();
    benchmark::DoNotOptimize(sum);
  }
}

// ---- 2. gather of zero-delay sleeps ----------------------------------------

aio::task<> aio_sleep0() { co_await aio::sleep_for(0ms); }
aio::task<std::size_t> aio_gather() {
  std::vector<aio::task<>> tasks;
  tasks.reserve(sleepers);
  for (int i = 0; i < sleepers; ++i)
    tasks.push_back(aio_sleep0());
  co_return (co_await aio::gather(std::move(tasks))).size();
}

asio::awaitable<void> asio_sleep0(int &done) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(0ms);
  co_await timer.async_wait(asio::use_awaitable);
  ++done;
}

void BM_gather_aio(benchmark::State &state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(aio::run(aio_gather()));
}
void BM_gather_asio(benchmark::State &state) {
  for (auto _ : state) {
    asio::io_context io;
    int done = 0;
    for (int i = 0; i < sleepers; ++i)
      asio::co_spawn(io, asio_sleep0(done), asio::detached);
    io.run();
    if (done != sleepers)
      state.SkipWithError("not every Asio sleeper finished");
  }
}

// ---- 3. ping-pong
// ------------------------------------------------------------

aio::task<int> aio_player(aio::event &mine, aio::event &theirs, int &ball,
                          bool serve) {
  for (int i = 0; i < round_trips; ++i) {
    if (!serve || i > 0) {
      co_await mine.wait();
      mine.clear();
    }
    ++ball;
    theirs.set();
  }
  co_return ball;
}
aio::task<int> aio_pingpong() {
  aio::event a, b;
  int ball = 0;
  co_await aio::gather(aio_player(a, b, ball, true),
                       aio_player(b, a, ball, false));
  co_return ball;
}

using channel =
    asio::experimental::channel<void(boost::system::error_code, int)>;
asio::awaitable<void> asio_ping(channel &out, channel &in) {
  int ball = 0;
  for (int i = 0; i < round_trips; ++i) {
    co_await out.async_send(boost::system::error_code{}, ball + 1,
                            asio::use_awaitable);
    ball = co_await in.async_receive(asio::use_awaitable);
  }
}
asio::awaitable<void> asio_pong(channel &in, channel &out) {
  for (int i = 0; i < round_trips; ++i) {
    int ball = co_await in.async_receive(asio::use_awaitable);
    co_await out.async_send(boost::system::error_code{}, ball + 1,
                            asio::use_awaitable);
  }
}

void BM_pingpong_aio(benchmark::State &state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(aio::run(aio_pingpong()));
}
void BM_pingpong_asio(benchmark::State &state) {
  for (auto _ : state) {
    asio::io_context io;
    channel a(io, 0), b(io, 0);
    asio::co_spawn(io, asio_ping(a, b), asio::detached);
    asio::co_spawn(io, asio_pong(a, b), asio::detached);
    io.run();
  }
}

BENCHMARK(BM_chain_aio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_chain_asio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gather_aio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gather_asio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_pingpong_aio)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_pingpong_asio)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
