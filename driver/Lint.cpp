//===--- Lint.cpp - asynclint driver --------------------------------------===//

#include "Lint.h"
#include "UnitWire.h"
#include "WorkerPool.h"
#include "clang-tidy/ClangTidy.h"
#include "utils/BlockingSummaries.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace clang::tidy;

namespace asynclint {
namespace {

// Records every file opened for reading, with its size and modification
// time at that moment, and every path looked up and not found: the unit's
// inputs, for the result cache.
class InputRecorder : public llvm::vfs::ProxyFileSystem {
public:
  InputRecorder(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                std::vector<InputStamp> &Inputs)
      : ProxyFileSystem(std::move(FS)), Inputs(Inputs) {}
  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    auto St = ProxyFileSystem::status(Path);
    if (!St)
      missed(Path);
    return St;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F)
      missed(Path);
    if (F)
      if (llvm::ErrorOr<llvm::vfs::Status> St = (*F)->status()) {
        // Dots stay: "a/../b" is not "b" when a is a symlink.
        llvm::SmallString<256> Abs(St->getName());
        // A path that cannot be made absolute gets a stamp no file has:
        // the unit is then never reused.
        if (std::error_code EC = makeAbsolute(Abs)) {
          Inputs.push_back({std::string(Abs), UINT64_MAX, 0});
          return F;
        }
        Inputs.push_back({std::string(Abs), St->getSize(),
                          stampTime(St->getLastModificationTime())});
      }
    return F;
  }

private:
  // A lookup that found nothing (an include directory searched before the
  // one that has the header, a false __has_include): the result holds only
  // while the file stays absent.
  void missed(const llvm::Twine &Path) {
    llvm::SmallString<256> Abs;
    Path.toVector(Abs);
    if (!makeAbsolute(Abs))
      Inputs.push_back({std::string(Abs), 0, 0, "", /*Absent=*/true});
  }

  std::vector<InputStamp> &Inputs;
};

// The compile commands of a unit parsed as the compiler parses it:
// clang-tidy defines __clang_analyzer__ for its static analyzer, and
// stdexec's task header hides its await_transform overloads behind
// `#ifndef __clang_analyzer__`. Undefined first, so that a -D in the
// command itself still counts.
class AsCompiled : public clang::tooling::CompilationDatabase {
public:
  explicit AsCompiled(const clang::tooling::CompilationDatabase &Inner)
      : Inner(Inner) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<clang::tooling::CompileCommand> Commands =
        Inner.getCompileCommands(File);
    for (clang::tooling::CompileCommand &C : Commands)
      if (!C.CommandLine.empty())
        C.CommandLine.insert(C.CommandLine.begin() + 1, "-U__clang_analyzer__");
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner.getAllFiles();
  }

private:
  const clang::tooling::CompilationDatabase &Inner;
};

// Whether a clang-analyzer-* check runs with \p Options (it needs the
// macro, as in clang-tidy).
bool runsAnalyzer(const ClangTidyOptions &Options) {
  return llvm::any_of(
      getCheckNames(Options, false, false),
      [](llvm::StringRef Name) { return Name.starts_with("clang-analyzer-"); });
}

// Lints one unit with its own context and its own file system (the working
// directory of one compile command must not leak into another).
UnitResult lintOne(const Units &U, const ConfigSource &Config,
                   const std::string &File) {
  ClangTidyContext Context(Config.make(workingDirectory(U, File)), false, false,
                           false);
  UnitResult R;
  R.File = File;
  // async-blocking-call writes the unit's summary where this says
  // (Summaries.h); the worker is a process of its own.
  llvm::SmallString<128> SummaryPath;
  if (!llvm::sys::fs::createTemporaryFile("asynclint-summary", "json",
                                          SummaryPath))
    clang::tidy::async::utils::setSummaryOutput(std::string(SummaryPath));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::makeIntrusiveRefCnt<InputRecorder>(
          llvm::vfs::createPhysicalFileSystem(), R.Inputs));
  AsCompiled Compiled(*U.Database);
  const clang::tooling::CompilationDatabase &Commands =
      runsAnalyzer(Context.getOptionsForFile(File))
          ? *U.Database
          : static_cast<const clang::tooling::CompilationDatabase &>(Compiled);
  R.Errors = runClangTidy(Context, Commands, {File}, FS,
                          /*ApplyAnyFix=*/false, false, "", /*Quiet=*/true);
  R.ParseFailed = llvm::any_of(R.Errors, isCompilerError);
  // A path both read and missed (created during the parse) counts as read.
  llvm::sort(R.Inputs, [](const InputStamp &A, const InputStamp &B) {
    return std::tie(A.Path, A.Absent) < std::tie(B.Path, B.Absent);
  });
  auto Same = [](const InputStamp &A, const InputStamp &B) {
    return A.Path == B.Path;
  };
  R.Inputs.erase(std::ranges::unique(R.Inputs, Same).begin(), R.Inputs.end());
  if (!SummaryPath.empty()) {
    clang::tidy::async::utils::setSummaryOutput("");
    if (auto Buf = llvm::MemoryBuffer::getFile(SummaryPath))
      R.Summary = (*Buf)->getBuffer().str();
    std::error_code Removed = llvm::sys::fs::remove(SummaryPath);
    (void)Removed; // a leftover temporary file costs nothing else
  }

  return R;
}

// The cache key of a unit: its commands and its effective configuration.
std::string cacheKey(const ResultCache &Cache, const Units &U,
                     const ConfigSource &Config, const std::string &File) {
  clang::tidy::ClangTidyOptions Options =
      Config.make(workingDirectory(U, File))->getOptions(File);
  return Cache.key(File, U.Database->getCompileCommands(File),
                   configurationAsText(Options));
}

// "[done/total] N findings" on a terminal, rewritten in place.
class Progress {
public:
  Progress(size_t Total, bool Quiet)
      : Total(Total),
        Shown(!Quiet && llvm::sys::Process::StandardErrIsDisplayed()) {}
  void unitDone(const UnitResult &R) {
    for (const ClangTidyError &E : R.Errors)
      Findings += !isCompilerError(E);
    ++Done;
    if (!Shown)
      return;
    llvm::errs() << "\r[" << Done << "/" << Total << "] " << Findings
                 << " findings";
    if (Done == Total)
      llvm::errs() << "\n";
  }

private:
  size_t Total;
  bool Shown;
  size_t Done = 0;
  size_t Findings = 0;
};

// What the crash dump of a worker says it was doing: the check whose
// matcher callback was running ("ASTMatcher: Processing 'CHECK' against"),
// else the first entry of clang's stack of actions ("1.\t<eof> parser at
// end of file").
std::string runningWhat(llvm::StringRef Stderr) {
  llvm::StringRef Rest = Stderr;
  size_t At = Rest.find("Processing '");
  if (At != llvm::StringRef::npos) {
    llvm::StringRef Check = Rest.drop_front(At + 12).split('\'').first;
    return " in check '" + Check.str() + "'";
  }
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Stderr.split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    if (L.consume_front("0.\t") || L.consume_front("1.\t"))
      if (!L.starts_with("Program arguments"))
        return " while clang was at: " + L.trim().str();
  return "";
}

// Why \p File cannot be read, or "".
std::string unreadable(const std::string &File) {
  llvm::Expected<llvm::sys::fs::file_t> F =
      llvm::sys::fs::openNativeFileForRead(File);
  if (!F)
    return llvm::toString(F.takeError());
  std::error_code EC = llvm::sys::fs::closeFile(*F);
  (void)EC;
  return "";
}

} // namespace

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == clang::tooling::Diagnostic::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic");
}

void lintUnits(const Units &U, const ConfigSource &Config, const Settings &S,
               const ResultCache &Cache,
               const std::function<void(UnitResult)> &OnDone) {
  Progress Shown(U.Files.size(), S.Quiet);
  auto Finish = [&](UnitResult R) {
    Shown.unitDone(R);
    OnDone(std::move(R));
  };
  // A main file that cannot be read is one clear error, not clang's three
  // location-less ones; a unit whose inputs are unchanged is not linted.
  std::vector<std::pair<const std::string *, std::string>> ToLint; // and key
  for (const std::string &File : U.Files) {
    UnitResult R;
    R.File = File;
    if (std::string Why = unreadable(File); !Why.empty()) {
      R.Failure = "cannot read the file: " + Why;
      Finish(std::move(R));
      continue;
    }
    std::string Key = Cache.enabled() ? cacheKey(Cache, U, Config, File) : "";
    if (Cache.lookup(Key, R)) {
      R.File = File;
      Finish(std::move(R));
      continue;
    }
    ToLint.emplace_back(&File, std::move(Key));
  }
  if (S.Verbose)
    llvm::errs() << "asynclint: " << U.Files.size() - ToLint.size() << " of "
                 << U.Files.size() << " units from the cache\n";
  runInWorkers(
      ToLint.size(), S.Jobs, S.TimeoutPerUnit,
      [&](size_t I) {
        return encodeUnit(lintOne(U, Config, *ToLint[I].first));
      },
      [&](size_t I, const WorkOutcome &O) {
        UnitResult R;
        if (!O.Done || !decodeUnit(O.Payload, R)) {
          R = UnitResult();
          R.Failure = (O.Done ? "sent an unreadable result"
                              : O.Failure + runningWhat(O.Stderr)) +
                      "; its findings are missing";
        } else {
          if (!O.Stderr.empty())
            llvm::errs() << O.Stderr;
          // A unit that did not parse may depend on a file that is missing
          // now and added later: never reused.
          if (!R.ParseFailed && !ToLint[I].second.empty())
            Cache.store(ToLint[I].second, R);
        }
        R.File = *ToLint[I].first;
        Finish(std::move(R));
      });
  Cache.evict();
}

} // namespace asynclint
