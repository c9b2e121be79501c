//===--- AwaitInLoopCheck.h - asynclint -------------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_AWAITINLOOPCHECK_H
#define ASYNCLINT_CHECKS_AWAITINLOOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitOrdering.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async {

/// Finds awaits in loops whose iterations are independent and could be
/// gathered.
///
/// For the user-facing documentation see:
/// docs/checks/async-await-in-loop.md
class AwaitInLoopCheck : public ClangTidyCheck {
public:
  AwaitInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  void checkLoop(const Stmt *Loop);
  /// The independent awaits of a loop's own body (not of nested loops or
  /// lambdas), in source order; false when any await, co_yield or inner
  /// loop shows that the iterations are paced or ordered.
  bool collectAwaits(const Stmt *Body,
                     llvm::SmallVectorImpl<const CoawaitExpr *> &Awaits);

  /// GatherFunction (named in the note), IgnoredFunctions, OrderedFunctions.
  utils::AwaitOrdering Ordering;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_AWAITINLOOPCHECK_H
