//===--- ClangdProcess.cpp - asynclint-clangd -----------------------------===//

#include "ClangdProcess.h"
#include "llvm/Support/raw_ostream.h"
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace asynclint {
namespace {

// \p Args with the program name in front, as execvp wants them.
std::vector<char *> argv(const std::string &Clangd,
                         std::vector<std::string> &Args) {
  Args.insert(Args.begin(), Clangd);
  std::vector<char *> V;
  V.reserve(Args.size() + 1);
  for (std::string &A : Args)

    V.push_back(A.data());
  V.push_back(nullptr);
  return V;
}

void cannotRun(const std::string &Clangd, int Err) {
  llvm::errs() << "asynclint-clangd: error: cannot run '" << Clangd
               << "': " << std::strerror(Err) << "\n";
}

// In the child: wire the pipes to stdin/stdout and exec; an exec failure is
// reported to the parent through \p ExecFailed.
[[noreturn]] void execChild(const std::string &Clangd,
                            std::vector<std::string> &Args,
                            std::array<int, 2> ToChild,
                            std::array<int, 2> FromChild,
                            std::array<int, 2> ExecFailed) {
  ::dup2(ToChild[0], 0);
  ::dup2(FromChild[1], 1);
  for (int FD :
       {ToChild[0], ToChild[1], FromChild[0], FromChild[1], ExecFailed[0]})
    ::close(FD);
  std::vector<char *> V = argv(Clangd, Args);
  ::execvp(Clangd.c_str(), V.data());
  int Err = errno;
  (void)!::write(ExecFailed[1], &Err, sizeof(Err));
  ::_exit(127);
}

} // namespace

std::optional<ClangdProcess> startClangd(const std::string &Clangd,
                                         std::vector<std::string> Args) {
  std::array<int, 2> ToChild{};
  std::array<int, 2> FromChild{};
  std::array<int, 2> ExecFailed{};
  if (::pipe(ToChild.data()) || ::pipe(FromChild.data()) ||
      ::pipe2(ExecFailed.data(), O_CLOEXEC)) {
    llvm::errs() << "asynclint-clangd: error: pipe: " << std::strerror(errno)
                 << "\n";
    return std::nullopt;
  }
  pid_t Child = ::fork();
  if (Child < 0) {
    llvm::errs() << "asynclint-clangd: error: fork: " << std::strerror(errno)
                 << "\n";
    return std::nullopt;
  }
  if (Child == 0)
    execChild(Clangd, Args, ToChild, FromChild, ExecFailed);
  ::close(ToChild[0]);
  ::close(FromChild[1]);
  ::close(ExecFailed[1]);
  int Err = 0;
  if (::read(ExecFailed[0], &Err, sizeof(Err)) == sizeof(Err)) {
    cannotRun(Clangd, Err);
    ::waitpid(Child, nullptr, 0);
    return std::nullopt;
  }
  ::close(ExecFailed[0]);
  return ClangdProcess{Child, ToChild[1], FromChild[0]};
}

int waitForExit(pid_t Pid) {
  int Status = 0;
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  return WIFSIGNALED(Status) ? 128 + WTERMSIG(Status) : 1;
}

int privateStdout() {
  int LspOut = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
  if (LspOut < 0 || ::dup2(2, 1) < 0) {
    llvm::errs() << "asynclint-clangd: error: cannot set up stdout: "
                 << std::strerror(errno) << "\n";
    return -1;
  }
  return LspOut;
}

} // namespace asynclint
