//===--- GithubReport.cpp - asynclint driver ------------------------------===//
//
// The GitHub Actions report: one workflow command per open finding
// (`::warning file=F,line=L,col=C,title=CHECK::MESSAGE`), which the runner
// shows as an annotation on the pull request's diff. Notes go into the
// message, one per line. Files are named relative to the project's root
// (the repository's top, where GitHub names them), wherever asynclint runs.
//
//===----------------------------------------------------------------------===//

#include "FileSystem.h"
#include "Report.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {
namespace {

// Workflow-command escaping: data escapes %, CR and LF; property values
// also ':' and ','.
std::string escape(llvm::StringRef S, bool Property) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else if (Property && C == ':')
      Out += "%3A";
    else if (Property && C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

std::string where(const std::string &Root, const Location &L) {
  return portablePath(Root, L.File) + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

} // namespace

std::string githubReport(const std::vector<Finding> &Findings,
                         const std::string &Root) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    std::string Message = F.Message;
    for (const Note &N : F.Notes)
      Message += "\n" + where(Root, N.Loc) + ": note: " + N.Message;
    OS << "::" << F.level();
    if (!F.Loc.File.empty()) {
      OS << " file=" << escape(portablePath(Root, F.Loc.File), true);
      if (F.Loc.Line > 0)
        OS << ",line=" << F.Loc.Line << ",col=" << F.Loc.Column;
      OS << ",title=" << escape(F.Check, true);
    } else {
      OS << " title=" << escape(F.Check, true);
    }
    OS << "::" << escape(Message, false) << "\n";
  }
  return Out;
}

} // namespace asynclint
