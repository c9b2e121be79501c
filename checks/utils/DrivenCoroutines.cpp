//===--- DrivenCoroutines.cpp - asynclint ---------------------------------===//

#include "DrivenCoroutines.h"
#include "ASTHelpers.h"
#include "Awaitable.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <vector>

namespace clang::tidy::async::utils {
namespace {

// The declaration uses are counted under: a function template's
// specializations are its pattern, as the check sees it.
const Decl *keyOf(const FunctionDecl *FD) {
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    FD = Pattern;
  return FD->getCanonicalDecl();
}

// The call \p E is under wrappers (and a conversion that makes a task
// from it), or null.
const CallExpr *callIn(const Expr *E) {
  E = E ? stripWrappers(E) : nullptr;
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = stripWrappers(Construct->getArg(0));
  return dyn_cast_or_null<CallExpr>(E);
}

// The function a call runs, when \p E is (under wrappers) a direct call.
const FunctionDecl *calledFunction(const Expr *E) {
  const CallExpr *Call = callIn(E);
  return Call ? Call->getDirectCallee() : nullptr;
}

// Counts, over the main file's declarations, every reference to a function
// and each use that runs it on a blocking thread: the operand of a blocking
// driver, or a call whose result a plain function waits for right there
// (`f().get()`). Records each `co_await f()` for the second step: it runs
// f's start on the awaiting coroutine's thread.
class UseCounter : public ConstDynamicRecursiveASTVisitor {
public:
  struct Await {
    const Decl *Run;
    const FunctionDecl *In;
    SourceLocation Loc;
  };

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
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (FD)
      Enclosing.push_back(FD);
    bool Result = ConstDynamicRecursiveASTVisitor::TraverseDecl(D);
    if (FD)
      Enclosing.pop_back();
    return Result;
  }
  bool TraverseLambdaExpr(const LambdaExpr *E) override {
    Enclosing.push_back(E->getCallOperator());
    bool Result = ConstDynamicRecursiveASTVisitor::TraverseLambdaExpr(E);
    Enclosing.pop_back();
    return Result;
  }
  bool VisitDeclRefExpr(const DeclRefExpr *E) override {
    if (const auto *FD = dyn_cast<FunctionDecl>(E->getDecl()))
      ++Uses[keyOf(FD)];
    return true;
  }
  bool VisitMemberExpr(const MemberExpr *E) override {
    if (const auto *FD = dyn_cast<FunctionDecl>(E->getMemberDecl()))
      ++Uses[keyOf(FD)];
    return true;
  }
  bool VisitCallExpr(const CallExpr *C) override {
    const FunctionDecl *Driver = C->getDirectCallee();
    if (!Driver || C->getNumArgs() == 0 || !Drivers.matches(Names.get(Driver)))
      return true;
    markDriven(C->getArg(0));
    return true;
  }
  bool VisitCXXMemberCallExpr(const CXXMemberCallExpr *C) override {
    const CXXMethodDecl *Wait = C->getMethodDecl();
    if (!Wait || !Wait->getIdentifier() || Enclosing.empty() ||
        isCoroutine(Enclosing.back()))
      return true;
    // `f().get()`: this thread waits for f right where it starts it.
    if (llvm::is_contained({"get", "wait"}, Wait->getName()))
      markDriven(C->getImplicitObjectArgument());
    // `auto t = f(); t.resume();`: this thread runs f by hand.
    if (Wait->getName() == "resume")
      if (const auto *Ref = dyn_cast<DeclRefExpr>(
              stripWrappers(C->getImplicitObjectArgument())))
        if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
            Local && Local->hasLocalStorage() && Local->getInit())
          markDriven(Local->getInit());
    return true;
  }
  bool VisitCoawaitExpr(const CoawaitExpr *E) override {
    if (const FunctionDecl *Run = calledFunction(E->getOperand());
        Run && !Enclosing.empty())
      Awaits.push_back(
          {keyOf(Run), Enclosing.back(), SM.getExpansionLoc(E->getBeginLoc())});
    return true;
  }

  std::vector<Await> Awaits;

private:
  // Counts the call \p E makes as started on a blocking thread, once.
  void markDriven(const Expr *E) {
    const CallExpr *Call = callIn(E);
    const FunctionDecl *Run = Call ? Call->getDirectCallee() : nullptr;
    if (Run && DrivenCalls.insert(Call).second)
      ++Driven[keyOf(Run)];
  }

  const SourceManager &SM;
  NameCache &Names;
  const NameList Drivers{
      tidy::utils::options::parseStringList(BlockingDrivers)};
  llvm::DenseMap<const Decl *, unsigned> &Uses;
  llvm::DenseMap<const Decl *, unsigned> &Driven;
  llvm::SmallVector<const FunctionDecl *, 8> Enclosing;
  llvm::SmallPtrSet<const CallExpr *, 16> DrivenCalls;
};

} // namespace

bool DrivenCoroutines::isDriven(const Decl *Key) const {
  auto D = Driven.find(Key);
  auto U = Uses.find(Key);
  return D != Driven.end() && U != Uses.end() && D->second == U->second;
}

void DrivenCoroutines::count(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  UseCounter Counter(SM, UnitAnalysis::of(Ctx).names(), Uses, Driven);
  Counter.TraverseDecl(Ctx.getTranslationUnitDecl());
  // A coroutine awaited where a driven coroutine has not yet suspended
  // starts on the driving thread too: `co_await f()` in the start of
  // `sync_wait(g())`'s g. Each driven coroutine passes that on once.
  llvm::DenseMap<const Decl *, llvm::SmallVector<const UseCounter::Await *>>
      ByCaller;
  for (const UseCounter::Await &A : Counter.Awaits)
    ByCaller[keyOf(A.In)].push_back(&A);
  llvm::SmallVector<const Decl *, 16> Work;
  for (const auto &[Key, Awaits] : ByCaller)
    if (isDriven(Key))
      Work.push_back(Key);
  while (!Work.empty()) {
    auto It = ByCaller.find(Work.pop_back_val());
    if (It == ByCaller.end())
      continue;
    auto Awaits = std::move(It->second);
    ByCaller.erase(It);
    std::optional<FirstSuspension> Start;
    for (const UseCounter::Await *A : Awaits) {
      const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(A->In->getBody());
      if (!Coro)
        continue;
      if (!Start)
        Start.emplace(Coro->getBody(), SM);
      if (!Start->startsBy(A->Loc))
        continue;
      ++Driven[A->Run];
      if (isDriven(A->Run))
        Work.push_back(A->Run);
    }
  }
}

bool DrivenCoroutines::drivenOnly(const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    return false;
  if (!Counted) {
    count(Ctx);
    Counted = true;
  }
  return isDriven(keyOf(FD));
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
  return !inLoopPastFirst(Loc);
}

bool FirstSuspension::startsBy(SourceLocation Loc) const {
  Loc = SM.getExpansionLoc(Loc);
  if (First.isValid() && SM.isBeforeInTranslationUnit(First, Loc))
    return false;
  return !inLoopPastFirst(Loc);
}

bool FirstSuspension::inLoopPastFirst(SourceLocation Loc) const {
  // A loop around Loc that goes on past the first suspension runs Loc
  // again after a resumption.
  return llvm::any_of(Loops, [&](SourceRange R) {
    return !SM.isBeforeInTranslationUnit(Loc, R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), Loc) && First.isValid() &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), First);
  });
}

} // namespace clang::tidy::async::utils
