//===--- Summaries.h - asynclint driver -------------------------*- C++ -*-===//
//
// Blocking across files. Each unit's worker writes a summary of the
// functions the unit defines (async-blocking-call does, in the same parse):
// for each, keyed by USR, the first blocking call in its body and the calls
// it makes to other functions. The summaries of all units are merged into
// one call graph, and each function's shortest chain to a blocking call is
// found in it. A coroutine's call to a function defined in another unit
// (which the check reports tentatively, marked with the callee's USR) is a
// finding when that function's chain exists; its notes walk the chain
// across files. --summaries=FILE writes the chains for the plugin and the
// clangd proxy (the check's Summaries option). See docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_SUMMARIES_H
#define ASYNCLINT_DRIVER_SUMMARIES_H

#include "Config.h"
#include "Units.h"
#include "utils/BlockingSummaries.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// The note that marks a tentative cross-file finding, followed by the
/// callee's USR: the check's own definition.
using clang::tidy::async::utils::SiteMarker;

class ProjectSummaries {
public:
  /// Adds one unit's summary (the JSON the check wrote; "" for none). A
  /// function already known keeps its first summary.
  void add(llvm::StringRef UnitSummary);
  /// The same, parsed; \p Prior for a graph readPrior() read, whose
  /// functions are used for chains but not written into graph() again
  /// (the run's own units are the fresher source).
  void add(const llvm::json::Object &Summary, bool Prior = false);
  /// Reads the graphs of the summaries files that the units' configuration
  /// names (async-blocking-call.Summaries: a merged file of an earlier run,
  /// of other shards), to add() after the run's own units: a chain may go
  /// through a function no unit of this run defines. Returns an exit code
  /// on an error already reported.
  static std::optional<int> readPrior(const Units &U,
                                      const ConfigSource &Config,
                                      std::vector<llvm::json::Object> &Graphs);
  /// Finds every function's chain; call once, after the last add().
  void resolve();
  /// The notes of the chain from the function \p Usr to a blocking call,
  /// or nullopt when it has none within the depth the check allows.
  std::optional<std::vector<clang::tooling::DiagnosticMessage>>
  chainNotes(llvm::StringRef Usr) const;
  /// The chains of the functions that block (the format the check's
  /// Summaries option reads), with the call graph they come from.
  std::string text() const;
  /// Writes text() to \p Path; false with \p Err on failure.
  bool write(const std::string &Path, std::string &Err) const;

private:
  /// The merged graph, in the shape of one unit's summary (add() reads it).
  llvm::json::Object graph() const;

  struct Place {
    std::string File; // absolute
    unsigned Offset = 0;
  };
  struct Call {
    std::string Usr;
    Place At;
  };
  struct Function {
    std::string Name; // as diagnostics quote it: 'load_config'
    std::optional<std::pair<std::string, Place>> Sink; // blocking callee
    std::vector<Call> Calls;
    unsigned Hops = ~0U; // to a blocking call; ~0U: none
    int Via = -1;        // the call the chain goes through; -1: the sink
    bool Prior = false;  // from an earlier run's file, not this run's units
  };
  std::map<std::string, Function, std::less<>> ByUsr;
  unsigned Depth = 0; // the check's TransitiveDepth
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_SUMMARIES_H
