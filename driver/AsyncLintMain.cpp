//===--- AsyncLintMain.cpp - asynclint driver -----------------------------===//
//
// The asynclint executable: clang-tidy's main with the async module linked in
// (the module registers itself from asynclintChecks' objects).
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/tool/ClangTidyMain.h"

int main(int Argc, const char **Argv) {
  return clang::tidy::clangTidyMain(Argc, Argv);
}
