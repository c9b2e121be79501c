#include "cppcoro_like.h"
using cppcoro::task;
task<int> fetch(int id);
task<int> handler() {
  fetch(1);
  int x = "not an int";
  co_return co_await fetch(2);
}
