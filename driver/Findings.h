//===--- Findings.h - asynclint driver --------------------------*- C++ -*-===//
//
// Stage 5: turns each finished unit's clang-tidy errors into findings as it
// arrives: positions resolved, fingerprints made, and a header's finding
// reported once however many units include the header.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_FINDINGS_H
#define ASYNCLINT_DRIVER_FINDINGS_H

#include "Finding.h"
#include "Lint.h"
#include "SourceText.h"
#include "Summaries.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace asynclint {

/// The fingerprint of \p F: its check, file (relative to \p Root), line
/// text without whitespace and message, hashed. It survives line shifts and
/// a change of working directory; docs/ci.md. Findings on identical lines
/// of one file with one message share it (a baseline entry covers one of
/// them); Finding::uniqueFingerprint tells them apart.
std::string fingerprint(const Finding &F, const std::string &Root,
                        SourceText &Src);

class FindingCollector {
public:
  /// \p KeepErrors: also keep the raw errors of the units that parsed (for
  /// --export-fixes, which writes clang-tidy's own YAML).
  FindingCollector(SourceText &Src, std::string Root, bool KeepErrors)
      : Src(Src), Root(std::move(Root)), KeepErrors(KeepErrors) {}

  /// Adds one unit's findings (not thread-safe: lintUnits serialises).
  void add(UnitResult R);

  /// Adds the tentative cross-file findings whose callee blocks, with the
  /// chain as notes; call after the last add().
  void resolveSites(const ProjectSummaries &Summaries);

  /// The findings, sorted by file, offset, check and message (the order
  /// `asynclint merge` restores).
  std::vector<Finding> take();

  const std::vector<std::string> &failedUnits() const { return Failed; }
  /// Units not linted to the end (crashed or timed out), with why.
  const std::vector<std::pair<std::string, std::string>> &crashedUnits() const {
    return Crashed;
  }
  /// Main files of units that failed to parse: --fix never touches them.
  const std::set<std::string> &untouchable() const { return Untouchable; }
  /// A clang-tidy-config error was reported (exit 2).
  bool configError() const { return ConfigError; }
  /// The kept errors, in the order of the units' names.
  std::vector<clang::tidy::ClangTidyError> keptErrors();

private:
  Finding makeFinding(const clang::tidy::ClangTidyError &E, bool WithFixes);
  void addError(const clang::tidy::ClangTidyError &E, const std::string &Unit,
                bool ParseFailed);

  struct Entry {
    Finding F;
    std::string Unit; // the first unit (by name) that reported it
  };
  SourceText &Src;
  std::string Root;
  bool KeepErrors;
  std::map<std::string, Entry> ByKey; // check, file, offset, message
  std::vector<std::string> Failed;
  std::vector<std::pair<std::string, std::string>> Crashed;

  std::set<std::string> Untouchable;
  bool ConfigError = false;
  std::map<std::string, std::vector<clang::tidy::ClangTidyError>> Kept;
  struct PendingSite {
    clang::tidy::ClangTidyError E;
    std::string Unit;
    bool ParseFailed;
  };
  std::vector<PendingSite> Pending;
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_FINDINGS_H
