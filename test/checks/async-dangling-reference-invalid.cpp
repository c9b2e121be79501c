// Half-typed code, as clangd sees it while the user types: the front end
// reports the compiler errors, keeps checking the valid parts, and neither
// crashes nor guesses on error-recovery nodes.
// (A missing header is a fatal error, after which Clang stops instantiating
// templates: it comes last, so that the code above is checked.)
// RUN: not %asynclint_tidy --checks='-*,async-dangling-reference' --config='{}' %s -- -std=c++20 -I %inputs 2>&1 | FileCheck %s --implicit-check-not='warning:'

#include "cppcoro_like.h"
#include <string>

using cppcoro::task;
task<int> fetch(const std::string &name);
struct config {
  int retries;
};
task<int> load(const config &cfg);

task<> valid_part() {
  auto t = load(config{1});
  // CHECK: :[[@LINE-1]]:12: warning: task 'load' may outlive the temporary bound to its reference parameter 'cfg' [async-dangling-reference]
  co_await std::move(t);
}

task<int> returns_half(std::string name) {
  return fetch(name, undeclared_var);
}

struct incomplete;
task<int> take(const incomplete &);
incomplete make_incomplete();
void incomplete_type() {
  auto t = take(make_incomplete());
}

task<> half_typed(int x) {
  auto a = fetch(std::string(undeclared_var));
  auto b = fetch(unknown_type{});
  auto c = fetch(std::string("x"), 2);
  auto d = [x, y]() -> task<int> { co_return x + y; }();
  auto e = [x]() -> unknown_task<int> { co_return x; }();
  auto f = fetch(std::string("x")
  co_await fetch(std::string("x")).
}

#include "no_such_header.h"
// CHECK: error: 'no_such_header.h' file not found
