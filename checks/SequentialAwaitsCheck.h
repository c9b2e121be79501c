//===--- SequentialAwaitsCheck.h - asynclint ---------------------*- C++
//-*-===//

#ifndef ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H
#define ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Awaitable.h"
#include "utils/DefUse.h"
#include "utils/QualifiedNames.h"
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
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
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
  static std::optional<Await> asAwait(const Stmt *S);
  void report(llvm::ArrayRef<Await> Run, bool Contiguous, ASTContext &Ctx);

  /// Called to gather awaitables, for the fix-it (GatherFunction).
  const std::string GatherFunction;
  /// The shortest run reported (MinRunLength).
  const unsigned MinRunLength;
  /// Awaits never reported and never separating a run (IgnoredFunctions).
  const std::vector<StringRef> IgnoredFunctions;
  /// Awaits that keep their order: they end a run (OrderedFunctions).
  const std::vector<StringRef> OrderedFunctions;
  utils::NameList Ignored;
  utils::NameList Ordered;
  utils::NameCache Names;
  utils::AwaitableClassifier Awaitables;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_SEQUENTIALAWAITSCHECK_H
