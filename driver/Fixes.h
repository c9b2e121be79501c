//===--- Fixes.h - asynclint driver -----------------------------*- C++ -*-===//
//
// Stage 7: fix-its. --export-fixes writes clang-tidy's YAML for
// clang-apply-replacements; --fix applies them in place, atomically per
// file, never in a file whose unit failed to parse.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_FIXES_H
#define ASYNCLINT_DRIVER_FIXES_H

#include "Finding.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace asynclint {

/// Writes \p Errors' fix-its to \p Path as YAML (\p MainFile names the unit
/// when there is one); returns an exit code on an error already reported.
std::optional<int>
exportFixes(const std::string &Path, const std::string &MainFile,
            const std::vector<clang::tidy::ClangTidyError> &Errors);

/// Applies each finding's safe fix (with \p Unsafe, else its first unsafe
/// alternative) unless it conflicts with an earlier finding's: all of a
/// fix's edits or none. Marks those findings Fixed. Files in
/// \p Untouchable are left alone. Errors are reported and the file is left
/// unchanged.
void applyFixes(std::vector<Finding> &Findings,
                const std::set<std::string> &Untouchable, bool Unsafe);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_FIXES_H
