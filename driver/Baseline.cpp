//===--- Baseline.cpp - asynclint driver ----------------------------------===//

#include "Baseline.h"
#include "FileSystem.h"
#include "Options.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {

std::string baselineText(llvm::json::Array Entries,
                         const std::vector<std::string> &Incomplete) {
  llvm::json::Object O{{"version", 1}, {"findings", std::move(Entries)}};
  if (!Incomplete.empty())
    O["incomplete"] = llvm::json::Array(Incomplete);
  return jsonText(std::move(O));
}

void reportStale(size_t Stale) {
  if (Stale)
    llvm::errs() << "asynclint: " << Stale << " baseline entr"
                 << (Stale == 1 ? "y matches" : "ies match")
                 << " no finding any more (--prune-baseline removes "
                 << (Stale == 1 ? "it" : "them") << ")\n";
}

std::optional<int> Baseline::read(const std::string &BaselinePath) {
  Path = BaselinePath;

  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return usageError("cannot read baseline '" + Path +
                      "': " + Buf.getError().message());
  llvm::Expected<llvm::json::Value> V = llvm::json::parse((*Buf)->getBuffer());
  if (!V)
    return usageError("malformed baseline '" + Path +
                      "': " + llvm::toString(V.takeError()));
  llvm::json::Object *O = V->getAsObject();
  llvm::json::Array *A = O ? O->getArray("findings") : nullptr;
  if (!A)
    return usageError("malformed baseline '" + Path +
                      "': expected an object with a \"findings\" array");
  for (llvm::json::Value &E : *A) {
    llvm::json::Object *F = E.getAsObject();
    std::optional<llvm::StringRef> FP =
        F ? F->getString("fingerprint") : std::nullopt;
    if (!FP)
      return usageError("malformed baseline '" + Path +
                        "': a finding without a \"fingerprint\"");
    Unmatched[FP->str()].push_back(Entries.size());
    std::string File = F->getString("file").value_or("").str();
    Entries.push_back({std::move(*F), std::move(File)});
  }
  // Entries of one fingerprint are used in file order.
  for (auto &[FP, Indices] : Unmatched)
    std::ranges::reverse(Indices);
  return std::nullopt;
}

void Baseline::apply(std::vector<Finding> &Findings) {
  for (Finding &F : Findings) {
    auto It = Unmatched.find(F.Fingerprint);
    if (F.Error || It == Unmatched.end() || It->second.empty())
      continue;
    Entries[It->second.back()].Matched = true;
    It->second.pop_back();
    F.Baselined = true;
  }
}

size_t
Baseline::stale(const std::function<bool(llvm::StringRef)> &Linted) const {
  return llvm::count_if(Entries,
                        [&](const Entry &E) { return isStale(E, Linted); });
}

std::optional<int>
Baseline::prune(const std::function<bool(llvm::StringRef)> &Linted,
                bool Quiet) const {
  llvm::json::Array Kept;
  for (const Entry &E : Entries)
    if (!isStale(E, Linted))
      Kept.push_back(llvm::json::Object(E.Json));
  size_t Removed = Entries.size() - Kept.size();
  std::string Err;
  if (!writeAtomically(Path, baselineText(std::move(Kept)), Err))
    return usageError("cannot write baseline '" + Path + "': " + Err);
  if (!Quiet)
    llvm::errs() << "asynclint: pruned " << Removed << " stale entr"
                 << (Removed == 1 ? "y" : "ies") << " from " << Path << "\n";
  return std::nullopt;
}

std::optional<int> writeBaseline(const std::string &Path,
                                 const std::vector<Finding> &Findings,
                                 const std::vector<std::string> &Incomplete,
                                 const std::string &Root, bool Quiet) {
  llvm::json::Array Entries;
  for (const Finding &F : Findings)
    if (!F.Error && F.Check != "clang-tidy-config")
      Entries.push_back(llvm::json::Object{
          {"fingerprint", F.Fingerprint},
          {"check", F.Check},
          {"file", jsonString(portablePath(Root, F.Loc.File))},
          {"message", F.Message}});
  size_t Count = Entries.size();
  std::vector<std::string> Units;
  Units.reserve(Incomplete.size());
  for (const std::string &U : Incomplete)
    Units.push_back(portablePath(Root, U));
  llvm::sort(Units);
  std::string Err;
  if (!writeAtomically(Path, baselineText(std::move(Entries), Units), Err))
    return usageError("cannot write baseline '" + Path + "': " + Err);
  if (!Quiet)
    llvm::errs() << "asynclint: wrote " << Count << " findings to " << Path
                 << "\n";
  return std::nullopt;
}

} // namespace asynclint
