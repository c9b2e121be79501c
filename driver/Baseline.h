//===--- Baseline.h - asynclint driver --------------------------*- C++ -*-===//
//
// Stage 6: baselines. A baseline file records findings by fingerprint;
// each recorded fingerprint covers one finding of a later run, which is then
// not reported. Format: {"version": 1, "findings": [{"fingerprint",
// "check", "file", "message"}...]}; a fingerprint listed twice covers two.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_BASELINE_H
#define ASYNCLINT_DRIVER_BASELINE_H

#include "Finding.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

class Baseline {
public:
  /// Reads \p Path; returns an exit code on an error already reported.
  std::optional<int> read(const std::string &Path);
  /// Marks the findings the baseline covers as Baselined.
  void apply(std::vector<Finding> &Findings);

private:
  std::map<std::string, unsigned> Counts; // fingerprint -> entries left
};

/// Records every finding of \p Findings (compiler errors excepted) in
/// \p Path; returns an exit code on an error already reported.
std::optional<int> writeBaseline(const std::string &Path,
                                 const std::vector<Finding> &Findings,
                                 bool Quiet);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_BASELINE_H
