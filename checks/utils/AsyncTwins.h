//===--- AsyncTwins.h - asynclint -------------------------------*- C++ -*-===//
//
// A function's awaitable twin (`async_read` for `read`): declared beside it,
// named by a pattern, returning an awaitable, and taking the call's
// arguments. A twin is a fix suggestion for a call, not evidence that the
// call blocks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_ASYNCTWINS_H
#define ASYNCLINT_CHECKS_UTILS_ASYNCTWINS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

class AsyncTwins {
public:
  /// The default patterns: `{name}` stands for the function's name,
  /// `{Name}` for it with its first letter in upper case.
  static const char *const DefaultPatterns;

  /// \p Patterns as the option gives them; the invalid ones (not exactly
  /// one placeholder, or a scope) are left out and listed by invalid().
  explicit AsyncTwins(const std::vector<llvm::StringRef> &Patterns);
  const std::vector<llvm::StringRef> &invalid() const { return Invalid; }

  /// The awaitable twin of \p Callee that \p Call's arguments fit, or null.
  const FunctionDecl *find(const CallExpr *Call, const FunctionDecl *Callee,
                           ASTContext &Ctx);
  /// Forgets the translation unit's declarations.
  void clear() { Candidates.clear(); }

private:
  std::vector<std::string> Patterns;
  std::vector<llvm::StringRef> Invalid;
  /// The awaitable twins of each callee, in pattern order, before the
  /// arguments are looked at.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 1>>
      Candidates;
};

/// T without references, cv-qualifiers and sugar.
QualType bareType(QualType T);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_ASYNCTWINS_H
