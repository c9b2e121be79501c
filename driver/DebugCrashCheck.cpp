//===--- DebugCrashCheck.cpp - asynclint driver ---------------------------===//
//
// A check that misbehaves on purpose, to test that the driver survives a
// check that crashes or hangs (Lint.h). It exists only in the asynclint
// executable, and only when ASYNCLINT_DEBUG_CRASH is set in the
// environment: "abort:MARKER" aborts, "hang:MARKER" never returns and
// "slow:MARKER" takes three seconds, in any unit whose main file contains
// MARKER; "fixes:MARKER" reports each MARKER_SAFE with a fix-it on the
// warning and another on a note, and each MARKER_UNSAFE with a fix-it on a
// note only (the driver's fix-safety tests). Never set it in real use.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

class DebugCrashCheck : public tidy::ClangTidyCheck {
public:
  DebugCrashCheck(StringRef Name, tidy::ClangTidyContext *Context,
                  llvm::StringRef Mode)
      : ClangTidyCheck(Name, Context) {
    std::tie(Action, Marker) = Mode.split(':');
  }
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    const SourceManager &SM = *Result.SourceManager;
    if (Marker.empty() ||
        !SM.getBufferData(SM.getMainFileID()).contains(Marker))
      return;
    if (Action == "abort")
      std::abort();
    if (Action == "hang")
      for (;;)
        std::this_thread::sleep_for(std::chrono::hours(1));
    if (Action == "slow")
      std::this_thread::sleep_for(std::chrono::seconds(3));
    if (Action == "fixes")
      reportFixes(SM);
  }

private:
  void reportFixes(const SourceManager &SM) {
    StringRef Text = SM.getBufferData(SM.getMainFileID());
    SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
    for (size_t At = Text.find(Marker); At != StringRef::npos;
         At = Text.find(Marker, At + 1)) {
      SourceLocation Loc = Start.getLocWithOffset(At);
      bool Safe = Text.substr(At + Marker.size()).starts_with("_SAFE");
      {
        auto D = diag(Loc, "debug finding"); // emitted at the end of scope
        if (Safe)
          D << FixItHint::CreateInsertion(Loc, "/*safe*/ ");
      }
      diag(Loc, "an alternative that may change meaning", DiagnosticIDs::Note)
          << FixItHint::CreateInsertion(Loc, "/*unsafe*/ ");
    }
  }

  std::string Action;

  std::string Marker;
};

class DebugModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    const char *Mode = std::getenv("ASYNCLINT_DEBUG_CRASH");
    if (!Mode)
      return;
    std::string M = Mode;
    Factories.registerCheckFactory(
        "async-debug-crash",
        [M](StringRef Name, tidy::ClangTidyContext *Context) {
          return std::make_unique<DebugCrashCheck>(Name, Context, M);
        });
  }
};

// Registered as every clang-tidy module is (upstream's pattern).
tidy::ClangTidyModuleRegistry::Add<DebugModule>
    Registered( // NOLINT(bugprone-throwing-static-initialization)
        "asynclint-debug", "asynclint's crash-test check");

} // namespace
} // namespace asynclint
