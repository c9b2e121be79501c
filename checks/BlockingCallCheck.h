//===--- BlockingCallCheck.h - asynclint ------------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingSummaries.h"
#include "utils/DrivenCoroutines.h"
#include "utils/QualifiedNames.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Finds calls that block the thread inside a coroutine body, directly or
/// through ordinary functions of the same translation unit.
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
  /// A call or construction found in a function body, and how it was
  /// reached from the body.
  struct Site {
    const Expr *E;
    const NamedDecl *Callee;
    bool Direct;      // in the body itself, not in a lambda argument
    bool InHandler;   // in a catch handler (co_await is ill-formed there)
    bool Statement;   // a whole statement (co_await can prefix it)
    bool Initializer; // a local variable's whole initializer (likewise)
  };
  /// What a function body shows besides its calls.
  struct Facts {
    /// Evidence that its sockets are non-blocking: a readiness await, a
    /// would-block check (EAGAIN, try_again()), O_NONBLOCK and friends.
    bool NonBlocking = false;
    /// The awaited executor switches of the body itself, in walk order:
    /// where each ends, and whether it moves to a CPU pool (blocking is
    /// reported there again).
    llvm::SmallVector<std::pair<SourceLocation, bool>, 2> Moves;
    /// The branches taken when the coroutine has no executor (`if (!ex)`
    /// on an executor pointer): it runs inline on its starter's thread.
    llvm::SmallVector<SourceRange, 1> NoExecutor;
  };
  /// The shortest chain from a function to a blocking call: Hops functions
  /// down, through Call (a call to Next, or the blocking call when Hops==0).
  struct Chain {
    unsigned Hops = ~0U;
    unsigned Budget = 0; // the depth this was computed with
    const Expr *Call = nullptr;
    const FunctionDecl *Next = nullptr;
    unsigned Depth = ~0U; // stack depth while in progress, else ~0U
    bool Computed = false;
  };

  void collectSites(const Stmt *Body, std::vector<Site> &Out, Facts &Seen);
  /// Adds to \p Out the initializers of \p Decls' automatic variables.
  static void noteInitializers(const DeclStmt *Decls,
                               llvm::SmallPtrSetImpl<const Expr *> &Out);
  /// Looks at one statement for the evidence of Facts.
  void noteFacts(const Stmt *S, bool InLambda, Facts &Seen);
  /// The name under which the call blocks, or nullopt if it does not.
  std::optional<std::string> blockingName(const Expr *E,
                                          const NamedDecl *Callee);
  bool isOffload(const NamedDecl *Callee);
  bool isOffloadByName(const CallExpr *Call) const;
  /// Whether the function \p Call calls, defined in this unit, hands its
  /// parameter for argument \p ArgIndex to an offload function (a
  /// callback it runs on a std::thread of its own).
  bool offloadsParameter(const CallExpr *Call, unsigned ArgIndex);
  /// The chain from \p FD; with \p SocketsNonBlocking, socket calls do not
  /// count (the coroutine showed they are non-blocking). \p Cut receives the
  /// lowest stack depth of an unfinished function the search ran into (a
  /// cycle): a result cut that way is not memoised for other callers.
  const Chain &chainFrom(const FunctionDecl *FD, unsigned Budget,
                         bool SocketsNonBlocking, unsigned &Cut);
  /// Whether a call to \p FD (by \p Call) is followed transitively.
  bool followable(const Expr *Call, const FunctionDecl *FD);
  void checkCoroutine(const FunctionDecl *FD, ASTContext &Ctx);
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
  /// Whether co_await can be spliced in front of \p S in coroutine \p FD.
  static bool fixablePosition(const Site &S, const FunctionDecl *FD);
  /// The awaitable twin of \p Callee (`async_f` for `f`) that \p Call's
  /// arguments fit, or null.
  const FunctionDecl *findTwin(const CallExpr *Call, const FunctionDecl *Callee,
                               ASTContext &Ctx);
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
  /// The sites of \p FD's body, collected once.
  const std::vector<Site> &sitesOf(const FunctionDecl *FD);
  /// The summary of this unit's functions, for the driver.
  void writeSummary(const char *Path);
  static bool isSocketCall(StringRef Name);
  /// Whether the executor \p E names is a CPU pool (CpuExecutorNames).
  bool isCpuExecutor(const Expr *E) const;

  /// Added to the default blocking list (BlockingFunctions).
  const std::vector<StringRef> BlockingFunctions;
  /// Removed from the default blocking list (AllowedFunctions).
  const std::vector<StringRef> AllowedFunctions;
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
  const bool AsyncTwins;
  /// The twins' names (AsyncTwinPatterns), as written and as validated.
  const std::vector<StringRef> AsyncTwinPatterns;
  std::vector<std::string> TwinPatterns;

  utils::NameList Blocking;     // the default list, for system declarations
  utils::NameList UserBlocking; // BlockingFunctions, for any declaration
  utils::NameList Offload;
  utils::NameList Switches;
  utils::NameList Readiness;
  utils::NameList Ignored;
  utils::NameList NestedLoops; // sync_wait(x) and friends: co_await x
  llvm::StringMap<std::string> ReplacementFor;
  llvm::StringMap<bool> ReplacementAwaitable;
  /// The awaitable twins of each callee, in pattern order, before the
  /// arguments are looked at.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 1>>
      TwinCandidates;
  /// Memoised chains, without ([0]) and with ([1]) SocketsNonBlocking.
  std::array<llvm::DenseMap<const FunctionDecl *, Chain>, 2> Chains;
  llvm::DenseMap<const FunctionDecl *, std::vector<Site>> SitesOf;
  llvm::DenseMap<const FunctionDecl *, Facts> FactsOf;
  /// offloadsParameter's answers, by definition and parameter.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool>
      OffloadedParams;
  unsigned StackDepth = 0;
  /// Functions defined in this unit, summarised for the driver at its end.
  std::vector<const FunctionDecl *> Defined;
  std::optional<utils::SummaryReader> Summaries; // loaded on first use
  /// Coroutines only blocking drivers run, counted once per unit.
  utils::DrivenCoroutines Driven;
  const ASTContext *AST = nullptr; // of the translation unit being checked
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
