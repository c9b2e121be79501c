// RUN: %check_async_tidy %s async-blocking-call %t -- -I %inputs

#include "cppcoro_like.h"

#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <sstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace std::chrono_literals;
using cppcoro::task;

task<int> fetch(int);

task<> sleeps() {
  ::sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sleep' blocks the event loop inside coroutine 'sleeps' [async-blocking-call]
  usleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep' blocks the event loop inside coroutine 'sleeps' [async-blocking-call]
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'sleeps' [async-blocking-call]
  std::this_thread::sleep_until(std::chrono::steady_clock::now());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_until' blocks the event loop inside coroutine 'sleeps' [async-blocking-call]
  co_return;
}

task<> files(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'fopen' blocks the event loop inside coroutine 'files' [async-blocking-call]
  char buf[16];
  std::fgets(buf, sizeof buf, f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fgets' blocks the event loop inside coroutine 'files' [async-blocking-call]
  int fd = ::open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'open' blocks the event loop inside coroutine 'files' [async-blocking-call]
  std::ifstream in(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::basic_ifstream' blocks the event loop inside coroutine 'files' [async-blocking-call]
  std::string line;
  std::getline(in, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::getline' blocks the event loop inside coroutine 'files' [async-blocking-call]
  in.read(buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::basic_ifstream::read' blocks the event loop inside coroutine 'files' [async-blocking-call]
  int n = 0;
  in >> n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::basic_ifstream::operator>>' blocks the event loop inside coroutine 'files' [async-blocking-call]
  std::istringstream text("1 2");  // an in-memory stream: fine
  std::getline(text, line);
  text >> n;
  std::ofstream out;             // not opened yet: fine
  out.open(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::basic_ofstream::open' blocks the event loop inside coroutine 'files' [async-blocking-call]
  bool there = std::filesystem::exists(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'std::filesystem::exists' blocks the event loop inside coroutine 'files' [async-blocking-call]
  std::filesystem::path p(path); // path arithmetic does not touch the disk
  auto name = p.filename();
  std::filesystem::file_status st{};
  bool dir = std::filesystem::is_directory(st); // a status, not the disk
  (void)there, (void)dir, (void)fd, (void)name;
  co_return;
}

task<> network(int sock, pollfd *fds, int ep, epoll_event *events) {
  char buf[16];
  ::recv(sock, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' blocks the event loop inside coroutine 'network' [async-blocking-call]
  ::accept(sock, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'accept' blocks the event loop inside coroutine 'network' [async-blocking-call]
  ::poll(fds, 1, 1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'poll' blocks the event loop inside coroutine 'network' [async-blocking-call]
  ::poll(fds, 1, 0);                           // zero timeout
  ::epoll_wait(ep, events, 8, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'epoll_wait' blocks the event loop inside coroutine 'network' [async-blocking-call]
  ::epoll_wait(ep, events, 8, 0);
  addrinfo *res = nullptr;
  ::getaddrinfo("example.com", "80", nullptr, &res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'getaddrinfo' blocks the event loop inside coroutine 'network' [async-blocking-call]
  co_return;
}

// Non-blocking by argument. (MSG_DONTWAIT and SOCK_NONBLOCK are also
// evidence that the coroutine's other socket calls are non-blocking: see
// async-blocking-call-nonblocking.cpp.)
task<> network_flags(int sock) {
  char buf[16];
  ::recv(sock, buf, sizeof buf, MSG_DONTWAIT);
  ::accept4(sock, nullptr, nullptr, SOCK_NONBLOCK);
  co_return;
}

task<> processes(pid_t child) {
  std::system("ls");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'system' blocks the event loop inside coroutine 'processes' [async-blocking-call]
  int status;
  ::waitpid(child, &status, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'waitpid' blocks the event loop inside coroutine 'processes' [async-blocking-call]
  ::waitpid(child, &status, WNOHANG);          // polls, returns at once
  co_return;
}

std::mutex m;
std::condition_variable cv;
task<> waits(std::future<int> f, std::shared_future<int> sf, std::thread &t,
             std::latch &l, std::barrier<> &b, std::counting_semaphore<4> &s) {
  f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::future::get' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  sf.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::shared_future::wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::thread::join' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  std::unique_lock lock(m);    // mutex locking is off by default
  cv.wait(lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::condition_variable::wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  l.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::latch::wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  b.arrive_and_wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::barrier::arrive_and_wait' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  s.acquire();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::counting_semaphore::acquire' blocks the event loop inside coroutine 'waits' [async-blocking-call]
  bool ready = f.valid();      // not a wait
  s.release();
  (void)ready;
  co_return;
}

task<> nested_loop() {
  cppcoro::sync_wait(fetch(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cppcoro::sync_wait' blocks the event loop inside coroutine 'nested_loop' [async-blocking-call]
  // CHECK-FIXES: {{^}}  co_await fetch(1);{{$}}
  co_await fetch(2);
}

// Negative neighbours: the same calls outside coroutines.
void ordinary() {
  ::sleep(1);
  std::this_thread::sleep_for(10ms);
  cppcoro::sync_wait(fetch(1));
}
// Awaited by a coroutine too (not only run by main's sync_wait), so its
// start may be on the event loop.
task<> awaits_nested_loop() { co_await nested_loop(); }
int main() {
  std::ifstream in("x");
  cppcoro::sync_wait(nested_loop());
}

// Lambdas: defined but not called, offloaded, or run right here.
template <typename F> void call_now(F f) { f(); }
task<> lambdas() {
  auto later = [] { ::sleep(1); };                  // defined, not called here
  std::thread worker([] { ::sleep(1); });           // runs on another thread
  auto fut = std::async(std::launch::async, [] { ::sleep(1); return 1; });
  call_now([] { ::usleep(1); });                    // runs right here
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'usleep' blocks the event loop inside coroutine 'lambdas' [async-blocking-call]
  [] { ::usleep(2); }();                            // immediately invoked
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'usleep' blocks the event loop inside coroutine 'lambdas' [async-blocking-call]
  worker.detach();
  (void)later;
  co_return;
}

// A completion callback (async_simple's Lazy::start, Future::thenValue) runs
// when the task finishes, not where it is registered.
namespace lazylib::detail {
template <typename T> struct LazyBase {
  template <typename F> void start(F &&callback) { (void)callback; }
};
} // namespace lazylib::detail
task<> on_completion(lazylib::detail::LazyBase<int> &lazy) {
  lazy.start([](int) { ::sleep(1); });
  co_return;
}

// In a template pattern the executor's submit() is a dependent call with
// no callee yet: it is still an offload function by its name, so the lambda
// it is handed runs elsewhere.
template <typename Executor> task<> submit_later(Executor &ex) {
  ex.submit([] { ::sleep(1); });
  co_return;
}
struct pool {
  template <typename F> void submit(F f);
};
template task<> submit_later(pool &);

// A coroutine lambda is a coroutine too.
void make_lambda() {
  auto coro = []() -> task<> {
    ::sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sleep' blocks the event loop inside a coroutine lambda [async-blocking-call]
    co_return;
  };
  (void)coro;
}

// The user's own function named like a blocking one is not it, and calling
// a coroutine only creates a task.
task<int> connect(int id) { co_return id; }
task<> own_names() {
  co_await connect(1);
}

// Templates: reported once, at the pattern's location.
template <typename T> task<T> generic(T v) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the event loop inside coroutine 'generic' [async-blocking-call]
  co_return v;
}
template task<int> generic(int);
template task<long> generic(long);
