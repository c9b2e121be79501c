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

#include "utils/BlockingSummaries.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
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
  /// Adds one unit's summary (the JSON the check wrote; "" for none).
  void add(llvm::StringRef UnitSummary);
  /// Finds every function's chain; call once, after the last add().
  void resolve();
  /// The notes of the chain from the function \p Usr to a blocking call,
  /// or nullopt when it has none within the depth the check allows.
  std::optional<std::vector<clang::tooling::DiagnosticMessage>>
  chainNotes(llvm::StringRef Usr) const;
  /// Writes the chains of the functions that block to \p Path (the format
  /// the check's Summaries option reads); false with \p Err on failure.
  bool write(const std::string &Path, std::string &Err) const;

private:
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
  };
  std::map<std::string, Function, std::less<>> ByUsr;
  unsigned Depth = 0; // the check's TransitiveDepth
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_SUMMARIES_H
