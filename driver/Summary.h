//===--- Summary.h - asynclint driver ---------------------------*- C++ -*-===//
//
// Stage 9: the summary on stderr and the exit code of the run.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_SUMMARY_H
#define ASYNCLINT_DRIVER_SUMMARY_H

#include "Finding.h"
#include <string>
#include <vector>

namespace asynclint {

struct RunOutcome {
  size_t Units = 0;
  std::vector<std::string> FailedUnits;
  std::vector<std::pair<std::string, std::string>> CrashedUnits; // and why
  /// Files with findings that could not be read back (SourceText), and why.
  std::vector<std::pair<std::string, std::string>> UnreadableFiles;

  bool ConfigError = false;
  size_t StaleBaseline = 0; // baseline entries that matched no finding
};

/// What the reports say of a file in RunOutcome::UnreadableFiles.
std::string unreadableWhy(const std::string &Why);

/// Reports the units that failed, prints the per-check summary unless
/// \p Quiet, and returns the exit code (Options.h).
int summarise(const std::vector<Finding> &Findings, const RunOutcome &Run,
              bool Quiet);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_SUMMARY_H
