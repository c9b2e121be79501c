//===--- SequentialAwaitsCheck.h - asynclint --------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H
#define ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitOrdering.h"
#include "utils/DefUse.h"
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Finds independent awaits run one after another that could be gathered.
///
/// For the user-facing documentation see:
/// docs/checks/async-sequential-awaits.md
class SequentialAwaitsCheck : public ClangTidyCheck {
public:
  SequentialAwaitsCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  /// One `x = co_await call(...)` statement of a run.
  struct Await {
    const Stmt *Statement;
    const CoawaitExpr *Await;
    const CallExpr *Call;
    const VarDecl *Declared; // for `auto x = co_await ...`, else null
    utils::Effects Effects;
  };
  void checkBlock(const CompoundStmt *Block, ASTContext &Ctx);
  void checkExpression(const Stmt *S, ASTContext &Ctx);
  static std::optional<Await> asAwait(const Stmt *S);
  void report(llvm::ArrayRef<Await> Run, bool Contiguous, ASTContext &Ctx);
  /// The notes at the run's other awaits (a bounded number of them).
  void noteOthers(llvm::ArrayRef<SourceLocation> Rest);
  std::string gatherFix(llvm::ArrayRef<Await> Run, ASTContext &Ctx) const;

  /// GatherFunction (for the fix-it), IgnoredFunctions (never part of a
  /// run, never ending one), OrderedFunctions (they end a run).
  utils::AwaitOrdering Ordering;
  /// The shortest run reported (MinRunLength).
  const unsigned MinRunLength;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H
