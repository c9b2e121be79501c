//===--- Includers.h - asynclint driver -------------------------*- C++ -*-===//
//
// Part of stage 2 (units): which translation units include a header named
// on the command line (pre-commit passes headers too), found by scanning
// the `#include` lines of each unit's main file and of the project's
// headers it reaches, resolved against the unit's include path as the
// compiler resolves them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_INCLUDERS_H
#define ASYNCLINT_DRIVER_INCLUDERS_H

#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace asynclint {

/// The units of \p Units whose main file includes \p Header (absolute),
/// directly or through headers under \p Root. Conditional directives are
/// not evaluated (an #include under a false #if counts: a unit too many is
/// linted, never one too few), and an #include of a macro is not followed;
/// headers outside \p Root (the system's) are not scanned.
std::vector<std::string>
unitsIncluding(const std::string &Header,
               const clang::tooling::CompilationDatabase &Database,
               const std::vector<std::string> &Units, const std::string &Root);

/// Whether \p Path is named like a header (.h, .hh, .hpp, .hxx, .h++, .inl,
/// .inc, .ipp, .tcc, .cuh, or no extension).
bool looksLikeHeader(llvm::StringRef Path);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_INCLUDERS_H
