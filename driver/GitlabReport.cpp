//===--- GitlabReport.cpp - asynclint driver ------------------------------===//
//
// The GitLab Code Quality report: a JSON array with one issue per open
// finding (description, check_name, fingerprint, severity, location with
// path and begin line), the artifact `reports: codequality:` reads. Paths
// are relative to the project's root (the repository's top), as GitLab
// names files in the diff, wherever asynclint runs.
//
//===----------------------------------------------------------------------===//

#include "FileSystem.h"
#include "Report.h"
#include "llvm/Support/JSON.h"

namespace asynclint {

std::string gitlabReport(const std::vector<Finding> &Findings,
                         const std::string &Root) {
  llvm::json::Array Issues;
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    std::string Description = F.Message;
    for (const Note &N : F.Notes)
      Description += "; note: " + N.Message;
    // Code Quality wants a fingerprint per issue, unique in the report,
    // also for errors that have none of ours.
    std::string Fingerprint = F.uniqueFingerprint();
    Issues.push_back(llvm::json::Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", Description},
        {"categories", llvm::json::Array{"Bug Risk"}},
        {"fingerprint", Fingerprint},
        {"severity", F.Error || F.AsError ? "major" : "minor"},
        {"location",
         llvm::json::Object{
             {"path", jsonString(portablePath(Root, F.Loc.File))},
             {"lines", llvm::json::Object{
                           {"begin", std::max<unsigned>(F.Loc.Line, 1)}}}}}});
  }
  return jsonText(std::move(Issues));
}

} // namespace asynclint
