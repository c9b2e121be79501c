//===--- Units.h - asynclint driver -----------------------------*- C++ -*-===//
//
// Stage 2: the translation units to lint, from the compilation database and
// the paths, directories or globs on the command line.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_UNITS_H
#define ASYNCLINT_DRIVER_UNITS_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct Units {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The selected units' main files: absolute, sorted, each once.
  std::vector<std::string> Files;
  /// The project's root, that fingerprints and baselines name files
  /// relative to: the repository holding the database, else the database's
  /// directory. Never the working directory.
  std::string Root;
};

/// Loads the database of S.BuildDir and selects the units S.Patterns name
/// (all of them when there is none); returns an exit code on an error
/// already reported.
std::optional<int> loadUnits(const Settings &S, Units &Out);

/// The working directory of \p File's first compile command ("" if none).
std::string workingDirectory(const Units &U, const std::string &File);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_UNITS_H
