//===--- Lint.h - asynclint driver ------------------------------*- C++ -*-===//
//
// Stage 4: lints each unit once with clang-tidy, -j at a time, each in a
// worker process (WorkerPool.h) so that a unit that crashes clang or a
// check, or hangs, costs only its own findings; hands each unit's errors on
// as soon as the unit finishes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_LINT_H
#define ASYNCLINT_DRIVER_LINT_H

#include "Cache.h"
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
  /// Not linted to the end: "crashed with signal 11 (Segmentation fault)
  /// in check 'x'", "timed out after 600 s"; its findings are missing.
  std::string Failure;
  /// Every file clang read for the unit, as it was when read (for the
  /// cache).
  std::vector<InputStamp> Inputs;
  /// What async-blocking-call wrote about the unit's functions (JSON;
  /// Summaries.h), or "".
  std::string Summary;
};

/// A compiler error (not a check's finding or a warning): the unit did not
/// parse.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

/// Lints every unit of \p U in S.Jobs worker processes, calling \p OnDone
/// (in this process and thread) with each unit's result as it arrives.
/// Call while this process has a single thread.

void lintUnits(const Units &U, const ConfigSource &Config, const Settings &S,
               const ResultCache &Cache,
               const std::function<void(UnitResult)> &OnDone);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_LINT_H
