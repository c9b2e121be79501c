// A test framework in the shape of doctest/Catch2/GoogleTest, for
// async-blocking-call's tests: its assertion macro calls into the
// framework's namespace, which reads a file to ask whether a debugger is
// attached (to break into it on failure). That read is the framework's
// business, not the code under test's.
#ifndef ASYNCLINT_TEST_BLOCKING_TESTFRAMEWORK_H
#define ASYNCLINT_TEST_BLOCKING_TESTFRAMEWORK_H

#include <fstream>
#include <string>

namespace minitest {
namespace detail {
inline bool debugger_attached() {
  std::ifstream status("/proc/self/status");
  std::string line;
  return std::getline(status, line) && line.find("TracerPid") == 0;
}
inline void report(bool ok, const char *expr) {
  if (!ok && debugger_attached())
    __builtin_trap();
  (void)expr;
}
} // namespace detail
} // namespace minitest

#define MINI_CHECK(expr)                                                       \
  ::minitest::detail::report(static_cast<bool>(expr), #expr)

#endif // ASYNCLINT_TEST_BLOCKING_TESTFRAMEWORK_H
