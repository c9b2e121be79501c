//===--- Lint.cpp - asynclint driver --------------------------------------===//

#include "Lint.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <mutex>
#include <thread>

using namespace clang::tidy;

namespace asynclint {
namespace {

// Lints one unit with its own context and its own file system (the working
// directory of one compile command must not leak into another).
UnitResult lintOne(const Units &U, const ConfigSource &Config,
                   const std::string &File) {
  ClangTidyContext Context(Config.make(), false, false, false);
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

} // namespace

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == clang::tooling::Diagnostic::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic");
}

void lintUnits(const Units &U, const ConfigSource &Config, const Settings &S,
               const std::function<void(UnitResult)> &OnDone) {
  std::atomic<size_t> Next{0};
  std::mutex DoneMutex;
  Progress Shown(U.Files.size(), S.Quiet);
  auto Worker = [&] {
    for (size_t I = Next++; I < U.Files.size(); I = Next++) {
      UnitResult R = lintOne(U, Config, U.Files[I]);
      std::scoped_lock Lock(DoneMutex);
      Shown.unitDone(R);
      OnDone(std::move(R));
    }
  };
  std::vector<std::thread> Threads;
  size_t N = std::min<size_t>(S.Jobs, U.Files.size());
  Threads.reserve(N);
  for (size_t T = 0; T < N; ++T)
    Threads.emplace_back(Worker);
  for (std::thread &T : Threads)
    T.join();
}

} // namespace asynclint
