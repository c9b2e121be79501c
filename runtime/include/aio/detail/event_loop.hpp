// The event loop behind aio::run: a ready queue, a timer heap, epoll for
// file-descriptor readiness, and an inbox that other threads (to_thread's
// pool, event::set) post handles to. Everything but the inbox is touched
// only by the loop's own thread.
#pragma once

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace aio::detail {

using clock = std::chrono::steady_clock;

// Lets a timer be disarmed after it was queued (wait_for's deadline once the
// task finished first). Shared between the heap entry and its owner; both
// live on the loop thread.
struct timer_guard {
  // Fired, or cancelled through event_loop::cancel: whichever came first
  // settles it, and the other then does nothing.
  bool settled = false;
  std::coroutine_handle<> *waiter_slot = nullptr;
};

// The part of a loop that other threads touch: the handles they post (to_thread
// completions, event::set from another thread) and the eventfd that wakes
// the loop's epoll_wait for them. Shared between the loop and every poster,
// so a thread that posts after the loop ended finds it closed, never freed.
class remote_inbox {
public:
  struct item {
    std::coroutine_handle<> handle;
    bool job; // a to_thread completion, which the loop counts as pending
  };

  remote_inbox() : wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (wake_fd_ < 0)
      throw std::system_error(errno, std::generic_category(), "eventfd");
  }
  remote_inbox(const remote_inbox &) = delete;
  remote_inbox &operator=(const remote_inbox &) = delete;
  ~remote_inbox() { close(); }

  // Loop thread.
  int fd() const noexcept { return wake_fd_; }

  // Any thread. The mutex orders the poster's writes (a job's result)
  // before the loop thread's reads after it took the item. Returns false,
  // dropping h, once the loop has ended.
  bool post(std::coroutine_handle<> h, bool job) {
    std::scoped_lock lock(mutex_);
    if (wake_fd_ < 0)
      return false;
    items_.push_back({h, job});
    // Still under the lock: the loop can end only after it took this item,
    // which needs the lock, so the descriptor is open and still the loop's.
    // Written after unlocking, the loop could take the item, end and close
    // the descriptor (which may then be reused) before this write.
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
    return true;
  }

  // Loop thread: everything posted so far. Reading the counter before
  // taking the lock is safe: an item posted after the read comes with a
  // write after it, so epoll reports the descriptor again.
  std::vector<item> take() {
    std::uint64_t count = 0;
    [[maybe_unused]] auto r = ::read(wake_fd_, &count, sizeof count);
    std::vector<item> batch;
    std::scoped_lock lock(mutex_);
    batch.swap(items_);
    return batch;
  }

  // Loop thread, as the loop ends: later posts are dropped.
  void close() noexcept {
    std::scoped_lock lock(mutex_);
    if (wake_fd_ >= 0)
      ::close(std::exchange(wake_fd_, -1));
  }

private:
  std::mutex mutex_;
  int wake_fd_;
  std::vector<item> items_;
};

class event_loop {
public:
  event_loop() : inbox_(std::make_shared<remote_inbox>()) {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0)
      throw std::system_error(errno, std::generic_category(), "epoll_create1");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = inbox_->fd();
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, inbox_->fd(), &ev);
    current_ref() = this;
  }

  event_loop(const event_loop &) = delete;
  event_loop &operator=(const event_loop &) = delete;

  // Only epoll_wait failing while waiting for off-loop jobs can throw here,
  // and then terminating is the only safe outcome (jobs hold our frames).
  // NOLINTNEXTLINE(bugprone-exception-escape)
  ~event_loop() {
    // Off-loop jobs still hold handles into frames we are about to destroy:
    // wait for them to report back before anything is freed.
    while (external_ > 0)
      poll(-1, /*resume=*/false);
    // Tasks created with create_task that are still pending are destroyed,
    // as asyncio.run cancels them. Swap first: a frame's destruction
    // unregisters it from detached_.
    auto frames = std::move(detached_);
    detached_.clear();
    for (void *frame : frames)
      std::coroutine_handle<>::from_address(frame).destroy();
    // A thread still holding the inbox (an event::set racing the end) now
    // finds it closed.
    inbox_->close();
    ::close(epoll_fd_);
    current_ref() = nullptr;
  }

  static event_loop *current() noexcept { return current_ref(); }

  static event_loop &require(const char *what) {
    event_loop *loop = current();
    if (!loop)
      throw std::logic_error(std::string(what) +
                             ": no aio event loop is running on this thread "
                             "(start one with aio::run)");
    return *loop;
  }

  void post(std::coroutine_handle<> h) { ready_.push_back(h); }

  // What other threads post to; see remote_inbox.
  const std::shared_ptr<remote_inbox> &inbox() const noexcept { return inbox_; }

  // A job is being handed to another thread and will come back through the
  // inbox (posted with job = true). The loop does not end, and does not
  // report a deadlock, while one is out. If the hand-off fails, the caller
  // takes it back with end_external.
  void begin_external() noexcept { ++external_; }
  void end_external() noexcept { --external_; }

  void call_at(clock::time_point when, std::coroutine_handle<> h,
               std::shared_ptr<timer_guard> guard = nullptr) {
    timers_.push_back(timer{.when = when,
                            .seq = next_seq_++,
                            .handle = h,
                            .guard = std::move(guard)});
    std::ranges::push_heap(timers_, later);
  }

  // Disarms a timer queued with a guard; nothing if it already fired. The
  // entry stays in the heap until it reaches the top or the heap is purged:
  // like asyncio, purge once cancelled entries are over half of a heap of
  // some size, so the heap stays within about twice the live timers at an
  // amortised O(1) per cancel.
  void cancel(timer_guard &guard) {
    if (std::exchange(guard.settled, true))
      return;
    ++cancelled_timers_;
    if (timers_.size() > 64 && cancelled_timers_ * 2 > timers_.size()) {
      std::erase_if(timers_, [](const timer &t) { return is_cancelled(t); });
      std::ranges::make_heap(timers_, later);
      cancelled_timers_ = 0;
    }
  }

  // One-shot readiness: h is resumed once fd is readable (or writable).
  void watch(int fd, bool writable, std::coroutine_handle<> h) {
    auto &w = watchers_[fd];
    std::coroutine_handle<> &slot = writable ? w.writer : w.reader;
    if (slot)
      throw std::logic_error("aio: two coroutines wait for the same readiness "
                             "of one file descriptor");
    slot = h;
    ++watching_;
    rearm(fd, w, /*registered=*/w.registered);
  }

  // Entries in the timer heap, cancelled ones not yet purged included (for
  // tests).
  std::size_t timers_queued() const noexcept { return timers_.size(); }

  void adopt(void *frame) { detached_.insert(frame); }
  void disown(void *frame) noexcept { detached_.erase(frame); }

  // Runs until *done is true. Throws if nothing can ever make progress.
  void run_until(const bool &done) {
    for (;;) {
      fire_timers(clock::now());
      // Resume only what is ready now; what they post runs next round, after
      // timers and I/O had a chance (no starvation by a busy task).
      std::size_t n = ready_.size();
      while (n-- > 0 && !ready_.empty()) {
        std::coroutine_handle<> h = ready_.front();
        ready_.pop_front();
        h.resume();
      }
      if (done)
        return;
      // A cancelled deadline must neither delay the deadlock report below
      // nor set the wait: only a live timer counts.
      drop_cancelled_front();
      int timeout;
      if (!ready_.empty()) {
        timeout = 0;
      } else if (!timers_.empty()) {
        auto wait = timers_.front().when - clock::now();
        auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
        timeout = static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
      } else if (watching_ > 0 || external_ > 0) {
        timeout = -1;
      } else {
        throw std::logic_error(
            "aio::run: deadlock: the main task is suspended but nothing "
            "(no timer, I/O, thread job or ready task) can resume it");
      }
      // A ready queue with nothing else pending needs no system call.
      if (timeout == 0 && watching_ == 0 && external_ == 0)
        continue;
      poll(timeout, /*resume=*/true);
    }
  }

private:
  struct timer {
    clock::time_point when;
    std::uint64_t seq;
    std::coroutine_handle<> handle;
    std::shared_ptr<timer_guard> guard;
  };
  static bool later(const timer &a, const timer &b) {
    return a.when != b.when ? a.when > b.when : a.seq > b.seq;
  }
  // A settled guard on an entry still queued means it was cancelled: a
  // timer that fires leaves the heap as it settles.
  static bool is_cancelled(const timer &t) noexcept {
    return t.guard && t.guard->settled;
  }
  struct fd_watch {
    std::coroutine_handle<> reader, writer;
    bool registered = false;
  };

  static event_loop *&current_ref() noexcept {
    thread_local event_loop *loop = nullptr;
    return loop;
  }

  timer pop_timer() {
    std::ranges::pop_heap(timers_, later);
    timer t = std::move(timers_.back());
    timers_.pop_back();
    if (is_cancelled(t))
      --cancelled_timers_;
    return t;
  }

  void fire_timers(clock::time_point now) {
    while (!timers_.empty() && timers_.front().when <= now) {
      timer t = pop_timer();
      if (t.guard) {
        if (t.guard->settled)
          continue; // cancelled
        t.guard->settled = true;
        if (t.guard->waiter_slot)
          *t.guard->waiter_slot = {};
      }
      ready_.push_back(t.handle);
    }
  }

  void drop_cancelled_front() {
    while (!timers_.empty() && is_cancelled(timers_.front()))
      pop_timer();
  }

  void rearm(int fd, fd_watch &w, bool registered) const {
    epoll_event ev{};
    ev.events =
        EPOLLONESHOT | (w.reader ? EPOLLIN : 0u) | (w.writer ? EPOLLOUT : 0u);
    ev.data.fd = fd;
    int rc = ::epoll_ctl(epoll_fd_, registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
                         fd, &ev);
    if (rc < 0)
      throw std::system_error(errno, std::generic_category(), "epoll_ctl");
    w.registered = true;
  }

  void poll(int timeout_ms, bool resume) {
    std::array<epoll_event, 64> events{};
    int n = ::epoll_wait(epoll_fd_, events.data(),
                         static_cast<int>(events.size()), timeout_ms);
    if (n < 0 && errno != EINTR)
      throw std::system_error(errno, std::generic_category(), "epoll_wait");
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == inbox_->fd()) {
        drain_inbox(resume);
        continue;
      }
      auto it = watchers_.find(fd);
      if (it == watchers_.end())
        continue;
      fd_watch &w = it->second;
      std::uint32_t e = events[i].events;
      bool err = e & (EPOLLERR | EPOLLHUP);
      if (w.reader && (err || (e & EPOLLIN))) {
        ready_.push_back(std::exchange(w.reader, {}));
        --watching_;
      }
      if (w.writer && (err || (e & EPOLLOUT))) {
        ready_.push_back(std::exchange(w.writer, {}));
        --watching_;
      }
      if (w.reader || w.writer) {
        rearm(fd, w, true);
      } else {
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
        watchers_.erase(it);
      }
    }
  }

  // Without resume (the loop is ending), handles are only counted off: their
  // frames are about to be destroyed.
  void drain_inbox(bool resume) {
    for (const remote_inbox::item &it : inbox_->take()) {
      if (it.job)
        --external_;
      if (resume)
        ready_.push_back(it.handle);
    }
  }

  std::shared_ptr<remote_inbox> inbox_;
  int epoll_fd_ = -1;
  std::deque<std::coroutine_handle<>> ready_;
  std::vector<timer> timers_;
  std::size_t cancelled_timers_ = 0; // entries of timers_ that are cancelled
  std::uint64_t next_seq_ = 0;
  std::unordered_map<int, fd_watch> watchers_;
  std::size_t watching_ = 0;
  std::size_t external_ = 0;
  std::unordered_set<void *> detached_;
};

// Starts a task as the continuation-bearing child of the awaiting coroutine
// without taking its result: the caller reads it from the task afterwards.
template <typename Promise> struct start_awaiter {
  std::coroutine_handle<Promise> child;
  bool await_ready() const noexcept { return !child || child.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) {
    child.promise().set_continuation(parent);
    return child;
  }
  void await_resume() const noexcept {}
};

} // namespace aio::detail
