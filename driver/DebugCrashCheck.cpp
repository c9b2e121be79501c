//===--- DebugCrashCheck.cpp - asynclint driver ---------------------------===//
//
// A check that misbehaves on purpose, to test that the driver survives a
// check that crashes or hangs (Lint.h). It exists only in the asynclint
// executable, and only when ASYNCLINT_DEBUG_CRASH is set in the
// environment: "abort:MARKER" aborts, "hang:MARKER" never returns and
// "slow:MARKER" takes three seconds, in any unit whose main file contains
// MARKER. Never set it in real use.
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
  }

private:
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
