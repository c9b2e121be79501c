//===--- AwaitOrdering.cpp - asynclint ------------------------------------===//

#include "AwaitOrdering.h"
#include "ASTHelpers.h"
#include "Awaitable.h"
#include "BlockingCatalog.h"
#include "DefUse.h"
#include "StmtWalk.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {
namespace {

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

// How deep neverSuspends follows awaited coroutines into their callees.
constexpr unsigned MaxCalleeDepth = 4;

using Visiting = llvm::SmallPtrSet<const FunctionDecl *, 4>;
bool neverSuspends(const CallExpr *Call, unsigned Depth, Visiting &Open,
                   const BlockingCatalog &Catalog);

// The await \p CA does not suspend: its awaiter resumes at once, or it
// awaits a coroutine that never suspends.
bool awaitNeverSuspends(const CoawaitExpr *CA, unsigned Depth, Visiting &Open,
                        const BlockingCatalog &Catalog) {
  if (resumesAtOnce(CA))
    return true;
  const auto *Call =
      dyn_cast_or_null<CallExpr>(stripWrappers(CA->getOperand()));
  return Call && neverSuspends(Call, Depth, Open, Catalog);
}

// Declared in namespace std, or in a class of it (`std::string::append`),
// or in a system header (the C library): the catalog says whether it waits.
bool libraryFunction(const FunctionDecl *FD) {
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return FD->getASTContext().getSourceManager().isInSystemHeader(
      FD->getLocation());
}

// The function \p FD (a lambda behind a type-erased callable too) that
// \p E calls or constructs with, or null.
const FunctionDecl *calleeOf(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getConstructor();
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  if (const FunctionDecl *Lambda = lambdaBehind(Call))
    return Lambda;
  return Call->getDirectCallee();
}

// The call or construction \p E may wait: the catalog says it blocks, or it
// calls what we cannot see into (declared only, virtual, through a
// pointer), or a function defined here whose body may wait (to a bounded
// depth). The standard and C library wait only where the catalog says so;
// a coroutine call's await decides for it.
bool bodyNeverWaits(const Stmt *Body, unsigned Depth, Visiting &Open,
                    const BlockingCatalog &Catalog);
bool callMayWait(const Expr *E, unsigned Depth, Visiting &Open,
                 const BlockingCatalog &Catalog) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (Call && isa<CXXPseudoDestructorExpr>(Call->getCallee()))
    return false; // `x.~T()` of a scalar: nothing runs
  const FunctionDecl *Callee = calleeOf(E);
  if (!Callee || Catalog.blockingName(E, Callee))
    return true;
  if (libraryFunction(Callee) || Callee->getBuiltinID() ||
      UnitAnalysis::of(Callee->getASTContext())
          .awaitables()
          .isAwaitable(E->getType()))
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  const FunctionDecl *Def = nullptr;
  if (Depth > MaxCalleeDepth || (Method && Method->isVirtual()) ||
      !Callee->hasBody(Def) || !Def)
    return true;
  if (Open.contains(Def))
    return false; // recursion: the rest of its body decides
  Open.insert(Def);
  bool Quiet = bodyNeverWaits(Def->getBody(), Depth + 1, Open, Catalog);
  Open.erase(Def);
  return !Quiet;
}

// \p Body (a coroutine's or a helper's) neither suspends nor blocks: each
// await never suspends (an awaiter that resumes at once, or a coroutine
// that never suspends), there is no co_yield, and no call may wait.
// Blocking is waiting too: a coroutine that reads a file without suspending
// still overlaps with others gathered on a thread pool.
bool bodyNeverWaits(const Stmt *Body, unsigned Depth, Visiting &Open,
                    const BlockingCatalog &Catalog) {
  return StmtWalker(walks::OwnCode)
      .walk(Body, [&](const Stmt *S, const WalkContext &) {
        if (const auto *CA = dyn_cast<CoawaitExpr>(S))
          return awaitNeverSuspends(CA, Depth + 1, Open, Catalog) ? Walk::Into
                                                                  : Walk::Stop;
        if (isa<CoyieldExpr, DependentCoawaitExpr>(S))
          return Walk::Stop;
        if (isa<CallExpr, CXXConstructExpr>(S) &&
            callMayWait(cast<Expr>(S), Depth, Open, Catalog))
          return Walk::Stop;
        return Walk::Into;
      });
}

// The awaited call runs a coroutine, defined here, that never suspends: it
// starts in place (its promise's initial_suspend is std::suspend_always,
// std::suspend_never or an awaiter whose await_suspend does nothing, so the
// await itself resumes it) and its body never waits (bodyNeverWaits, to a
// bounded depth; a coroutine awaiting itself, as a recursive fib does, is
// decided by the rest of its body). It runs to completion inside the await,
// on the awaiting thread: there is no waiting to overlap, however much it
// computes.
bool neverSuspends(const CallExpr *Call, unsigned Depth, Visiting &Open,
                   const BlockingCatalog &Catalog) {
  const FunctionDecl *FD = Call->getDirectCallee();
  // A lambda called through a type-erased callable it initialised.
  if (const FunctionDecl *Lambda = lambdaBehind(Call))
    FD = Lambda;
  const FunctionDecl *Def = nullptr;
  if (Depth > MaxCalleeDepth || !FD || !FD->hasBody(Def) || !Def)
    return false;
  if (Open.contains(Def))
    return true;
  const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
  if (!Coro)
    return false;
  // Started in place: the await that resumes it runs it (whether or not
  // the initial awaiter is ready, its await_suspend hands the handle to no
  // one).
  const auto *InitialExpr = dyn_cast_or_null<Expr>(Coro->getInitSuspendStmt());
  const auto *Initial =
      InitialExpr
          ? dyn_cast<CoroutineSuspendExpr>(InitialExpr->IgnoreImplicit())
          : nullptr;
  const auto *Awaiter =
      Initial ? Initial->getOperand()->getType()->getAsCXXRecordDecl()
              : nullptr;
  if (!Awaiter || !(isStdSuspend(Awaiter) || suspendsInPlace(Awaiter)))
    return false;
  Open.insert(Def);
  bool Never = bodyNeverWaits(Coro->getBody(), Depth, Open, Catalog);
  Open.erase(Def);
  return Never;
}

} // namespace

AwaitOrdering::AwaitOrdering(ClangTidyCheck::OptionsView &Options)
    : GatherFunction(Options.getLocalOrGlobal("GatherFunction", "")),
      IgnoredFunctions(tidy::utils::options::parseStringList(
          Options.getLocalOrGlobal("IgnoredFunctions", ""))),
      OrderedFunctions(
          tidy::utils::options::parseStringList(Options.getLocalOrGlobal(
              "OrderedFunctions", DefaultOrderedFunctions))),
      Ignored(IgnoredFunctions), Ordered(OrderedFunctions), Catalog([] {
        CatalogLists Defaults;
        Defaults.Drivers =
            tidy::utils::options::parseStringList(catalog::Drivers);
        return Defaults;
      }()) {}

void AwaitOrdering::storeOptions(ClangTidyCheck::OptionsView &Options,
                                 ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "GatherFunction", GatherFunction);
  Options.store(Opts, "IgnoredFunctions",
                tidy::utils::options::serializeStringList(IgnoredFunctions));
  Options.store(Opts, "OrderedFunctions",
                tidy::utils::options::serializeStringList(OrderedFunctions));
}

AwaitOrdering::Kind AwaitOrdering::classify(const CallExpr *Call,
                                            const CoawaitExpr *Await) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  if (!Callee)
    return Kind::Ordered;
  UnitAnalysis &Unit = UnitAnalysis::of(Callee->getASTContext());
  const std::string &Name = Unit.names().get(Callee);
  Visiting Open;
  if (Ignored.matches(Name) || awaitNeverSuspends(Await, 0, Open, Catalog))
    return Kind::Ignored;
  if (Ordered.matches(Name) || Unit.awaitables().isCombinator(Call))
    return Kind::Ordered;
  return Kind::Independent;
}

namespace {
// A copy of \p RD can be made: its copy constructor is not deleted
// (declared, or implicit and not defined as deleted).
bool copyable(const CXXRecordDecl *RD) {
  if (RD->needsImplicitCopyConstructor())
    return !RD->defaultedCopyConstructorIsDeleted();
  return llvm::any_of(RD->ctors(), [](const CXXConstructorDecl *C) {
    return C->isCopyConstructor() && !C->isDeleted();
  });
}
} // namespace

bool AwaitOrdering::isScopeGuard(const VarDecl *Var) {
  // Sema marks a variable referenced when any expression names it (what
  // -Wunused-variable reads); the destructor call at the end of the scope
  // does not.
  const CXXRecordDecl *RD = Var->getType()->getAsCXXRecordDecl();
  return RD && !isa<DecompositionDecl>(Var) && RD->hasDefinition() &&
         !RD->hasTrivialDestructor() && !copyable(RD) && !Var->isReferenced();
}

} // namespace clang::tidy::async::utils
