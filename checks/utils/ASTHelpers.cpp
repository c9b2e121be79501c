//===--- ASTHelpers.cpp - asynclint ---------------------------------------===//

#include "ASTHelpers.h"
#include "clang/AST/DeclTemplate.h"

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

} // namespace clang::tidy::async::utils
