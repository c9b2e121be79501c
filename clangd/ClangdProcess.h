//===--- ClangdProcess.h - asynclint-clangd ---------------------*- C++ -*-===//
//
// The clangd under the supervisor: started with pipes for its stdin and
// stdout (its stderr is the supervisor's), and waited for.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_CLANGDPROCESS_H
#define ASYNCLINT_CLANGD_CLANGDPROCESS_H

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace asynclint {

struct ClangdProcess {
  pid_t Pid = -1;
  int Input = -1;  // clangd's stdin
  int Output = -1; // clangd's stdout
};

/// Starts \p Clangd with \p Args; nullopt (reported) when it cannot run.
std::optional<ClangdProcess> startClangd(const std::string &Clangd,
                                         std::vector<std::string> Args);

/// Waits for \p Pid and returns its exit code (128 + signal when killed).
int waitForExit(pid_t Pid);

/// Sends LSP to a private copy of stdout and makes fd 1 stderr, so that
/// nothing the compiler libraries print can corrupt the stream. Returns
/// the new LSP descriptor, or -1 (reported).
int privateStdout();

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_CLANGDPROCESS_H
