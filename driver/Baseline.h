//===--- Baseline.h - asynclint driver --------------------------*- C++ -*-===//
//
// Stage 6: baselines. A baseline file records findings by fingerprint;
// each recorded entry covers one finding of a later run, which is then not
// reported. Format: {"version": 1, "findings": [{"fingerprint", "check",
// "file", "message"}...]}, files relative to the project's root; a
// fingerprint listed twice covers two findings; "incomplete" lists the
// units the writing run did not lint completely (failed to parse, crashed,
// timed out), for `asynclint merge --baseline`. Entries that cover nothing
// any more are stale: reported, and removed by --prune-baseline (a
// baseline only shrinks; ESLint's bulk suppressions work the same way).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_BASELINE_H
#define ASYNCLINT_DRIVER_BASELINE_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

class Baseline {
public:
  /// Reads \p Path; returns an exit code on an error already reported.
  std::optional<int> read(const std::string &BaselinePath);
  /// Marks the findings the baseline covers as Baselined.
  void apply(std::vector<Finding> &Findings);
  /// The number of entries that covered no finding, among those whose file
  /// \p Linted says this run has seen completely.
  size_t stale(const std::function<bool(llvm::StringRef)> &Linted) const;
  /// Rewrites the baseline without the stale entries; returns an exit code
  /// on an error already reported.
  std::optional<int> prune(const std::function<bool(llvm::StringRef)> &Linted,
                           bool Quiet) const;

private:
  struct Entry {
    llvm::json::Object Json;
    std::string File;
    bool Matched = false;
  };
  bool isStale(const Entry &E,
               const std::function<bool(llvm::StringRef)> &Linted) const {
    return !E.Matched && Linted(E.File);
  }

  std::string Path;
  std::vector<Entry> Entries;
  std::map<std::string, std::vector<size_t>> Unmatched; // by fingerprint
};

/// The baseline file's text for \p Entries and the units not linted
/// completely (\p Incomplete, already relative to the root; omitted when
/// empty).
std::string baselineText(llvm::json::Array Entries,
                         const std::vector<std::string> &Incomplete = {});

/// Records every finding of \p Findings (compiler errors excepted) in
/// \p Path, files relative to \p Root, with the units of \p Incomplete
/// (absolute); returns an exit code on an error already reported.
std::optional<int> writeBaseline(const std::string &Path,
                                 const std::vector<Finding> &Findings,
                                 const std::vector<std::string> &Incomplete,
                                 const std::string &Root, bool Quiet);

/// Says on stderr that \p Stale baseline entries match no finding (nothing
/// when there is none).
void reportStale(size_t Stale);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_BASELINE_H
