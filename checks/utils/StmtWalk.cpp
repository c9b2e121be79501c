//===--- StmtWalk.cpp - asynclint -----------------------------------------===//

#include "StmtWalk.h"
#include "clang/AST/StmtCXX.h"
#include <algorithm>

namespace clang::tidy::async::utils {
namespace {

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

// \p Child of \p Parent runs only when a condition holds: a branch of an
// if, a switch's or a while loop's body, the right operand of && or ||, an
// arm of ?:. A for loop's body is iteration over data, not a condition.
bool runsConditionally(const Stmt *Parent, const Stmt *Child) {
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return Child == If->getThen() || Child == If->getElse();
  if (const auto *Switch = dyn_cast<SwitchStmt>(Parent))
    return Child == Switch->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return Child == While->getBody();
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent);
      BO && BO->isLogicalOp())
    return Child == BO->getRHS();
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Parent))
    return Child == Cond->getTrueExpr() || Child == Cond->getFalseExpr();
  return false;
}

} // namespace

bool StmtWalker::walk(const Stmt *Root, Visitor Visit) {
  Work.clear();
  Work.push_back({Root, WalkContext()});
  while (!Work.empty()) {
    Item It = Work.pop_back_val();
    if (!It.S)
      continue;
    if (const auto *E = dyn_cast<Expr>(It.S);
        E && skips(Skip::ErrorExprs) && E->containsErrors())
      continue;
    switch (Visit(It.S, It.Ctx)) {
    case Walk::Stop:
      Work.clear();
      return false;
    case Walk::Over:
      continue;
    case Walk::Into:
      pushChildren(It.S, It.Ctx);
      continue;
    }
  }
  return true;
}

void StmtWalker::enterLambdaBody(const LambdaExpr *L, bool InBranch) {
  WalkContext Lambda;
  Lambda.InLambda = true;
  Lambda.InBranch = InBranch;
  Work.push_back({L->getBody(), Lambda});
}

void StmtWalker::pushChildren(const Stmt *S, const WalkContext &Ctx) {
  // Children are pushed in source order and then reversed, so that they
  // come off the stack first to last.
  size_t First = Work.size();
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    if (skips(Skip::Lambdas))
      return;
    for (const Expr *Init : L->capture_inits())
      Work.push_back({Init, Ctx});
    WalkContext Lambda;
    Lambda.InLambda = true;
    Work.push_back({L->getBody(), Lambda});
  } else if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S);
             Suspend && skips(Skip::AwaitMachinery)) {
    Work.push_back({Suspend->getOperand(), Ctx});
  } else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(S);
             Dependent && skips(Skip::AwaitMachinery)) {
    Work.push_back({Dependent->getOperand(), Ctx});
  } else if (const auto *Return = dyn_cast<CoreturnStmt>(S);
             Return && skips(Skip::ReturnMachinery)) {
    Work.push_back({Return->getOperand(), Ctx});
  } else {
    WalkContext Inner = Ctx;
    if (isa<CXXCatchStmt>(S)) {
      if (skips(Skip::CatchHandlers))
        return;
      Inner.InCatchHandler = true;
    } else if (isLoop(S)) {
      if (skips(Skip::Loops))
        return;
      Inner.InLoop = true;
    } else if (isa<SwitchStmt>(S)) {
      Inner.InSwitch = true;
    }
    for (const Stmt *Child : S->children()) {
      WalkContext ChildCtx = Inner;
      ChildCtx.InBranch = Inner.InBranch || runsConditionally(S, Child);
      Work.push_back({Child, ChildCtx});
    }
  }
  std::reverse(Work.begin() + First, Work.end());
}

void forEachStmt(const Stmt *Root, Skip Policy,
                 llvm::function_ref<void(const Stmt *)> Visit) {
  StmtWalker(Policy).walk(Root, [&](const Stmt *S, const WalkContext &) {
    Visit(S);
    return Walk::Into;
  });
}

} // namespace clang::tidy::async::utils
