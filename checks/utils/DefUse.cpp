//===--- DefUse.cpp - asynclint -------------------------------------------===//

#include "DefUse.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {
namespace {

// The variables an lvalue expression designates (x, x.member, x[i], *p).
void addDesignated(const Expr *E,
                   llvm::SmallPtrSetImpl<const ValueDecl *> &Out) {
  llvm::SmallVector<const Stmt *, 8> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      Out.insert(Ref->getDecl());
      continue;
    }
    llvm::append_range(Work, S->children());
  }
}

bool writesThrough(QualType Param) {
  if (Param->isPointerType())
    return !Param->getPointeeType().isConstQualified();
  if (Param->isReferenceType())
    return !Param.getNonReferenceType().isConstQualified();
  return false;
}

} // namespace

bool Effects::conflictsWith(const Effects &Other) const {
  // Probe from the smaller set: a run's accumulated effects grow, a single
  // statement's stay small, so checking one statement against a run costs
  // the statement's size, not the run's.
  using Set = llvm::SmallPtrSetImpl<const ValueDecl *>;
  auto Meets = [](const Set &A, const Set &B) {
    const Set &Small = A.size() <= B.size() ? A : B;
    const Set &Large = A.size() <= B.size() ? B : A;
    return llvm::any_of(Small,
                        [&](const ValueDecl *D) { return Large.contains(D); });
  };
  return Meets(MayWrite, Other.Reads) || Meets(MayWrite, Other.MayWrite) ||
         Meets(Other.MayWrite, Reads);
}

Effects effectsOf(const Expr *E) {
  Effects Result;
  llvm::SmallVector<const Stmt *, 32> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Result.Reads.insert(Ref->getDecl());
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp())
      addDesignated(BO->getLHS(), Result.MayWrite);
    if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        addDesignated(UO->getSubExpr(), Result.MayWrite);
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
          Op && Op->isAssignmentOp() && Op->getNumArgs() > 0)
        addDesignated(Op->getArg(0), Result.MayWrite);
      if (const FunctionDecl *FD = Call->getDirectCallee()) {
        unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                                  isa<CXXMethodDecl>(FD) &&
                                  !cast<CXXMethodDecl>(FD)->isStatic()
                              ? 1
                              : 0;
        for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
          unsigned P = I - Offset;
          if (P < FD->getNumParams() &&
              writesThrough(FD->getParamDecl(P)->getType()))
            addDesignated(Call->getArg(I), Result.MayWrite);
        }
      } else {
        // Unknown callee: any argument may be written through.
        for (const Expr *Arg : Call->arguments())
          if (Arg->isGLValue() || Arg->getType()->isPointerType())
            addDesignated(Arg, Result.MayWrite);
      }
    }
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      Work.push_back(L->getBody());
      for (const Expr *Init : L->capture_inits())
        Work.push_back(Init);
      continue;
    }
    llvm::append_range(Work, S->children());
  }
  return Result;
}

} // namespace clang::tidy::async::utils
