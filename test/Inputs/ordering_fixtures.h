// Declarations shared by the ordering checks' tests
// (async-sequential-awaits, async-await-in-loop).
#ifndef ASYNCLINT_TEST_ORDERING_FIXTURES_H
#define ASYNCLINT_TEST_ORDERING_FIXTURES_H

#include "cppcoro_like.h"
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

using cppcoro::task;

task<int> fetch(int id);
task<std::pair<int, int>> login();
task<int> posts(int user_id);
task<int> fill(std::span<int> out);
task<int> checksum(const std::vector<int> &in);
task<int> measure(std::string_view text);

inline int g_region = 0;
inline void select_region(int r) { g_region = r; }
task<int> fetch_region(); // reads g_region
void reconfigure();       // defined elsewhere

// Prints; touches no state of the program.
inline void print_value(int v) { std::printf("%d\n", v); }

struct database {
  task<int> insert(int row);
  task<int> last_id();
  task<int> get(int key);
};

template <typename... T> task<std::tuple<T...>> gather(task<T>... tasks);

#endif // ASYNCLINT_TEST_ORDERING_FIXTURES_H
