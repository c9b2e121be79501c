//===--- JsonReport.cpp - asynclint driver --------------------------------===//
//
// The JSON report: an array with one object per open finding (check,
// severity, message, file, line, column, notes, fingerprint, fixable; and
// file_uri for a path that is not UTF-8).
//
//===----------------------------------------------------------------------===//

#include "FileSystem.h"
#include "Report.h"
#include "llvm/Support/JSON.h"

namespace asynclint {
namespace {

// A path that is not UTF-8 cannot be a JSON string: "file" shows it with
// U+FFFD for the invalid bytes and "file_uri" holds it percent-encoded,
// byte for byte.
llvm::json::Object jsonLocation(const Location &L) {
  std::string File = relativeToCwd(L.File);
  llvm::json::Object O{
      {"file", jsonString(File)}, {"line", L.Line}, {"column", L.Column}};
  if (!llvm::json::isUTF8(File))
    O["file_uri"] = percentEncoded(File);
  return O;
}

} // namespace

std::string jsonReport(const std::vector<Finding> &Findings) {
  llvm::json::Array A;
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    llvm::json::Array Notes;
    for (const Note &N : F.Notes) {
      llvm::json::Object O = jsonLocation(N.Loc);
      O["message"] = N.Message;
      Notes.push_back(std::move(O));
    }
    llvm::json::Object O = jsonLocation(F.Loc);
    O["check"] = F.Check;
    O["severity"] = F.level();

    O["message"] = F.Message;
    O["notes"] = std::move(Notes);
    O["fingerprint"] = F.Fingerprint;
    O["fixable"] = F.fixFor(/*Unsafe=*/false) != nullptr; // by --fix
    O["fix"] = F.fixKind();

    A.push_back(std::move(O));
  }
  return jsonText(std::move(A));
}

} // namespace asynclint
