//===--- AnalysisProcess.h - asynclint-clangd -------------------*- C++ -*-===//
//
// Each buffer analysis runs in a child process (this executable again, in
// its worker mode), so that a check or clang crashing or hanging on
// half-typed code costs that one analysis, never the language server:
// clangd's diagnostics keep flowing and the next edit is analysed afresh.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_ANALYSISPROCESS_H
#define ASYNCLINT_CLANGD_ANALYSISPROCESS_H

#include "BufferAnalysis.h"
#include <string>
#include <vector>

namespace asynclint {

/// The argument that selects the worker mode, first on the command line.
constexpr const char *AnalyzeWorkerFlag = "--asynclint-analyze-worker";

struct AnalysisOutcome {
  std::vector<BufferFinding> Findings;
  std::string Failure; // non-empty: the analysis did not finish; why
};

/// Runs analyzeBuffer on \p Text as \p Path in a child process started
/// from \p Self, giving up after \p TimeoutSeconds.
AnalysisOutcome analyzeInChild(const std::string &Self, const std::string &Path,
                               const std::string &Text,
                               const std::string &CompileCommandsDir,
                               unsigned TimeoutSeconds);

/// The worker mode's main: `AnalyzeWorkerFlag PATH [DIR]`, the buffer on
/// stdin, the findings as JSON on stdout.
int analyzeWorkerMain(int Argc, char **Argv);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_ANALYSISPROCESS_H
