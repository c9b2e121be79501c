// The bounded pool behind aio::to_thread: a fixed number of workers (the
// number of cores, at least 2) take jobs from one queue.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace aio::detail {

class thread_pool {
public:
  explicit thread_pool(unsigned workers) {
    try {
      threads_.reserve(workers);
      for (unsigned i = 0; i < workers; ++i)
        threads_.emplace_back([this] { work(); });
    } catch (...) {
      // A std::thread that failed to start (std::system_error, bad_alloc)
      // leaves the ones already running: a joinable std::thread destroyed
      // with the vector would terminate the process.
      stop();
      throw;
    }
  }
  ~thread_pool() { stop(); }

  void submit(std::function<void()> job) {
    {
      std::scoped_lock lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
  }

private:
  void stop() noexcept {
    {
      std::scoped_lock lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto &t : threads_)
      t.join();
  }

  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty())
          return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

inline thread_pool &default_pool() {
  static thread_pool pool(std::max(2u, std::thread::hardware_concurrency()));
  return pool;
}

} // namespace aio::detail
