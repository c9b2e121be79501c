//===--- Merge.cpp - asynclint driver -------------------------------------===//
//
// Each shard's report is already in the order of a whole run; merging is a
// union (an item as many times as the shard that has it most often: the
// same header finding from two shards is one finding, two equal findings
// of one file stay two) sorted the way a whole run sorts (Findings.h:
// file, position, check, message).
//
//===----------------------------------------------------------------------===//

#include "Merge.h"
#include "Baseline.h"
#include "FileSystem.h"
#include "Options.h"
#include "Report.h"
#include "Summaries.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace asynclint {
namespace {

enum class Kind : std::uint8_t { Json, Sarif, Baseline, Summaries };
constexpr std::array<const char *, 4> KindNames = {
    "JSON report", "SARIF log", "baseline", "summaries file"};
const char *nameOf(Kind K) { return KindNames[static_cast<size_t>(K)]; }

std::optional<Kind> kindOf(const Value &V) {
  if (V.getAsArray())
    return Kind::Json;
  const Object *O = V.getAsObject();
  if (O && O->getArray("runs"))
    return Kind::Sarif;
  if (O && O->getArray("findings"))
    return Kind::Baseline;
  if (O && O->getObject("graph"))
    return Kind::Summaries;
  return std::nullopt;
}

std::string compact(const Value &V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << V;
  return S;
}

// The union of \p Lists, in the order items first appear.
std::vector<Value> unionOf(llvm::ArrayRef<const Array *> Lists) {
  std::map<std::string, size_t> Most;
  std::vector<Value> Out;
  for (const Array *L : Lists) {
    std::map<std::string, size_t> Here;
    for (const Value &V : *L) {
      std::string Key = compact(V);
      size_t N = ++Here[Key];
      size_t &Count = Most[Key];
      if (N > Count) {
        Count = N;
        Out.push_back(V);
      }
    }
  }
  return Out;
}

using SortKey = std::tuple<std::string, int64_t, int64_t, std::string,
                           std::string, std::string>;

void sortBy(std::vector<Value> &Items,
            const std::function<SortKey(const Object &)> &KeyOf) {
  std::vector<std::pair<SortKey, Value>> Keyed;
  for (Value &V : Items) {
    SortKey K = KeyOf(*V.getAsObject());
    std::get<5>(K) = compact(V); // the last tie-breaker: the whole item
    Keyed.emplace_back(std::move(K), std::move(V));
  }
  llvm::sort(Keyed, llvm::less_first());
  Items.clear();
  for (auto &[K, V] : Keyed)
    Items.push_back(std::move(V));
}

std::string str(const Object *O, llvm::StringRef Key) {
  std::optional<llvm::StringRef> S = O ? O->getString(Key) : std::nullopt;
  return S ? S->str() : "";
}

int64_t num(const Object *O, llvm::StringRef Key) {
  return O ? O->getInteger(Key).value_or(0) : 0;
}

// A whole run's exit code for findings of these checks and severities
// (Summary.cpp): 2 on a configuration error, 3 when a unit failed, 1 on a
// finding.
int exitCodeOf(llvm::ArrayRef<std::pair<std::string, std::string>> Findings,
               bool Failed) {
  bool Open = false;
  for (const auto &[Check, Level] : Findings) {
    if (Check == "clang-tidy-config")
      return ExitUsage;
    // A compiler error, or a unit the JSON report says was not linted.
    bool Compiler = (llvm::StringRef(Check).starts_with("clang-diagnostic-") ||
                     Check == LostUnitCheck) &&
                    Level == "error";
    Failed |= Compiler;
    Open |= !Compiler;
  }
  if (Failed)
    return ExitParseFailed;
  return Open ? ExitFindings : ExitClean;
}

} // namespace

namespace {

std::string mergeJson(llvm::ArrayRef<Value> Docs, int &Exit) {
  std::vector<const Array *> Lists;
  for (const Value &D : Docs)
    Lists.push_back(D.getAsArray());
  std::vector<Value> Items = unionOf(Lists);
  sortBy(Items, [](const Object &O) {
    return SortKey{str(&O, "file"),  num(&O, "line"),    num(&O, "column"),
                   str(&O, "check"), str(&O, "message"), ""};
  });
  std::vector<std::pair<std::string, std::string>> Levels;
  Levels.reserve(Items.size());
  for (const Value &V : Items)
    Levels.emplace_back(str(V.getAsObject(), "check"),
                        str(V.getAsObject(), "severity"));
  Exit = exitCodeOf(Levels, /*Failed=*/false);
  return jsonText(Array(Items));
}

// Where a SARIF result is, as the whole run sorts it.
SortKey sarifKey(const Object &R) {
  const Object *Physical = nullptr;
  if (const Array *Locs = R.getArray("locations"); Locs && !Locs->empty())
    if (const Object *L = Locs->front().getAsObject())
      Physical = L->getObject("physicalLocation");
  const Object *Artifact =
      Physical ? Physical->getObject("artifactLocation") : nullptr;
  const Object *Region = Physical ? Physical->getObject("region") : nullptr;
  return SortKey{str(Artifact, "uri"),
                 num(Region, "startLine"),
                 num(Region, "startColumn"),
                 str(&R, "ruleId"),
                 str(R.getObject("message"), "text"),
                 ""};
}

// The shards' runs, parts gathered: results without their rule index,
// rules by id, notifications, and whether every shard ran to the end.
struct RunParts {
  std::vector<Array> Results;
  std::map<std::string, Value> Rules;
  std::vector<Array> Notifications;
  bool Successful = true;
};

RunParts partsOf(llvm::ArrayRef<Value> Docs) {
  RunParts P;
  for (const Value &D : Docs)
    for (const Value &RunV : *D.getAsObject()->getArray("runs")) {
      const Object *Run = RunV.getAsObject();
      if (!Run)
        continue;
      Array &Results = P.Results.emplace_back();
      if (const Array *Rs = Run->getArray("results"))
        for (const Value &R : *Rs) {
          Value Copy = R;
          if (Object *O = Copy.getAsObject())
            O->erase("ruleIndex");
          Results.push_back(std::move(Copy));
        }
      if (const Object *Tool = Run->getObject("tool"))
        if (const Object *Driver = Tool->getObject("driver"))
          if (const Array *Rules = Driver->getArray("rules"))
            for (const Value &Rule : *Rules)
              P.Rules.try_emplace(str(Rule.getAsObject(), "id"), Rule);
      if (const Array *Invocations = Run->getArray("invocations"))
        for (const Value &I : *Invocations) {
          const Object *O = I.getAsObject();
          P.Successful &= !O || O->getBoolean("executionSuccessful") != false;
          if (const Array *N =
                  O ? O->getArray("toolExecutionNotifications") : nullptr)
            P.Notifications.push_back(*N);
        }
    }
  return P;
}

std::vector<const Array *> pointers(const std::vector<Array> &Lists) {
  std::vector<const Array *> Out;
  Out.reserve(Lists.size());
  for (const Array &L : Lists)
    Out.push_back(&L);
  return Out;
}

std::string mergeSarif(llvm::ArrayRef<Value> Docs, int &Exit) {
  RunParts P = partsOf(Docs);
  std::vector<Value> Results = unionOf(pointers(P.Results));
  sortBy(Results, sarifKey);
  // Rules in the order their first result appears, as a whole run lists
  // them.
  std::map<std::string, int64_t> RuleIndex;
  Array Rules;
  std::vector<std::pair<std::string, std::string>> Levels;
  for (Value &R : Results) {
    Object &O = *R.getAsObject();
    std::string Id = str(&O, "ruleId");
    auto [It, New] = RuleIndex.try_emplace(Id, RuleIndex.size());
    if (auto Rule = P.Rules.find(Id); New && Rule != P.Rules.end())
      Rules.push_back(Rule->second);
    O["ruleIndex"] = It->second;
    Levels.emplace_back(Id, str(&O, "level"));
  }
  std::vector<Value> Notes = unionOf(pointers(P.Notifications));
  sortBy(Notes, [](const Object &O) {
    return SortKey{str(O.getObject("message"), "text"), 0, 0, "", "", ""};
  });
  Object Invocation{{"executionSuccessful", P.Successful}};
  if (!Notes.empty())
    Invocation["toolExecutionNotifications"] = Array(Notes);

  // The first shard's log, with everything the shards differ in merged.
  Value Log = Docs.front();
  Object &Run = *(*Log.getAsObject()->getArray("runs"))[0].getAsObject();
  Run["results"] = Array(Results);
  Run["invocations"] = Array{std::move(Invocation)};
  if (Object *Tool = Run.getObject("tool"))
    if (Object *Driver = Tool->getObject("driver"))
      (*Driver)["rules"] = std::move(Rules);
  Exit = exitCodeOf(Levels, !P.Successful);
  return jsonText(Log);
}

// The units the shards' baselines list as not linted completely, sorted.
std::vector<std::string> incompleteOf(llvm::ArrayRef<Value> Docs) {
  std::set<std::string> Units;
  for (const Value &D : Docs)
    if (const Array *A = D.getAsObject()->getArray("incomplete"))
      for (const Value &U : *A)
        if (std::optional<llvm::StringRef> S = U.getAsString())
          Units.insert(S->str());
  return {Units.begin(), Units.end()};
}

std::vector<Value> baselineEntries(llvm::ArrayRef<Value> Docs) {
  std::vector<const Array *> Lists;
  for (const Value &D : Docs)
    Lists.push_back(D.getAsObject()->getArray("findings"));
  return unionOf(Lists);
}

// Entries by file (as a whole run writes them), in each file the union of
// the shards' entries.
std::string mergeBaselines(llvm::ArrayRef<Value> Docs) {
  std::vector<Value> Entries = baselineEntries(Docs);
  std::vector<std::pair<std::string, size_t>> Order; // file, first place
  Order.reserve(Entries.size());
  for (size_t I = 0; I < Entries.size(); ++I)
    Order.emplace_back(str(Entries[I].getAsObject(), "file"), I);
  llvm::sort(Order);
  Array Sorted;
  for (const auto &[File, I] : Order)
    Sorted.push_back(std::move(Entries[I]));
  return baselineText(std::move(Sorted), incompleteOf(Docs));
}

// The shards' call graphs, merged and resolved again: the chains the
// whole run finds (a chain may cross from one shard's units to another's).
std::string mergeSummaries(llvm::ArrayRef<Value> Docs) {
  ProjectSummaries All;
  for (const Value &D : Docs)
    All.add(*D.getAsObject()->getObject("graph"));
  All.resolve();
  return All.text();
}

// Reads every file of \p Paths as JSON of one kind; returns an exit code on
// an error already reported.
std::optional<int> readAll(const std::vector<std::string> &Paths,
                           std::vector<Value> &Docs, Kind &K) {
  for (const std::string &Path : Paths) {
    auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(Path);
    if (!Buf)
      return usageError("cannot read '" + Path +
                        "': " + Buf.getError().message());
    llvm::Expected<Value> V = llvm::json::parse((*Buf)->getBuffer());
    if (!V)
      return usageError("'" + Path +
                        "' is not JSON: " + llvm::toString(V.takeError()));
    std::optional<Kind> Here = kindOf(*V);
    if (!Here)
      return usageError("'" + Path +
                        "' is not an asynclint JSON report, SARIF log, "
                        "baseline or summaries file");
    if (!Docs.empty() && *Here != K)
      return usageError("'" + Path + "' is a " + nameOf(*Here) + ", '" +
                        Paths.front() + "' a " + nameOf(K) +
                        ": merge files of one kind");
    K = *Here;
    Docs.push_back(std::move(*V));
  }
  return std::nullopt;
}

constexpr const char *MergeUsage =
    R"(usage: asynclint merge [--output=FILE] [--quiet] FILE...
       asynclint merge --baseline=OLD [--prune-baseline] BASELINE...

Combines the JSON reports, SARIF logs, baselines or summaries files
(--summaries) that the shards of one run wrote (asynclint -p BUILD
--shard=K/N) into the one the whole run would have written, on stdout or in
FILE. The exit code is the whole run's: 0 no findings, 1 findings, 2 a
configuration error (or bad input), 3 a shard's unit failed to parse or was
not linted. Baselines and summaries merge with exit code 0.

With --baseline=OLD, the files are the baselines the shards wrote
(--write-baseline) in a run with --baseline=OLD: the entries of OLD that
match none of the shards' findings are the whole run's stale entries, said
on stderr; --prune-baseline rewrites OLD without them. When a shard's unit
was not linted completely, no entry is judged.
)";

struct MergeOptions {
  std::string Output;
  std::string Baseline;
  bool PruneBaseline = false;
  bool Quiet = false;
  std::vector<std::string> Paths;
};

// The command line of `asynclint merge`; an exit code when the run stops.
std::optional<int> parseMergeArgs(int Argc, const char **Argv,
                                  MergeOptions &O) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "--help" || A == "-h") {
      llvm::outs() << MergeUsage;
      return ExitClean;
    }
    if (A == "--quiet")
      O.Quiet = true;
    else if (A == "--prune-baseline")
      O.PruneBaseline = true;
    else if (A.consume_front("--output="))
      O.Output = A.str();
    else if ((A == "--output" || A == "-o") && I + 1 < Argc)
      O.Output = Argv[++I];
    else if (A.consume_front("--baseline="))
      O.Baseline = A.str();
    else if (A == "--baseline" && I + 1 < Argc)
      O.Baseline = Argv[++I];
    else if (A.starts_with("-") && A != "-")
      return usageError("merge: unknown option '" + A + "'");
    else
      O.Paths.push_back(A.str());
  }
  if (O.Paths.empty())
    return usageError("merge: no file to merge (see asynclint merge --help)");
  if (O.PruneBaseline && O.Baseline.empty())
    return usageError("merge: --prune-baseline needs --baseline=FILE");
  return std::nullopt;
}

// The whole run's stale entries of O.Baseline: those that none of the
// shards' findings (\p Docs, their baselines) match, as Baseline::apply
// matches them in one run; reported, or pruned.
std::optional<int> judgeBaseline(const MergeOptions &O,
                                 llvm::ArrayRef<Value> Docs) {
  Baseline Recorded;
  if (std::optional<int> Stop = Recorded.read(O.Baseline))
    return Stop;
  std::vector<Finding> Current;
  for (const Value &E : baselineEntries(Docs))
    Current.push_back(
        Finding{.Fingerprint = str(E.getAsObject(), "fingerprint")});
  Recorded.apply(Current);
  std::vector<std::string> Incomplete = incompleteOf(Docs);
  if (!Incomplete.empty() && !O.Quiet)
    llvm::errs() << "asynclint: stale baseline entries not judged: "
                 << Incomplete.size() << " unit"
                 << (Incomplete.size() == 1 ? " was" : "s were")
                 << " not linted completely (" << llvm::join(Incomplete, ", ")
                 << ")\n";
  auto Linted = [All = Incomplete.empty()](llvm::StringRef) { return All; };
  if (O.PruneBaseline)
    return Recorded.prune(Linted, O.Quiet);
  if (!O.Quiet)
    reportStale(Recorded.stale(Linted));
  return std::nullopt;
}

std::string mergedText(Kind K, llvm::ArrayRef<Value> Docs, int &Exit) {
  Exit = ExitClean;
  if (K == Kind::Json)
    return mergeJson(Docs, Exit);
  if (K == Kind::Sarif)
    return mergeSarif(Docs, Exit);
  if (K == Kind::Baseline)
    return mergeBaselines(Docs);
  return mergeSummaries(Docs);
}

} // namespace

int mergeMain(int Argc, const char **Argv) {
  MergeOptions O;
  if (std::optional<int> Stop = parseMergeArgs(Argc, Argv, O))
    return *Stop;
  std::vector<Value> Docs;
  Kind K = Kind::Json;
  if (std::optional<int> Stop = readAll(O.Paths, Docs, K))
    return *Stop;
  if (!O.Baseline.empty() && K != Kind::Baseline)
    return usageError("merge: --baseline judges the baselines the shards "
                      "wrote (--write-baseline), not " +
                      llvm::Twine(nameOf(K)) + "s");

  int Exit = ExitClean;
  std::string Text = mergedText(K, Docs, Exit);
  if (O.Output.empty()) {
    llvm::outs() << Text;
    llvm::outs().flush();
  } else if (std::string Err; !writeAtomically(O.Output, Text, Err)) {
    return usageError("cannot write --output '" + O.Output + "': " + Err);
  }
  if (!O.Quiet)
    llvm::errs() << "asynclint: merged " << Docs.size() << " " << nameOf(K)
                 << (Docs.size() == 1 ? "" : "s") << "\n";
  if (!O.Baseline.empty())
    if (std::optional<int> Stop = judgeBaseline(O, Docs))
      return *Stop;
  return Exit;
}

} // namespace asynclint
