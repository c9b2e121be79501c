#include "app.h"
#include "cppcoro_like.h"

cppcoro::task<int> handler() {
  std::string c = load_config();
  int v = parse_value("x");
  log_line("served");
  log_line("again"); // NOLINT(async-blocking-call)
  deep();
  co_return v + int(c.size());
}

int plain() {
  load_config();
  return 0;
}

namespace pool {
template <class F> cppcoro::task<int> to_thread(F f) { co_return f(); }
} // namespace pool

// The helper runs on a pool thread: silent.
cppcoro::task<int> offloaded() {
  co_return co_await pool::to_thread([] { return int(load_config().size()); });
}

// A helper that returns a task makes (or starts) a coroutine: its body is
// not the caller's, silent.
cppcoro::task<int> fetch_config();
cppcoro::task<int> awaits_task() { co_return co_await fetch_config(); }
