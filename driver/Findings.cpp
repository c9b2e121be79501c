//===--- Findings.cpp - asynclint driver ----------------------------------===//

#include "Findings.h"
#include "FileSystem.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/SHA1.h"

using namespace clang;
using namespace clang::tidy;

namespace asynclint {
namespace {

// Paths in clang-tidy's errors are as the compile command spelled them:
// relative ones are relative to its directory, not to ours.
Location locationOf(const tooling::DiagnosticMessage &M,
                    const std::string &BuildDir) {
  Location L;
  L.File =
      M.FilePath.empty() ? std::string() : absoluteIn(BuildDir, M.FilePath);
  L.Offset = M.FileOffset;
  return L;
}

// The callee's USR when \p E is a tentative cross-file finding, else "".
llvm::StringRef summarySite(const ClangTidyError &E) {
  for (const tooling::DiagnosticMessage &N : E.Notes)
    if (llvm::StringRef(N.Message).starts_with(SiteMarker))
      return llvm::StringRef(N.Message).drop_front(SiteMarker.size());
  return "";
}

} // namespace

std::string fingerprint(const Finding &F, const std::string &Root,
                        SourceText &Src) {
  // The parts are hashed back to back, as in every earlier version:
  // changing the hash would invalidate every user's baseline.
  llvm::SHA1 H;
  H.update(F.Check);
  H.update(portablePath(Root, F.Loc.File));
  H.update(Src.normalisedLine(F.Loc));
  H.update(F.Message);
  return llvm::toHex(H.final(), /*LowerCase=*/true).substr(0, 20);
}

Finding FindingCollector::makeFinding(const ClangTidyError &E, bool WithFixes) {
  Finding F;
  F.Check = E.DiagnosticName;
  F.Message = E.Message.Message;
  F.Loc = locationOf(E.Message, E.BuildDirectory);
  F.Error = isCompilerError(E);
  F.AsError = E.IsWarningAsError;

  if (!F.Loc.File.empty())
    Src.resolve(F.Loc);
  for (const tooling::DiagnosticMessage &N : E.Notes) {
    Location L = locationOf(N, E.BuildDirectory);
    if (!L.File.empty())
      Src.resolve(L);
    F.Notes.push_back({N.Message, L});
  }
  auto FixOf = [&](const tooling::DiagnosticMessage &M, bool Safe) {
    if (!WithFixes)
      return;

    FixIt X;
    X.Safe = Safe;
    X.Description = Safe ? "" : M.Message;
    for (const auto &[File, Reps] : M.Fix)
      for (const tooling::Replacement &Rep : Reps)
        X.Edits.emplace_back(absoluteIn(E.BuildDirectory, Rep.getFilePath()),
                             Rep.getOffset(), Rep.getLength(),
                             Rep.getReplacementText());
    if (!X.Edits.empty())
      F.Fixes.push_back(std::move(X));
  };
  FixOf(E.Message, /*Safe=*/true);
  for (const tooling::DiagnosticMessage &N : E.Notes)
    FixOf(N, /*Safe=*/false);

  F.Fingerprint = F.Loc.File.empty() ? "" : fingerprint(F, Root, Src);
  return F;
}

void FindingCollector::add(UnitResult R) {
  if (!R.Failure.empty()) {
    Crashed.emplace_back(R.File, R.Failure);
    Untouchable.insert(R.File);
    return;
  }
  if (R.ParseFailed) {
    Failed.push_back(R.File);
    Untouchable.insert(R.File);
  }
  // A call into another unit's function is a finding only if that function
  // blocks: known once every unit's summary is in (resolveSites).
  std::erase_if(R.Errors, [&](const ClangTidyError &E) {
    if (summarySite(E).empty())
      return false;
    Pending.push_back({E, R.File, R.ParseFailed});
    return true;
  });
  for (const ClangTidyError &E : R.Errors)
    addError(E, R.File, R.ParseFailed);
  if (KeepErrors && !R.ParseFailed)
    Kept[R.File] = std::move(R.Errors);
}

void FindingCollector::addError(const ClangTidyError &E,
                                const std::string &Unit, bool ParseFailed) {
  if (E.DiagnosticName == "clang-tidy-config")
    ConfigError = true;
  Location L = locationOf(E.Message, E.BuildDirectory);
  // A compiler error about no file (an unknown flag, say) belongs to the
  // unit, and says so: every unit that has it reports it.
  bool OfUnit = L.File.empty() && isCompilerError(E);
  if (OfUnit)
    L.File = Unit;
  std::string Key = E.DiagnosticName + "\n" + L.File + "\n" +
                    std::to_string(L.Offset) + "\n" + E.Message.Message;
  // Units finish in any order; the first unit by name wins, so that the
  // report does not depend on the order.
  auto It = ByKey.find(Key);
  if (It != ByKey.end() && It->second.Unit <= Unit)
    return;
  Finding F = makeFinding(E, !ParseFailed);
  if (OfUnit)
    F.Loc.File = Unit; // no line: Loc.Line stays 0
  ByKey[Key] = Entry{std::move(F), Unit};
}

void FindingCollector::resolveSites(const ProjectSummaries &Summaries) {
  for (PendingSite &P : Pending)
    if (auto Notes = Summaries.chainNotes(summarySite(P.E))) {
      P.E.Notes.assign(Notes->begin(), Notes->end());
      addError(P.E, P.Unit, P.ParseFailed);
      if (KeepErrors && !P.ParseFailed)
        Kept[P.Unit].push_back(P.E);
    }
  Pending.clear();
}

std::vector<Finding> FindingCollector::take() {
  std::vector<Finding> Out;
  Out.reserve(ByKey.size());
  for (auto &[Key, E] : ByKey)
    Out.push_back(std::move(E.F));
  ByKey.clear();
  llvm::sort(Out, [](const Finding &A, const Finding &B) {
    return std::tie(A.Loc.File, A.Loc.Offset, A.Check, A.Message) <
           std::tie(B.Loc.File, B.Loc.Offset, B.Check, B.Message);
  });
  llvm::sort(Failed);
  llvm::sort(Crashed);
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Out)
    F.Occurrence = ++Seen[F.Fingerprint.empty() ? F.Check + ":" + F.Message
                                                : F.Fingerprint];

  return Out;
}

std::vector<ClangTidyError> FindingCollector::keptErrors() {
  std::vector<ClangTidyError> Out;
  for (auto &[Unit, Errors] : Kept)
    llvm::append_range(Out, std::move(Errors));
  Kept.clear();
  return Out;
}

} // namespace asynclint
