//===--- AsyncLintMain.cpp - asynclint driver -----------------------------===//
//
// The asynclint executable. Two modes:
//
// - `asynclint -p BUILD [paths or globs...]` (no `--`): the CI mode
//   (CiMode.cpp): every translation unit of the compilation database, in
//   parallel, with text, JSON or SARIF output, baselines, atomic --fix and
//   CI exit codes.
// - anything with `--` (compile flags on the command line), or one of
//   clang-tidy's informational flags: clang-tidy's own main with the async
//   module linked in, so `asynclint file.cpp -- -std=c++20` behaves exactly
//   like `clang-tidy-22 -load libasynclint.so`.
//
//===----------------------------------------------------------------------===//

#include "CiMode.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"

namespace {

bool wantsClangTidy(int Argc, const char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "--")
      return true;
    // clang-tidy's informational modes, spelled with one dash or two.
    A = A.ltrim('-');
    for (llvm::StringRef Info :
         {"list-checks", "dump-config", "verify-config", "version",
          "explain-config", "help-list", "help-hidden"})
      if (A == Info || A.starts_with(std::string(Info) + "="))
        return true;
  }
  return false;
}

} // namespace

int main(int Argc, const char **Argv) {
  if (wantsClangTidy(Argc, Argv))
    return clang::tidy::clangTidyMain(Argc, Argv);
  return asynclint::ciMain(Argc, Argv);
}
