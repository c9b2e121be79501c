//===--- Baseline.cpp - asynclint driver ----------------------------------===//

#include "Baseline.h"
#include "FileSystem.h"
#include "Options.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

std::optional<int> Baseline::read(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return usageError("cannot read baseline '" + Path +
                      "': " + Buf.getError().message());
  llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
  if (!V)
    return usageError("malformed baseline '" + Path +
                      "': " + llvm::toString(V.takeError()));
  const llvm::json::Object *O = V->getAsObject();
  const llvm::json::Array *A = O ? O->getArray("findings") : nullptr;
  if (!A)
    return usageError("malformed baseline '" + Path +
                      "': expected an object with a \"findings\" array");
  for (const llvm::json::Value &E : *A) {
    const llvm::json::Object *F = E.getAsObject();
    std::optional<llvm::StringRef> FP =
        F ? F->getString("fingerprint") : std::nullopt;
    if (!FP)
      return usageError("malformed baseline '" + Path +
                        "': a finding without a \"fingerprint\"");
    ++Counts[FP->str()];
  }
  return std::nullopt;
}

void Baseline::apply(std::vector<Finding> &Findings) {
  for (Finding &F : Findings) {
    auto It = Counts.find(F.Fingerprint);
    if (!F.Error && It != Counts.end() && It->second > 0) {
      --It->second;
      F.Baselined = true;
    }
  }
}

std::optional<int> writeBaseline(const std::string &Path,
                                 const std::vector<Finding> &Findings,
                                 bool Quiet) {
  llvm::json::Array Entries;
  for (const Finding &F : Findings)
    if (!F.Error && F.Check != "clang-tidy-config")
      Entries.push_back(llvm::json::Object{{"fingerprint", F.Fingerprint},
                                           {"check", F.Check},
                                           {"file", relativeToCwd(F.Loc.File)},
                                           {"message", F.Message}});
  size_t Count = Entries.size();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}",
                      llvm::json::Value(llvm::json::Object{
                          {"version", 1}, {"findings", std::move(Entries)}}))
     << "\n";
  std::string Err;
  if (!writeAtomically(Path, Text, Err))
    return usageError("cannot write baseline '" + Path + "': " + Err);
  if (!Quiet)
    llvm::errs() << "asynclint: wrote " << Count << " findings to " << Path
                 << "\n";
  return std::nullopt;
}

} // namespace asynclint
