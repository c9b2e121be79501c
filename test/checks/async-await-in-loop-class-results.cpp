// RUN: %check_async_tidy %s async-await-in-loop %t -- -I %inputs

// Class-typed results handed straight to a container, through an awaiter
// that returns by value (cppcoro_like) and one that returns a reference into
// the frame (ref_task.h): `out.push_back(co_await f(id))` binds push_back's
// `T &&` parameter to the awaited reference, which writes the awaited
// temporary's state, not the loop variable.
#include "cppcoro_like.h"
#include "ref_task.h"

#include <string>
#include <vector>

cppcoro::task<std::string> vpage(int id);
reftask::task<std::string> rpage(int id);
reftask::task<std::string> rnext(const std::vector<std::string> &so_far);

reftask::task<int> by_value(std::vector<int> ids) {
  std::vector<std::string> out;
  for (int id : ids)
    out.push_back(co_await vpage(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return static_cast<int>(out.size());
}

reftask::task<int> by_reference(std::vector<int> ids) {
  std::vector<std::string> out;
  for (int id : ids)
    out.push_back(co_await rpage(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
  co_return static_cast<int>(out.size());
}

reftask::task<int> copied_by_reference(std::vector<int> ids) {
  std::vector<std::string> out;
  for (int id : ids) {
    std::string page = co_await rpage(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: each iteration waits for this await before the next one starts; the iterations are independent [async-await-in-loop]
    out.push_back(page);
  }
  co_return static_cast<int>(out.size());
}

// Negative neighbours: each await reads what the previous iterations built.
reftask::task<int> carried_by_reference(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(co_await rnext(out)); // reads out: stays sequential
  co_return static_cast<int>(out.size());
}

// The same awaited object every time (a named task): not independent work.
reftask::task<int> named_task(reftask::task<std::string> &t, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    out.push_back(co_await std::move(t)); // one task, awaited again
  co_return static_cast<int>(out.size());
}
