//===--- AsyncLintMain.cpp - asynclint driver -----------------------------===//
//
// The asynclint executable. Two modes:
//
// - `asynclint -p BUILD [paths or globs...]` (no `--`): the CI mode, the
//   pipeline below; each stage is one file of this folder (docs/ci.md,
//   DEVELOPERS.md).
// - anything with `--` (compile flags on the command line), or one of
//   clang-tidy's informational flags: clang-tidy's own main with the async
//   module linked in, so `asynclint file.cpp -- -std=c++20` behaves exactly
//   like `clang-tidy-22 -load libasynclint.so`.
// - `asynclint merge FILE...`: the shards' reports combined (Merge.h).
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "Config.h"
#include "FileSystem.h"
#include "Findings.h"
#include "Fixes.h"
#include "Lint.h"
#include "Merge.h"
#include "Options.h"
#include "Report.h"
#include "SourceText.h"
#include "Summaries.h"
#include "Summary.h"
#include "Units.h"
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <memory>
#include <set>

using namespace asynclint;

namespace {

bool wantsClangTidy(int Argc, const char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "--")
      return true;
    // clang-tidy's informational modes, spelled with one dash or two.
    A = A.ltrim('-');
    for (llvm::StringRef Info :
         {"list-checks", "dump-config", "verify-config", "version",
          "explain-config", "help-list", "help-hidden"})
      if (A == Info || A.starts_with(std::string(Info) + "="))
        return true;
  }
  return false;
}

// Whether this run saw all of a baseline entry's file: every unit when
// none failed and neither a path nor a shard was selected, else the main
// files that parsed (a shard judges only its own units' entries; an empty
// shard, none; `asynclint merge --baseline` judges the whole run's).
std::function<bool(llvm::StringRef)>
lintedCompletely(const Settings &S, const Units &U,
                 const FindingCollector &Collector) {
  bool All = S.Patterns.empty() && S.ShardCount == 0 &&
             Collector.failedUnits().empty() &&
             Collector.crashedUnits().empty();
  auto Parsed = std::make_shared<std::set<std::string, std::less<>>>();
  for (const std::string &F : U.Files)
    if (!Collector.untouchable().contains(F))
      Parsed->insert(portablePath(U.Root, F));
  return [All, Parsed](llvm::StringRef File) {
    return All || Parsed->contains(File);
  };
}

// The units not linted completely, as a written baseline records them.
std::vector<std::string> incompleteUnits(const FindingCollector &Collector) {
  std::vector<std::string> Out = Collector.failedUnits();
  for (const auto &[Unit, Why] : Collector.crashedUnits())
    Out.push_back(Unit);
  return Out;
}

// Each stage returns an exit code when the run must stop (its error
// already reported).
int runPipeline(int Argc, const char **Argv) {
  Settings S;
  if (std::optional<int> Stop = parseOptions(Argc, Argv, S))
    return *Stop;
  Units U;
  if (std::optional<int> Stop = loadUnits(S, U))
    return *Stop;
  ConfigSource Config;
  if (std::optional<int> Stop = Config.init(S))
    return *Stop;
  if (std::optional<int> Stop = validateChecks(Config, U.Files))
    return *Stop;
  Baseline Recorded;
  if (!S.Baseline.empty())
    if (std::optional<int> Stop = Recorded.read(S.Baseline))
      return *Stop;

  SourceText Src;
  FindingCollector Collector(Src, U.Root,
                             /*KeepErrors=*/!S.ExportFixes.empty());
  ResultCache Cache(S, U.Root);
  ProjectSummaries Summaries;
  std::vector<llvm::json::Object> Prior;
  if (std::optional<int> Stop = ProjectSummaries::readPrior(U, Config, Prior))
    return *Stop;
  lintUnits(U, Config, S, Cache, [&](UnitResult R) {
    Summaries.add(R.Summary);
    Collector.add(std::move(R));
  });
  for (const llvm::json::Object &Graph : Prior)
    Summaries.add(Graph, /*Prior=*/true);
  Summaries.resolve();
  Collector.resolveSites(Summaries);
  if (!S.SummariesFile.empty())
    if (std::string Err; !Summaries.write(S.SummariesFile, Err))
      return usageError("cannot write --summaries '" + S.SummariesFile +
                        "': " + Err);

  std::vector<Finding> Findings = Collector.take();

  Recorded.apply(Findings);
  auto Linted = lintedCompletely(S, U, Collector);
  if (S.PruneBaseline)
    if (std::optional<int> Stop = Recorded.prune(Linted, S.Quiet))
      return *Stop;
  if (!S.WriteBaseline.empty())
    if (std::optional<int> Stop =
            writeBaseline(S.WriteBaseline, Findings, incompleteUnits(Collector),
                          U.Root, S.Quiet))
      return *Stop;
  if (!S.ExportFixes.empty())
    if (std::optional<int> Stop =
            exportFixes(S.ExportFixes, U.Files.size() == 1 ? U.Files[0] : "",
                        Collector.keptErrors()))
      return *Stop;
  if (S.Fix)
    applyFixes(Findings, Collector.untouchable(), S.FixUnsafe);

  size_t Stale = S.PruneBaseline ? 0 : Recorded.stale(Linted);
  RunOutcome Run{.Units = U.Files.size(),
                 .FailedUnits = Collector.failedUnits(),
                 .CrashedUnits = Collector.crashedUnits(),
                 .UnreadableFiles = Src.unreadable(),
                 .ConfigError = Collector.configError(),
                 .StaleBaseline = Stale};
  if (std::optional<int> Stop = writeReport(S, Findings, Run, Src, U.Root))
    return *Stop;
  return summarise(Findings, Run, S.Quiet);
}

} // namespace

int main(int Argc, const char **Argv) {
  if (Argc > 1 && llvm::StringRef(Argv[1]) == "merge")
    return mergeMain(Argc - 1, Argv + 1);
  if (wantsClangTidy(Argc, Argv))
    return clang::tidy::clangTidyMain(Argc, Argv);
  return runPipeline(Argc, Argv);
}
