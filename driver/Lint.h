//===--- Lint.h - asynclint driver ------------------------------*- C++ -*-===//
//
// Stage 4: lints each unit once with clang-tidy, -j at a time, and hands
// each unit's errors on as soon as the unit finishes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_LINT_H
#define ASYNCLINT_DRIVER_LINT_H

#include "Config.h"
#include "Options.h"
#include "Units.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <functional>
#include <string>
#include <vector>

namespace asynclint {

/// What linting one unit produced.
struct UnitResult {
  std::string File;
  std::vector<clang::tidy::ClangTidyError> Errors;
  bool ParseFailed = false; // a compiler error: findings may be incomplete
};

/// A compiler error (not a check's finding or a warning): the unit did not
/// parse.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

/// Lints every unit of \p U on S.Jobs threads, calling \p OnDone (from the
/// worker threads, one call at a time) with each unit's result.
void lintUnits(const Units &U, const ConfigSource &Config, const Settings &S,
               const std::function<void(UnitResult)> &OnDone);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_LINT_H
