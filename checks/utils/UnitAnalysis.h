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
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
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

  /// Whether \p Check sees the match \p Nodes for the first time in this
  /// unit. clang-tidy's traversal reaches some nodes more than once: the
  /// operand of a co_await is visited again under each part Sema builds
  /// around it (the awaiter, await_ready, await_suspend, await_resume), so
  /// an immediately invoked coroutine lambda nested N deep is matched about
  /// 4^N times. A check that asks handles each match once.
  bool firstMatch(const void *Check, const ast_matchers::BoundNodes &Nodes);

  /// How many units have an analysis now (for tests).
  static unsigned liveCount();

private:
  UnitAnalysis() = default;

  NameCache Names;
  AwaitableClassifier Structural;
  std::optional<std::vector<const Expr *>> Decltypes;
  llvm::StringMap<std::unique_ptr<AwaitableClassifier>> Named;
  /// firstMatch's memory: the check, then each bound name (hashed) and
  /// node.
  std::set<std::vector<std::pair<size_t, const void *>>> Matches;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_UNITANALYSIS_H
