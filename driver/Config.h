//===--- Config.h - asynclint driver ----------------------------*- C++ -*-===//
//
// Stage 3: the clang-tidy configuration of the run: the nearest .clang-tidy
// of each unit (or --config / --config-file), async-* by default, --checks
// on top; and the check names in it validated before any unit is linted.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_CONFIG_H
#define ASYNCLINT_DRIVER_CONFIG_H

#include "Options.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// Makes the options provider each unit is linted with.
class ConfigSource {
public:
  /// Reads --config / --config-file; returns an exit code on an error
  /// already reported.
  std::optional<int> init(const Settings &S);
  /// The provider for units compiled in \p WorkingDir: clang-tidy looks up
  /// the configuration of a file named relative to its compile command's
  /// directory from there, as the compiler would find the file.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  make(const std::string &WorkingDir = "") const;

private:
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> Config;
};

/// Reports every check name that the configuration of any of \p Files
/// enables and that no check has (globs and clang-diagnostic-* excepted);
/// returns ExitUsage when there is one.
std::optional<int> validateChecks(const ConfigSource &Config,
                                  const std::vector<std::string> &Files);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_CONFIG_H
