//===--- DefUse.h - asynclint ------------------------------------*- C++
//-*-===//
//
// Statement-level def/use facts for the ordering checks: which variables an
// expression reads, and which it may write (assignments, increments, and
// arguments bound to non-const references or passed by address). Linear in
// the size of the expression; conservative (a "may" set).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_DEFUSE_H
#define ASYNCLINT_CHECKS_UTILS_DEFUSE_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {

struct Effects {
  llvm::SmallPtrSet<const ValueDecl *, 8> Reads;
  llvm::SmallPtrSet<const ValueDecl *, 4> MayWrite;

  /// Any variable written by one is read or written by the other.
  bool conflictsWith(const Effects &Other) const;
};

/// The effects of evaluating \p E (lambda bodies included: a capture is a
/// read).
Effects effectsOf(const Expr *E);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_DEFUSE_H
