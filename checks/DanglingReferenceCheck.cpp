//===--- DanglingReferenceCheck.cpp - asynclint ---------------------------===//

#include "DanglingReferenceCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ASTHelpers.h"
#include "utils/BlockingCatalog.h"
#include "utils/DrivenCoroutines.h"
#include "utils/Matchers.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <array>

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

// What the check learns from a call, in one matcher (one evaluation per
// call instead of two): a store (`v.push_back(f())`, `member = f()`),
// bound as "store", and a call the user wrote (not one clang writes into
// a coroutine), bound as "call".
AST_MATCHER(CallExpr, danglingCallFacts) {
  using namespace utils::matchers;
  static constexpr std::array<llvm::StringRef, 7> StoreNames = {
      "push_back", "emplace_back", "push_front", "emplace_front",
      "push",      "emplace",      "insert"};
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Node);
  bool Store =
      isMemberCallNamed(Node, StoreNames) || (Op && Op->isAssignmentOp());
  bool Spelled = !isCoroutineMachinery(Node);
  if ((!Store && !Spelled) || !inUserCode(Node.getBeginLoc(), Finder))
    return false;
  if (Store)
    Builder->setBinding("store", DynTypedNode::create(Node));
  if (Spelled)
    Builder->setBinding("call", DynTypedNode::create(Node));
  return true;
}

// Synchronous waits: a helper of the user's own that calls one of these
// (or a blocking driver) runs the task it is given before it returns.
constexpr const char *SynchronousWaits =
    "std::future::wait;std::future::get;"
    "std::shared_future::wait;std::shared_future::get;"
    "std::thread::join;std::jthread::join;"
    "std::latch::wait;std::latch::arrive_and_wait;"
    "std::barrier::arrive_and_wait;"
    "std::condition_variable::wait;std::condition_variable_any::wait;"
    "std::counting_semaphore::acquire;"
    "std::atomic::wait;std::atomic_flag::wait;std::atomic_ref::wait;"
    "*::io_context::run;*::io_context::run_one";

constexpr const char *DefaultViewTypes =
    "std::basic_string_view;std::span;std::reference_wrapper";

// Looks through parentheses and the implicit casts that keep the object
// (const added, derived to base).
const Expr *ignoreObjectCasts(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || (Cast->getCastKind() != CK_NoOp &&
                  Cast->getCastKind() != CK_DerivedToBase &&
                  Cast->getCastKind() != CK_UncheckedDerivedToBase))
      return E;
    E = Cast->getSubExpr();
  }
}

// The temporary that \p E, bound to a reference, materializes, when it
// lives only to the end of the full-expression and holds something (an
// empty tag object has nothing to read).
const MaterializeTemporaryExpr *boundTemporary(const Expr *E) {
  const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(ignoreObjectCasts(E));
  if (!MTE || MTE->getStorageDuration() != SD_FullExpression ||
      MTE->getType()->isDependentType())
    return nullptr;
  if (const CXXRecordDecl *RD = MTE->getType()->getAsCXXRecordDecl();
      RD && RD->hasDefinition() && RD->isEmpty())
    return nullptr;
  return MTE;
}

// What a view argument is built from: the argument of its constructor, or
// the object of a conversion operator (`std::string` to `std::string_view`).
const Expr *viewSource(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    const auto *Cast = dyn_cast<CastExpr>(E);
    if (!Cast ||
        !isa<ImplicitCastExpr, CXXFunctionalCastExpr, CXXStaticCastExpr>(
            Cast) ||
        (Cast->getCastKind() != CK_NoOp &&
         Cast->getCastKind() != CK_ConstructorConversion &&
         Cast->getCastKind() != CK_UserDefinedConversion))
      break;
    E = Cast->getSubExpr();
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() >= 1 ? Construct->getArg(0) : nullptr;
  if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(E);
      Conv && isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()))
    return Conv->getImplicitObjectArgument();
  return nullptr;
}

// The first capture of \p L that its body \p Body uses, or null.
const LambdaCapture *firstUsedCapture(const LambdaExpr *L, const Stmt *Body) {
  llvm::SmallPtrSet<const ValueDecl *, 8> Used;
  bool UsesThis = false;
  // Nested lambdas are entered: their captures read ours (walks::Effects).
  utils::forEachStmt(Body, utils::walks::Effects, [&](const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Used.insert(Ref->getDecl());
    else if (isa<CXXThisExpr>(S))
      UsesThis = true;
  });
  for (const LambdaCapture &C : L->captures()) {
    if (C.capturesThis()
            ? UsesThis
            : C.capturesVariable() && Used.contains(C.getCapturedVar()))
      return &C;
  }
  return nullptr;
}

// Where a call is reported: the callee's name (`obj.fetch(...)` at fetch),
// and for `f(...)` on a callable object, the object.
SourceLocation callLoc(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    return Op->getArg(0)->getBeginLoc();
  return Call->getExprLoc();
}

// How the callee is named: a lambda called through a variable by the
// variable, a function template specialization by its template.
const NamedDecl *calleeName(const CallExpr *Call, const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Method && Method->getParent()->isLambda() && Op->getNumArgs() > 0)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(utils::stripWrappers(Op->getArg(0))))
      return Ref->getDecl();
  return utils::displayDecl(Callee);
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name,
                                               ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingDrivers(
          Options.getLocalOrGlobal("BlockingDrivers", utils::catalog::Drivers)),
      ViewTypes(Options.get("ViewTypes", DefaultViewTypes)),
      Drivers(tidy::utils::options::parseStringList(BlockingDrivers)),
      SyncWaits(tidy::utils::options::parseStringList(SynchronousWaits)),
      Views(tidy::utils::options::parseStringList(ViewTypes)) {}

void DanglingReferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingDrivers", BlockingDrivers);
  Options.store(Opts, "ViewTypes", ViewTypes);
}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  using namespace utils::matchers;
  auto InUserCode = isInUserCode();
  // Parents are matched before their children: what awaits, drives,
  // discards or returns a task is known when the call that creates it is.
  // One matcher per node kind: MatchFinder runs a matcher only on nodes of
  // its kind, where expr(anyOf(...)) would run on every expression.
  Finder->addMatcher(coawaitExpr(InUserCode).bind("await"), this);
  Finder->addMatcher(coyieldExpr(InUserCode).bind("await"), this);
  Finder->addMatcher(dependentCoawaitExpr(InUserCode).bind("await"), this);
  utils::addDiscardingStmtMatchers(Finder, this, "block");
  // Operands that are never evaluated (sizeof, noexcept; decltype: the
  // unit's list, at the first match).
  Finder->addMatcher(unaryExprOrTypeTraitExpr(InUserCode).bind("unevaluated"),
                     this);
  Finder->addMatcher(cxxNoexceptExpr(InUserCode).bind("unevaluated"), this);
  // The operator first: InUserCode asks for the node's begin location,
  // which a left-deep chain of a + b + ... computes by walking down its
  // left operands (quadratic over a generated expression).
  Finder->addMatcher(binaryOperator(hasOperatorName(","), InUserCode,
                                    hasLHS(expr().bind("comma-lhs"))),
                     this);
  Finder->addMatcher(
      returnStmt(InUserCode, hasReturnValue(expr().bind("returned")))
          .bind("return"),
      this);
  // Template patterns, before the calls in them: checked on their
  // instantiations only, where every callee and co_await is resolved.
  utils::addFunctionMatchers(Finder, this);
  // Where a task is stored (matched before the call that creates it, its
  // child), and every call the user wrote (not the calls clang writes into
  // a coroutine).
  Finder->addMatcher(callExpr(danglingCallFacts()), this);
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  // Each match once, however often the traversal reaches its nodes.
  if (!utils::UnitAnalysis::of(*Result.Context).firstMatch(this, Result.Nodes))
    return;
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(*Result.Context);
  Classifier = &Unit.awaitables();
  Names = &Unit.names();
  bool FirstMatch = SM == nullptr; // of the unit
  SM = Result.SourceManager;
  if (FirstMatch)
    // A decltype's operand is never evaluated.
    for (const Expr *E : Unit.decltypeOperands(*Result.Context))
      cover(E);
  if (const FunctionDecl *FD = utils::matchedFunction(Result.Nodes);
      FD && FD->isDependentContext() && FD->getBody())
    // Its own code: a lambda in it is matched as a function of its own.
    utils::forEachStmt(FD->getBody(), utils::walks::OwnCode,
                       [&](const Stmt *S) {
                         if (isa<CallExpr>(S))
                           InPattern.insert(cast<Expr>(S));
                       });
  if (const auto *Await = Result.Nodes.getNodeAs<Expr>("await")) {
    // co_yield too: the consumer gets the task while the full-expression
    // (suspended at the co_yield) still holds the temporaries.
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(Await))
      cover(Suspend->getOperand());
    else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(Await))
      cover(Dependent->getOperand());
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("unevaluated"))
    cover(E);
  if (const auto *Block = Result.Nodes.getNodeAs<Stmt>("block"))
    markDiscarded(Block);
  if (const auto *LHS = Result.Nodes.getNodeAs<Expr>("comma-lhs"))
    Covered.insert(utils::stripWrappers(LHS));
  if (const auto *Return = Result.Nodes.getNodeAs<ReturnStmt>("return"))
    Returned[utils::stripWrappers(Result.Nodes.getNodeAs<Expr>("returned"))] =
        Return;
  if (const auto *StoreCall = Result.Nodes.getNodeAs<CallExpr>("store"))
    noteStore(StoreCall);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    checkCall(Call);
}

void DanglingReferenceCheck::noteStore(const CallExpr *StoreCall) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(StoreCall)) {
    for (const Expr *Arg : Member->arguments())
      Stored[utils::stripWrappers(Arg)] = {Member->getImplicitObjectArgument(),
                                           StoreCall};
  } else if (StoreCall->getNumArgs() == 2) {
    Stored[utils::stripWrappers(StoreCall->getArg(1))] = {StoreCall->getArg(0),
                                                          StoreCall};
  }
}

void DanglingReferenceCheck::markDiscarded(const Stmt *S) {
  // A discarded task never runs (async-unawaited-task reports it): the
  // expressions in statement position.
  auto Discard = [&](const Stmt *Slot) {
    const auto *E = dyn_cast_or_null<Expr>(Slot);
    if (!E)
      return;
    E = utils::stripWrappers(E);
    if (const auto *Cast = dyn_cast_or_null<ExplicitCastExpr>(E);
        Cast && Cast->getType()->isVoidType())
      E = utils::stripWrappers(Cast->getSubExpr());
    // The left operand of a comma is matched on its own, wherever it is.
    while (const auto *Comma = dyn_cast_or_null<BinaryOperator>(E)) {
      if (Comma->getOpcode() != BO_Comma)
        break;
      E = utils::stripWrappers(Comma->getRHS());
    }
    Covered.insert(E);
  };
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body()) {
      Discard(Child);
      if (const auto *Decls = dyn_cast<DeclStmt>(Child))
        for (const Decl *D : Decls->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            VarScope[VD] = Block;
    }
  } else {
    utils::forEachDiscardedSlot(S, Discard);
  }
}

void DanglingReferenceCheck::cover(const Expr *E) {
  if (!E)
    return;
  // The operand's own code: a lambda body in it runs elsewhere.
  utils::forEachStmt(E, utils::walks::OwnCode, [&](const Stmt *S) {
    if (isa<CallExpr>(S))
      Covered.insert(cast<Expr>(S));
  });
}

bool DanglingReferenceCheck::isDriver(const FunctionDecl *FD) {
  auto [It, New] = DriverOrWait.try_emplace(FD, NameKind::Other);
  if (New) {
    const std::string &Name = Names->get(FD);
    if (Drivers.matches(Name))
      It->second = NameKind::Driver;
    else if (SyncWaits.matches(Name))
      It->second = NameKind::Wait;
  }
  return It->second == NameKind::Driver;
}

bool DanglingReferenceCheck::isWait(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return false;
  if (isDriver(FD) || DriverOrWait.lookup(FD) == NameKind::Wait)
    return true;
  // A member inherited from a base (std::future<void>::wait is
  // std::__basic_future's): named by the object's class too.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(C);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  QualType OT = Object ? Object->IgnoreParenImpCasts()->getType() : QualType();
  if (!OT.isNull() && OT->isPointerType())
    OT = OT->getPointeeType();
  const CXXRecordDecl *RD = OT.isNull() ? nullptr : OT->getAsCXXRecordDecl();
  if (!RD || !FD->getIdentifier() || RD == FD->getDeclContext())
    return false;
  auto [It, New] = InheritedWaits.try_emplace({RD, FD}, false);
  if (New)
    It->second = SyncWaits.matches(Names->get(RD) + "::" + FD->getName().str());
  return It->second;
}

bool DanglingReferenceCheck::waitsFor(const CallExpr *Call,
                                      const FunctionDecl *Callee) {
  // Only calls that are given a task, to a helper written in the user's
  // code whose body is visible and is not a coroutine.
  if (llvm::none_of(Call->arguments(), [&](const Expr *Arg) {
        return Classifier->isTask(Arg->getType());
      }))
    return false;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->getBody() || utils::isCoroutine(Def) ||
      SM->isInSystemHeader(Def->getLocation()))
    return false;
  auto [It, Inserted] = Waits.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Found = false;
  // Its own code and the lambdas in it (a callback that sets what it waits
  // for is part of the same wait).
  utils::forEachStmt(Def->getBody(), utils::walks::Effects, [&](const Stmt *S) {
    if (const auto *C = dyn_cast<CallExpr>(S); C && !Found)
      Found = isWait(C);
  });
  return Waits[Def] = Found;
}

bool DanglingReferenceCheck::isView(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return RD && Views.matches(Names->get(RD));
}

void DanglingReferenceCheck::checkCall(const CallExpr *Call) {
  if (Call->containsErrors() || Call->isInstantiationDependent() ||
      InPattern.contains(Call))
    return;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!Callee || Callee->isInvalidDecl())
    return;
  if (isDriver(Callee) || waitsFor(Call, Callee)) {
    for (const Expr *Arg : Call->arguments())
      cover(Arg);
    return;
  }
  // What a member function does with its task object is unknown
  // (`lazy.via(ex)`, `lazy.start(callback)`): not reported.
  // A synchronous wait on the object (`co_spawn(..., use_future).get()`)
  // runs what its object holds.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      Covered.insert(utils::stripWrappers(Object));
      if (isWait(Call))
        cover(Object);
    }
  if (Covered.contains(Call))
    return;
  QualType T = Call->getType();
  if (!Call->isPRValue() || !Classifier->isTask(T) ||
      Classifier->taskStart(T, Callee) != utils::TaskStart::Lazy)
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Method && Method->getParent()->isLambda() &&
      Op->getOperator() == OO_Call && Op->getNumArgs() > 0) {
    if (const auto *L =
            dyn_cast<LambdaExpr>(utils::stripWrappers(Op->getArg(0))))
      checkLambdaCall(Method, L);
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
      Member && Method && !Method->getParent()->isLambda())
    checkTemporaryObject(Member, Method);
  checkArguments(Call, Callee);
}

void DanglingReferenceCheck::checkTemporaryObject(const CXXMemberCallExpr *Call,
                                                  const CXXMethodDecl *Method) {
  // `this` refers to the object: a member coroutine that uses it keeps it.
  if (!Method->isImplicitObjectMemberFunction())
    return;
  const FunctionDecl *Def = Method->getDefinition();
  const auto *Body =
      Def ? dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody()) : nullptr;
  const Expr *Object = Call->getImplicitObjectArgument();
  const MaterializeTemporaryExpr *Temp =
      Body && Object ? boundTemporary(Object) : nullptr;
  if (!Temp)
    return;
  bool UsesThis = false;
  utils::forEachStmt(Body->getBody(), utils::walks::Effects,
                     [&](const Stmt *S) { UsesThis |= isa<CXXThisExpr>(S); });
  if (!UsesThis)
    return;
  diag(Call->getExprLoc(),
       "task %0 may outlive the temporary object it is called on")
      << utils::displayDecl(Method);
  diag(Temp->getBeginLoc(),
       "temporary destroyed at the end of this full-expression",
       DiagnosticIDs::Note);
}

void DanglingReferenceCheck::checkArguments(const CallExpr *Call,
                                            const FunctionDecl *Callee) {
  // A visible definition that is not a coroutine may copy what it needs
  // before it returns the task.
  const FunctionDecl *Def = Callee->getDefinition();
  if (Def && !utils::isCoroutine(Def))
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && Method &&
                            Method->isImplicitObjectMemberFunction()
                        ? 1
                        : 0;
  if (Call->getNumArgs() < Offset)
    return;
  const ReturnStmt *Return = Returned.lookup(Call);
  unsigned N =
      std::min<unsigned>(Callee->getNumParams(), Call->getNumArgs() - Offset);
  for (unsigned I = 0; I < N; ++I) {
    const ParmVarDecl *Param = Callee->getParamDecl(I);
    // A parameter the coroutine never names is never read.
    if (Def && !Def->getParamDecl(I)->isReferenced())
      continue;
    const Expr *Arg = Call->getArg(I + Offset);
    QualType PT = Param->getType();
    bool Reference = PT->isReferenceType();
    if (!Reference && !isView(PT))
      continue;
    // A task taken by rvalue reference by a function we cannot see is a
    // sink (`spawn(task<> &&t)` moves it away before returning).
    if (!Def && PT->isRValueReferenceType() &&
        Classifier->isAwaitable(PT.getNonReferenceType()))
      continue;
    // A default argument's temporaries are created at the call too.
    const auto *Default = dyn_cast<CXXDefaultArgExpr>(Arg);
    if (const MaterializeTemporaryExpr *Temp =
            temporaryOf(Default ? Default->getExpr() : Arg, Reference)) {
      diag(callLoc(Call), "task %0 may outlive the temporary "
                          "%select{viewed by|bound to}1 its "
                          "%select{|reference }1parameter %2")
          << calleeName(Call, Callee) << Reference << Param;
      if (Default)
        diag(Call->getEndLoc(),
             "the default argument's temporary is destroyed at the end of "
             "this full-expression",
             DiagnosticIDs::Note);
      else
        diag(Temp->getBeginLoc(),
             "temporary destroyed at the end of this full-expression",
             DiagnosticIDs::Note);
      return;
    }
    if (Default)
      continue;
    if (Return && checkReturnedLocal(Call, Callee, Param, Arg, Return))
      return;
    if (auto It = Stored.find(Call);
        It != Stored.end() &&
        checkStoredLocal(Call, Callee, Param, Arg, It->second))
      return;
  }
}

const MaterializeTemporaryExpr *
DanglingReferenceCheck::temporaryOf(const Expr *Arg, bool Reference) {
  if (!Arg)
    return nullptr;
  if (Reference)
    return boundTemporary(Arg);
  // A view: the temporary owner it is built from.
  const Expr *Source = viewSource(Arg);
  const MaterializeTemporaryExpr *Temp =
      Source ? boundTemporary(Source) : nullptr;
  if (!Temp || isView(Temp->getType()) || !Temp->getType()->isRecordType())
    return nullptr;
  return Temp;
}

const VarDecl *DanglingReferenceCheck::boundLocal(const ParmVarDecl *Param,
                                                  const Expr *Arg) {
  QualType PT = Param->getType();
  const Expr *Object = nullptr;
  bool Viewed = false; // the view refers to the storage the object owns
  if (PT->isReferenceType()) {
    Object = Arg;
  } else if (const auto *Ref = dyn_cast<CallExpr>(utils::stripWrappers(Arg));
             Ref && Ref->getNumArgs() == 1 && Ref->getDirectCallee() &&
             llvm::is_contained({StringRef("std::ref"), StringRef("std::cref")},
                                Names->get(Ref->getDirectCallee()))) {
    Object = Ref->getArg(0);
  } else {
    Object = viewSource(Arg);
    Viewed = true;
  }
  // The object, or a member of it (`local.name`).
  const Expr *E = Object ? ignoreObjectCasts(Object) : nullptr;
  while (const auto *Member = dyn_cast_or_null<MemberExpr>(E)) {
    // Through a pointer or a reference member: another object.
    if (Member->isArrow() ||
        Member->getMemberDecl()->getType()->isReferenceType())
      return nullptr;
    E = ignoreObjectCasts(Member->getBase());
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // A variable of the function itself (not one it captured); a reference
  // names an object that may live on.
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
      Ref->refersToEnclosingVariableOrCapture())
    return nullptr;
  if (Viewed && (isView(VD->getType()) || !VD->getType()->isRecordType()))
    return nullptr;
  return VD;
}

void DanglingReferenceCheck::reportOutlivesLocal(const CallExpr *Call,
                                                 const FunctionDecl *Callee,
                                                 const VarDecl *VD,
                                                 const ParmVarDecl *Param) {
  diag(callLoc(Call), "task %0 may outlive %select{local variable|"
                      "parameter}1 %2 bound to its %select{|reference }3"
                      "parameter %4")
      << calleeName(Call, Callee) << isa<ParmVarDecl>(VD) << VD
      << Param->getType()->isReferenceType() << Param;
}

bool DanglingReferenceCheck::checkReturnedLocal(const CallExpr *Call,
                                                const FunctionDecl *Callee,
                                                const ParmVarDecl *Param,
                                                const Expr *Arg,
                                                const ReturnStmt *Return) {
  const VarDecl *VD = boundLocal(Param, Arg);
  if (!VD)
    return false;
  reportOutlivesLocal(Call, Callee, VD, Param);
  diag(Return->getBeginLoc(), "%0 is destroyed when the function returns here",
       DiagnosticIDs::Note)
      << VD;
  return true;
}

const CompoundStmt *DanglingReferenceCheck::scopeOf(const VarDecl *VD) const {
  if (const auto *Parm = dyn_cast<ParmVarDecl>(VD)) {
    const auto *FD = dyn_cast<FunctionDecl>(Parm->getDeclContext());
    return FD ? dyn_cast_or_null<CompoundStmt>(FD->getBody()) : nullptr;
  }
  return VarScope.lookup(VD);
}

namespace {
// Whether \p Outer's source range holds \p Inner's.
bool encloses(const CompoundStmt *Outer, const CompoundStmt *Inner,
              const SourceManager &SM) {
  return Outer != Inner &&
         !SM.isBeforeInTranslationUnit(Inner->getBeginLoc(),
                                       Outer->getBeginLoc()) &&
         !SM.isBeforeInTranslationUnit(Outer->getEndLoc(), Inner->getEndLoc());
}

// Whether \p Scope names \p Target (a variable or a field) after \p After.
bool namedAfter(const CompoundStmt *Scope, const ValueDecl *Target,
                SourceLocation After, const SourceManager &SM) {
  return !utils::StmtWalker(utils::walks::Everything)
              .walk(Scope, [&](const Stmt *S, const utils::WalkContext &) {
                const ValueDecl *Named = nullptr;
                if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
                  Named = Ref->getDecl();
                else if (const auto *Member = dyn_cast<MemberExpr>(S))
                  Named = Member->getMemberDecl();
                return Named == Target && SM.isBeforeInTranslationUnit(
                                              After, S->getBeginLoc())
                           ? utils::Walk::Stop
                           : utils::Walk::Into;
              });
}
} // namespace

bool DanglingReferenceCheck::checkStoredLocal(const CallExpr *Call,
                                              const FunctionDecl *Callee,
                                              const ParmVarDecl *Param,
                                              const Expr *Arg,
                                              const Store &Into) {
  const VarDecl *VD = boundLocal(Param, Arg);
  const CompoundStmt *Scope = VD ? scopeOf(VD) : nullptr;
  if (!Scope || !SM)
    return false;
  // What the task is stored in: a member of this object or a global lives
  // on after any local's scope; a local only when declared in an enclosing
  // block (or a reference: the caller's object).
  const Expr *Target = ignoreObjectCasts(Into.Into);
  const ValueDecl *Holder = nullptr;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Target);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreImpCasts())) {
    Holder = Member->getMemberDecl();
  } else if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Target)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    const CompoundStmt *Outer = Var ? scopeOf(Var) : nullptr;
    if (Var && (!Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
                (Outer && encloses(Outer, Scope, *SM))))
      Holder = Var;
  }
  // Used again in the local's scope: it may run the task there.
  if (!Holder || namedAfter(Scope, Holder, Into.By->getEndLoc(), *SM))
    return false;
  reportOutlivesLocal(Call, Callee, VD, Param);
  diag(Scope->getRBracLoc(),
       "%0 is destroyed at the end of its scope here, while %1 lives on",
       DiagnosticIDs::Note)
      << VD << Holder;
  return true;
}

void DanglingReferenceCheck::checkLambdaCall(const CXXMethodDecl *Op,
                                             const LambdaExpr *L) {
  // Only a coroutine keeps using its closure after it returns the task; a
  // closure taken by value (`this auto self`) is copied into the frame.
  if (!utils::isCoroutine(Op) ||
      (Op->isExplicitObjectMemberFunction() &&
       !Op->getParamDecl(0)->getType()->isReferenceType()))
    return;
  const auto *Body = dyn_cast<CoroutineBodyStmt>(Op->getBody());
  const LambdaCapture *Capture =
      Body ? firstUsedCapture(L, Body->getBody()) : nullptr;
  if (!Capture)
    return;
  diag(L->getBeginLoc(), "task of this coroutine lambda may outlive its "
                         "temporary closure, which holds its captures");
  auto Note = diag(Capture->getLocation(),
                   "%select{%1|'this'}0 lives in the closure, which is "
                   "destroyed at the end of the full-expression",
                   DiagnosticIDs::Note)
              << Capture->capturesThis();
  if (Capture->capturesVariable())
    Note << Capture->getCapturedVar();
  else
    Note << "";
}

void DanglingReferenceCheck::onEndOfTranslationUnit() {
  Covered.clear();
  InPattern.clear();
  Returned.clear();
  DriverOrWait.clear();
  InheritedWaits.clear();
  Stored.clear();
  VarScope.clear();
  Waits.clear();
  SM = nullptr;
  Classifier = nullptr;
  Names = nullptr;
}

} // namespace clang::tidy::async
