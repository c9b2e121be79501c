//===--- SarifReport.cpp - asynclint driver -------------------------------===//
//
// The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers:
// one run, one rule per check that has a finding, one result per open
// finding. Paths are relative to %SRCROOT%, the working directory, and
// percent-encoded. Fingerprints are unique in the log (the n-th finding on
// identical lines of a file gets ":n").
//
//===----------------------------------------------------------------------===//

#include "FileSystem.h"
#include "Report.h"
#include "Summary.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>

#ifndef ASYNCLINT_VERSION
#define ASYNCLINT_VERSION "0"
#endif

using llvm::json::Array;
using llvm::json::Object;

namespace asynclint {
namespace {

std::string ruleSummary(llvm::StringRef Check) {
  static const std::map<std::string, std::string, std::less<>> Summaries = {
      {"async-unawaited-task", "a task or awaitable created and never awaited"},
      {"async-blocking-call",
       "calls that block the event loop inside a coroutine"},
      {"async-sequential-awaits",
       "independent awaits run one after another that could be gathered"},
      {"async-await-in-loop",
       "awaits in loops whose iterations are independent"},
      {"async-dangling-reference",
       "a lazy task that may outlive the temporary, closure or local it "
       "refers to"},
  };
  auto It = Summaries.find(Check);
  return It == Summaries.end() ? Check.str() : It->second;
}

Object artifact(const std::string &File) {
  return Object{{"uri", percentEncoded(relativeToCwd(File))},
                {"uriBaseId", "%SRCROOT%"}};
}

Object physical(const Location &L) {
  Object P{{"artifactLocation", artifact(L.File)}};
  if (L.Line > 0) // else about the whole file
    P["region"] = Object{{"startLine", L.Line}, {"startColumn", L.Column}};
  return P;
}

Object rule(const Finding &F, const std::string &DocsUrl) {
  Object Rule{{"id", F.Check},
              {"name", F.Check},
              {"shortDescription", Object{{"text", ruleSummary(F.Check)}}},
              {"defaultConfiguration", Object{{"level", F.level()}}}};
  if (llvm::StringRef(F.Check).starts_with("async-"))
    Rule["helpUri"] = DocsUrl + F.Check + ".md";
  return Rule;
}

// One fix-it as a SARIF fix, its replacements grouped by file; whether it
// is safe is in its properties (SARIF has no field of its own for it).
// None when an edit is in a file that cannot be read (no region to give).
std::optional<Object> fix(const Finding &F, const FixIt &X, SourceText &Src) {
  std::map<std::string, Array> PerFile;
  for (const clang::tooling::Replacement &R : X.Edits) {
    Location Start{R.getFilePath().str(), R.getOffset(), 0, 0};
    Location End{Start.File, R.getOffset() + R.getLength(), 0, 0};
    Src.resolve(Start);
    Src.resolve(End);
    if (Start.Line == 0)
      return std::nullopt;
    PerFile[Start.File].push_back(
        Object{{"deletedRegion", Object{{"startLine", Start.Line},
                                        {"startColumn", Start.Column},
                                        {"endLine", End.Line},
                                        {"endColumn", End.Column}}},
               {"insertedContent", Object{{"text", R.getReplacementText()}}}});
  }
  Array Changes;
  for (auto &[File, Reps] : PerFile)
    Changes.push_back(Object{{"artifactLocation", artifact(File)},
                             {"replacements", std::move(Reps)}});
  return Object{
      {"description",
       Object{{"text", X.Description.empty() ? F.Message : X.Description}}},
      {"artifactChanges", std::move(Changes)},
      {"properties", Object{{"applicability", X.Safe ? "safe" : "unsafe"}}}};
}

Object result(const Finding &F, unsigned RuleIndex, SourceText &Src) {
  Object Result{
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", F.level()},
      {"message", Object{{"text", F.Message}}},
      {"locations", Array{Object{{"physicalLocation", physical(F.Loc)}}}},
      {"partialFingerprints", Object{{"asynclint/v1", F.uniqueFingerprint()}}}};
  Array Related;
  for (const Note &N : F.Notes)
    Related.push_back(Object{{"message", Object{{"text", N.Message}}},
                             {"physicalLocation", physical(N.Loc)}});
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  Array Fixes;
  for (const FixIt &X : F.Fixes)
    if (std::optional<Object> Fix = fix(F, X, Src))
      Fixes.push_back(std::move(*Fix));
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);

  return Result;
}

// The run's one invocation: successful when every unit was linted to the
// end, else a notification per unit that was not.
Object invocation(const RunOutcome &Run) {
  Array Notes;
  auto Notify = [&](const std::string &Unit, const std::string &Why) {
    Notes.push_back(Object{
        {"level", "error"},
        {"message",
         Object{{"text", jsonString(relativeToCwd(Unit) + ": " + Why)}}},
        {"locations",
         Array{Object{{"physicalLocation",
                       Object{{"artifactLocation", artifact(Unit)}}}}}}});
  };
  for (const std::string &U : Run.FailedUnits)
    Notify(U, "failed to parse; its findings may be incomplete");
  for (const auto &[U, Why] : Run.CrashedUnits)
    Notify(U, Why);
  for (const auto &[File, Why] : Run.UnreadableFiles)
    Notify(File, unreadableWhy(Why));
  Object I{{"executionSuccessful", Notes.empty() && !Run.ConfigError}};
  if (!Notes.empty())
    I["toolExecutionNotifications"] = std::move(Notes);
  return I;
}

} // namespace

std::string sarifReport(const std::vector<Finding> &Findings,
                        const RunOutcome &Outcome, const std::string &DocsUrl,
                        SourceText &Src) {
  std::map<std::string, unsigned> RuleIndex;
  Array Rules;
  Array Results;
  for (const Finding &F : Findings) {
    if (!F.open())
      continue;
    auto [It, New] = RuleIndex.try_emplace(F.Check, RuleIndex.size());
    if (New)
      Rules.push_back(rule(F, DocsUrl));
    Results.push_back(result(F, It->second, Src));
  }
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    Cwd = "/";
  Object Driver{{"name", "asynclint"},
                {"version", ASYNCLINT_VERSION},
                {"informationUri", DocsUrl},
                {"rules", std::move(Rules)}};
  Object SarifRun{
      {"tool", Object{{"driver", std::move(Driver)}}},
      {"originalUriBaseIds",
       Object{{"%SRCROOT%",
               Object{{"uri", "file://" + percentEncoded(Cwd) + "/"}}}}},
      {"results", std::move(Results)},
      {"invocations", Array{invocation(Outcome)}}};
  Object Log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", Array{std::move(SarifRun)}}};
  return jsonText(std::move(Log));
}

} // namespace asynclint
