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

const NamedDecl *displayDecl(const FunctionDecl *FD) {
  if (FD && FD->getPrimaryTemplate())
    return FD->getPrimaryTemplate();
  return FD;
}

void addFunctionMatchers(MatchFinder *Finder,
                         MatchFinder::MatchCallback *Check) {
  auto InUserCode = unless(isExpansionInSystemHeader());
  Finder->addMatcher(functionDecl(InUserCode, isDefinition()).bind("fn"),
                     Check);
  Finder->addMatcher(lambdaExpr(InUserCode).bind("lambda"), Check);
}

const FunctionDecl *matchedFunction(const BoundNodes &Nodes) {
  if (const auto *L = Nodes.getNodeAs<LambdaExpr>("lambda"))
    return L->getCallOperator();
  return Nodes.getNodeAs<FunctionDecl>("fn");
}

} // namespace clang::tidy::async::utils
