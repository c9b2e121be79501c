//===--- Summary.cpp - asynclint driver -----------------------------------===//

#include "Summary.h"
#include "Baseline.h"
#include "FileSystem.h"
#include "Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace asynclint {
namespace {

const char *plural(size_t N) { return N == 1 ? "" : "s"; }

} // namespace

std::string unreadableWhy(const std::string &Why) {
  return "cannot read the file: " + Why + "; its findings have no line";
}

int summarise(const std::vector<Finding> &Findings, const RunOutcome &Run,
              bool Quiet) {
  std::map<std::string, unsigned> PerCheck;
  unsigned Open = 0;
  unsigned Baselined = 0;
  unsigned Fixed = 0;

  for (const Finding &F : Findings) {
    if (F.Error)
      continue;
    Baselined += F.Baselined;
    Fixed += F.Fixed;
    if (F.open()) {
      ++Open;
      ++PerCheck[F.Check];
    }
  }
  for (const std::string &U : Run.FailedUnits)
    llvm::errs() << "asynclint: error: " << relativeToCwd(U)
                 << " failed to parse; its findings may be incomplete\n";
  for (const auto &[U, Why] : Run.CrashedUnits)
    llvm::errs() << "asynclint: error: " << relativeToCwd(U) << ": " << Why
                 << "\n";
  for (const auto &[File, Why] : Run.UnreadableFiles)
    llvm::errs() << "asynclint: error: " << relativeToCwd(File) << ": "
                 << unreadableWhy(Why) << "\n";

  if (!Quiet) {
    llvm::errs() << "asynclint: " << Run.Units << " translation unit"
                 << plural(Run.Units) << ", " << Open << " finding"
                 << plural(Open);
    if (Baselined)
      llvm::errs() << ", " << Baselined << " baselined";
    if (Fixed)
      llvm::errs() << ", " << Fixed << " fixed";
    if (!Run.FailedUnits.empty())
      llvm::errs() << ", " << Run.FailedUnits.size() << " failed to parse";
    if (!Run.CrashedUnits.empty())
      llvm::errs() << ", " << Run.CrashedUnits.size() << " not linted";
    llvm::errs() << "\n";
    for (const auto &[Check, N] : PerCheck)
      llvm::errs() << "  " << Check << ": " << N << "\n";
    size_t UnsafeOnly = llvm::count_if(Findings, [](const Finding &F) {
      return F.open() && !F.Error && !F.fixFor(false) && F.fixFor(true);
    });
    if (UnsafeOnly)
      llvm::errs() << "asynclint: " << UnsafeOnly << " finding"
                   << (UnsafeOnly == 1 ? " has" : "s have")
                   << " only an unsafe fix (--fix-unsafe applies "
                   << (UnsafeOnly == 1 ? "it" : "them") << ")\n";
    reportStale(Run.StaleBaseline);
  }
  if (Run.ConfigError)
    return ExitUsage;
  if (!Run.FailedUnits.empty() || !Run.CrashedUnits.empty() ||
      !Run.UnreadableFiles.empty())
    return ExitParseFailed;

  return Open ? ExitFindings : ExitClean;
}

} // namespace asynclint
