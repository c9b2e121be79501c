//===--- AwaitInLoopCheck.cpp - asynclint ---------------------------------===//

#include "AwaitInLoopCheck.h"
#include "utils/ASTHelpers.h"
#include "utils/Awaitable.h"
#include "utils/DefUse.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

// The parts of a loop: its body, the statements evaluated around every
// iteration (condition and increment), and the variables that take a new
// value each iteration by construction (the range-for variable, the
// variables the for-increment writes).
struct LoopParts {
  const Stmt *Body = nullptr;
  llvm::SmallVector<const Stmt *, 3> Header;
  utils::DeclSet Varying;
  bool Rebound = false; // Varying are fresh each iteration (range-for)
  /// What the range-for variable refers to (the range, its iterators):
  /// written through the variable, only this iteration's element changes.
  utils::DeclSet OwnElement;
};

std::optional<LoopParts> partsOf(const Stmt *Loop) {
  LoopParts P;
  if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    if (!For->getCond()) // `for (;;)` ends only from inside the body
      return std::nullopt;
    P.Body = For->getBody();
    P.Header = {For->getCond(), For->getInc(),
                For->getConditionVariableDeclStmt()};
    if (For->getInc())
      P.Varying = utils::effectsOf(For->getInc()).MayWrite;
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    P.Body = Range->getBody();
    const VarDecl *LoopVar = Range->getLoopVariable();
    if (!LoopVar)
      return std::nullopt;
    P.Varying.insert(LoopVar);
    if (const auto *DD = dyn_cast<DecompositionDecl>(LoopVar))
      for (const BindingDecl *B : DD->bindings())
        P.Varying.insert(B);
    P.Rebound = true;
    P.OwnElement = P.Varying;
    utils::addAliases(P.OwnElement);
  } else if (const auto *While = dyn_cast<WhileStmt>(Loop)) {
    P.Body = While->getBody();
    P.Header = {While->getCond(), While->getConditionVariableDeclStmt()};
  } else if (const auto *Do = dyn_cast<DoStmt>(Loop)) {
    P.Body = Do->getBody();
    P.Header = {Do->getCond()};
  }
  if (!P.Body)
    return std::nullopt;
  return P;
}

} // namespace

AwaitInLoopCheck::AwaitInLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Ordering(Options) {}

void AwaitInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Ordering.storeOptions(Options, Opts);
}

void AwaitInLoopCheck::registerMatchers(MatchFinder *Finder) {
  utils::addFunctionMatchers(Finder, this);
}

void AwaitInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  // Each match once, however often the traversal reaches its nodes.
  if (!utils::UnitAnalysis::of(*Result.Context).firstMatch(this, Result.Nodes))
    return;
  const Stmt *Body =
      utils::writtenCoroutineBody(utils::matchedFunction(Result.Nodes));
  if (!Body)
    return;
  // Every loop of the coroutine's own code.
  utils::forEachStmt(Body, utils::walks::OwnCode, [&](const Stmt *S) {
    if (isLoop(S))
      checkLoop(S);
  });
}

bool AwaitInLoopCheck::collectAwaits(
    const Stmt *Body, llvm::SmallVectorImpl<const CoawaitExpr *> &Awaits) {
  // Only the operand of a co_await is entered; it may hold more awaits
  // (`co_await f(co_await g())`).
  utils::StmtWalker Walker(utils::walks::LoopAwaits);
  return Walker.walk(Body, [&](const Stmt *S, const utils::WalkContext &) {
    if (isa<CoyieldExpr, DependentCoawaitExpr>(S))
      return utils::Walk::Stop;
    // The outer loop waits for an inner one.
    if (isLoop(S) && utils::factsOf(S).Suspends)
      return utils::Walk::Stop;
    // A lock taken each iteration (a scope guard) orders the iterations.
    if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
          VD && utils::awaitedValue(VD->getInit()) &&
          utils::AwaitOrdering::isScopeGuard(VD))
        return utils::Walk::Stop;
    const auto *CA = dyn_cast<CoawaitExpr>(S);
    if (!CA)
      return utils::Walk::Into;
    const auto *Call =
        dyn_cast_or_null<CallExpr>(utils::stripWrappers(CA->getOperand()));
    if (!Call || CA->isTypeDependent() || utils::isStatusResult(CA->getType()))
      return utils::Walk::Stop;
    // Ordered includes combinators: one in a loop is batching, usually on
    // purpose.
    utils::AwaitOrdering::Kind K = Ordering.classify(Call, CA);
    if (K == utils::AwaitOrdering::Kind::Ordered)
      return utils::Walk::Stop;
    if (K == utils::AwaitOrdering::Kind::Independent)
      Awaits.push_back(CA);
    return utils::Walk::Into;
  });
}

void AwaitInLoopCheck::checkLoop(const Stmt *Loop) {
  std::optional<LoopParts> Parts = partsOf(Loop);
  if (!Parts)
    return;
  llvm::SmallVector<const CoawaitExpr *, 4> Awaits;
  if (!collectAwaits(Parts->Body, Awaits) || Awaits.empty())
    return;

  // Iterations that can end the loop on a result (break, return, throw) are
  // retries or searches, not independent work.
  utils::StatementFacts Body = utils::factsOf(Parts->Body);
  if (Body.Returns || Body.Breaks)
    return;
  // Loop-carried variables: written by an iteration, alive in the next.
  utils::DeclSet Carried;
  for (const ValueDecl *D : Body.Effects.MayWrite)
    if (!Body.Declares.contains(D) &&
        !(Parts->Rebound && Parts->Varying.contains(D)) &&
        !Parts->OwnElement.contains(D))
      Carried.insert(D);
  // The loop condition or increment reads something an iteration computes
  // (`while (!done)`, `i += step`): the loop may end on an awaited result.
  for (const Stmt *H : Parts->Header) {
    if (!H)
      continue;
    utils::StatementFacts F = utils::factsOf(H);
    if (F.Suspends || llvm::any_of(F.Effects.Reads, [&](const ValueDecl *D) {
          return Carried.contains(D);
        }))
      return;
  }
  // Each awaited call must read something that differs per iteration (the
  // same call repeated is polling or draining) and nothing carried over
  // from the previous iteration (a cursor, an accumulator).
  for (const CoawaitExpr *CA : Awaits) {
    utils::Effects E = utils::effectsOf(CA);
    bool Varies = false;
    for (const ValueDecl *D : E.Reads) {
      if (Carried.contains(D))
        return;
      Varies =
          Varies || Parts->Varying.contains(D) || Body.Declares.contains(D);
    }
    if (!Varies)
      return;
  }
  diag(Awaits.front()->getBeginLoc(),
       "each iteration waits for this await before the next one starts; the "
       "iterations are independent");
  diag(Loop->getBeginLoc(),
       "no iteration of this loop uses another's result; collect the tasks "
       "and await them together%select{| with '%1'}0",
       DiagnosticIDs::Note)
      << !Ordering.GatherFunction.empty() << Ordering.GatherFunction;
}

} // namespace clang::tidy::async
