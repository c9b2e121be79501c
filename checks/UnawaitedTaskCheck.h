//===--- UnawaitedTaskCheck.h - asynclint ------------------------*- C++
//-*-===//

#ifndef ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H
#define ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Awaitable.h"
#include "llvm/ADT/MapVector.h"
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
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  enum class UseKind : std::uint8_t { Consume, Reassign, Query };
  struct VarState {
    bool Candidate = false;
    bool Consumed = false;
    const Expr *FirstUse = nullptr;
    UseKind FirstKind = UseKind::Query;
  };

  void checkStatementPosition(const Stmt *S, ASTContext &Ctx);
  void checkDiscarded(const Expr *E, ASTContext &Ctx, bool WholeStatement);
  void reportCall(const CallExpr *Call, ASTContext &Ctx, bool WholeStatement);
  UseKind classifyUse(const DeclRefExpr *Ref, ASTContext &Ctx);
  void recordUse(const VarDecl *VD, const DeclRefExpr *Ref, ASTContext &Ctx);

  /// Qualified names of types to treat as awaitable (AwaitableTypes).
  const std::vector<StringRef> AwaitableTypes;
  /// Qualified names of types never reported (IgnoredTypes).
  const std::vector<StringRef> IgnoredTypes;
  /// An explicit cast to void silences the warning (AllowVoidCast).
  const bool AllowVoidCast;

  utils::AwaitableClassifier Classifier;
  llvm::MapVector<const VarDecl *, VarState> Vars;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H
