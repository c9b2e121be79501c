//===--- UnitAnalysis.h - asynclint -----------------------------*- C++ -*-===//
//
// The caches of one translation unit that every check shares: created by the
// first check that asks during the unit, destroyed with the unit's
// ASTContext.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_UNITANALYSIS_H
#define ASYNCLINT_CHECKS_UTILS_UNITANALYSIS_H

#include "Awaitable.h"
#include "QualifiedNames.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::tidy::async::utils {

/// What the checks know about one translation unit, computed once however
/// many checks ask: which types are awaitable (per set of AwaitableNames),
/// and the qualified names of declarations.
///
/// One object per ASTContext, kept in a process-wide map. clang-tidy checks
/// several units in one process one after another (a new ASTContext may
/// reuse the address of the last), and a host may check units on several
/// threads at once (the asynclint driver uses a worker process per unit, but
/// the unit tests and other hosts need not): the map is guarded by a lock,
/// and an entry is removed when its ASTContext is destroyed, so no answer
/// outlives its unit.
/// An object is used only by the thread checking its unit, without locking.
class UnitAnalysis {
public:
  /// The analysis of the unit \p Ctx belongs to, created on first use.
  static UnitAnalysis &of(ASTContext &Ctx);

  /// The classifier for \p Names; checks configured alike (by default, all
  /// of them) share one.
  AwaitableClassifier &awaitables(const AwaitableNames &Names);
  /// The classifier with no names: structure only.
  AwaitableClassifier &awaitables() { return Structural; }

  /// stableQualifiedName per declaration.
  NameCache &names() { return Names; }

  /// The operands of the unit's `decltype`s outside system headers (never
  /// evaluated), found once in the context's list of types: cheaper than a
  /// TypeLoc matcher, which makes the match visitor try every TypeLoc of
  /// the unit.
  const std::vector<const Expr *> &decltypeOperands(const ASTContext &Ctx);

  /// How many units have an analysis now (for tests).
  static unsigned liveCount();

private:
  UnitAnalysis() = default;

  NameCache Names;
  AwaitableClassifier Structural;
  std::optional<std::vector<const Expr *>> Decltypes;
  llvm::StringMap<std::unique_ptr<AwaitableClassifier>> Named;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_UNITANALYSIS_H
