//===--- Report.h - asynclint driver ----------------------------*- C++ -*-===//
//
// Stage 8: the report, one file per format (TextReport.cpp, JsonReport.cpp,
// SarifReport.cpp, GithubReport.cpp, GitlabReport.cpp), each writing the
// open findings (not baselined, not fixed) of one run.

//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_REPORT_H
#define ASYNCLINT_DRIVER_REPORT_H

#include "Finding.h"
#include "Options.h"
#include "SourceText.h"
#include "Summary.h"
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// `file:line:col: warning: message [check]`, notes below; \p Colour for a
/// terminal.
std::string textReport(const std::vector<Finding> &Findings, bool Colour);

/// The check name the JSON report gives a unit not linted to the end (it
/// crashed, timed out or could not be read): an error about the whole file.
inline constexpr const char *LostUnitCheck = "asynclint-unit-not-linted";

/// A JSON array, one object per finding and per unit of \p Run not linted
/// to the end (docs/ci.md).
std::string jsonReport(const std::vector<Finding> &Findings,
                       const RunOutcome &Run);

/// A SARIF 2.1.0 log: rules with help links under \p DocsUrl, results with
/// related locations, fingerprints and fixes (\p Src resolves the fixes'
/// positions), and the units of \p Run that failed as notifications.
std::string sarifReport(const std::vector<Finding> &Findings,
                        const RunOutcome &Outcome, const std::string &DocsUrl,
                        SourceText &Src);

/// GitHub Actions workflow commands, one annotation per finding; files
/// relative to the project's \p Root.
std::string githubReport(const std::vector<Finding> &Findings,
                         const std::string &Root);

/// GitLab's Code Quality report (JSON); files relative to \p Root.
std::string gitlabReport(const std::vector<Finding> &Findings,
                         const std::string &Root);

/// Writes the report S.Format asks for to S.Output or stdout; returns an
/// exit code on an error already reported. \p Root: the project's root
/// (Units.h).
std::optional<int> writeReport(const Settings &S,
                               const std::vector<Finding> &Findings,
                               const RunOutcome &Run, SourceText &Src,
                               const std::string &Root);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_REPORT_H
