//===--- BlockingChains.cpp - asynclint -----------------------------------===//

#include "BlockingChains.h"
#include "ASTHelpers.h"
#include "Annotations.h"
#include "Awaitable.h"
#include "StmtWalk.h"
#include "UnitAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>

namespace clang::tidy::async::utils {
namespace {

// Whether \p E is a pointer to an executor or a scheduler (a class so
// named): the thread a coroutine runs on, when there is one.
bool isExecutorPointer(const Expr *E) {
  if (!E || !E->getType()->isPointerType())
    return false;
  const auto *Record = E->getType()->getPointeeType()->getAsTagDecl();
  if (!Record || !Record->getIdentifier())
    return false;
  std::string Name = Record->getName().lower();
  return StringRef(Name).contains("executor") ||
         StringRef(Name).contains("scheduler");
}

// The branch of \p If taken when an executor pointer is null (`if (!ex)`,
// `if (ex == nullptr)`, the else of `if (ex)`), or null.
const Stmt *noExecutorBranch(const IfStmt *If) {
  if (If->isConstexpr() || If->getConditionVariable())
    return nullptr;
  const Expr *Cond = utils::stripWrappers(If->getCond());
  bool WhenTrue = false; // is the null case the then branch
  const Expr *Tested = Cond;
  auto IsNull = [](const Expr *E) {
    E = utils::stripWrappers(E);
    const auto *Zero = dyn_cast<IntegerLiteral>(E);
    return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E) ||
           (Zero && Zero->getValue().isZero());
  };
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    Tested = utils::stripWrappers(Not->getSubExpr());
    WhenTrue = true;
  } else if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond);
             Cmp && Cmp->isEqualityOp()) {
    if (IsNull(Cmp->getRHS()))
      Tested = utils::stripWrappers(Cmp->getLHS());
    else if (IsNull(Cmp->getLHS()))
      Tested = utils::stripWrappers(Cmp->getRHS());
    else
      return nullptr;
    WhenTrue = Cmp->getOpcode() == BO_EQ;
  }
  if (!isExecutorPointer(Tested))
    return nullptr;
  return WhenTrue ? If->getThen() : If->getElse();
}

// The call an awaited operand makes, under temporaries and conversions.
const CallExpr *awaitedCall(const Expr *Operand) {
  if (!Operand)
    return nullptr;
  return dyn_cast<CallExpr>(stripWrappers(Operand));
}

// Adds to \p Out the initializers of \p Decls' automatic variables.
void noteInitializers(const DeclStmt *Decls,
                      llvm::SmallPtrSetImpl<const Expr *> &Out) {
  // The whole initializer of a local variable with automatic storage
  // (co_await is ill-formed in a static one's), or the one argument of the
  // conversion that makes it.
  for (const Decl *D : Decls->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->getInit())
      continue;
    const Expr *Init = stripWrappers(VD->getInit());
    Out.insert(Init);
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
        Construct && Construct->getNumArgs() == 1)
      Out.insert(stripWrappers(Construct->getArg(0)));
  }
}

// A member function of \p RD or of one of its bases is named like what work
// is handed to: post, execute, submit, schedule, enqueue, dispatch, spawn
// or get_executor, in any case and with or without underscores (`Submit`,
// `GetExecutor`).
bool hasExecutorMember(const CXXRecordDecl *RD) {
  auto Own = [](const CXXRecordDecl *C) {
    return llvm::any_of(C->methods(), [](const CXXMethodDecl *M) {
      if (!M->getIdentifier())
        return false;
      std::string Name;
      for (char Ch : M->getName())
        if (Ch != '_')
          Name += llvm::toLower(Ch);
      return llvm::is_contained(
          std::initializer_list<StringRef>{"post", "execute", "submit",
                                           "schedule", "enqueue", "dispatch",
                                           "spawn", "getexecutor"},
          Name);
    });
  };
  if (Own(RD))
    return true;
  bool Found = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    Found = Found || Own(Base);
    return !Found;
  });
  return Found;
}

// The class a value of type \p T is or points to (through a reference, a
// raw pointer, or a smart pointer's operator->) is an executor, scheduler,
// pool or execution context by its members: something work is posted,
// submitted or scheduled to.
bool isExecutorLike(QualType T, unsigned Depth = 0) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = getRecordForStructure(T);
  if (!RD || RD->isLambda() || !RD->hasDefinition())
    return false;
  if (hasExecutorMember(RD))
    return true;
  if (Depth > 0)
    return false;
  DeclarationName Arrow =
      RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Arrow);
  return llvm::any_of(RD->lookup(Arrow), [&](const NamedDecl *D) {
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    return M && M->getReturnType()->isPointerType() &&
           isExecutorLike(M->getReturnType(), Depth + 1);
  });
}

// The body of \p Callee, defined in this unit, calls one of its parameters
// itself (`f()`, `std::invoke(f)` is not looked for): a callable handed to
// it runs inline.
bool callsParameterInline(const FunctionDecl *Callee) {
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  if (!Def || !Def->hasBody())
    return false;
  return !StmtWalker(walks::Everything)
              .walk(Def->getBody(), [](const Stmt *S, const WalkContext &) {
                const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
                const Expr *Callable = nullptr;
                if (Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
                  Callable = Op->getArg(0);
                else if (const auto *C = dyn_cast<CallExpr>(S))
                  Callable = C->getCallee();
                const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
                    Callable ? Callable->IgnoreParenImpCasts() : nullptr);
                return Ref && isa<ParmVarDecl>(Ref->getDecl()) ? Walk::Stop
                                                               : Walk::Into;
              });
}

// \p Call also receives an executor: as an argument or as its object.
bool receivesExecutor(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && isExecutorLike(Member->getImplicitObjectArgument()->getType()))
    return true;
  return llvm::any_of(Call->arguments(), [](const Expr *Arg) {
    return isExecutorLike(Arg->getType());
  });
}

// \p E is a call whose last argument is a predicate: a callable returning
// bool (`cv.wait(lock, [&] { return !full(); })`). A wait given one waits
// only while the predicate is false.
bool hasPredicateArgument(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || Call->getNumArgs() < 2)
    return false;
  const Expr *Last = Call->getArg(Call->getNumArgs() - 1);
  QualType T = Last->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (const auto *Fn = T->getAs<FunctionProtoType>())
    return Fn->getReturnType()->isBooleanType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  DeclarationName CallOp =
      RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  return llvm::any_of(RD->lookup(CallOp), [](const NamedDecl *D) {
    const auto *MD = dyn_cast<CXXMethodDecl>(D);
    return MD && MD->getReturnType()->isBooleanType();
  });
}

// The lambdas \p E builds an object of directly (`then_run{[&] {...}}`,
// through braces and constructor arguments, not through a call, whose
// lambda arguments are looked at as a call's).
void heldLambdas(const Expr *E, llvm::SmallVectorImpl<const LambdaExpr *> &Out,
                 unsigned Depth = 0) {
  E = E ? stripWrappers(E) : nullptr;
  if (!E || Depth > 4)
    return;
  if (const auto *L = dyn_cast<LambdaExpr>(E)) {
    Out.push_back(L);
  } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
    heldLambdas(Cast->getSubExpr(), Out, Depth + 1);
  } else if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Part : Init->inits())
      heldLambdas(Part, Out, Depth + 1);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    for (const Expr *Arg : Construct->arguments())
      heldLambdas(Arg, Out, Depth + 1);
  } else if (const auto *Paren = dyn_cast<CXXParenListInitExpr>(E)) {
    for (const Expr *Part : Paren->getInitExprs())
      heldLambdas(Part, Out, Depth + 1);
  }
}

// What \p E designates at its root, as a descriptor argument: a variable,
// a field of `this` (`fd_`), or the object a member is read or called on
// (`sock.native_handle()`: sock).
const ValueDecl *rootDecl(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = stripWrappers(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(stripWrappers(Member->getBase())))
        return Member->getMemberDecl();
      E = Member->getBase();
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

// The variables and fields the awaited operands \p Operands mention, and
// those the initializers of the locals they mention do (two levels: `auto
// ev = Event{.fd = fd_}; auto w = loop.wait_event(ev); co_await w;`).
llvm::SmallPtrSet<const ValueDecl *, 8>
awaitedMentions(llvm::ArrayRef<const Expr *> Operands) {
  llvm::SmallPtrSet<const ValueDecl *, 8> Seen;
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 8> Work;
  for (const Expr *E : Operands)
    Work.push_back({E, 0});
  while (!Work.empty()) {
    auto [Root, Level] = Work.pop_back_val();
    forEachStmt(Root, walks::Everything, [&](const Stmt *S) {
      const ValueDecl *D = nullptr;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        D = Ref->getDecl();
      else if (const auto *Member = dyn_cast<MemberExpr>(S))
        D = Member->getMemberDecl();
      if (!D || !Seen.insert(D).second)
        return;
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && VD->getInit() && Level < 2)
        Work.push_back({VD->getInit(), Level + 1});
    });
  }
  return Seen;
}

} // namespace

void BlockingChains::noteAwaitedDescriptors(
    llvm::ArrayRef<const Expr *> Operands, llvm::ArrayRef<CallSite> Sites,
    BodyFacts &Seen) const {
  if (Seen.NonBlocking || Operands.empty())
    return;
  llvm::SmallPtrSet<const ValueDecl *, 8> Mentioned;
  bool Computed = false;
  for (const CallSite &S : Sites) {
    const auto *Call = dyn_cast<CallExpr>(S.E);
    const ValueDecl *Descriptor =
        Call && Call->getNumArgs() > 0 ? rootDecl(Call->getArg(0)) : nullptr;
    if (!Descriptor)
      continue;
    if (!Computed) {
      Mentioned = awaitedMentions(Operands);
      Computed = true;
    }
    // The catalog is asked only of a call on an awaited descriptor.
    if (!Mentioned.contains(Descriptor))
      continue;
    std::optional<std::string> Name = Catalog.blockingName(S.E, S.Callee);
    if (Name && BlockingCatalog::isSocketCall(*Name)) {
      Seen.NonBlocking = true;
      return;
    }
  }
}

void BlockingChains::startUnit(const ASTContext *Ctx) {
  AST = Ctx;
  Chains[0].clear();
  Chains[1].clear();
  SitesOf.clear();
  FactsOf.clear();
  OffloadedParams.clear();
  CallsParameter.clear();
  StackDepth = 0;
}

bool BlockingChains::followable(const Expr *Call,
                                const FunctionDecl *FD) const {
  if (!FD || !FD->hasBody() || isCoroutine(FD) ||
      hasAnnotation(FD, annotations::NonBlocking))
    return false;
  const ASTContext &Ctx = FD->getASTContext();
  if (Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return false;
  // An awaiter's await_resume runs once its operation is complete (a
  // combinator calls it by hand when await_ready() says so): what it waits
  // for has finished.
  if (isa<CXXMethodDecl>(FD) && FD->getIdentifier() &&
      FD->getName() == "await_resume")
    return false;
  // A lambda called through a variable (`auto f = [] {...}; f();`) is
  // followed like a function. One invoked where it is written, or handed to
  // a call, is walked in place by collectSites.
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
      M && M->getParent()->isLambda()) {
    // A parameter holding a lambda (`template <class F> void run(F f)
    // { f(); }`) is not followed: the lambda's body was walked where it was
    // handed over.
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
    const auto *Ref = Op && Op->getNumArgs() > 0
                          ? dyn_cast<DeclRefExpr>(stripWrappers(Op->getArg(0)))
                          : nullptr;
    if (!Ref || !isa<VarDecl>(Ref->getDecl()) ||
        isa<ParmVarDecl>(Ref->getDecl()))
      return false;
  }
  return !Catalog.isIgnored(
      UnitAnalysis::of(FD->getASTContext()).names().get(FD));
}

bool BlockingChains::offloadsParameter(const CallExpr *Call,
                                       unsigned ArgIndex) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Callee)) {
    if (ArgIndex == 0) // the object (an immediately invoked lambda)
      return false;
    --ArgIndex;
  }
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  if (!Def || !Def->hasBody() || ArgIndex >= Def->getNumParams())
    return false;
  auto [Known, New] = OffloadedParams.try_emplace({Def, ArgIndex}, false);
  if (!New)
    return Known->second;
  const ParmVarDecl *Param = Def->getParamDecl(ArgIndex);
  auto Mentions = [Param](const Stmt *Root) {
    return !StmtWalker(walks::Everything)
                .walk(Root, [&](const Stmt *S, const WalkContext &) {
                  const auto *Ref = dyn_cast<DeclRefExpr>(S);
                  return Ref && Ref->getDecl() == Param ? Walk::Stop
                                                        : Walk::Into;
                });
  };
  // An offload call or construction in the body (a std::thread, a post to
  // an executor) whose arguments mention the parameter: the callback is
  // handed on to run elsewhere.
  bool Offloaded =
      !StmtWalker(walks::Everything)
           .walk(Def->getBody(), [&](const Stmt *S, const WalkContext &) {
             const NamedDecl *Target = nullptr;
             if (const auto *C = dyn_cast<CallExpr>(S))
               Target = dyn_cast_or_null<NamedDecl>(C->getCalleeDecl());
             else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
               Target = Construct->getConstructor()->getParent();
             return Target && Catalog.isOffload(Target) && Mentions(S)
                        ? Walk::Stop
                        : Walk::Into;
           });
  return OffloadedParams[{Def, ArgIndex}] = Offloaded;
}

bool BlockingChains::runsArgumentsHere(const CallExpr *Call) {
  // A lambda handed to an ordinary call may run right here (an algorithm,
  // call_once, an immediately invoked lambda); one handed to an offload
  // function runs elsewhere, one handed to a standard container is stored
  // (a vector of threads starts one), and one handed to a function that
  // also receives an executor runs on it (`Run(pool, fn)`) unless that
  // function is seen to call it itself.
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  if (Catalog.isOffload(Callee) || Catalog.isOffloadByName(Call) ||
      BlockingCatalog::storesArgument(Callee))
    return false;
  if (!receivesExecutor(Call))
    return true;
  const auto *Def = dyn_cast_or_null<FunctionDecl>(Callee);
  Def = Def ? Def->getDefinition() : nullptr;
  auto [It, New] = CallsParameter.try_emplace(Def, false);
  if (New)
    It->second = callsParameterInline(Def);
  return It->second;
}

bool BlockingChains::isCpuExecutor(const Expr *E) const {
  if (!E || !AST)
    return false;
  E = E->IgnoreParenImpCasts();
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                           AST->getSourceManager(), AST->getLangOpts());
  return Catalog.isCpuExecutor(Text);
}

void BlockingChains::noteFacts(const Stmt *S, bool InLambda,
                               BodyFacts &Seen) const {
  const Expr *Operand = nullptr;
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    Operand = Await->getOperand();
  else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(S))
    Operand = Dependent->getOperand();
  if (Operand) {
    // co_await in a lambda body entered here cannot be (that lambda is not
    // a coroutine), but say so: a switch moves this coroutine only.
    const CallExpr *Call = awaitedCall(Operand);
    const auto *Callee =
        Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
    if (Callee) {
      const std::string &Name =
          UnitAnalysis::of(Callee->getASTContext()).names().get(Callee);
      if (Catalog.isReadiness(Name))
        Seen.NonBlocking = true;
      if (!InLambda &&
          (Catalog.isSwitch(Name) || Catalog.switchesByShape(Call))) {
        // The executor: the object of `pool.schedule()`, else the first
        // argument of `resume_on(executor)`, `post(pool, token)`.
        const Expr *Executor = nullptr;
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          Executor = Member->getImplicitObjectArgument();
        else if (Call->getNumArgs() > 0)
          Executor = Call->getArg(0);
        Seen.Moves.emplace_back(S->getEndLoc(), isCpuExecutor(Executor));
      }
    }
    return;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    if (const Stmt *Branch = noExecutorBranch(If))
      Seen.NoExecutor.push_back(Branch->getSourceRange());
  if (Seen.NonBlocking)
    return;
  if (const auto *Lit = dyn_cast<IntegerLiteral>(S); Lit && AST) {
    // EWOULDBLOCK expands to EAGAIN expands to 11: look at every level.
    const SourceManager &SM = AST->getSourceManager();
    for (SourceLocation Loc = Lit->getBeginLoc(); Loc.isMacroID();
         Loc = SM.getImmediateMacroCallerLoc(Loc))
      if (BlockingCatalog::isNonBlockingMacro(
              Lexer::getImmediateMacroName(Loc, SM, AST->getLangOpts()))) {
        Seen.NonBlocking = true;
        return;
      }
  }
  const NamedDecl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Named = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(S))
    Named = Member->getMemberDecl();
  // SOCK_NONBLOCK is also an enumerator of the same name.
  if (Named && Named->getIdentifier() &&
      (BlockingCatalog::isWouldBlockName(Named->getName()) ||
       BlockingCatalog::isNonBlockingMacro(Named->getName())))
    Seen.NonBlocking = true;
}

void BlockingChains::collectSites(const Stmt *Body, std::vector<CallSite> &Out,
                                  BodyFacts &Seen) {
  // walks::CallSites: the function's own calls, and those of the lambdas
  // handed to a call that runs them right here. The branch an `if
  // constexpr` keeps is walked afterwards, with its context, by a further
  // walk of the same walker (the discarded one never runs).
  StmtWalker Walker(walks::CallSites);
  struct Root {
    const Stmt *S;
    WalkContext Ctx;
  };
  llvm::SmallVector<Root, 2> Roots{{Body, {}}};
  llvm::SmallPtrSet<const Stmt *, 16> Statements;
  llvm::SmallPtrSet<const Expr *, 16> Initializers;
  llvm::SmallVector<const Expr *, 4> AwaitOperands;
  while (!Roots.empty()) {
    Root R = Roots.pop_back_val();
    Walker.walk(R.S, [&](const Stmt *S, const WalkContext &WCtx) {
      bool InLambda = WCtx.InLambda || R.Ctx.InLambda;
      bool InHandler = WCtx.InCatchHandler || R.Ctx.InCatchHandler;
      bool InBranch = WCtx.InBranch || R.Ctx.InBranch;
      // Unevaluated operands are not calls.
      if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr>(S))
        return Walk::Over;
      if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(S);
          TypeId && !TypeId->isPotentiallyEvaluated())
        return Walk::Over;
      if (const auto *Compound = dyn_cast<CompoundStmt>(S))
        for (const Stmt *Child : Compound->body())
          if (const auto *E = dyn_cast<Expr>(Child))
            Statements.insert(stripWrappers(E));
      if (const auto *Decls = dyn_cast<DeclStmt>(S))
        noteInitializers(Decls, Initializers);
      if (const auto *If = dyn_cast<IfStmt>(S); If && If->isConstexpr()) {
        if (!AST)
          return Walk::Over;
        // In a template pattern the condition is dependent: each
        // instantiation has only the branch it keeps.
        std::optional<const Stmt *> Kept = If->getNondiscardedCase(*AST);
        if (Kept && *Kept) {
          WalkContext Inner = WCtx;
          Inner.InLambda = InLambda;
          Inner.InCatchHandler = InHandler;
          Inner.InBranch = InBranch;
          Roots.push_back({*Kept, Inner});
        }
        return Walk::Over;
      }
      noteFacts(S, InLambda, Seen);
      if (const auto *Await = dyn_cast<CoawaitExpr>(S); Await && !InLambda) {
        AwaitOperands.push_back(Await->getOperand());
        // An awaiter that calls the callable it holds when the coroutine
        // resumes runs it here.
        llvm::SmallVector<const LambdaExpr *, 1> Held;
        heldLambdas(Await->getOperand(), Held);
        if (!Held.empty() && resumeCallsHeldCallable(Await))
          for (const LambdaExpr *L : Held)
            if (!isCoroutine(L->getCallOperator()))
              Walker.enterLambdaBody(L, InBranch);
      }
      if (const auto *Await = dyn_cast<DependentCoawaitExpr>(S);
          Await && !InLambda)
        AwaitOperands.push_back(Await->getOperand());
      if (const auto *Call = dyn_cast<CallExpr>(S)) {
        const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
        Out.push_back({Call, Callee, !InLambda, InHandler,
                       Statements.contains(Call), Initializers.contains(Call),
                       InBranch || InHandler});
        // A coroutine lambda is a coroutine of its own, checked as one.
        // Whether the call runs its lambdas here is asked once, and only
        // of a call that is handed one.
        std::optional<bool> Here;
        for (auto [I, Arg] : llvm::enumerate(Call->arguments()))
          if (const auto *L = dyn_cast_or_null<LambdaExpr>(stripWrappers(Arg));
              L && !isCoroutine(L->getCallOperator())) {
            if (!Here)
              Here = runsArgumentsHere(Call);
            if (*Here && !offloadsParameter(Call, I))
              Walker.enterLambdaBody(L, InBranch);
          }
      } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
        Out.push_back({Construct, Construct->getConstructor(), !InLambda,
                       InHandler, false, false, InBranch || InHandler});
      }
      return Walk::Into;
    });
  }
  noteAwaitedDescriptors(AwaitOperands, Out, Seen);
  // Source order, so the first blocking call in a body is the one reported;
  // of the sites that begin together, the enclosing one first (`a().b()`:
  // b, then a), as the walk met them.
  llvm::sort(Out, [](const CallSite &A, const CallSite &B) {
    auto Key = [](const CallSite &S) {
      return std::make_pair(S.E->getBeginLoc().getRawEncoding(),
                            ~S.E->getEndLoc().getRawEncoding());
    };
    return Key(A) < Key(B);
  });
}

bool BlockingChains::goesThrough(const CallSite &S, bool Blocking) const {
  return FollowConditional ||
         !(S.Conditional || (Blocking && hasPredicateArgument(S.E)));
}

const BlockingChain &BlockingChains::chainFrom(const FunctionDecl *FD,
                                               unsigned Budget,
                                               bool SocketsNonBlocking,
                                               unsigned &Cut) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  auto &Memos = Chains[SocketsNonBlocking];
  BlockingChain &Memo = Memos[FD];
  if (Memo.Depth != ~0U) {
    // A cycle: this function's search is still running further up.
    Cut = std::min(Cut, Memo.Depth);
    return Memo;
  }
  // A result found within the budget stays valid for any budget that
  // reaches it; "none" is valid for budgets no larger than it was searched.
  if (Memo.Computed && ((Memo.Hops != ~0U && Memo.Hops <= Budget) ||
                        (Memo.Hops == ~0U && Memo.Budget >= Budget)))
    return Memo;
  unsigned MyDepth = StackDepth++;
  Memo = BlockingChain();
  Memo.Depth = MyDepth;
  const std::vector<CallSite> &Sites = sitesOf(FD);
  bool OwnEvidence = factsOf(FD).NonBlocking;
  BlockingChain Best;
  Best.Budget = Budget;
  unsigned MyCut = ~0U;
  for (const CallSite &S : Sites) {
    std::optional<std::string> Name = Catalog.blockingName(S.E, S.Callee);
    if (!goesThrough(S, Name.has_value()))
      continue;
    if (Name) {
      if (!((SocketsNonBlocking || OwnEvidence) &&
            BlockingCatalog::isSocketCall(*Name))) {
        Best.Hops = 0;
        Best.Call = S.E;
        Best.Next = nullptr;
        break;
      }
      continue;
    }
    const auto *Next = dyn_cast_or_null<FunctionDecl>(S.Callee);
    if (Budget == 0 || !followable(S.E, Next))
      continue;
    // Copy: the map may grow (and move) during the recursive call.
    BlockingChain Down = chainFrom(Next, Budget - 1, SocketsNonBlocking, MyCut);
    if (Down.Hops != ~0U && Down.Hops + 1 < Best.Hops) {
      Best.Hops = Down.Hops + 1;
      Best.Call = S.E;
      Best.Next = Next->getDefinition() ? Next->getDefinition() : Next;
    }
  }
  --StackDepth;
  BlockingChain &Slot = Memos[FD];
  Slot = Best;
  // A search that ran into a function still in progress above this one saw
  // that function's answer as "none" so far: its result holds for this
  // search only, and is searched again by the next caller.
  Slot.Computed = MyCut >= MyDepth;
  if (MyCut < MyDepth)
    Cut = std::min(Cut, MyCut);
  return Slot;
}

const std::vector<CallSite> &BlockingChains::sitesOf(const FunctionDecl *FD) {
  auto It = SitesOf.find(FD);
  if (It == SitesOf.end()) {
    std::vector<CallSite> Sites;
    BodyFacts Seen;
    collectSites(FD->getBody(), Sites, Seen);
    FactsOf[FD] = Seen;
    It = SitesOf.try_emplace(FD, std::move(Sites)).first;
  }
  return It->second;
}

const BodyFacts &BlockingChains::factsOf(const FunctionDecl *FD) {
  sitesOf(FD);
  return FactsOf[FD];
}

const BlockingChain *BlockingChains::step(const FunctionDecl *FD,
                                          bool SocketsNonBlocking) const {
  auto It = Chains[SocketsNonBlocking].find(FD);
  return It == Chains[SocketsNonBlocking].end() ? nullptr : &It->second;
}

} // namespace clang::tidy::async::utils
