//===--- DrivenCoroutines.h - asynclint -------------------------*- C++ -*-===//
//
// Coroutines that only a blocking driver runs (`sync_wait(serve())` from
// main or a test), and what of their body runs before the first
// suspension: that part runs on the driving thread, not on an event loop.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_DRIVENCOROUTINES_H
#define ASYNCLINT_CHECKS_UTILS_DRIVENCOROUTINES_H

#include "QualifiedNames.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

class DrivenCoroutines {
public:
  /// \p Drivers: the blocking drivers (BlockingCatalog::drivers()), which
  /// must outlive this object.
  explicit DrivenCoroutines(const NameList &Drivers) : Drivers(&Drivers) {}
  /// Whether \p FD, defined in the main file, is used there, and only
  /// where it starts on a blocking thread: as the operand of a blocking
  /// driver (`sync_wait(f(...))`, an immediately invoked coroutine lambda
  /// too), waited for by a plain function (`f(...).get()`), or awaited
  /// where a coroutine driven that way has not yet suspended. Counted once
  /// per unit, on first use.
  bool drivenOnly(const FunctionDecl *FD, ASTContext &Ctx);

private:
  void count(ASTContext &Ctx);
  bool isDriven(const Decl *Key) const;

  const NameList *Drivers;
  bool Counted = false;
  llvm::DenseMap<const Decl *, unsigned> Uses;   // references
  llvm::DenseMap<const Decl *, unsigned> Driven; // as a driver's operand
};

/// Where a coroutine body first suspends, and the loops that reach past it.
class FirstSuspension {
public:
  FirstSuspension(const Stmt *Body, const SourceManager &SM);
  /// Whether \p Loc runs only before the body first suspends: before its
  /// first co_await or co_yield (outside lambdas), and in no loop that
  /// goes on past it (a later iteration runs after a resumption).
  bool before(SourceLocation Loc) const;
  /// Like before(), but also true at the first suspension itself (the
  /// operand of the first co_await is evaluated before it suspends).
  bool startsBy(SourceLocation Loc) const;

private:
  bool inLoopPastFirst(SourceLocation Loc) const;

  const SourceManager &SM;
  SourceLocation First; // invalid: the body never suspends
  llvm::SmallVector<SourceRange, 4> Loops;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_DRIVENCOROUTINES_H
