//===--- AwaitOrdering.cpp - asynclint ------------------------------------===//

#include "AwaitOrdering.h"
#include "ASTHelpers.h"
#include "DefUse.h"
#include "StmtWalk.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {
namespace {

// Declared in namespace std, or in a class of it (`std::string::begin`).
bool inStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

bool isStdSuspend(const CXXRecordDecl *Awaiter) {
  return Awaiter->isInStdNamespace() && Awaiter->getIdentifier() &&
         (Awaiter->getName() == "suspend_always" ||
          Awaiter->getName() == "suspend_never");
}

// An awaiter whose await_suspend has an empty body hands the coroutine to
// no one (no executor, no other thread): like std::suspend_always, the
// coroutine waits for whoever awaits it.
bool suspendsInPlace(const CXXRecordDecl *Awaiter) {
  const IdentifierInfo &Name =
      Awaiter->getASTContext().Idents.get("await_suspend");
  bool Found = false;
  for (const NamedDecl *D : Awaiter->lookup(&Name)) {
    const auto *MD = dyn_cast<CXXMethodDecl>(D);
    const FunctionDecl *Def = nullptr;
    if (!MD || !MD->hasBody(Def) || !Def)
      return false;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
    if (!Body || !Body->body_empty())
      return false;
    Found = true;
  }
  return Found;
}

// The awaited call runs a coroutine, defined here, that never suspends: its
// initial_suspend is std::suspend_always (resumed at once by the await),
// std::suspend_never or an awaiter whose await_suspend does nothing, and
// its own code has no loop and calls only the standard library (so it is
// cheap: gathered on a thread pool, a loop over a file would overlap), and has
// no co_await or co_yield. It runs to completion inside the await, so there is
// nothing to overlap.
bool neverSuspends(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return false;
  const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
  if (!Coro)
    return false;
  const auto *InitialExpr = dyn_cast_or_null<Expr>(Coro->getInitSuspendStmt());
  const auto *Initial =
      InitialExpr
          ? dyn_cast<CoroutineSuspendExpr>(InitialExpr->IgnoreImplicit())
          : nullptr;
  if (!Initial)
    return false;
  const auto *Awaiter = Initial->getOperand()->getType()->getAsCXXRecordDecl();
  if (!Awaiter || !(isStdSuspend(Awaiter) || suspendsInPlace(Awaiter)))
    return false;
  bool Suspends = false;
  StmtWalker(walks::OwnCode)
      .walk(Coro->getBody(), [&](const Stmt *S, const WalkContext &) {
        // A loop, or a call of our own code, is work an executor could run
        // in parallel when the tasks are gathered: keep it.
        const auto *Call = dyn_cast<CallExpr>(S);
        const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
        bool OwnCall = Call && !(Callee && inStd(Callee));
        if (!isa<CoawaitExpr, CoyieldExpr, DependentCoawaitExpr, ForStmt,
                 WhileStmt, DoStmt, CXXForRangeStmt>(S) &&
            !OwnCall)
          return Walk::Into;
        Suspends = true;
        return Walk::Stop;
      });
  return !Suspends;
}

} // namespace

AwaitOrdering::AwaitOrdering(ClangTidyCheck::OptionsView &Options)
    : GatherFunction(Options.getLocalOrGlobal("GatherFunction", "")),
      IgnoredFunctions(tidy::utils::options::parseStringList(
          Options.getLocalOrGlobal("IgnoredFunctions", ""))),
      OrderedFunctions(
          tidy::utils::options::parseStringList(Options.getLocalOrGlobal(
              "OrderedFunctions", DefaultOrderedFunctions))),
      Ignored(IgnoredFunctions), Ordered(OrderedFunctions) {}

void AwaitOrdering::storeOptions(ClangTidyCheck::OptionsView &Options,
                                 ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "GatherFunction", GatherFunction);
  Options.store(Opts, "IgnoredFunctions",
                tidy::utils::options::serializeStringList(IgnoredFunctions));
  Options.store(Opts, "OrderedFunctions",
                tidy::utils::options::serializeStringList(OrderedFunctions));
}

AwaitOrdering::Kind AwaitOrdering::classify(const CallExpr *Call) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  if (!Callee)
    return Kind::Ordered;
  UnitAnalysis &Unit = UnitAnalysis::of(Callee->getASTContext());
  const std::string &Name = Unit.names().get(Callee);
  if (Ignored.matches(Name) || neverSuspends(Call))
    return Kind::Ignored;
  if (Ordered.matches(Name) || Unit.awaitables().isCombinator(Call))
    return Kind::Ordered;
  return Kind::Independent;
}

} // namespace clang::tidy::async::utils
