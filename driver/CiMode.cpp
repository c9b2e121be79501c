//===--- CiMode.cpp - asynclint driver ------------------------------------===//

#include "CiMode.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#ifndef ASYNCLINT_DOCS_URL
#define ASYNCLINT_DOCS_URL "docs/checks/"
#endif
#ifndef ASYNCLINT_VERSION
#define ASYNCLINT_VERSION "0"
#endif

using namespace clang;
using namespace clang::tidy;

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
  --format=FMT           text (default), json or sarif
  --output=FILE          write the report to FILE instead of stdout
  --export-fixes=FILE    write fix-its as YAML for clang-apply-replacements
  --fix                  apply fix-its in place (atomically, per file)
  --baseline=FILE        findings recorded in FILE do not fail the run
  --write-baseline=FILE  record the current findings in FILE
  --docs-url=URL         base URL of the check docs (SARIF help links)
  --quiet                no progress line and no summary

exit codes: 0 no findings (or only baselined), 1 findings, 2 usage or
configuration error, 3 a translation unit failed to parse.

With `--` on the command line (or --list-checks, --dump-config, ...),
asynclint behaves exactly like clang-tidy-22 with the async module loaded.
)";

struct Settings {
  std::string BuildDir;
  unsigned Jobs = std::max(1u, std::thread::hardware_concurrency());
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  std::optional<std::string> ConfigFile;
  std::string Format = "text";
  std::string Output;
  std::string ExportFixes;
  bool Fix = false;
  std::string Baseline;
  std::string WriteBaseline;
  std::string DocsUrl = ASYNCLINT_DOCS_URL;
  bool Quiet = false;
  std::vector<std::string> Patterns;
};

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "asynclint: error: " << Message << "\n"
               << "run 'asynclint --help' for usage\n";
  return ExitUsage;
}

// Parses the command line; returns an exit code when it should stop.
std::optional<int> parseArgs(int Argc, const char **Argv, Settings &S) {
  // Options taking a value: `--name=value`, `--name value`, `-name value`.
  std::map<std::string, std::function<void(const std::string &)>> Valued = {
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
  };
  std::string Jobs;
  Valued["j"] = Valued["jobs"] = [&](const std::string &V) { Jobs = V; };
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (A == "-h" || A == "--help" || A == "-help") {
      llvm::outs() << Usage;
      return ExitClean;
    }
    if (A == "--fix" || A == "-fix") {
      S.Fix = true;
      continue;
    }
    if (A == "--quiet" || A == "-quiet") {
      S.Quiet = true;
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
    if (Name.contains('=')) {
      It->second(Val.str());
    } else if (I + 1 < Argc) {
      It->second(Argv[++I]);
    } else {
      return usageError("option '" + A + "' needs a value");
    }
  }
  if (!Jobs.empty()) {
    unsigned N = 0;
    if (llvm::StringRef(Jobs).getAsInteger(10, N) || N == 0)
      return usageError("invalid number of jobs '" + Jobs +
                        "': expected a positive integer");
    S.Jobs = N;
  }
  if (S.Format != "text" && S.Format != "json" && S.Format != "sarif")
    return usageError("invalid --format '" + S.Format +
                      "': expected text, json or sarif");
  if (S.BuildDir.empty())
    return usageError("no compilation database: pass -p BUILD_DIR (the "
                      "directory holding compile_commands.json)");
  if (S.Config && S.ConfigFile)
    return usageError("--config and --config-file cannot be used together");
  return std::nullopt;
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (llvm::sys::fs::make_absolute(P))
    return Path.str(); // no working directory: keep the path as given
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string relativeToCwd(llvm::StringRef Path) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return Path.str();
  llvm::StringRef Rel = Path;
  if (Rel.consume_front(Cwd) && Rel.consume_front("/"))
    return Rel.str();
  return Path.str();
}

// The translation units the patterns select: a file, a directory (every
// unit under it) or a glob over the absolute or the cwd-relative path.
std::optional<int> selectFiles(const Settings &S,
                               const std::vector<std::string> &All,
                               std::vector<std::string> &Out) {
  if (S.Patterns.empty()) {
    Out = All;
    return std::nullopt;
  }
  std::set<std::string> Chosen;
  for (const std::string &Pattern : S.Patterns) {
    bool IsGlob = Pattern.find_first_of("*?[") != std::string::npos;
    size_t Before = Chosen.size();
    if (!IsGlob) {
      std::string Abs = absolute(Pattern);
      if (!llvm::sys::fs::exists(Abs))
        return usageError("cannot read '" + Pattern +
                          "': no such file or "
                          "directory");
      bool Dir = llvm::sys::fs::is_directory(Abs);
      for (const std::string &F : All)
        if (F == Abs || (Dir && llvm::StringRef(F).starts_with(Abs + "/")))
          Chosen.insert(F);
    } else {
      llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(Pattern);
      if (!G)
        return usageError("invalid glob '" + Pattern +
                          "': " + llvm::toString(G.takeError()));
      for (const std::string &F : All)
        if (G->match(F) || G->match(relativeToCwd(F)))
          Chosen.insert(F);
    }
    if (Chosen.size() == Before && !IsGlob) {
      // An existing file that is not a translation unit of the database.
      if (!llvm::sys::fs::is_directory(absolute(Pattern)))
        return usageError("'" + Pattern +
                          "' is not in the compilation database");
    }
    if (Chosen.size() == Before && IsGlob)
      return usageError("no translation unit in the compilation database "
                        "matches '" +
                        Pattern + "'");
  }
  Out.assign(Chosen.begin(), Chosen.end());
  return std::nullopt;
}

// One finding (or note) with a resolved position.
struct Location {
  std::string File; // absolute
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

struct Finding {
  std::string Check;
  std::string Message;
  Location Loc;
  std::vector<std::pair<std::string, Location>> Notes;
  std::vector<tooling::Replacement> Fixes;
  std::string Fingerprint;
  bool Baselined = false;
  bool Fixed = false;
  bool Error = false; // a compiler error, not a check's finding
};

// File contents, loaded once, for positions and fingerprints.
class Sources {
public:
  llvm::StringRef text(const std::string &File) {
    auto It = Cache.find(File);
    if (It == Cache.end()) {
      auto Buf = llvm::MemoryBuffer::getFile(File);
      It = Cache.try_emplace(File, Buf ? (*Buf)->getBuffer().str() : "").first;
    }
    return It->second;
  }
  void resolve(Location &L) {
    llvm::StringRef T = text(L.File);
    unsigned Off = std::min<size_t>(L.Offset, T.size());
    llvm::StringRef Before = T.take_front(Off);
    L.Line = Before.count('\n') + 1;
    size_t Nl = Before.rfind('\n');
    L.Column = Off - (Nl == llvm::StringRef::npos ? 0 : Nl + 1) + 1;
  }
  // The finding's line, whitespace collapsed: survives edits elsewhere.
  std::string normalisedLine(const Location &L) {
    llvm::StringRef T = text(L.File);
    unsigned Off = std::min<size_t>(L.Offset, T.size());
    size_t Begin = T.take_front(Off).rfind('\n');
    Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
    size_t End = T.find('\n', Off);
    llvm::StringRef Line = T.slice(Begin, End);
    std::string Out;
    for (char C : Line)
      if (!isspace(static_cast<unsigned char>(C)))
        Out += C;
    return Out;
  }

private:
  std::map<std::string, std::string> Cache;
};

Location locationOf(const tooling::DiagnosticMessage &M) {
  Location L;
  L.File = M.FilePath.empty() ? std::string() : absolute(M.FilePath);
  L.Offset = M.FileOffset;
  return L;
}

// A compiler error (not a check's finding or a warning): the unit did not
// parse.
bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == tooling::Diagnostic::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic");
}

struct UnitResult {
  std::string File;
  std::vector<ClangTidyError> Errors;
  bool ParseFailed = false;
};

// The options provider for one run: the nearest .clang-tidy (or --config /
// --config-file), defaults of async-* and overrides from --checks.
class ProviderFactory {
public:
  std::optional<int> init(const Settings &S) {
    Defaults = ClangTidyOptions::getDefaults();
    Defaults.Checks = "-*,async-*";
    if (S.Checks)
      Overrides.Checks = *S.Checks;
    std::optional<std::string> Text = S.Config;
    std::string Source = "--config";
    if (S.ConfigFile) {
      auto Buf = llvm::MemoryBuffer::getFile(*S.ConfigFile);
      if (!Buf)
        return usageError("cannot read --config-file '" + *S.ConfigFile +
                          "': " + Buf.getError().message());
      Text = (*Buf)->getBuffer().str();
      Source = *S.ConfigFile;
    }
    if (Text) {
      llvm::ErrorOr<ClangTidyOptions> Parsed =
          parseConfiguration(llvm::MemoryBufferRef(*Text, Source));
      if (!Parsed)
        return usageError("invalid configuration in " + Source + ": " +
                          Parsed.getError().message());
      Config = *Parsed;
    }
    return std::nullopt;
  }
  std::unique_ptr<ClangTidyOptionsProvider> make() const {
    if (Config)
      return std::make_unique<ConfigOptionsProvider>(
          ClangTidyGlobalOptions(), Defaults, *Config, Overrides);
    return std::make_unique<FileOptionsProvider>(
        ClangTidyGlobalOptions(), Defaults, Overrides,
        llvm::vfs::createPhysicalFileSystem());
  }

private:
  ClangTidyOptions Defaults;
  ClangTidyOptions Overrides;
  std::optional<ClangTidyOptions> Config;
};

// Every term of a Checks string that names no known check (globs and
// clang-diagnostic-* excepted).
std::vector<std::string> unknownChecks(llvm::StringRef Checks,
                                       const llvm::StringSet<> &Known) {
  std::vector<std::string> Unknown;
  llvm::SmallVector<llvm::StringRef, 8> Terms;
  Checks.split(Terms, ',', -1, false);
  for (llvm::StringRef T : Terms) {
    T = T.trim().ltrim('-').trim();
    if (T.empty() || T.contains('*') || T.starts_with("clang-diagnostic-"))
      continue;
    if (!Known.contains(T))
      Unknown.push_back(T.str());
  }
  return Unknown;
}

std::string fingerprint(const Finding &F, Sources &Src) {
  llvm::SHA1 H;
  H.update(F.Check);
  H.update("\0");
  H.update(relativeToCwd(F.Loc.File));
  H.update("\0");
  H.update(Src.normalisedLine(F.Loc));
  H.update("\0");
  H.update(F.Message);
  return llvm::toHex(H.final(), /*LowerCase=*/true).substr(0, 20);
}

// Baseline file: {"version": 1, "findings": [{"fingerprint", "check",
// "file", "message"}...]}; a fingerprint listed twice covers two findings.
std::optional<int> readBaseline(const std::string &Path,
                                std::map<std::string, unsigned> &Counts) {
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

// Removes a temporary file; a failure leaves a stray file, nothing worse.
void removeQuietly(const llvm::Twine &Path) {
  std::error_code EC = llvm::sys::fs::remove(Path);
  (void)EC;
}

// Writes \p Text to \p Path through a temporary file in the same directory
// and a rename: readers never see half a file.
bool writeAtomically(const std::string &Path, llvm::StringRef Text,
                     std::string &Err) {
  llvm::SmallString<256> Tmp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".asynclint-%%%%%%", FD, Tmp)) {
    Err = EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.flush();
    if (OS.has_error()) {
      Err = OS.error().message();
      OS.clear_error();
      removeQuietly(Tmp);
      return false;
    }
  }
  // Keep the original file's permissions.
  if (auto Perms = llvm::sys::fs::getPermissions(Path)) {
    if (std::error_code EC = llvm::sys::fs::setPermissions(Tmp, *Perms)) {
      Err = EC.message();
      removeQuietly(Tmp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Path)) {
    Err = EC.message();
    removeQuietly(Tmp);
    return false;
  }
  return true;
}

llvm::json::Object jsonLocation(const Location &L) {
  return llvm::json::Object{
      {"file", relativeToCwd(L.File)}, {"line", L.Line}, {"column", L.Column}};
}

std::string ruleSummary(llvm::StringRef Check) {
  static const std::map<std::string, std::string, std::less<>> Summaries = {
      {"async-unawaited-task", "a task or awaitable created and never awaited"},
      {"async-blocking-call",
       "calls that block the event loop inside a coroutine"},
      {"async-sequential-awaits",
       "independent awaits run one after another that could be gathered"},
      {"async-await-in-loop",
       "awaits in loops whose iterations are independent"},
  };
  auto It = Summaries.find(Check);
  return It == Summaries.end() ? Check.str() : It->second;
}

llvm::json::Value sarifRegion(const Location &L) {
  return llvm::json::Object{{"startLine", L.Line}, {"startColumn", L.Column}};
}

llvm::json::Value sarifPhysical(const Location &L) {
  return llvm::json::Object{
      {"artifactLocation", llvm::json::Object{{"uri", relativeToCwd(L.File)},
                                              {"uriBaseId", "%SRCROOT%"}}},
      {"region", sarifRegion(L)}};
}

std::string sarif(const std::vector<Finding> &Findings,
                  const std::string &DocsUrl, Sources &Src) {
  std::map<std::string, unsigned> RuleIndex;
  llvm::json::Array Rules;
  llvm::json::Array Results;
  for (const Finding &F : Findings) {
    if (F.Baselined || F.Fixed)
      continue;
    auto [It, New] = RuleIndex.try_emplace(F.Check, RuleIndex.size());
    if (New) {
      llvm::json::Object Rule{
          {"id", F.Check},
          {"name", F.Check},
          {"shortDescription",
           llvm::json::Object{{"text", ruleSummary(F.Check)}}},
          {"defaultConfiguration",
           llvm::json::Object{{"level", F.Error ? "error" : "warning"}}}};
      if (llvm::StringRef(F.Check).starts_with("async-"))
        Rule["helpUri"] = DocsUrl + F.Check + ".md";
      Rules.push_back(std::move(Rule));
    }
    llvm::json::Array Related;
    for (const auto &[Msg, L] : F.Notes)
      Related.push_back(
          llvm::json::Object{{"message", llvm::json::Object{{"text", Msg}}},
                             {"physicalLocation", sarifPhysical(L)}});
    llvm::json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", It->second},
        {"level", F.Error ? "error" : "warning"},
        {"message", llvm::json::Object{{"text", F.Message}}},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", sarifPhysical(F.Loc)}}}},
        {"partialFingerprints",
         llvm::json::Object{{"asynclint/v1", F.Fingerprint}}}};
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!F.Fixes.empty()) {
      llvm::json::Array Changes;
      std::map<std::string, llvm::json::Array> PerFile;
      for (const tooling::Replacement &R : F.Fixes) {
        Location Start{R.getFilePath().str(), R.getOffset(), 0, 0};
        Location End{Start.File, R.getOffset() + R.getLength(), 0, 0};
        Src.resolve(Start);
        Src.resolve(End);
        PerFile[Start.File].push_back(llvm::json::Object{
            {"deletedRegion", llvm::json::Object{{"startLine", Start.Line},
                                                 {"startColumn", Start.Column},
                                                 {"endLine", End.Line},
                                                 {"endColumn", End.Column}}},
            {"insertedContent",
             llvm::json::Object{{"text", R.getReplacementText()}}}});
      }
      for (auto &[File, Reps] : PerFile)
        Changes.push_back(
            llvm::json::Object{{"artifactLocation",
                                llvm::json::Object{{"uri", relativeToCwd(File)},
                                                   {"uriBaseId", "%SRCROOT%"}}},
                               {"replacements", std::move(Reps)}});
      Result["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description", llvm::json::Object{{"text", F.Message}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    Results.push_back(std::move(Result));
  }
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    Cwd = "/";
  llvm::json::Object Run{
      {"tool",
       llvm::json::Object{
           {"driver", llvm::json::Object{{"name", "asynclint"},
                                         {"version", ASYNCLINT_VERSION},
                                         {"informationUri", DocsUrl},
                                         {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       llvm::json::Object{
           {"%SRCROOT%",
            llvm::json::Object{{"uri", "file://" + Cwd.str().str() + "/"}}}}},
      {"results", std::move(Results)}};
  llvm::json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
  return Out;
}

} // namespace

int ciMain(int Argc, const char **Argv) {
  Settings S;
  if (std::optional<int> Stop = parseArgs(Argc, Argv, S))
    return *Stop;

  std::string Err;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      tooling::CompilationDatabase::loadFromDirectory(S.BuildDir, Err);
  if (!DB)
    return usageError("cannot load the compilation database from '" +
                      S.BuildDir + "': " + Err);
  std::vector<std::string> All;
  {
    std::set<std::string> Unique;
    for (const std::string &F : DB->getAllFiles())
      Unique.insert(absolute(F));
    All.assign(Unique.begin(), Unique.end());
  }
  if (All.empty())
    return usageError("the compilation database in '" + S.BuildDir +
                      "' lists no translation units");
  std::vector<std::string> Files;
  if (std::optional<int> Stop = selectFiles(S, All, Files))
    return *Stop;

  ProviderFactory Providers;
  if (std::optional<int> Stop = Providers.init(S))
    return *Stop;

  // Every check that exists, to reject a misspelled name up front.
  llvm::StringSet<> Known;
  {
    ClangTidyOptions Everything = ClangTidyOptions::getDefaults();
    Everything.Checks = "*";
    for (const std::string &Name : getCheckNames(Everything, false, false))
      Known.insert(Name);
  }
  {
    std::set<std::string> Reported;
    bool Bad = false;
    std::unique_ptr<ClangTidyOptionsProvider> Provider = Providers.make();
    for (const std::string &File : Files) {
      ClangTidyOptions O = Provider->getOptions(File);
      for (const std::string &U : unknownChecks(O.Checks.value_or(""), Known))
        if (Reported.insert(U).second) {
          llvm::errs() << "asynclint: error: unknown check '" << U
                       << "' (see 'asynclint --list-checks')\n";
          Bad = true;
        }
    }
    if (Bad)
      return ExitUsage;
  }

  std::map<std::string, unsigned> BaselineCounts;
  if (!S.Baseline.empty())
    if (std::optional<int> Stop = readBaseline(S.Baseline, BaselineCounts))
      return *Stop;

  // Lint the units, each once, on S.Jobs threads. Each thread has its own
  // context and its own file system (the working directory of one compile
  // command must not leak into another).
  std::vector<UnitResult> Results(Files.size());
  std::atomic<size_t> Next{0};
  std::atomic<size_t> Done{0};
  std::atomic<size_t> FindingsSoFar{0};
  std::mutex ProgressMutex;
  bool Progress = !S.Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  auto Worker = [&] {
    for (size_t I = Next++; I < Files.size(); I = Next++) {
      ClangTidyContext Context(Providers.make(), false, false, false);
      auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
          llvm::vfs::createPhysicalFileSystem());
      Results[I].File = Files[I];
      Results[I].Errors = runClangTidy(Context, *DB, {Files[I]}, FS,
                                       /*ApplyAnyFix=*/false, false, "",
                                       /*Quiet=*/true);
      size_t Warnings = 0;
      for (const ClangTidyError &E : Results[I].Errors) {
        if (isCompilerError(E))
          Results[I].ParseFailed = true;
        else
          ++Warnings;
      }
      FindingsSoFar += Warnings;
      size_t D = ++Done;
      if (Progress) {
        std::scoped_lock Lock(ProgressMutex);
        llvm::errs() << "\r[" << D << "/" << Files.size() << "] "
                     << FindingsSoFar.load() << " findings";
        if (D == Files.size())
          llvm::errs() << "\n";
      }
    }
  };
  {
    std::vector<std::thread> Threads;
    unsigned N = std::min<size_t>(S.Jobs, Files.size());
    Threads.reserve(N);
    for (unsigned T = 0; T < N; ++T)
      Threads.emplace_back(Worker);
    for (std::thread &T : Threads)
      T.join();
  }

  // Findings, deduplicated across units (a header's finding is reported by
  // every unit that includes it).
  Sources Src;
  std::vector<Finding> Findings;
  std::set<std::string> Seen;
  bool ConfigError = false;
  std::vector<std::string> FailedUnits;
  std::set<std::string> Untouchable; // files of units that failed to parse
  for (const UnitResult &R : Results) {
    if (R.ParseFailed) {
      FailedUnits.push_back(R.File);
      Untouchable.insert(R.File);
    }
    for (const ClangTidyError &E : R.Errors) {
      Finding F;
      F.Check = E.DiagnosticName;
      F.Message = E.Message.Message;
      F.Loc = locationOf(E.Message);
      F.Error = isCompilerError(E);
      if (F.Check == "clang-tidy-config")
        ConfigError = true;
      std::string Key = F.Check + "\n" + F.Loc.File + "\n" +
                        std::to_string(F.Loc.Offset) + "\n" + F.Message;
      if (!Seen.insert(Key).second)
        continue;
      if (!F.Loc.File.empty())
        Src.resolve(F.Loc);
      for (const tooling::DiagnosticMessage &N : E.Notes) {
        Location L = locationOf(N);
        if (!L.File.empty())
          Src.resolve(L);
        F.Notes.emplace_back(N.Message, L);
      }
      if (!R.ParseFailed)
        for (const auto &[File, Reps] : E.Message.Fix)
          for (const tooling::Replacement &Rep : Reps)
            F.Fixes.emplace_back(absolute(Rep.getFilePath()), Rep.getOffset(),
                                 Rep.getLength(), Rep.getReplacementText());
      F.Fingerprint = F.Loc.File.empty() ? "" : fingerprint(F, Src);
      Findings.push_back(std::move(F));
    }
  }
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return std::tie(A.Loc.File, A.Loc.Offset, A.Check) <
           std::tie(B.Loc.File, B.Loc.Offset, B.Check);
  });

  // Baseline: each recorded fingerprint covers one finding.
  for (Finding &F : Findings) {
    auto It = BaselineCounts.find(F.Fingerprint);
    if (!F.Error && It != BaselineCounts.end() && It->second > 0) {
      --It->second;
      F.Baselined = true;
    }
  }

  if (!S.WriteBaseline.empty()) {
    llvm::json::Array Entries;
    for (const Finding &F : Findings)
      if (!F.Error && F.Check != "clang-tidy-config")
        Entries.push_back(
            llvm::json::Object{{"fingerprint", F.Fingerprint},
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
    if (!writeAtomically(S.WriteBaseline, Text, Err))
      return usageError("cannot write baseline '" + S.WriteBaseline +
                        "': " + Err);
    if (!S.Quiet)
      llvm::errs() << "asynclint: wrote " << Count << " findings to "
                   << S.WriteBaseline << "\n";
  }

  if (!S.ExportFixes.empty()) {
    std::vector<ClangTidyError> All;
    for (const UnitResult &R : Results)
      if (!R.ParseFailed)
        llvm::append_range(All, R.Errors);
    std::error_code EC;
    llvm::raw_fd_ostream OS(S.ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC)
      return usageError("cannot write --export-fixes '" + S.ExportFixes +
                        "': " + EC.message());
    exportReplacements(Files.size() == 1 ? Files.front() : "", All, OS);
  }

  // --fix: per file, every non-conflicting replacement, written atomically;
  // files of units that failed to parse are never touched.
  if (S.Fix) {
    std::map<std::string, tooling::Replacements> PerFile;
    std::map<std::string, std::vector<Finding *>> Owners;
    for (Finding &F : Findings) {
      if (F.Fixes.empty() || F.Error)
        continue;
      if (llvm::any_of(F.Fixes, [&](const tooling::Replacement &R) {
            return Untouchable.contains(R.getFilePath().str());
          }))
        continue;
      // All of a finding's replacements apply, or none: they are tried on
      // copies of the files it touches.
      std::map<std::string, tooling::Replacements> Trial;
      bool Ok = true;
      for (const tooling::Replacement &R : F.Fixes) {
        std::string File = R.getFilePath().str();
        auto [It, New] = Trial.try_emplace(File);
        if (New)
          It->second = PerFile[File];
        if (llvm::Error E = It->second.add(R)) {
          llvm::consumeError(std::move(E));
          Ok = false;
          break;
        }
      }
      if (!Ok)
        continue;
      for (auto &[File, Reps] : Trial) {
        PerFile[File] = std::move(Reps);
        Owners[File].push_back(&F);
      }
    }
    for (auto &[File, Reps] : PerFile) {
      auto Buf = llvm::MemoryBuffer::getFile(File);
      if (!Buf) {
        llvm::errs() << "asynclint: error: cannot read '" << File
                     << "' to fix it: " << Buf.getError().message() << "\n";
        continue;
      }
      llvm::Expected<std::string> New =
          tooling::applyAllReplacements((*Buf)->getBuffer(), Reps);
      if (!New) {
        llvm::errs() << "asynclint: error: cannot fix '" << File
                     << "': " << llvm::toString(New.takeError()) << "\n";
        continue;
      }
      if (!writeAtomically(File, *New, Err)) {
        llvm::errs() << "asynclint: error: cannot write '" << File
                     << "': " << Err << " (left unchanged)\n";
        continue;
      }
      std::set<Finding *> Fixed(Owners[File].begin(), Owners[File].end());
      for (Finding *F : Fixed)
        F->Fixed = true;
      llvm::errs() << "asynclint: fixed " << Fixed.size() << " finding"
                   << (Fixed.size() == 1 ? "" : "s") << " in "
                   << relativeToCwd(File) << "\n";
    }
  }

  // The report.
  std::string Report;
  llvm::raw_string_ostream OS(Report);
  bool Colour = S.Output.empty() && S.Format == "text" &&
                llvm::sys::Process::StandardOutIsDisplayed() &&
                !llvm::sys::Process::GetEnv("NO_COLOR");
  if (S.Format == "sarif") {
    OS << sarif(Findings, S.DocsUrl, Src);
  } else if (S.Format == "json") {
    llvm::json::Array A;
    for (const Finding &F : Findings) {
      if (F.Baselined || F.Fixed)
        continue;
      llvm::json::Array Notes;
      for (const auto &[Msg, L] : F.Notes) {
        llvm::json::Object N = jsonLocation(L);
        N["message"] = Msg;
        Notes.push_back(std::move(N));
      }
      llvm::json::Object O = jsonLocation(F.Loc);
      O["check"] = F.Check;
      O["severity"] = F.Error ? "error" : "warning";
      O["message"] = F.Message;
      O["notes"] = std::move(Notes);
      O["fingerprint"] = F.Fingerprint;
      O["fixable"] = !F.Fixes.empty();
      A.push_back(std::move(O));
    }
    OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(A))) << "\n";
  } else {
    auto Where = [&](const Location &L) {
      return L.File.empty()
                 ? std::string("asynclint")
                 : relativeToCwd(L.File) + ":" + std::to_string(L.Line) + ":" +
                       std::to_string(L.Column);
    };
    for (const Finding &F : Findings) {
      if (F.Baselined || F.Fixed)
        continue;
      const char *Level = F.Error ? "error" : "warning";
      OS << Where(F.Loc) << ": ";
      if (Colour)
        OS << (F.Error ? "\033[1;31m" : "\033[1;35m") << Level << ":\033[0m ";
      else
        OS << Level << ": ";
      OS << F.Message << " [" << F.Check << "]\n";
      for (const auto &[Msg, L] : F.Notes)
        OS << Where(L) << ": note: " << Msg << "\n";
    }
  }
  if (S.Output.empty()) {
    llvm::outs() << Report;
    llvm::outs().flush();
  } else if (!writeAtomically(S.Output, Report, Err)) {
    return usageError("cannot write --output '" + S.Output + "': " + Err);
  }

  // Summary and exit code.
  std::map<std::string, unsigned> PerCheck;
  unsigned Open = 0;
  unsigned Baselined = 0;
  unsigned Fixed = 0;
  for (const Finding &F : Findings) {
    if (F.Error)
      continue;
    if (F.Baselined) {
      ++Baselined;
      continue;
    }
    if (F.Fixed) {
      ++Fixed;
      continue;
    }
    ++Open;
    ++PerCheck[F.Check];
  }
  for (const std::string &U : FailedUnits)
    llvm::errs() << "asynclint: error: " << relativeToCwd(U)
                 << " failed to parse; its findings may be incomplete\n";
  if (!S.Quiet) {
    llvm::errs() << "asynclint: " << Files.size() << " translation unit"
                 << (Files.size() == 1 ? "" : "s") << ", " << Open << " finding"
                 << (Open == 1 ? "" : "s");
    if (Baselined)
      llvm::errs() << ", " << Baselined << " baselined";
    if (Fixed)
      llvm::errs() << ", " << Fixed << " fixed";
    if (!FailedUnits.empty())
      llvm::errs() << ", " << FailedUnits.size() << " failed to parse";
    llvm::errs() << "\n";
    for (const auto &[Check, N] : PerCheck)
      llvm::errs() << "  " << Check << ": " << N << "\n";
  }
  if (ConfigError)
    return ExitUsage;
  if (!FailedUnits.empty())
    return ExitParseFailed;
  return Open ? ExitFindings : ExitClean;
}

} // namespace asynclint
