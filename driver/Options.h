//===--- Options.h - asynclint driver ---------------------------*- C++ -*-===//
//
// Stage 1 of the pipeline: the command line of `asynclint -p` as plain
// data, validated before anything is loaded. See docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_OPTIONS_H
#define ASYNCLINT_DRIVER_OPTIONS_H

#include "llvm/ADT/Twine.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// Exit codes of the CI mode.
enum ExitCode : unsigned char {
  ExitClean = 0,       // no findings, or only baselined ones
  ExitFindings = 1,    // findings
  ExitUsage = 2,       // usage or configuration error
  ExitParseFailed = 3, // a unit failed to parse, crashed or timed out

};

/// What the command line asks for.
struct Settings {
  std::string BuildDir;
  unsigned Jobs = 1;
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::string Format = "text";
  std::string Output;
  std::string ExportFixes;
  bool Fix = false;
  bool FixUnsafe = false; // --fix-unsafe: also fixes that may change meaning

  std::string Baseline;
  std::string WriteBaseline;
  bool PruneBaseline = false; // rewrite --baseline without stale entries
  std::string DocsUrl;
  bool Quiet = false;
  unsigned TimeoutPerUnit = 600;        // seconds; 0: none
  std::string CacheDir;                 // --cache-dir; empty: the default
  uint64_t CacheMaxSize = 512ULL << 20; // --cache-max-size, bytes; 0: none
  std::string CacheMaxSizeText;         // as given, checked by parseOptions
  std::string SummariesFile; // --summaries: write the project's chains
  unsigned ShardIndex = 0;   // 1-based; 0: no sharding
  unsigned ShardCount = 0;
  std::string ShardText; // as given, checked by parseOptions

  bool NoCache = false;
  bool Verbose = false; // what came from the cache

  std::string TimeoutText; // as given, checked by parseOptions

  std::vector<std::string> Patterns; // paths, directories or globs
};

/// Prints "asynclint: error: ..." and returns ExitUsage.
int usageError(const llvm::Twine &Message);

/// Parses and validates the command line into \p S; returns an exit code
/// when the run should stop (--help, or an error already reported).
std::optional<int> parseOptions(int Argc, const char **Argv, Settings &S);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_OPTIONS_H
