//===--- TextReport.cpp - asynclint driver --------------------------------===//
//
// The text report: clang's diagnostic format, so editors and CI logs link
// the positions.
//
//===----------------------------------------------------------------------===//

#include "FileSystem.h"
#include "Report.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {
namespace {

std::string where(const Location &L) {
  if (L.File.empty())
    return "asynclint";
  if (L.Line == 0) // about the whole file
    return relativeToCwd(L.File);

  return relativeToCwd(L.File) + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

} // namespace

std::string textReport(const std::vector<Finding> &Findings, bool Colour) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    const char *Level = F.level();
    OS << where(F.Loc) << ": ";
    if (Colour)
      OS << (llvm::StringRef(Level) == "error" ? "\033[1;31m" : "\033[1;35m")
         << Level << ":\033[0m ";

    else
      OS << Level << ": ";
    OS << F.Message << " [" << F.Check << "]\n";
    for (const Note &N : F.Notes)
      OS << where(N.Loc) << ": note: " << N.Message << "\n";
  }
  return Out;
}

} // namespace asynclint
