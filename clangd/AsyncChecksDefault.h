//===--- AsyncChecksDefault.h - asynclint-clangd ----------------*- C++ -*-===//
//
// How asynclint-clangd's clangd turns the async-* checks on by default
// (ClangdHooks.cpp wraps clangd's configuration with these).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_ASYNCCHECKSDEFAULT_H
#define ASYNCLINT_CLANGD_ASYNCCHECKSDEFAULT_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace asynclint {

/// Set in clangd's environment by the supervisor after repeated crashes:
/// the async-* checks are off for that clangd.
inline constexpr const char *SafeModeVariable = "ASYNCLINT_CLANGD_SAFE_MODE";

/// Whether this process runs in safe mode.
bool inSafeMode();

/// The Checks list clangd computed for a file, with "async-*" in front
/// (the project's globs come later and win), and "-async-*" at the end in
/// safe mode.
std::string withAsyncChecks(llvm::StringRef Checks, bool SafeMode);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_ASYNCCHECKSDEFAULT_H
