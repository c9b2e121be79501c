//===--- AsyncLintClangdMain.cpp - asynclint-clangd -----------------------===//
//
// asynclint-clangd: clangd 22 (Debian's libclangdMain) with the async-*
// checks linked in and on by default (ClangdHooks.cpp). Started by
// an editor, it is the supervisor that runs this same executable as the
// clangd below it and restarts it after a crash (Supervisor.h); --version,
// --help and --check=FILE are clangd's, run here directly.
//
//===----------------------------------------------------------------------===//

#include "Supervisor.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include <cstdlib>
#include <string>
#include <vector>

#ifndef ASYNCLINT_DOCS_URL
#define ASYNCLINT_DOCS_URL ""
#endif
#ifndef ASYNCLINT_RESOURCE_DIR
#define ASYNCLINT_RESOURCE_DIR ""
#endif

namespace clang::clangd {
// clangd's ClangdMain.h (not installed by Debian).
int clangdMain(int Argc, char **Argv);
} // namespace clang::clangd

namespace {

// Whether clangd would answer and exit without an LSP session.
bool isInformational(llvm::StringRef Arg) {
  return Arg == "--version" || Arg == "-version" || Arg == "--help" ||
         Arg == "-help" || Arg == "--help-hidden" || Arg == "--check" ||
         Arg.starts_with("--check=") || Arg == "--help-list" ||
         Arg == "--help-list-hidden";
}

// clangd finds the compiler's built-in headers next to its executable
// (../lib/clang/22), which an asynclint-clangd in a build tree or in
// /usr/local does not have: unless the user chose one, the resource
// directory of the clang-22 that built it.
std::vector<std::string> clangdArgs(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  bool HasResourceDir = false;
  for (llvm::StringRef A : Args)
    HasResourceDir |=
        A.starts_with("--resource-dir") || A.starts_with("-resource-dir");
  if (!HasResourceDir && *ASYNCLINT_RESOURCE_DIR)
    Args.insert(Args.begin(),
                std::string("--resource-dir=") + ASYNCLINT_RESOURCE_DIR);
  return Args;
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args = clangdArgs(Argc, Argv);
  bool Informational = false;
  for (llvm::StringRef A : Args)
    Informational |= isInformational(A);
  if (Informational || std::getenv(asynclint::ServerVariable)) {
    std::vector<char *> V{Argv[0]};
    for (std::string &A : Args)
      V.push_back(A.data());
    V.push_back(nullptr);
    return clang::clangd::clangdMain(static_cast<int>(V.size()) - 1, V.data());
  }
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&clang::clangd::clangdMain));
  return asynclint::supervise(Self, Args, ASYNCLINT_DOCS_URL);
}
