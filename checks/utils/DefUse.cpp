//===--- DefUse.cpp - asynclint -------------------------------------------===//

#include "DefUse.h"
#include "ASTHelpers.h"
#include "StmtWalk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {
namespace {

// Adds every variable \p S mentions: the conservative answer for an lvalue
// whose base the analysis cannot follow (`get(x) = 1`).
void addMentioned(const Stmt *S, DeclSet &Out) {
  forEachStmt(S, walks::Everything, [&](const Stmt *Cur) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Cur))
      Out.insert(Ref->getDecl());
  });
}

// The variable an lvalue expression writes into: `x`, `x.m`, `x[i]`, `*p`,
// `p->m` and `v[i]` through overloaded operators all write (into) x, p or v;
// the index is only read. Anything else writes everything it mentions.
void addDesignated(const Expr *E, DeclSet &Out) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    // A temporary (a call's result, an awaited value): nothing named.
    if (E->isPRValue() && !E->getType()->isPointerType())
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      Out.insert(Ref->getDecl());
      return;
    }
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      E = M->getBase(); // `this->m` ends at CXXThisExpr: not tracked
      continue;
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() > 0 &&
        (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
         Op->getOperator() == OO_Arrow)) {
      E = Op->getArg(0);
      continue;
    }
    if (isa<CXXThisExpr>(E))
      return;
    addMentioned(E, Out);
    return;
  }
}

bool writesThrough(QualType Param) {
  if (Param->isPointerType())
    return !Param->getPointeeType().isConstQualified();
  if (Param->isReferenceType())
    return !Param.getNonReferenceType().isConstQualified();
  return false;
}

void addCallWrites(const CallExpr *Call, bool Awaited, DeclSet &Out) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->isAssignmentOp() && Op->getNumArgs() > 0)
    addDesignated(Op->getArg(0), Out);
  // A non-const member function may change its object.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call); MC && !Awaited) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->isConst())
      addDesignated(MC->getImplicitObjectArgument(), Out);
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD) {
    // Unknown callee: any argument may be written through.
    for (const Expr *Arg : Call->arguments())
      if (Arg->isGLValue() || Arg->getType()->isPointerType())
        addDesignated(Arg, Out);
    return;
  }
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  bool OperatorOnObject = isa<CXXOperatorCallExpr>(Call) && MD &&
                          MD->isInstance() && Call->getNumArgs() > 0;
  unsigned Offset = OperatorOnObject ? 1 : 0;
  if (OperatorOnObject && !MD->isConst() && !Awaited &&
      !cast<CXXOperatorCallExpr>(Call)->isAssignmentOp())
    addDesignated(Call->getArg(0), Out); // `++it`, `it += 2`, `f()` on f
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
    unsigned P = I - Offset;
    if (P < FD->getNumParams() && writesThrough(FD->getParamDecl(P)->getType()))
      addDesignated(Call->getArg(I), Out);
  }
}

// The visitor of walks::Effects: one statement's effects and control facts.
struct FactsVisitor {
  StatementFacts F;
  // The calls awaited directly: their objects are used, not changed. The
  // walk enters only a co_await's operand, after the co_await itself.
  llvm::SmallPtrSet<const Expr *, 4> AwaitedCalls;

  Walk operator()(const Stmt *S, const WalkContext &Ctx) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      F.Effects.Reads.insert(Ref->getDecl());
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        addDesignated(BO->getLHS(), F.Effects.MayWrite);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        addDesignated(UO->getSubExpr(), F.Effects.MayWrite);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      addCallWrites(Call, AwaitedCalls.contains(Call), F.Effects.MayWrite);
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        if (const auto *DD = dyn_cast<DecompositionDecl>(D))
          for (const BindingDecl *B : DD->bindings())
            F.Declares.insert(B);
        if (const auto *VD = dyn_cast<ValueDecl>(D))
          F.Declares.insert(VD);
      }
    } else if (!Ctx.InLambda) {
      // A lambda's control facts are its own; a break or continue in a
      // nested loop or switch is that one's.
      if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr, GotoStmt,
              IndirectGotoStmt>(S))
        F.Returns = true;
      else if (isa<BreakStmt>(S) && !Ctx.InLoop && !Ctx.InSwitch)
        F.Breaks = true;
      else if (isa<ContinueStmt>(S) && !Ctx.InLoop)
        F.Continues = true;
      else if (isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr>(S))
        F.Suspends = true;
    }
    if (const auto *CS = dyn_cast<CoroutineSuspendExpr>(S))
      AwaitedCalls.insert(stripWrappers(CS->getOperand()));
    return Walk::Into;
  }
};

StatementFacts walk(const Stmt *Root) {
  FactsVisitor Visitor;
  StmtWalker(walks::Effects).walk(Root, Visitor);
  return std::move(Visitor.F);
}

} // namespace

bool Effects::conflictsWith(const Effects &Other) const {
  // Probe from the smaller set: a run's accumulated effects grow, a single
  // statement's stay small, so checking one statement against a run costs
  // the statement's size, not the run's.
  auto Meets = [](const DeclSet &A, const DeclSet &B) {
    const DeclSet &Small = A.size() <= B.size() ? A : B;
    const DeclSet &Large = A.size() <= B.size() ? B : A;
    return llvm::any_of(Small,
                        [&](const ValueDecl *D) { return Large.contains(D); });
  };
  return Meets(MayWrite, Other.Reads) || Meets(MayWrite, Other.MayWrite) ||
         Meets(Other.MayWrite, Reads);
}

void Effects::merge(const Effects &Other) {
  Reads.insert(Other.Reads.begin(), Other.Reads.end());
  MayWrite.insert(Other.MayWrite.begin(), Other.MayWrite.end());
}

bool isStatusResult(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  return T->isVoidType() || T->isBooleanType() || T->isEnumeralType();
}

Effects effectsOf(const Stmt *S) { return walk(S).Effects; }

StatementFacts factsOf(const Stmt *S) { return walk(S); }

} // namespace clang::tidy::async::utils
