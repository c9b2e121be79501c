//===--- BlockingCallCheck.h - asynclint ------------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AsyncTwins.h"
#include "utils/BlockingCatalog.h"
#include "utils/BlockingChains.h"
#include "utils/BlockingSummaries.h"
#include "utils/DrivenCoroutines.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Finds calls that block the thread inside a coroutine body, directly or
/// through ordinary functions of the same translation unit. What blocks is
/// the model's answer (utils::BlockingCatalog, utils::BlockingChains); this
/// check decides where the coroutine runs and reports.
///
/// For the user-facing documentation see:
/// docs/checks/async-blocking-call.md
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  using Site = utils::CallSite;
  /// Where the coroutine runs after each awaited executor switch: the end
  /// of the switch, and whether it moved to a CPU pool.
  using Moves = llvm::SmallVector<std::pair<SourceLocation, bool>, 4>;

  void checkCoroutine(const FunctionDecl *FD, ASTContext &Ctx);
  Moves executorMoves(const FunctionDecl *FD, const Stmt *Body,
                      const utils::BodyFacts &Seen, ASTContext &Ctx) const;
  /// Reports one call of coroutine \p FD that is not already known to run
  /// elsewhere.
  void checkSite(const Site &S, const FunctionDecl *FD, bool NonBlocking,
                 ASTContext &Ctx);
  /// The warning, written once: \p Callee's call (or the call blocking
  /// under \p Name when \p Callee is null) blocks inside \p FD.
  DiagnosticBuilder warnBlocking(SourceLocation Loc, const NamedDecl *Callee,
                                 StringRef Name, const FunctionDecl *FD);
  /// Reports the call \p S to \p Callee, which blocks through the chain
  /// chainFrom memoised, with one note per hop.
  void reportChain(const Site &S, const FunctionDecl *Callee,
                   const FunctionDecl *FD, bool SocketsNonBlocking);
  /// A fix-it, and whether it keeps the meaning (else it goes on a note).
  struct Fix {
    FixItHint Hint;
    bool Safe;
  };
  /// Reports the blocking call \p S (blocking under \p Name) in coroutine
  /// \p FD, with its notes and fix-its.
  void reportDirect(const Site &S, const std::string &Name,
                    const FunctionDecl *FD, ASTContext &Ctx);
  void noteReplacement(const Site &S, StringRef Replacement,
                       const FunctionDecl *FD, ASTContext &Ctx);
  /// Whether co_await can be spliced in front of \p S in coroutine \p FD.
  static bool fixablePosition(const Site &S, const FunctionDecl *FD);
  /// Reports a call to \p Callee that has an awaitable twin (AsyncTwins).
  void reportTwin(const Site &S, const FunctionDecl *Callee,
                  const FunctionDecl *FD, ASTContext &Ctx);
  /// `co_await x` for a nested event loop `sync_wait(x)`, or nullopt.
  std::optional<Fix> nestedLoopFix(const Site &S, StringRef Name,
                                   const FunctionDecl *FD, ASTContext &Ctx);
  /// A note at the declaration that annotates \p Callee as blocking, if
  /// one does (\p Name: the name the warning used).
  void noteAnnotatedBlocking(const NamedDecl *Callee, StringRef Name);
  bool replacementIsAwaitable(StringRef Name, ASTContext &Ctx);
  /// Blocking across files: whether a call to \p Callee, declared but not
  /// defined in this unit, may block in another unit; and the finding for
  /// \p S when the Summaries file says it does (true), or the tentative
  /// finding the driver keeps if it does.
  bool crossFileCandidate(const FunctionDecl *Callee, ASTContext &Ctx);
  bool reportAcrossFiles(const Site &S, const FunctionDecl *Callee,
                         const FunctionDecl *FD, ASTContext &Ctx);
  /// The summary of this unit's functions, for the driver.
  void writeSummary(const char *Path);

  /// Added to the default blocking list (BlockingFunctions).
  const std::vector<StringRef> BlockingFunctions;
  /// Removed from the default blocking list (AllowedFunctions).
  const std::vector<StringRef> AllowedFunctions;
  /// Functions that run an awaitable to completion (BlockingDrivers,
  /// module-wide).
  const std::vector<StringRef> BlockingDrivers;
  /// Callables whose lambda arguments run elsewhere (OffloadFunctions).
  const std::vector<StringRef> OffloadFunctions;
  /// `blocking=replacement` pairs (Replacements).
  const std::vector<StringRef> Replacements;
  /// How many ordinary functions deep to follow calls (TransitiveDepth).
  const unsigned TransitiveDepth;
  /// Also report std::mutex locking (FlagMutexLock).
  const bool FlagMutexLock;
  /// Awaitables that move the rest of the coroutine to another executor
  /// (ExecutorSwitches).
  const std::vector<StringRef> ExecutorSwitches;
  /// Awaitables that wait for a socket to be ready (ReadinessAwaitables).
  const std::vector<StringRef> ReadinessAwaitables;
  /// Words that mark an executor's name as a CPU pool (CpuExecutorNames).
  const std::vector<StringRef> CpuExecutorNames;
  /// Functions and scopes not followed transitively (IgnoredCallees).
  const std::vector<StringRef> IgnoredCallees;
  /// The chains `asynclint --summaries` wrote (Summaries).
  const StringRef SummariesFile;
  /// Report calls that have an awaitable twin (AsyncTwins).
  const bool ReportTwins;
  /// Follow chains through calls made only when a condition holds, and
  /// into waits given a predicate (ConditionalChains).
  const bool FollowConditional;
  /// The twins' names (AsyncTwinPatterns).
  const std::vector<StringRef> AsyncTwinPatterns;

  utils::BlockingCatalog Catalog;
  utils::BlockingChains Chains;
  utils::AsyncTwins Twins;
  llvm::StringMap<std::string> ReplacementFor;
  llvm::StringMap<bool> ReplacementAwaitable;
  /// Functions defined in this unit, summarised for the driver at its end.
  std::vector<const FunctionDecl *> Defined;
  std::optional<utils::SummaryReader> Summaries; // loaded on first use
  /// Coroutines only blocking drivers run, counted once per unit.
  utils::DrivenCoroutines Driven;
  const ASTContext *AST = nullptr; // of the translation unit being checked
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
