//===--- UnitWire.cpp - asynclint driver ----------------------------------===//
//
// Format: "PARSE_FAILED WARNING_AS_ERROR_INDICES\n", the number of inputs
// and one "SIZE MTIME_NS HASH PATH" line per input, then the YAML of a
// tooling::TranslationUnitDiagnostics, e.g. "0 -\n0\n---\n..." or
// "1 0,3\n1\n120 1700000000 - /src/a.cpp\n---\n...".
//
//===----------------------------------------------------------------------===//

#include "UnitWire.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace clang;

namespace asynclint {

std::string encodeUnit(const UnitResult &R) {
  tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = R.File;
  std::string AsErrors;
  for (size_t I = 0; I < R.Errors.size(); ++I) {
    TUD.Diagnostics.push_back(R.Errors[I]);
    if (R.Errors[I].IsWarningAsError)
      AsErrors += (AsErrors.empty() ? "" : ",") + std::to_string(I);
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << (R.ParseFailed ? "1 " : "0 ") << (AsErrors.empty() ? "-" : AsErrors)
     << "\n"
     << R.Inputs.size() << "\n";
  for (const InputStamp &I : R.Inputs)
    OS << formatStamp(I) << "\n";
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
  return Out;
}

bool decodeUnit(llvm::StringRef Bytes, UnitResult &R) {
  auto [Head, Rest] = Bytes.split('\n');
  auto [CountText, Body] = Rest.split('\n');
  size_t Count = 0;
  if (CountText.getAsInteger(10, Count))
    return false;
  R.Inputs.clear();
  for (size_t I = 0; I < Count; ++I) {
    auto [Line, Next] = Body.split('\n');
    std::optional<InputStamp> S = parseStamp(Line);
    if (!S)
      return false;
    R.Inputs.push_back(std::move(*S));
    Body = Next;
  }

  auto [Failed, List] = Head.split(' ');
  if (Failed != "0" && Failed != "1")
    return false;
  std::set<size_t> AsErrors;
  llvm::SmallVector<llvm::StringRef, 4> Items;
  if (List != "-")
    List.split(Items, ',');
  for (llvm::StringRef Item : Items) {
    size_t I = 0;
    if (Item.getAsInteger(10, I))
      return false;
    AsErrors.insert(I);
  }
  tooling::TranslationUnitDiagnostics TUD;
  llvm::yaml::Input YAML(Body);
  YAML >> TUD;
  if (YAML.error())
    return false;
  R.File = TUD.MainSourceFile;
  R.ParseFailed = Failed == "1";
  R.Errors.clear();
  for (size_t I = 0; I < TUD.Diagnostics.size(); ++I) {
    const tooling::Diagnostic &D = TUD.Diagnostics[I];
    tidy::ClangTidyError E(D.DiagnosticName, D.DiagLevel, D.BuildDirectory,
                           AsErrors.contains(I));
    static_cast<tooling::Diagnostic &>(E) = D;
    R.Errors.push_back(std::move(E));
  }
  return true;
}

} // namespace asynclint
