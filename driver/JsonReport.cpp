//===--- JsonReport.cpp - asynclint driver --------------------------------===//
//
// The JSON report: an array with one object per open finding (check,
// severity, message, file, line, column, notes, fingerprint, fixable; and
// file_uri for a path that is not UTF-8), and one error per unit that was
// not linted to the end (check "asynclint-unit-not-linted", line 0).
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

// A unit not linted to the end (crashed, timed out, unreadable): an error
// of its own, about the whole file, so that a reader of the JSON can tell
// it from a clean unit.
llvm::json::Object lostUnit(const std::string &Unit, const std::string &Why) {
  llvm::json::Object O = jsonLocation(Location{Unit, 0, 0, 0});
  O["check"] = LostUnitCheck;
  O["severity"] = "error";
  O["message"] = jsonString(Why);
  O["notes"] = llvm::json::Array();
  O["fingerprint"] = "";
  O["fixable"] = false;
  O["fix"] = "none";
  return O;
}

std::string jsonReport(const std::vector<Finding> &Findings,
                       const RunOutcome &Run) {
  llvm::json::Array A;
  // In the findings' order (by file): a lost unit before its file's
  // findings (a header's, from other units).
  auto Lost = Run.CrashedUnits.begin();
  auto LostUntil = [&](const std::string *File) {
    for (; Lost != Run.CrashedUnits.end() && (!File || Lost->first <= *File);
         ++Lost)
      A.push_back(lostUnit(Lost->first, Lost->second));
  };
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    LostUntil(&F.Loc.File);
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
  LostUntil(nullptr);
  return jsonText(std::move(A));
}

} // namespace asynclint
