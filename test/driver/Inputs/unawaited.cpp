#include "cppcoro_like.h"

cppcoro::task<int> fetch(int id);

cppcoro::task<int> handler() {
  fetch(1);
  co_return co_await fetch(2);
}
