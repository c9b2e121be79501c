//===--- UnawaitedTaskCheck.h - asynclint -----------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H
#define ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Awaitable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"
#include <cstdint>
#include <vector>

namespace clang::tidy::async {

/// Finds tasks and awaitables that are created and never awaited: discarded
/// calls, and local variables that are destroyed without the task being
/// awaited, moved, returned, passed on, stored or captured.
///
/// For the user-facing documentation see:
/// docs/checks/async-unawaited-task.md
class UnawaitedTaskCheck : public ClangTidyCheck {
public:
  UnawaitedTaskCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  enum class UseKind : std::uint8_t { Consume, Reassign, Query };
  struct VarState {
    bool Candidate = false;
    /// The function whose call initialised it (for the promise).
    const FunctionDecl *Callee = nullptr;
    /// The local it was moved out of (`auto u = std::move(t);`).
    const VarDecl *MovedFrom = nullptr;
    /// The operand of a co_await, itself or moved (`co_await std::move(t)`).
    bool Awaited = false;
    bool Consumed = false;
    /// A const query read its state (`w.ready()`, `r.status()`).
    bool Queried = false;
    const DeclRefExpr *FirstUse = nullptr;
    UseKind FirstKind = UseKind::Query;
  };

  void checkStatementPosition(const Stmt *S);
  /// \p Statement is the statement \p E is the whole expression of, or
  /// null when E is only an operand (no fix-it then).
  void checkDiscarded(const Expr *E, const Stmt *Statement);
  void reportCall(const CallExpr *Call, const Stmt *Statement);
  void markCoroutineBody(const FunctionDecl *FD);
  /// Whether \p S fails the test: a throw, a call that does not return, a
  /// FAIL-like macro.
  bool failsTest(const Stmt *S) const;
  /// Skips each declaration in \p Try's block that a failing statement
  /// follows (a throw probe written by hand).
  void skipHandWrittenProbes(const CXXTryStmt *Try);
  /// \p Arg, a callable returning a lazy task, converted by \p Construct to
  /// a callback type whose call returns void.
  void checkCallback(const CXXConstructExpr *Construct, const Expr *Arg);
  /// \p L, a lambda returning a lazy task, passed to \p Callee, a template
  /// whose body calls it and discards the result (std::for_each).
  void checkDroppingCallee(const FunctionDecl *Callee, const LambdaExpr *L);
  /// Whether a drop of this kind is reported with the current options.
  bool reported(const utils::DropInfo &Info) const;
  /// The %select index of what a drop loses, for the messages.
  /// The warning's %select for how the dropped call is named.
  static unsigned calleeSelect(const NamedDecl *Named, bool IsLambda,
                               const FunctionDecl *Callee);
  static unsigned lostSelect(const utils::DropInfo &Info);
  /// \p Loc is in a throw probe (a lambda passed to an `assert_throws`-like
  /// function, an `EXPECT_THROW`-like macro), an unevaluated operand, or a
  /// discarded `if constexpr` branch.
  bool skipped(SourceLocation Loc) const;
  void skipRange(SourceRange R);
  void recordUse(const VarDecl *VD, const DeclRefExpr *Ref,
                 const SourceManager &SM);

  /// Qualified names of types to treat as awaitable (AwaitableTypes).
  const std::vector<StringRef> AwaitableTypes;
  /// Qualified names of types never reported (IgnoredTypes).
  const std::vector<StringRef> IgnoredTypes;
  /// An explicit cast to void silences the warning (AllowVoidCast).
  const bool AllowVoidCast;
  /// Report dropped handles to started work that neither destroy the work
  /// nor are [[nodiscard]] (ReportStartedHandles).
  const bool ReportStartedHandles;
  /// Functions and macros whose lambda or statement argument is called only
  /// to see it throw, as a case-insensitive regex (ThrowProbes).
  const StringRef ThrowProbes;
  llvm::Regex ThrowProbeRegex;

  /// The two lists above, for the unit's shared classifier.
  const utils::AwaitableNames TypeNames;
  /// The unit's classifier for TypeNames: set at the top of check(), which
  /// every use but onEndOfTranslationUnit's is under.
  utils::AwaitableClassifier *Classifier = nullptr;
  llvm::MapVector<const VarDecl *, VarState> Vars;
  /// Source ranges (expansion locations) whose discards are not reported.
  std::vector<SourceRange> SkippedRanges;
  const SourceManager *SM = nullptr;
  ASTContext *ASTCtx = nullptr;
  const LangOptions *LangOpts = nullptr;
  /// Compound statements that are the body of a GNU statement expression.
  llvm::SmallPtrSet<const CompoundStmt *, 4> ValueCompounds;
  /// References whose parent was seen not to consume the task.
  struct KnownUse {
    UseKind Kind = UseKind::Consume;
    const CXXOperatorCallExpr *Assign = nullptr;
  };
  llvm::DenseMap<const DeclRefExpr *, KnownUse> Known;
  /// The block that declares each local variable.
  llvm::DenseMap<const VarDecl *, const CompoundStmt *> VarScope;
  /// The block an assignment statement stands in, as a whole statement.
  llvm::DenseMap<const CXXOperatorCallExpr *, const CompoundStmt *>
      StatementScope;
  /// Statements directly in a coroutine's own body (not in a lambda or a
  /// catch handler in it), where inserting co_await is valid.
  llvm::DenseMap<const Stmt *, const FunctionDecl *> CoroutineSlots;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H
