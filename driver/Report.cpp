//===--- Report.cpp - asynclint driver ------------------------------------===//

#include "Report.h"
#include "FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

std::optional<int> writeReport(const Settings &S,
                               const std::vector<Finding> &Findings,
                               const RunOutcome &Run, SourceText &Src,
                               const std::string &Root) {
  std::string Report;
  if (S.Format == "sarif") {
    Report = sarifReport(Findings, Run, S.DocsUrl, Src);
  } else if (S.Format == "json") {
    Report = jsonReport(Findings, Run);
  } else if (S.Format == "github") {
    Report = githubReport(Findings, Root);
  } else if (S.Format == "gitlab") {
    Report = gitlabReport(Findings, Root);

  } else {
    bool Colour = S.Output.empty() &&
                  llvm::sys::Process::StandardOutIsDisplayed() &&
                  !llvm::sys::Process::GetEnv("NO_COLOR");
    Report = textReport(Findings, Colour);
  }
  if (S.Output.empty()) {
    llvm::outs() << Report;
    llvm::outs().flush();
    return std::nullopt;
  }
  std::string Err;
  if (!writeAtomically(S.Output, Report, Err))
    return usageError("cannot write --output '" + S.Output + "': " + Err);
  return std::nullopt;
}

} // namespace asynclint
