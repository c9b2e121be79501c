//===--- ASTHelpers.cpp - asynclint ---------------------------------------===//

#include "ASTHelpers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async::utils {

const Expr *stripWrappers(const Expr *E) {
  const Expr *Prev = nullptr;
  while (E && E != Prev) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

const VarDecl *localOrMoved(const Expr *E) {
  E = E ? stripWrappers(E) : nullptr;
  if (const auto *Move = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *Callee = Move->getDirectCallee();
    if (!Callee || Move->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
        !Callee->getIdentifier() || Callee->getName() != "move")
      return nullptr;
    E = stripWrappers(Move->getArg(0));
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Local && Local->hasLocalStorage() ? Local : nullptr;
}

const NamedDecl *displayDecl(const FunctionDecl *FD) {
  if (FD && FD->getPrimaryTemplate())
    return FD->getPrimaryTemplate();
  return FD;
}

void addFunctionMatchers(MatchFinder *Finder,
                         MatchFinder::MatchCallback *Check) {
  auto InUserCode = unless(isExpansionInSystemHeader());
  Finder->addMatcher(functionDecl(isDefinition(), InUserCode).bind("fn"),
                     Check);
  Finder->addMatcher(lambdaExpr(InUserCode).bind("lambda"), Check);
}

const FunctionDecl *matchedFunction(const BoundNodes &Nodes) {
  if (const auto *L = Nodes.getNodeAs<LambdaExpr>("lambda"))
    return L->getCallOperator();
  return Nodes.getNodeAs<FunctionDecl>("fn");
}

} // namespace clang::tidy::async::utils
