//===--- AsyncLintClangdMain.cpp - asynclint-clangd -----------------------===//
//
// asynclint-clangd: a drop-in for the clangd binary. Starts the real clangd,
// relays LSP between it and the editor, and adds asynclint's findings and
// fix-its (see ClangdProxy.h). stdout carries only LSP; logs go to stderr.
//
//===----------------------------------------------------------------------===//

#include "BufferAnalysis.h"
#include "ClangdProxy.h"
#include "LspFraming.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#ifndef ASYNCLINT_DOCS_URL
#define ASYNCLINT_DOCS_URL ""
#endif

namespace {

constexpr const char *Usage =
    R"(usage: asynclint-clangd [options] [clangd options]

A drop-in for clangd that adds asynclint's findings to clangd's diagnostics
and its fix-its to clangd's code actions. Point the editor's clangd path at
it. Every option not listed here is passed to clangd.

  --clangd=PATH              the clangd to run (default: clangd-22)
  --asynclint-debounce=MS    wait this long after an edit before analysing
                             (default: 100)
  --asynclint-help           this text

See docs/editors.md.
)";

std::mutex LogMutex;

void logLine(const std::string &Line) {
  std::scoped_lock Lock(LogMutex);
  llvm::errs() << "asynclint-clangd: " << Line << "\n";
  llvm::errs().flush();
}

// Writes all of \p Data to \p FD; false if the peer is gone.
bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(FD, Data.data(), Data.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

// Reads \p FD until end of input, handing each message body to \p OnMessage
// and each framing error to the log.
template <typename F> void readMessages(int FD, const char *Peer, F OnMessage) {
  asynclint::lsp::FrameReader Reader;
  std::vector<asynclint::lsp::FrameEvent> Events;
  std::vector<char> Buf(65536);
  auto Handle = [&] {
    for (asynclint::lsp::FrameEvent &E : Events) {
      if (E.K == asynclint::lsp::FrameEvent::Message)
        OnMessage(E.Text);
      else
        logLine(std::string("malformed input from ") + Peer + ": " + E.Text);
    }
    Events.clear();
  };
  for (;;) {
    ssize_t N = ::read(FD, Buf.data(), Buf.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Reader.feed(llvm::StringRef(Buf.data(), static_cast<size_t>(N)), Events);
    Handle();
  }
  Events = Reader.finish();
  Handle();
}

bool isInformational(llvm::StringRef Arg) {
  return Arg == "--version" || Arg == "-version" || Arg == "--help" ||
         Arg == "-help" || Arg == "--help-hidden" || Arg == "--check" ||
         Arg.starts_with("--check=");
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Clangd = "clangd-22";
  std::string CompileCommandsDir;
  unsigned DebounceMs = 100;
  bool Informational = false;
  std::vector<std::string> Passed;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--asynclint-help") {
      llvm::outs() << Usage;
      return 0;
    }
    if (Arg.consume_front("--clangd=")) {
      Clangd = Arg.str();
      continue;
    }
    if (Arg.consume_front("--asynclint-debounce=")) {
      if (Arg.getAsInteger(10, DebounceMs) || DebounceMs > 60000) {
        llvm::errs() << "asynclint-clangd: error: --asynclint-debounce wants "
                        "milliseconds (0 to 60000), got '"
                     << Arg << "'\n";
        return 2;
      }
      continue;
    }
    if (Arg.starts_with("--asynclint-")) {
      llvm::errs() << "asynclint-clangd: error: unknown option '" << Arg
                   << "' (see --asynclint-help)\n";
      return 2;
    }
    Informational |= isInformational(Arg);
    if (llvm::StringRef Dir = Arg; Dir.consume_front("--compile-commands-dir="))
      CompileCommandsDir = Dir.str();
    else if (Arg == "--compile-commands-dir" && I + 1 < Argc)
      CompileCommandsDir = Argv[I + 1];
    Passed.push_back(Arg.str());
  }

  std::vector<char *> ChildArgv;
  ChildArgv.push_back(Clangd.data());
  for (std::string &A : Passed)
    ChildArgv.push_back(A.data());
  ChildArgv.push_back(nullptr);

  // --version, --help, --check: clangd's own output, not LSP.
  if (Informational) {
    ::execvp(Clangd.c_str(), ChildArgv.data());
    llvm::errs() << "asynclint-clangd: error: cannot run clangd '" << Clangd
                 << "': " << std::strerror(errno)
                 << " (choose one with --clangd=PATH)\n";
    return 2;
  }

  std::signal(SIGPIPE, SIG_IGN);
  // LSP goes to a private copy of stdout; fd 1 itself becomes stderr, so
  // that nothing the compiler libraries might print can corrupt the stream.
  int LspOut = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
  if (LspOut < 0 || ::dup2(2, 1) < 0) {
    llvm::errs() << "asynclint-clangd: error: cannot set up stdout: "
                 << std::strerror(errno) << "\n";
    return 2;
  }
  std::array<int, 2> ToChild{};
  std::array<int, 2> FromChild{};
  std::array<int, 2> ExecFailed{};
  if (::pipe(ToChild.data()) || ::pipe(FromChild.data()) ||
      ::pipe2(ExecFailed.data(), O_CLOEXEC)) {
    llvm::errs() << "asynclint-clangd: error: pipe: " << std::strerror(errno)
                 << "\n";
    return 2;
  }
  pid_t Child = ::fork();
  if (Child < 0) {
    llvm::errs() << "asynclint-clangd: error: fork: " << std::strerror(errno)
                 << "\n";
    return 2;
  }
  if (Child == 0) {
    ::dup2(ToChild[0], 0);
    ::dup2(FromChild[1], 1);
    ::close(ToChild[0]);
    ::close(ToChild[1]);
    ::close(FromChild[0]);
    ::close(FromChild[1]);
    ::close(ExecFailed[0]);
    ::execvp(Clangd.c_str(), ChildArgv.data());
    int Err = errno;
    (void)!::write(ExecFailed[1], &Err, sizeof(Err));
    ::_exit(127);
  }
  ::close(ToChild[0]);
  ::close(FromChild[1]);
  ::close(ExecFailed[1]);
  int Err = 0;
  if (::read(ExecFailed[0], &Err, sizeof(Err)) == sizeof(Err)) {
    llvm::errs() << "asynclint-clangd: error: cannot run clangd '" << Clangd
                 << "': " << std::strerror(Err)
                 << " (choose one with --clangd=PATH)\n";
    ::waitpid(Child, nullptr, 0);
    return 2;
  }
  ::close(ExecFailed[0]);

  std::mutex OutMutex;
  auto ToClient = [&](const std::string &Body) {
    std::scoped_lock Lock(OutMutex);
    if (!writeAll(LspOut, asynclint::lsp::frame(Body)))
      logLine("cannot write to the client: " +
              std::string(std::strerror(errno)));
  };
  int ServerIn = ToChild[1];
  auto ToServer = [&](const std::string &Body) {
    if (!writeAll(ServerIn, asynclint::lsp::frame(Body)))
      logLine("cannot write to clangd: " + std::string(std::strerror(errno)));
  };

  asynclint::CompileCommandFinder Commands(CompileCommandsDir);
  asynclint::ClangdProxy::Options Opts;
  Opts.Debounce = std::chrono::milliseconds(DebounceMs);
  Opts.DocsUrl = ASYNCLINT_DOCS_URL;
  if (CompileCommandsDir.empty())
    Opts.OnCompilationDatabasePath = [&](const std::string &Dir) {
      Commands.setDirectory(Dir);
    };
  auto *Proxy = new asynclint::ClangdProxy(
      std::move(Opts), ToClient, ToServer,
      [&](const std::string &Path, const std::string &Text) {
        return asynclint::analyzeBuffer(Path, Text, Commands);
      },
      logLine);

  // clangd's output; when it ends, clangd has exited: leave with its code.
  // (The proxy's worker may be in the middle of an analysis nobody wants
  // any more, hence _Exit after the last write.)
  std::thread FromServer([&] {
    readMessages(FromChild[0], "clangd",
                 [&](const std::string &Body) { Proxy->fromServer(Body); });
    int Status = 0;
    while (::waitpid(Child, &Status, 0) < 0 && errno == EINTR) {
    }
    int Code = WIFEXITED(Status)     ? WEXITSTATUS(Status)
               : WIFSIGNALED(Status) ? 128 + WTERMSIG(Status)
                                     : 1;
    std::scoped_lock Lock(OutMutex, LogMutex);
    llvm::errs().flush();
    std::_Exit(Code);
  });

  // The editor's output; at its end, close clangd's input so that it exits.
  readMessages(0, "the client",
               [&](const std::string &Body) { Proxy->fromClient(Body); });
  ::close(ServerIn);
  FromServer.join(); // never returns: the thread exits the process
  return 0;
}
