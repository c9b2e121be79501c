//===--- Options.cpp - asynclint driver -----------------------------------===//

#include "Options.h"
#include "FileSystem.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <map>
#include <thread>

#ifndef ASYNCLINT_DOCS_URL
#define ASYNCLINT_DOCS_URL "docs/checks/"
#endif

namespace asynclint {
namespace {

constexpr const char *Usage =
    R"(usage: asynclint -p BUILD_DIR [options] [paths or globs...]

Lints the translation units of BUILD_DIR/compile_commands.json (all of them,
or those matching the paths, directories or globs given) with the checks the
nearest .clang-tidy selects (async-* when nothing selects a check).

options:
  -p DIR                 directory holding compile_commands.json (required)
  -j N, --jobs=N         translation units linted in parallel (default: cores)
  --checks=GLOBS         override the Checks of .clang-tidy
  --config=YAML          use this configuration instead of .clang-tidy files
  --config-file=FILE     read the configuration from FILE instead
  --format=FMT           text (default), json, sarif, github (workflow
                         annotations) or gitlab (Code Quality JSON)

  --output=FILE          write the report to FILE instead of stdout
  --export-fixes=FILE    write fix-its as YAML for clang-apply-replacements
  --fix                  apply safe fix-its in place (atomically, per file)
  --fix-unsafe           also apply fix-its that may change meaning (the
                         first alternative a note offers)
  --baseline=FILE        findings recorded in FILE do not fail the run
  --write-baseline=FILE  record the current findings in FILE
  --prune-baseline       remove the entries of --baseline that match no
                         finding any more (a baseline only shrinks)
  --docs-url=URL         base URL of the check docs (SARIF help links)
  --timeout-per-unit=S   give up on a translation unit after S seconds
                         (default: 600; 0: never)
  --shard=K/N            lint only the K-th of N parts of the units (by a
                         hash of each unit's path relative to BUILD_DIR);
                         --shard=auto takes K and N from CI_NODE_INDEX and
                         CI_NODE_TOTAL (GitLab), BUILDKITE_PARALLEL_JOB(_COUNT)
                         or CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL
  --cache-dir=DIR        reuse results of unchanged units from DIR (default:
                         $XDG_CACHE_HOME/asynclint or ~/.cache/asynclint)
  --cache-max-size=SIZE  evict the least recently used results past SIZE
                         bytes (K, M or G suffix; default: 512M; 0: none)
  --no-cache             lint every unit, read and write no cache
  --summaries=FILE       write which functions block, and through which
                         calls, for async-blocking-call's Summaries option
                         (the plugin and the clangd proxy then see blocking
                         helpers defined in other files too)
  --verbose              say how many units came from the cache
  --quiet                no progress line and no summary

`asynclint merge FILE...` combines the JSON reports, SARIF logs or baselines
of the shards of a run (asynclint merge --help).

exit codes: 0 no findings (or only baselined), 1 findings, 2 usage or
configuration error, 3 a translation unit failed to parse.

With `--` on the command line (or --list-checks, --dump-config, ...),
asynclint behaves exactly like clang-tidy-22 with the async module loaded.
)";

using Setter = std::function<void(const std::string &)>;

// Options taking a value: `--name=value`, `--name value`, `-name value`.
std::map<std::string, Setter> valuedOptions(Settings &S, std::string &Jobs) {
  std::map<std::string, Setter> Valued = {
      {"p", [&](const std::string &V) { S.BuildDir = V; }},
      {"checks", [&](const std::string &V) { S.Checks = V; }},
      {"config", [&](const std::string &V) { S.Config = V; }},
      {"config-file", [&](const std::string &V) { S.ConfigFile = V; }},
      {"format", [&](const std::string &V) { S.Format = V; }},
      {"output", [&](const std::string &V) { S.Output = V; }},
      {"export-fixes", [&](const std::string &V) { S.ExportFixes = V; }},
      {"baseline", [&](const std::string &V) { S.Baseline = V; }},
      {"write-baseline", [&](const std::string &V) { S.WriteBaseline = V; }},
      {"docs-url", [&](const std::string &V) { S.DocsUrl = V; }},
      {"cache-dir", [&](const std::string &V) { S.CacheDir = V; }},
      {"cache-max-size", [&](const std::string &V) { S.CacheMaxSizeText = V; }},
      {"summaries", [&](const std::string &V) { S.SummariesFile = V; }},
      {"shard", [&](const std::string &V) { S.ShardText = V; }},
  };
  Valued["j"] = Valued["jobs"] = [&](const std::string &V) { Jobs = V; };
  Valued["timeout-per-unit"] = [&S](const std::string &V) {
    S.TimeoutText = V;
  };
  return Valued;
}

// K/N from the environment of a CI system that runs parallel jobs; K is
// 1-based.
std::optional<std::pair<unsigned, unsigned>> shardFromEnvironment() {
  auto Get = [](const char *Name) -> std::optional<unsigned> {
    std::optional<std::string> V = llvm::sys::Process::GetEnv(Name);
    unsigned N = 0;
    if (!V || llvm::StringRef(*V).getAsInteger(10, N))
      return std::nullopt;
    return N;
  };
  if (auto I = Get("CI_NODE_INDEX"), N = Get("CI_NODE_TOTAL"); I && N)
    return std::pair(*I, *N); // GitLab: 1-based
  if (auto I = Get("BUILDKITE_PARALLEL_JOB"),
      N = Get("BUILDKITE_PARALLEL_JOB_COUNT");
      I && N)
    return std::pair(*I + 1, *N); // 0-based
  if (auto I = Get("CIRCLE_NODE_INDEX"), N = Get("CIRCLE_NODE_TOTAL"); I && N)
    return std::pair(*I + 1, *N); // 0-based
  return std::nullopt;
}

std::optional<int> parseShard(Settings &S) {
  if (S.ShardText.empty())
    return std::nullopt;
  std::optional<std::pair<unsigned, unsigned>> KN;
  if (S.ShardText == "auto") {
    KN = shardFromEnvironment();
    if (!KN)
      return usageError("--shard=auto: no CI_NODE_INDEX/CI_NODE_TOTAL, "
                        "BUILDKITE_PARALLEL_JOB(_COUNT) or "
                        "CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL in the "
                        "environment");
  } else {
    auto [K, N] = llvm::StringRef(S.ShardText).split('/');
    unsigned KV = 0;
    unsigned NV = 0;
    if (!K.getAsInteger(10, KV) && !N.getAsInteger(10, NV))
      KN = std::pair(KV, NV);
  }
  if (!KN || KN->second == 0 || KN->first == 0 || KN->first > KN->second)
    return usageError("invalid --shard '" + S.ShardText +
                      "': expected K/N with 1 <= K <= N, or auto");
  std::tie(S.ShardIndex, S.ShardCount) = *KN;
  return std::nullopt;
}

// "123", "64K", "256M", "1G" (powers of 1024) into \p Bytes.
bool parseSize(llvm::StringRef Text, uint64_t &Bytes) {
  unsigned Shift = 0;
  if (Text.consume_back("K"))
    Shift = 10;
  else if (Text.consume_back("M"))
    Shift = 20;
  else if (Text.consume_back("G"))
    Shift = 30;
  if (Text.getAsInteger(10, Bytes) || Bytes > (UINT64_MAX >> Shift))
    return false;
  Bytes <<= Shift;
  return true;
}

// Every file the run will write, checked before it writes any (--fix
// rewrites sources before the report is written).
std::optional<int> checkOutputs(const Settings &S) {
  std::vector<std::pair<std::string, std::string>> Outputs = {
      {"--output", S.Output},
      {"--export-fixes", S.ExportFixes},
      {"--write-baseline", S.WriteBaseline},
      {"--summaries", S.SummariesFile}};
  if (S.PruneBaseline)
    Outputs.emplace_back("--baseline", S.Baseline);
  for (const auto &[Option, Path] : Outputs)
    if (std::string Why = Path.empty() ? "" : cannotWrite(Path); !Why.empty())
      return usageError(llvm::Twine("cannot write ") + Option + " '" + Path +
                        "': " + Why);
  return std::nullopt;
}

// The settings that depend on more than one option, checked once all are
// read.
std::optional<int> validate(Settings &S, const std::string &Jobs) {

  if (!Jobs.empty()) {
    unsigned N = 0;
    if (llvm::StringRef(Jobs).getAsInteger(10, N) || N == 0)
      return usageError("invalid number of jobs '" + Jobs +
                        "': expected a positive integer");
    S.Jobs = N;
  }
  if (!S.TimeoutText.empty() &&
      llvm::StringRef(S.TimeoutText).getAsInteger(10, S.TimeoutPerUnit))
    return usageError("invalid --timeout-per-unit '" + S.TimeoutText +
                      "': expected seconds (0 for none)");
  if (std::optional<int> Stop = parseShard(S))
    return Stop;
  if (!S.CacheMaxSizeText.empty() &&
      !parseSize(S.CacheMaxSizeText, S.CacheMaxSize))
    return usageError("invalid --cache-max-size '" + S.CacheMaxSizeText +
                      "': expected a size in bytes, with an optional K, M "
                      "or G suffix");
  if (!llvm::is_contained({"text", "json", "sarif", "github", "gitlab"},
                          S.Format))
    return usageError("invalid --format '" + S.Format +
                      "': expected text, json, sarif, github or gitlab");
  if (S.BuildDir.empty())
    return usageError("no compilation database: pass -p BUILD_DIR (the "
                      "directory holding compile_commands.json)");
  if (S.PruneBaseline && S.Baseline.empty())
    return usageError("--prune-baseline needs --baseline=FILE");
  if (S.Config && S.ConfigFile)
    return usageError("--config and --config-file cannot be used together");
  return checkOutputs(S);
}

} // namespace

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "asynclint: error: " << Message << "\n"
               << "run 'asynclint --help' for usage\n";
  return ExitUsage;
}

std::optional<int> parseOptions(int Argc, const char **Argv, Settings &S) {
  S.Jobs = std::max(1U, std::thread::hardware_concurrency());
  S.DocsUrl = ASYNCLINT_DOCS_URL;
  std::string Jobs;
  std::map<std::string, Setter> Valued = valuedOptions(S, Jobs);
  // Options without a value, spelled with one dash or two.
  std::map<std::string, std::function<void()>> Flags = {
      {"fix", [&] { S.Fix = true; }},
      {"fix-unsafe", [&] { S.Fix = S.FixUnsafe = true; }},
      {"prune-baseline", [&] { S.PruneBaseline = true; }},
      {"no-cache", [&] { S.NoCache = true; }},
      {"verbose", [&] { S.Verbose = true; }},
      {"quiet", [&] { S.Quiet = true; }},
  };
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "-h" || A == "--help" || A == "-help") {
      llvm::outs() << Usage;
      return ExitClean;
    }
    if (auto It = Flags.find(A.ltrim('-').str());
        It != Flags.end() && A.starts_with("-") && !A.starts_with("---")) {
      It->second();
      continue;
    }
    if (!A.starts_with("-")) {
      S.Patterns.push_back(A.str());
      continue;
    }
    // `-pDIR` and `-jN`, as in clang-tidy and make.
    if (!A.starts_with("--") && A.size() > 2 && (A[1] == 'p' || A[1] == 'j') &&
        A[2] != '=' && !Valued.contains(A.drop_front(1).str())) {
      Valued[std::string(1, A[1])](A.drop_front(2).str());
      continue;
    }
    llvm::StringRef Name = A.ltrim('-');
    auto [Key, Val] = Name.split('=');
    auto It = Valued.find(Key.str());
    if (It == Valued.end())
      return usageError("unknown option '" + A + "'");
    if (Name.contains('='))
      It->second(Val.str());
    else if (I + 1 < Argc)
      It->second(Argv[++I]);
    else
      return usageError("option '" + A + "' needs a value");
  }
  return validate(S, Jobs);
}

} // namespace asynclint
