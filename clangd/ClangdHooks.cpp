//===--- ClangdHooks.cpp - asynclint-clangd -------------------------------===//
//
// The two places where asynclint-clangd's clangd differs from clangd-22, both
// about the async-* checks only:
//
// - The checks run by default: every clang-tidy configuration clangd
//   computes for a file starts with "async-*", so the project's .clang-tidy
//   or clangd config turns them off as it would any check ("-*" or
//   "-async-*"), and clangd's own defaults for the other checks are what
//   clangd-22 picks. (clangd's combined provider is the last step of the
//   configuration: wrapping it sees the final Checks list.)
// - clangd's FastCheckFilter (Strict by default) keeps only checks it knows
//   to be fast; the async-* checks are counted as known-fast
//   (docs/performance.md: about the cost of the parse), every other check
//   keeps clangd's own verdict.
//
// clangd ships no headers and no hook for either, so the link wraps the two
// functions of libclangDaemon.a that decide (-Wl,--wrap, clangd/CMakeLists).
//
// In safe mode (ASYNCLINT_CLANGD_SAFE_MODE, set by the supervisor after
// repeated crashes, Supervisor.h) the async-* checks are turned off instead.
//
//===----------------------------------------------------------------------===//

#include "AsyncChecksDefault.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/FunctionExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::clangd {
// clangd's TidyProvider.h (not installed by Debian): the declarations the
// wrappers need, spelled as clangd 22 does.
using TidyProvider = llvm::unique_function<void(tidy::ClangTidyOptions &,
                                                llvm::StringRef) const>;
} // namespace clang::clangd

using clang::clangd::TidyProvider;

// The originals (__real_) and the replacements (__wrap_), by their linker
// names: clang::clangd::combine(std::vector<TidyProvider>) and
// clang::clangd::isFastTidyCheck(llvm::StringRef).
TidyProvider realCombine(std::vector<TidyProvider> Providers) asm(
    "__real__ZN5clang6clangd7combineESt6vectorIN4llvm15unique_"
    "functionIKFvRNS_4tidy16ClangTidyOptionsENS2_9StringRefEEEESaIS9_EE");
TidyProvider wrapCombine(std::vector<TidyProvider> Providers) asm(
    "__wrap__ZN5clang6clangd7combineESt6vectorIN4llvm15unique_"
    "functionIKFvRNS_4tidy16ClangTidyOptionsENS2_9StringRefEEEESaIS9_EE");
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

TidyProvider wrapCombine(std::vector<TidyProvider> Providers) {
  return [All = realCombine(std::move(Providers)),
          Safe = asynclint::inSafeMode()](clang::tidy::ClangTidyOptions &Opts,
                                          llvm::StringRef File) {
    All(Opts, File);
    Opts.Checks = asynclint::withAsyncChecks(Opts.Checks.value_or(""), Safe);
  };
}

std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return realIsFastTidyCheck(Check);
}
