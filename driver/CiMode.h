//===--- CiMode.h - asynclint driver -----------------------------*- C++
//-*-===//
//
// The CI mode of the asynclint driver: lints the translation units of a
// compilation database and reports in the formats CI systems read. See
// docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_CIMODE_H
#define ASYNCLINT_DRIVER_CIMODE_H

namespace asynclint {

/// Exit codes of the CI mode.
enum ExitCode : unsigned char {
  ExitClean = 0,       // no findings, or only baselined ones
  ExitFindings = 1,    // findings
  ExitUsage = 2,       // usage or configuration error
  ExitParseFailed = 3, // a translation unit failed to parse
};

int ciMain(int Argc, const char **Argv);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_CIMODE_H
