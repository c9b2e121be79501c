//===--- DrivenCoroutines.cpp - asynclint ---------------------------------===//

#include "DrivenCoroutines.h"
#include "ASTHelpers.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {
namespace {

// Counts, over the main file's declarations, every reference to a function
// and each use as the operand of a blocking driver.
class UseCounter : public ConstDynamicRecursiveASTVisitor {
public:
  UseCounter(const SourceManager &SM, NameCache &Names,
             llvm::DenseMap<const Decl *, unsigned> &Uses,
             llvm::DenseMap<const Decl *, unsigned> &Driven)
      : SM(SM), Names(Names), Uses(Uses), Driven(Driven) {
    ShouldVisitTemplateInstantiations = true;
  }
  bool TraverseDecl(const Decl *D) override {
    if (D && !isa<TranslationUnitDecl>(D) &&
        !SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return true;
    return ConstDynamicRecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitDeclRefExpr(const DeclRefExpr *E) override {
    if (isa<FunctionDecl>(E->getDecl()))
      ++Uses[E->getDecl()->getCanonicalDecl()];
    return true;
  }
  bool VisitMemberExpr(const MemberExpr *E) override {
    if (isa<FunctionDecl>(E->getMemberDecl()))
      ++Uses[E->getMemberDecl()->getCanonicalDecl()];
    return true;
  }
  bool VisitCallExpr(const CallExpr *C) override {
    const FunctionDecl *Driver = C->getDirectCallee();
    if (!Driver || C->getNumArgs() == 0 || !Drivers.matches(Names.get(Driver)))
      return true;
    if (const auto *Inner = dyn_cast<CallExpr>(stripWrappers(C->getArg(0))))
      if (const FunctionDecl *Run = Inner->getDirectCallee())
        ++Driven[Run->getCanonicalDecl()];
    return true;
  }

private:
  const SourceManager &SM;
  NameCache &Names;
  const NameList Drivers{
      tidy::utils::options::parseStringList(BlockingDrivers)};
  llvm::DenseMap<const Decl *, unsigned> &Uses;
  llvm::DenseMap<const Decl *, unsigned> &Driven;
};

} // namespace

bool DrivenCoroutines::drivenOnly(const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    return false;
  if (!Counted) {
    UseCounter(SM, UnitAnalysis::of(Ctx).names(), Uses, Driven)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
    Counted = true;
  }
  const Decl *Key = FD->getCanonicalDecl();
  auto D = Driven.find(Key);
  auto U = Uses.find(Key);
  return D != Driven.end() && U != Uses.end() && D->second == U->second;
}

FirstSuspension::FirstSuspension(const Stmt *Body, const SourceManager &SM)
    : SM(SM) {
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (isa<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S)) {
      SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
      if (First.isInvalid() || SM.isBeforeInTranslationUnit(L, First))
        First = L;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      Loops.push_back(SM.getExpansionRange(S->getSourceRange()).getAsRange());
    llvm::append_range(Work, S->children());
  }
}

bool FirstSuspension::before(SourceLocation Loc) const {
  Loc = SM.getExpansionLoc(Loc);
  if (First.isValid() && !SM.isBeforeInTranslationUnit(Loc, First))
    return false;
  // A loop around Loc that goes on past the first suspension runs Loc
  // again after a resumption.
  return llvm::none_of(Loops, [&](SourceRange R) {
    return !SM.isBeforeInTranslationUnit(Loc, R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), Loc) && First.isValid() &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), First);
  });
}

} // namespace clang::tidy::async::utils
