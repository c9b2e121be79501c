//===--- Lint.cpp - asynclint driver --------------------------------------===//

#include "Lint.h"
#include "UnitWire.h"
#include "WorkerPool.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::tidy;

namespace asynclint {
namespace {

// Lints one unit with its own context and its own file system (the working
// directory of one compile command must not leak into another).
UnitResult lintOne(const Units &U, const ConfigSource &Config,
                   const std::string &File) {
  std::vector<clang::tooling::CompileCommand> Commands =
      U.Database->getCompileCommands(File);
  ClangTidyContext Context(
      Config.make(Commands.empty() ? "" : Commands.front().Directory), false,
      false, false);

  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  UnitResult R;
  R.File = File;
  R.Errors = runClangTidy(Context, *U.Database, {File}, FS,
                          /*ApplyAnyFix=*/false, false, "", /*Quiet=*/true);
  R.ParseFailed = llvm::any_of(R.Errors, isCompilerError);
  return R;
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
               const std::function<void(UnitResult)> &OnDone) {
  Progress Shown(U.Files.size(), S.Quiet);
  // A main file that cannot be read is one clear error, not clang's three
  // location-less ones.
  std::vector<const std::string *> Readable;
  for (const std::string &File : U.Files) {
    if (std::string Why = unreadable(File); !Why.empty()) {
      UnitResult R;
      R.File = File;
      R.Failure = "cannot read the file: " + Why;
      Shown.unitDone(R);
      OnDone(std::move(R));
      continue;
    }
    Readable.push_back(&File);
  }
  runInWorkers(
      Readable.size(), S.Jobs, S.TimeoutPerUnit,
      [&](size_t I) { return encodeUnit(lintOne(U, Config, *Readable[I])); },
      [&](size_t I, const WorkOutcome &O) {
        UnitResult R;
        if (!O.Done || !decodeUnit(O.Payload, R)) {
          R = UnitResult();
          R.Failure = (O.Done ? "sent an unreadable result"
                              : O.Failure + runningWhat(O.Stderr)) +
                      "; its findings are missing";
        } else if (!O.Stderr.empty()) {
          llvm::errs() << O.Stderr;
        }
        R.File = *Readable[I];
        Shown.unitDone(R);
        OnDone(std::move(R));
      });
}

} // namespace asynclint
