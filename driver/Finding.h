//===--- Finding.h - asynclint driver ---------------------------*- C++ -*-===//
//
// The one finding type every stage after the lint passes along: built from
// a clang-tidy error by FindingCollector (Findings.h), marked by the
// baseline and --fix, and written by one report per format (Report.h).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_FINDING_H
#define ASYNCLINT_DRIVER_FINDING_H

#include "clang/Tooling/Core/Replacement.h"
#include <string>
#include <vector>

namespace asynclint {

/// A position in a file, as an offset and (once resolved) line and column.
struct Location {
  std::string File; // absolute; empty for a finding about no file
  unsigned Offset = 0;
  unsigned Line = 0;   // 1-based, 0 until resolved
  unsigned Column = 0; // 1-based, in bytes
};

struct Note {
  std::string Message;
  Location Loc;
};

/// One way to fix a finding: the fix-it of the warning itself (safe), or of
/// one of its notes (an alternative that may change meaning: unsafe, as
/// clang-tidy's own --fix never applies note fix-its).
struct FixIt {
  std::string Description; // the note's message; empty for the warning's
  std::vector<clang::tooling::Replacement> Edits; // absolute file paths
  bool Safe = true;
};

struct Finding {
  std::string Check; // the check's name, or clang-diagnostic-*
  std::string Message;
  Location Loc;
  std::vector<Note> Notes;
  std::vector<FixIt> Fixes; // the safe one first, then unsafe alternatives
  std::string Fingerprint;  // stable across line shifts (Findings.h)
  /// 1 + the number of findings before this one (in the run's order) with
  /// the same fingerprint: identical lines of one file with the same
  /// message (Findings.h).
  unsigned Occurrence = 1;
  bool Baselined = false; // recorded in --baseline: not reported
  bool Fixed = false;     // fixed by --fix: not reported
  bool Error = false;     // a compiler error, not a check's finding
  bool AsError = false;   // a check's finding that WarningsAsErrors names

  /// Reported, and counted against the exit code.
  bool open() const { return !Baselined && !Fixed; }
  /// The fix --fix applies (a safe one), else --fix-unsafe, else null.
  const FixIt *fixFor(bool Unsafe) const {
    for (const FixIt &X : Fixes)
      if (X.Safe || Unsafe)
        return &X;
    return nullptr;
  }
  /// "safe", "unsafe" or "none": the best fix there is.
  const char *fixKind() const {
    if (Fixes.empty())
      return "none";
    return Fixes.front().Safe ? "safe" : "unsafe";
  }
  /// The fingerprint made unique in the run, for the reports whose
  /// consumers require that (GitLab Code Quality, SARIF): the first
  /// occurrence keeps the baseline's fingerprint, the n-th gets ":n" (as
  /// GitHub numbers identical lines). A finding about no file has the
  /// check and message instead.
  std::string uniqueFingerprint() const {
    std::string Base =
        Fingerprint.empty() ? Check + ":" + Message : Fingerprint;
    return Occurrence == 1 ? Base : Base + ":" + std::to_string(Occurrence);
  }
  /// "error" or "warning", as every report spells it.

  const char *level() const { return Error || AsError ? "error" : "warning"; }
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_FINDING_H
