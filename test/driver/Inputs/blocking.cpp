#include "cppcoro_like.h"
#include <chrono>
#include <thread>

cppcoro::task<int> fetch(int id);

cppcoro::task<int> handler() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  fetch(1);
  co_return 0;
}
