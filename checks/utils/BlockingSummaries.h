//===--- BlockingSummaries.h - asynclint ------------------------*- C++ -*-===//
//
// Blocking across files, the checks' half (driver/Summaries.h is the
// other): async-blocking-call writes what a unit's functions call and
// block on when the asynclint driver's worker asks (setSummaryOutput names
// the file), and reads the chains the driver merged from every unit
// (--summaries=FILE, the check's Summaries option).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_BLOCKINGSUMMARIES_H
#define ASYNCLINT_CHECKS_UTILS_BLOCKINGSUMMARIES_H

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The note that marks a tentative cross-file finding for the driver,
/// followed by the callee's USR.
inline constexpr llvm::StringLiteral SiteMarker = "asynclint-summary-site ";

/// Where the driver wants the unit's summary, or null outside the driver's
/// lint worker (the plugin, clang-tidy mode, the clangd proxy).
const char *summaryOutput();
/// Set by the driver's lint worker only, around one unit ("" to stop). Not
/// an environment variable: one set in a user's shell made plain clang-tidy
/// report every call into another file as blocking.
void setSummaryOutput(const std::string &Path);

/// The USR of \p D ("" when it has none).
std::string usrOf(const Decl *D);

/// \p D's name as a diagnostic argument prints it: 'load_config'.
std::string quotedName(const NamedDecl *D);

/// One unit's summary, as the driver reads it.
class SummaryWriter {
public:
  explicit SummaryWriter(unsigned Depth) : Depth(Depth) {}
  /// Starts the entry of \p FD.
  void function(const FunctionDecl *FD);
  /// The current function's first blocking call, at \p Loc.
  void sink(llvm::StringRef Callee, SourceLocation Loc,
            const SourceManager &SM);
  /// A call of the current function to \p Callee, at \p Loc.
  void call(const FunctionDecl *Callee, SourceLocation Loc,
            const SourceManager &SM);
  /// Writes the summary to \p Path; failures only lose cross-file findings.
  void write(const char *Path);

private:
  unsigned Depth;
  llvm::json::Array Functions;
};

/// The chains the driver wrote, by USR.
class SummaryReader {
public:
  struct Note {
    std::string File;
    unsigned Offset;
    std::string Message;
  };
  /// Reads \p Path once; false (with \p Err) when it cannot.
  bool load(llvm::StringRef Path, std::string &Err);
  /// The notes of the chain from the function \p Usr, or null.
  const std::vector<Note> *chain(llvm::StringRef Usr) const;
  /// \p N's place as a location of \p SM (its file loaded when needed);
  /// invalid when the file is gone or shorter than the offset.
  static SourceLocation locationOf(const Note &N, SourceManager &SM);

private:
  llvm::StringMap<std::vector<Note>> Chains;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_BLOCKINGSUMMARIES_H
