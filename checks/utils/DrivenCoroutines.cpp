//===--- DrivenCoroutines.cpp - asynclint ---------------------------------===//

#include "DrivenCoroutines.h"
#include "ASTHelpers.h"
#include "Awaitable.h"
#include "StmtWalk.h"
#include "UnitAnalysis.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Stack.h"
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

// The local variable \p E names, itself or moved (`std::move(v)`), under a
// copy or a move, or null.
const VarDecl *localIn(const Expr *E) {
  E = E ? stripWrappers(E) : nullptr;
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = Construct->getArg(0);
  return localOrMoved(E);
}

// Counts, over the main file's declarations, every reference to a function
// and each use that runs it on a blocking thread: the operand of a blocking
// driver, a call whose result a plain function waits for right there
// (`f().get()`) or resumes by hand. Records for the second step each
// `co_await g(...)` (it starts g, and the tasks in the locals handed to g,
// on the awaiting coroutine's thread), the calls stored into local
// containers (`v.push_back(f())`) and the locals moved into others (an
// init-capture `[v = std::move(v)]`).
class UseCounter : public ConstDynamicRecursiveASTVisitor {
public:
  struct Await {
    const CallExpr *Call;
    const FunctionDecl *In;
    SourceLocation Loc;
    llvm::SmallVector<const VarDecl *, 1> Locals; // handed to the call
  };

  UseCounter(const SourceManager &SM, NameCache &Names, const NameList &Drivers,
             llvm::DenseMap<const Decl *, unsigned> &Uses,
             llvm::DenseMap<const Decl *, unsigned> &Driven)
      : SM(SM), Names(Names), Drivers(Drivers), Uses(Uses), Driven(Driven) {
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
  // A generated table's 30,000-term expression nests that deep: past the
  // stack clang noted for this thread, the rest of the walk goes on on a
  // fresh stack (as Sema does) instead of overflowing.
  bool TraverseStmt(const Stmt *S) override {
    bool Result = true;
    runWithSufficientStackSpace(
        [] {},
        [&] { Result = ConstDynamicRecursiveASTVisitor::TraverseStmt(S); });
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
  bool VisitVarDecl(const VarDecl *VD) override {
    if (const VarDecl *From = localIn(VD->getInit()); From && From != VD)
      MovedFrom[VD] = From;
    return true;
  }
  bool VisitCallExpr(const CallExpr *C) override {
    const FunctionDecl *Driver = C->getDirectCallee();
    if (!Driver || C->getNumArgs() == 0 || !Drivers.matches(Names.get(Driver)))
      return true;
    markDriven(C->getArg(0));
    return true;
  }
  bool VisitCXXMemberCallExpr(const CXXMemberCallExpr *C) override;
  bool VisitCoawaitExpr(const CoawaitExpr *E) override {
    const CallExpr *Call = callIn(E->getOperand());
    if (!Call || Enclosing.empty())
      return true;
    Await A{Call, Enclosing.back(), SM.getExpansionLoc(E->getBeginLoc()), {}};
    for (const Expr *Arg : Call->arguments())
      if (const VarDecl *Local = localIn(Arg))
        A.Locals.push_back(Local);
    Awaits.push_back(std::move(A));
    return true;
  }

  /// Counts the call \p E makes as started on a blocking thread, once;
  /// returns the function it runs, when that is new.
  const Decl *markDriven(const Expr *E) {
    const CallExpr *Call = callIn(E);
    const FunctionDecl *Run = Call ? Call->getDirectCallee() : nullptr;
    if (!Run || !DrivenCalls.insert(Call).second)
      return nullptr;
    ++Driven[keyOf(Run)];
    return keyOf(Run);
  }
  /// The calls whose tasks \p Local holds: stored into it, or into the
  /// locals it was moved from.
  llvm::SmallVector<const CallExpr *, 4> storedIn(const VarDecl *Local) const {
    llvm::SmallVector<const CallExpr *, 4> Out;
    for (unsigned Hops = 0; Local && Hops < 8; ++Hops) {
      if (auto It = Stored.find(Local); It != Stored.end())
        llvm::append_range(Out, It->second);
      Local = MovedFrom.lookup(Local);
    }
    return Out;
  }

  std::vector<Await> Awaits;

private:
  const SourceManager &SM;
  NameCache &Names;
  const NameList &Drivers;
  llvm::DenseMap<const Decl *, unsigned> &Uses;
  llvm::DenseMap<const Decl *, unsigned> &Driven;
  llvm::SmallVector<const FunctionDecl *, 8> Enclosing;
  llvm::SmallPtrSet<const CallExpr *, 16> DrivenCalls;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const CallExpr *, 2>>
      Stored;
  llvm::DenseMap<const VarDecl *, const VarDecl *> MovedFrom;
};

bool UseCounter::VisitCXXMemberCallExpr(const CXXMemberCallExpr *C) {
  const CXXMethodDecl *M = C->getMethodDecl();
  if (!M || !M->getIdentifier() || Enclosing.empty())
    return true;
  StringRef Name = M->getName();
  const VarDecl *Object = localIn(C->getImplicitObjectArgument());
  // `tasks.push_back(f())`: the container holds f's task.
  if (Object && C->getNumArgs() == 1 &&
      llvm::is_contained(
          {"push_back", "emplace_back", "push", "emplace", "insert"}, Name))
    if (const CallExpr *Call = callIn(C->getArg(0)))
      Stored[Object].push_back(Call);
  if (isCoroutine(Enclosing.back()))
    return true;
  // `f().get()`: this thread waits for f right where it starts it.
  if (llvm::is_contained({"get", "wait"}, Name))
    markDriven(C->getImplicitObjectArgument());
  // `auto t = f(); t.resume();`: this thread runs f by hand.
  if (Name == "resume" && Object && Object->getInit())
    markDriven(Object->getInit());
  return true;
}

} // namespace

bool DrivenCoroutines::isDriven(const Decl *Key) const {
  auto D = Driven.find(Key);
  auto U = Uses.find(Key);
  return D != Driven.end() && U != Uses.end() && D->second == U->second;
}

void DrivenCoroutines::count(ASTContext &Ctx) {
  noteBottomOfStack(); // no-op when the host already noted it
  const SourceManager &SM = Ctx.getSourceManager();
  UseCounter Counter(SM, UnitAnalysis::of(Ctx).names(), *Drivers, Uses, Driven);
  Counter.TraverseDecl(Ctx.getTranslationUnitDecl());
  // What a driven coroutine awaits before it first suspends starts on the
  // driving thread too: `co_await f()` in the start of `sync_wait(g())`'s
  // g, and the tasks of a local handed to the awaited call (a gather of
  // stored tasks). Each driven coroutine passes that on once.
  llvm::DenseMap<const Decl *, llvm::SmallVector<const UseCounter::Await *>>
      ByCaller;
  for (const UseCounter::Await &A : Counter.Awaits)
    ByCaller[keyOf(A.In)].push_back(&A);
  llvm::SmallVector<const Decl *, 16> Work;
  for (const auto &[Key, Awaits] : ByCaller)
    if (isDriven(Key))
      Work.push_back(Key);
  auto Mark = [&](const Expr *E) {
    if (const Decl *Key = Counter.markDriven(E); Key && isDriven(Key))
      Work.push_back(Key);
  };
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
      Mark(A->Call);
      for (const VarDecl *Local : A->Locals)
        for (const CallExpr *Stored : Counter.storedIn(Local))
          Mark(Stored);
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
  // The body's own code: a co_await in a lambda suspends the lambda.
  forEachStmt(Body, walks::OwnCode, [&](const Stmt *S) {
    if (isa<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S)) {
      SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
      if (First.isInvalid() || SM.isBeforeInTranslationUnit(L, First))
        First = L;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      Loops.push_back(SM.getExpansionRange(S->getSourceRange()).getAsRange());
  });
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
