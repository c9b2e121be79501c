//===--- AsyncLintClangdMain.cpp - asynclint-clangd -----------------------===//
//
// asynclint-clangd: a drop-in for the clangd binary. Starts the real clangd,
// relays LSP between it and the editor, and adds asynclint's findings and
// fix-its (see ClangdProxy.h). stdout carries only LSP; logs go to stderr.
//
//===----------------------------------------------------------------------===//

#include "AnalysisProcess.h"
#include "BufferAnalysis.h"
#include "ClangdProcess.h"
#include "ClangdProxy.h"
#include "LspFraming.h"
#include "MessageIO.h"
#include "ProxyArgs.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>

#ifndef ASYNCLINT_DOCS_URL
#define ASYNCLINT_DOCS_URL ""
#endif

using namespace asynclint;

namespace {

// Lint results use the compile command clangd would; a path from the
// client's initializationOptions counts unless the command line named one.
ClangdProxy::Options proxyOptions(const ProxyArgs &A,
                                  CompileCommandFinder &Commands) {
  ClangdProxy::Options Opts;
  Opts.Debounce = std::chrono::milliseconds(A.DebounceMs);
  Opts.DocsUrl = ASYNCLINT_DOCS_URL;
  if (A.CompileCommandsDir.empty())
    Opts.OnCompilationDatabasePath = [&Commands](const std::string &Dir) {
      Commands.setDirectory(Dir);
    };
  return Opts;
}

// Analyses one buffer in a child process (AnalysisProcess.h); a failure is
// logged and costs only this analysis.
std::vector<BufferFinding> analyze(const std::string &Self,
                                   const std::string &Path,
                                   const std::string &Text,
                                   CompileCommandFinder &Commands) {
  AnalysisOutcome O = analyzeInChild(Self, Path, Text, Commands.directory(),
                                     /*TimeoutSeconds=*/120);
  if (!O.Failure.empty())
    logLine("the analysis of " + Path + " did not finish: " + O.Failure +
            " (clangd's own diagnostics are not affected)");
  return std::move(O.Findings);
}

// Relays until clangd exits, then leaves with its exit code. (The proxy's
// worker may be in the middle of an analysis nobody wants any more, hence
// _Exit after the last write.)
[[noreturn]] void relay(const ProxyArgs &A, const ClangdProcess &Clangd,
                        int LspOut, const std::string &Self) {
  std::mutex OutMutex;
  auto ToClient = [&](const std::string &Body) {
    std::scoped_lock Lock(OutMutex);
    if (!writeAll(LspOut, lsp::frame(Body)))
      logLine("cannot write to the client: " +
              std::string(std::strerror(errno)));
  };
  auto ToServer = [&](const std::string &Body) {
    if (!writeAll(Clangd.Input, lsp::frame(Body)))
      logLine("cannot write to clangd: " + std::string(std::strerror(errno)));
  };
  CompileCommandFinder Commands(A.CompileCommandsDir);
  // Never destroyed: the process ends with _Exit while it may be working.
  auto *Proxy = new ClangdProxy(
      proxyOptions(A, Commands), ToClient, ToServer,
      [&](const std::string &Path, const std::string &Text) {
        return analyze(Self, Path, Text, Commands);
      },
      logLine);
  std::thread FromServer([&] {
    readMessages(Clangd.Output, "clangd",
                 [&](const std::string &Body) { Proxy->fromServer(Body); });
    int Code = waitForExit(Clangd.Pid);
    std::scoped_lock Lock(OutMutex, LogMutex);
    llvm::errs().flush();
    std::_Exit(Code);
  });
  // The editor's output; at its end, close clangd's input so that it exits.
  readMessages(0, "the client",
               [&](const std::string &Body) { Proxy->fromClient(Body); });
  ::close(Clangd.Input);
  FromServer.join(); // never returns: the thread exits the process
  std::_Exit(0);
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc > 1 && llvm::StringRef(Argv[1]) == AnalyzeWorkerFlag)
    return analyzeWorkerMain(Argc, Argv);
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&analyzeWorkerMain));
  ProxyArgs A;
  if (std::optional<int> Stop = parseProxyArgs(Argc, Argv, A))
    return *Stop;
  if (A.Informational) // --version, --help, --check: clangd's own output
    return execClangd(A.Clangd, A.Passed);
  std::signal(SIGPIPE, SIG_IGN);
  int LspOut = privateStdout();
  if (LspOut < 0)
    return 2;
  std::optional<ClangdProcess> Clangd = startClangd(A.Clangd, A.Passed);
  if (!Clangd)
    return 2;
  relay(A, *Clangd, LspOut, Self);
}
