//===--- ASTHelpers.h - asynclint --------------------------------*- C++
//-*-===//
//
// Small AST helpers shared by the checks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H
#define ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::async::utils {

/// Looks through the nodes that wrap an expression without changing what it
/// evaluates to: cleanups, temporaries, implicit casts and parentheses.
const Expr *stripWrappers(const Expr *E);

/// How a function is named in a diagnostic: a template specialization by its
/// template (`make`, not `make<int>`), anything else by itself.
const NamedDecl *displayDecl(const FunctionDecl *FD);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H
