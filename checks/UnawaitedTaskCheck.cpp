//===--- UnawaitedTaskCheck.cpp - asynclint -------------------------------===//

#include "UnawaitedTaskCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ASTHelpers.h"
#include "utils/FixEdits.h"
#include "utils/Matchers.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

// What the check learns from a call, in one matcher (one evaluation per
// call instead of three): a lambda handed to it (a throw probe, or a
// callee that may drop the lambda's task), an assignment to a local, a
// const query on one. Each is bound under its names when it holds.
AST_MATCHER(CallExpr, unawaitedTaskCallFacts) {
  using namespace utils::matchers;
  const FunctionDecl *ProbeCallee = calleeGivenLambda(Node);
  const DeclRefExpr *Assigned = assignedRef(Node);
  auto [Queried, Query] = constQueryOn(Node);
  if ((!ProbeCallee && !Assigned && !Queried) ||
      !inUserCode(Node.getBeginLoc(), Finder))
    return false;
  auto Self = DynTypedNode::create(Node);
  if (ProbeCallee) {
    Builder->setBinding("probe-call", Self);
    Builder->setBinding("probe-callee", DynTypedNode::create(*ProbeCallee));
  }
  if (Assigned) {
    Builder->setBinding("assign", Self);
    Builder->setBinding("assigned", DynTypedNode::create(*Assigned));
  }
  if (Queried) {
    Builder->setBinding("queried", DynTypedNode::create(*Queried));
    Builder->setBinding("query", DynTypedNode::create(*Query));
  }
  return true;
}

// D is (inside) a template instantiation: an edit there would change the
// pattern, which other instantiations share.
bool inInstantiation(const Decl *D) {
  for (const DeclContext *DC = D ? D->getDeclContext() : nullptr; DC;
       DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC);
        FD && FD->isTemplateInstantiation())
      return true;
    if (isa<ClassTemplateSpecializationDecl>(DC))
      return true;
  }
  const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
  return FD && FD->isTemplateInstantiation();
}

bool isVoidCast(const Expr *E) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  return Cast && Cast->getType()->isVoidType();
}

} // namespace

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AwaitableTypes(tidy::utils::options::parseStringList(
          Options.get("AwaitableTypes", ""))),
      IgnoredTypes(tidy::utils::options::parseStringList(
          Options.get("IgnoredTypes", ""))),
      AllowVoidCast(Options.get("AllowVoidCast", true)),
      ReportStartedHandles(Options.get("ReportStartedHandles", false)),
      ThrowProbes(Options.get("ThrowProbes", "throw")),
      ThrowProbeRegex(ThrowProbes, llvm::Regex::IgnoreCase),
      TypeNames(AwaitableTypes, IgnoredTypes) {}

void UnawaitedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AwaitableTypes",
                tidy::utils::options::serializeStringList(AwaitableTypes));
  Options.store(Opts, "IgnoredTypes",
                tidy::utils::options::serializeStringList(IgnoredTypes));
  Options.store(Opts, "AllowVoidCast", AllowVoidCast);
  Options.store(Opts, "ReportStartedHandles", ReportStartedHandles);
  Options.store(Opts, "ThrowProbes", ThrowProbes);
}

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  using namespace utils::matchers;
  // Nothing in a system header is reported (clang-tidy drops those
  // diagnostics), and a local variable and its uses share a location, so
  // skipping system-header nodes loses nothing. clang-tidy 22 does not
  // traverse system headers unless asked (SystemHeaders), so the test is
  // last in each matcher: a source-location lookup for the nodes that pass
  // the cheaper tests only. The matchers that meet every call, member call
  // or reference are single predicates (utils/Matchers.h).
  auto InUserCode = isInUserCode();
  // Statements whose expression children are evaluated for their side
  // effects only; the handler looks at the child slots.
  utils::addDiscardingStmtMatchers(Finder, this, "stmt");
  // The last statement of a GNU statement expression is its value. The
  // StmtExpr is visited before its compound statement, so it is known by
  // the time the compound statement is checked.
  Finder->addMatcher(stmtExpr(InUserCode).bind("stmt-expr"), this);
  // Coroutine bodies, seen before the statements in them (for the fix-it).
  utils::addFunctionMatchers(Finder, this);
  // The left operand of a built-in comma is discarded wherever the comma is.
  Finder->addMatcher(binaryOperator(hasOperatorName(","),
                                    hasLHS(expr().bind("comma-lhs")),
                                    InUserCode),
                     this);
  // Throw probes: a lambda handed to `assert_throws(...)`-like functions is
  // called to see it throw; what it discards is the point of the test.
  // Uses of a local that do not hand the task on: `t = other()` destroys
  // the old task, `t.is_ready()` only asks. Parents are visited before
  // their children, so these are known when the reference itself is
  // matched. One matcher for the three (unawaitedTaskCallFacts).
  Finder->addMatcher(callExpr(unawaitedTaskCallFacts()), this);
  // Probes written by hand: `try { auto t = f(); FAIL(); } catch ...`.
  Finder->addMatcher(cxxTryStmt(InUserCode).bind("try"), this);
  // A callable converted to a callback type that returns void
  // (`std::function<void()> cb = []() -> task<> {...};`): every call of the
  // callback drops the task the callable returns.
  Finder->addMatcher(cxxConstructExpr(oneArgumentConstruct("callback"))
                         .bind("callback-construct"),
                     this);
  // Operands that are never evaluated (sizeof, noexcept): parents are
  // visited first, so the range is known before the operand is seen
  // (decltype's: the unit's list, at the first match).
  Finder->addMatcher(unaryExprOrTypeTraitExpr(InUserCode).bind("unevaluated"),
                     this);
  Finder->addMatcher(cxxNoexceptExpr(InUserCode).bind("unevaluated"), this);
  // Local variables and every reference to one; whether a task variable is
  // ever consumed is decided at the end of the translation unit, in one pass.
  Finder->addMatcher(varDecl(initializedLocal()).bind("var"), this);
  // A local awaited (itself or moved): a task moved out of it afterwards has
  // nothing left to run.
  Finder->addMatcher(coawaitExpr(awaitedOperand("awaited-operand")), this);
  // Every DeclRefExpr meets this matcher: a local of class type (a task is
  // one).
  Finder->addMatcher(declRefExpr(refToLocalObject("ref-var")).bind("ref"),
                     this);
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  // Each match once, however often the traversal reaches its nodes.
  if (!utils::UnitAnalysis::of(*Result.Context).firstMatch(this, Result.Nodes))
    return;
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(*Result.Context);
  Classifier = &Unit.awaitables(TypeNames);
  SM = Result.SourceManager;
  LangOpts = &Result.Context->getLangOpts();
  if (ASTCtx != Result.Context) {
    // The unit's first match: a decltype's operand is never evaluated.
    ASTCtx = Result.Context;
    for (const Expr *E : Unit.decltypeOperands(*ASTCtx))
      skipRange(E->getSourceRange());
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("probe-call")) {
    const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("probe-callee");
    bool Probe =
        Callee->getIdentifier() && ThrowProbeRegex.match(Callee->getName());
    for (const Expr *Arg : Call->arguments()) {
      const Expr *E = utils::stripWrappers(Arg);
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
          Construct && Construct->getNumArgs() == 1)
        E = utils::stripWrappers(Construct->getArg(0));
      const auto *L = dyn_cast_or_null<LambdaExpr>(E);
      if (!L)
        continue;
      if (Probe)
        skipRange(L->getBody()->getSourceRange());
      else
        checkDroppingCallee(Callee, L);
    }
  }
  if (const auto *Try = Result.Nodes.getNodeAs<CXXTryStmt>("try"))
    skipHandWrittenProbes(Try);
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("callback-construct"))
    checkCallback(Construct, Result.Nodes.getNodeAs<Expr>("callback"));
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("unevaluated"))
    skipRange(E->getSourceRange());
  if (const FunctionDecl *FD = utils::matchedFunction(Result.Nodes))
    markCoroutineBody(FD);
  if (const auto *SE = Result.Nodes.getNodeAs<StmtExpr>("stmt-expr"))
    ValueCompounds.insert(SE->getSubStmt());
  if (const auto *S = Result.Nodes.getNodeAs<Stmt>("stmt"))
    checkStatementPosition(S);
  if (const auto *LHS = Result.Nodes.getNodeAs<Expr>("comma-lhs"))
    checkDiscarded(LHS, nullptr);
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var")) {
    QualType T = VD->getType();
    if (T->isReferenceType() || VD->isInvalidDecl() ||
        isa<DecompositionDecl>(VD) || !Classifier->isAwaitable(T))
      return;
    // Only a variable that received a task from a call owns a new task;
    // `task<> t;` is empty until something is assigned to it.
    const Expr *Init = utils::stripWrappers(VD->getInit());
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init))
      Init = Construct->getNumArgs() == 1
                 ? utils::stripWrappers(Construct->getArg(0))
                 : nullptr;
    if (!Init || Init->containsErrors() || !isa<CallExpr>(Init))
      return;
    if (skipped(VD->getLocation()))
      return;
    VarState &State = Vars[VD];
    State.Candidate = true;
    State.Callee =
        dyn_cast_or_null<FunctionDecl>(cast<CallExpr>(Init)->getCalleeDecl());
    State.MovedFrom = utils::localOrMoved(Init); // `auto u = std::move(t)`
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("awaited-operand")) {
    if (const VarDecl *Local = utils::localOrMoved(E))
      Vars[Local].Awaited = true;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("assigned"))
    Known[Ref] = {.Kind = UseKind::Reassign,
                  .Assign =
                      Result.Nodes.getNodeAs<CXXOperatorCallExpr>("assign")};
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("queried")) {
    // A const query that returns a plain value neither starts the task nor
    // hands it off. Any other member call is assumed to consume it.
    const auto *M = Result.Nodes.getNodeAs<CXXMethodDecl>("query");
    QualType R = M->getReturnType();
    if (!R->isVoidType() && !Classifier->isAwaitable(R))
      Known[Ref] = {.Kind = UseKind::Query, .Assign = nullptr};
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *VD = Result.Nodes.getNodeAs<VarDecl>("ref-var");
    if (VD && !VD->getType()->isReferenceType() &&
        Classifier->isAwaitable(VD->getType()))
      recordUse(VD, Ref, *Result.SourceManager);
  }
}

void UnawaitedTaskCheck::checkStatementPosition(const Stmt *S) {
  auto Discarded = [&](const Stmt *Child) {
    if (const auto *E = dyn_cast_or_null<Expr>(Child))
      checkDiscarded(E, S);
  };
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    bool LastIsValue = ValueCompounds.contains(CS);
    for (const Stmt *Child : CS->body()) {
      if (const auto *DS = dyn_cast<DeclStmt>(Child))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            VarScope[VD] = CS;
      if (const auto *E = dyn_cast<Expr>(Child))
        if (const auto *Op =
                dyn_cast<CXXOperatorCallExpr>(utils::stripWrappers(E)))
          StatementScope[Op] = CS;
    }
    for (const Stmt *Child : CS->body())
      if (!LastIsValue || Child != CS->body_back())
        Discarded(Child);
  } else if (const auto *If = dyn_cast<IfStmt>(S)) {
    // A discarded `if constexpr` branch is not code that runs. In a template
    // pattern neither branch is known to run (the instantiations decide);
    // elsewhere the condition is a constant.
    if (If->isConstexpr() && If->getCond()) {
      bool Value = false;
      const Expr *Cond = If->getCond();
      bool Dependent = Cond->isValueDependent() || Cond->isTypeDependent();
      if (Dependent || !Cond->EvaluateAsBooleanCondition(Value, *ASTCtx)) {
        if (If->getThen())
          skipRange(If->getThen()->getSourceRange());
        if (If->getElse())
          skipRange(If->getElse()->getSourceRange());
        return;
      }
      if (const Stmt *Dead = Value ? If->getElse() : If->getThen())
        skipRange(Dead->getSourceRange());
    }
  }
  utils::forEachDiscardedSlot(S, Discarded);
}

void UnawaitedTaskCheck::checkDiscarded(const Expr *E, const Stmt *Statement) {
  E = utils::stripWrappers(E);
  // Error-recovery nodes (half-typed code in the editor) carry no reliable
  // type; never guess on them.
  if (!E || E->containsErrors() || E->isTypeDependent())
    return;
  if (isVoidCast(E)) {
    if (!AllowVoidCast)
      checkDiscarded(cast<ExplicitCastExpr>(E)->getSubExpr(), nullptr);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // The left operand is handled by the comma matcher, wherever it is.
    if (BO->getOpcode() == BO_Comma)
      checkDiscarded(BO->getRHS(), nullptr);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    checkDiscarded(Cond->getTrueExpr(), nullptr);
    checkDiscarded(Cond->getFalseExpr(), nullptr);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    reportCall(Call, Statement);
}

bool UnawaitedTaskCheck::reported(const utils::DropInfo &Info) const {
  // The author said dropping it is intended (asynclint::detached).
  if (Info.Detached)
    return false;
  switch (Info.Kind) {
  case utils::DropInfo::LazyTask:
  case utils::DropInfo::Operation:
    return true;
  case utils::DropInfo::Started:
    // The work runs anyway; only its result and exceptions are lost. Worth a
    // default warning where dropping it destroys the work or the author
    // marked the type [[nodiscard]].
    return Info.DestroysFrame || Info.NoDiscard || ReportStartedHandles;
  case utils::DropInfo::None:
  case utils::DropInfo::Unknown:
    return false;
  }
  return false;
}

void UnawaitedTaskCheck::reportCall(const CallExpr *Call,
                                    const Stmt *Statement) {
  QualType T = Call->getType();
  // Only a call returning by value creates a task; `t = other` returns a
  // reference to a task that lives on.
  if (!Call->isPRValue() || T->isVoidType() || !Classifier->isAwaitable(T))
    return;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  // A promise's own hooks (initial_suspend, final_suspend, yield_value, ...)
  // called by hand return what the compiler would await at a frame's start
  // and end: a promise is a class with get_return_object.
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      Method && utils::hasMemberNamed(Method->getParent(), "get_return_object"))
    return;
  utils::DropInfo Info = Classifier->dropInfo(T, Callee);
  if (!reported(Info))
    return;
  bool IsLambda = utils::isLambdaCallOperator(Callee);
  // For `[]() -> task<> {...}()` the operator call begins at the callee.
  SourceLocation Loc = Call->getBeginLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    Loc = Op->getArg(0)->getBeginLoc();
  if (skipped(Loc))
    return;
  unsigned Lost = lostSelect(Info);

  // `co_await` is valid here when the whole statement is a postfix call (so
  // co_await binds to all of it), it is spelled in the file (not a macro),
  // and the innermost enclosing function is a coroutine, outside any catch
  // handler, and not a template instantiation (the same edit may be
  // ill-formed in another one).
  bool Postfix = !isa<CXXOperatorCallExpr>(Call) ||
                 cast<CXXOperatorCallExpr>(Call)->getOperator() == OO_Call;
  const FunctionDecl *Fn =
      Statement ? CoroutineSlots.lookup(Statement) : nullptr;
  bool CanAwait =
      Fn && Postfix && Loc.isFileID() &&
      utils::keepsPreprocessing(CharSourceRange::getCharRange(Loc, Loc), {},
                                Fn->getASTContext()) &&
      Classifier->canAwaitIn(T, /*LValue=*/false,
                             utils::getPromiseRecord(Fn)) == true;
  // It keeps the meaning only for a lazy task, which does nothing until
  // awaited anyway. Awaiting an operation or a started handle makes the
  // coroutine wait where it did not: offered on a note, which --fix leaves.
  bool SafeFix = CanAwait && Info.Kind == utils::DropInfo::LazyTask;
  {
    // A lambda called through a variable or parameter is named by it.
    // A function template specialization is named by its template: the
    // arguments (`sleep_for<long, std::ratio<1, 1000>>`) are noise here.
    const NamedDecl *Named = IsLambda ? utils::calledLambdaVariable(Call)
                                      : utils::displayDecl(Callee);
    auto Diag = diag(Loc, "%select{awaitable|task}0 returned by "
                          "%select{this call|this lambda|this coroutine "
                          "lambda|%2}1 is never awaited%select{| and never "
                          "runs|: its result and exceptions are lost|: "
                          "dropping it destroys work that already started}3")
                << Info.Coroutine << calleeSelect(Named, IsLambda, Callee);
    if (Named)
      Diag << Named;
    else
      Diag << "";
    Diag << Lost;
    if (SafeFix)
      Diag << FixItHint::CreateInsertion(Loc, "co_await ");
  } // The warning is emitted here, before its notes.

  if (CanAwait && !SafeFix)
    diag(Loc,
         "insert 'co_await' to wait for it here (this changes when the "
         "coroutine continues)",
         DiagnosticIDs::Note)
        << FixItHint::CreateInsertion(Loc, "co_await ");
  if (Callee && !IsLambda && Callee->getLocation().isValid())
    diag(Callee->getLocation(), "%0 declared here", DiagnosticIDs::Note)
        << utils::displayDecl(Callee);
}

void UnawaitedTaskCheck::checkCallback(const CXXConstructExpr *Construct,
                                       const Expr *Arg) {
  // The callback type: a template whose first argument is a function type
  // returning void (std::function<void(int)>, std::move_only_function, ...).
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Construct->getType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return;
  const auto *Signature =
      Spec->getTemplateArgs()[0].getAsType()->getAs<FunctionProtoType>();
  if (!Signature || !Signature->getReturnType()->isVoidType())
    return;
  // The callable: a lambda (or a class with one non-template call
  // operator) whose call returns a lazy task.
  const Expr *E = utils::stripWrappers(Arg);
  if (!E || E->isTypeDependent())
    return;
  const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return;
  const CXXMethodDecl *Call = nullptr;
  if (RD->isLambda()) {
    Call = RD->getLambdaCallOperator();
  } else {
    auto Found =
        RD->lookup(ASTCtx->DeclarationNames.getCXXOperatorName(OO_Call));
    if (std::distance(Found.begin(), Found.end()) == 1)
      Call = dyn_cast<CXXMethodDecl>(Found.front());
  }
  if (!Call || Call->getReturnType()->isDependentType())
    return;
  utils::DropInfo Info = Classifier->dropInfo(Call->getReturnType(), Call);
  if (Info.Kind != utils::DropInfo::LazyTask || Info.Detached ||
      skipped(E->getBeginLoc()))
    return;
  diag(E->getBeginLoc(),
       "task returned by this %select{callable|lambda}0 is dropped by the "
       "void-returning callback %1 and never runs")
      << RD->isLambda() << Construct->getType();
}

namespace {
// \p FD's body discards the result of a call of type \p T: a call that is
// a statement of a block, or the body of a loop or a branch.
bool discardsCallOfType(const FunctionDecl *FD, QualType T) {
  const Stmt *Body = FD && FD->hasBody() ? FD->getBody() : nullptr;
  CanQualType Canon = T->getCanonicalTypeUnqualified();
  auto Discards = [&](const Stmt *S) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    const auto *Call =
        E ? dyn_cast_or_null<CallExpr>(utils::stripWrappers(E)) : nullptr;
    return Call && Call->isPRValue() &&
           Call->getType()->getCanonicalTypeUnqualified() == Canon;
  };
  auto DiscardsHere = [&](const Stmt *S) {
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return llvm::any_of(CS->body(), Discards);
    if (const auto *For = dyn_cast<ForStmt>(S))
      return Discards(For->getBody());
    if (const auto *While = dyn_cast<WhileStmt>(S))
      return Discards(While->getBody());
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      return Discards(Range->getBody());
    return false;
  };
  // The function's own code (walks::OwnCode): a lambda in it is another
  // function.
  return !utils::StmtWalker(utils::walks::OwnCode)
              .walk(Body, [&](const Stmt *S, const utils::WalkContext &) {
                return DiscardsHere(S) ? utils::Walk::Stop : utils::Walk::Into;
              });
}
} // namespace

void UnawaitedTaskCheck::checkDroppingCallee(const FunctionDecl *Callee,
                                             const LambdaExpr *L) {
  // Only a template instantiated for this lambda calls it by its own type;
  // a callee we cannot see is assumed to run what it is given.
  // A template in user code reports its own discard (with the callable's
  // name); one in a system header (std::for_each) cannot, so the lambda is
  // reported here.
  if (!Callee->isTemplateInstantiation() || !L->getCallOperator() ||
      !SM->isInSystemHeader(Callee->getLocation()))
    return;
  const CXXMethodDecl *Call = L->getCallOperator();
  QualType R = Call->getReturnType();
  if (R->isDependentType() || R->isUndeducedType())
    return;
  utils::DropInfo Info = Classifier->dropInfo(R, Call);
  if (Info.Kind != utils::DropInfo::LazyTask || Info.Detached ||
      skipped(L->getBeginLoc()) || !discardsCallOfType(Callee, R))
    return;
  diag(L->getBeginLoc(), "task returned by this lambda is dropped by %0 on "
                         "every call and never runs")
      << utils::displayDecl(Callee);
}

unsigned UnawaitedTaskCheck::calleeSelect(const NamedDecl *Named, bool IsLambda,
                                          const FunctionDecl *Callee) {
  // "this call", "this lambda", "this coroutine lambda", or the name.
  if (Named)
    return 3;
  if (IsLambda)
    return utils::isCoroutine(Callee) ? 2 : 1;
  return 0;
}

unsigned UnawaitedTaskCheck::lostSelect(const utils::DropInfo &Info) {
  if (Info.Kind == utils::DropInfo::LazyTask)
    return 1;
  if (Info.Kind == utils::DropInfo::Started)
    return Info.DestroysFrame && Info.Coroutine ? 3 : 2;
  return 0;
}

bool UnawaitedTaskCheck::failsTest(const Stmt *S) const {
  if (!S)
    return false;
  // A test framework's FAIL-like macro (BOOST_FAIL, FAIL, ADD_FAILURE),
  // an expression or a statement.
  for (SourceLocation L = S->getBeginLoc(); SM && L.isMacroID();
       L = SM->getImmediateMacroCallerLoc(L))
    if (Lexer::getImmediateMacroName(L, *SM, *LangOpts).contains("FAIL"))
      return true;
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = utils::stripWrappers(E);
  if (isa<CXXThrowExpr>(E))
    return true;
  const auto *Call = dyn_cast<CallExpr>(E);
  return Call && Call->getDirectCallee() &&
         Call->getDirectCallee()->isNoReturn();
}

void UnawaitedTaskCheck::skipHandWrittenProbes(const CXXTryStmt *Try) {
  // A declaration followed by a statement that fails the test: the author
  // expects the initializer to throw before a task exists.
  const CompoundStmt *Block = Try->getTryBlock();
  const Stmt *Previous = nullptr;
  for (const Stmt *S : Block->body()) {
    if (isa_and_nonnull<DeclStmt>(Previous) && failsTest(S))
      skipRange(Previous->getSourceRange());
    Previous = S;
  }
}

void UnawaitedTaskCheck::skipRange(SourceRange R) {
  if (!SM || R.isInvalid())
    return;
  SkippedRanges.emplace_back(SM->getExpansionLoc(R.getBegin()),
                             SM->getExpansionRange(R.getEnd()).getEnd());
}

bool UnawaitedTaskCheck::skipped(SourceLocation Loc) const {
  if (!SM || Loc.isInvalid())
    return false;
  // A statement spelled in an EXPECT_THROW-like macro's argument.
  for (SourceLocation L = Loc; L.isMacroID();
       L = SM->getImmediateMacroCallerLoc(L)) {
    StringRef Macro = Lexer::getImmediateMacroName(L, *SM, *LangOpts);
    if (!Macro.empty() && ThrowProbeRegex.match(Macro))
      return true;
  }
  SourceLocation E = SM->getExpansionLoc(Loc);
  return llvm::any_of(SkippedRanges, [&](SourceRange R) {
    return !SM->isBeforeInTranslationUnit(E, R.getBegin()) &&
           !SM->isBeforeInTranslationUnit(R.getEnd(), E);
  });
}

void UnawaitedTaskCheck::markCoroutineBody(const FunctionDecl *FD) {
  // Only coroutines written by hand get fix-its: an edit in a template
  // instantiation would change the pattern every instantiation shares.
  if (!FD || !utils::isCoroutine(FD) || inInstantiation(FD))
    return;
  const auto *Body = cast<CoroutineBodyStmt>(FD->getBody())->getBody();
  // Lambdas are other functions, and co_await is ill-formed in a catch
  // handler (walks::AwaitSlots).
  utils::forEachStmt(Body, utils::walks::AwaitSlots, [&](const Stmt *S) {
    if (isa<CompoundStmt, IfStmt, ForStmt, WhileStmt, DoStmt, CXXForRangeStmt,
            SwitchCase, LabelStmt, AttributedStmt>(S))
      CoroutineSlots[S] = FD;
  });
}

void UnawaitedTaskCheck::recordUse(const VarDecl *VD, const DeclRefExpr *Ref,
                                   const SourceManager &SM) {
  VarState &State = Vars[VD];
  auto It = Known.find(Ref);
  // Awaited, moved, returned, passed, stored, captured: all hand it on.
  UseKind Kind = It == Known.end() ? UseKind::Consume : It->second.Kind;
  if (Kind == UseKind::Consume)
    State.Consumed = true;
  if (Kind == UseKind::Query)
    State.Queried = true;
  if (!State.FirstUse ||
      SM.isBeforeInTranslationUnit(Ref->getBeginLoc(),
                                   State.FirstUse->getBeginLoc())) {
    State.FirstUse = Ref;
    State.FirstKind = Kind;
  }
}

void UnawaitedTaskCheck::onEndOfTranslationUnit() {
  for (const auto &[VD, State] : Vars) {
    // `[[maybe_unused]]`: the author says it is kept unused on purpose.
    if (!State.Candidate || VD->hasAttr<UnusedAttr>())
      continue;
    utils::DropInfo Info = utils::UnitAnalysis::of(VD->getASTContext())
                               .awaitables(TypeNames)
                               .dropInfo(VD->getType(), State.Callee);
    // A handle to started work whose state the code reads (`w.ready()`,
    // `r.status()`) has its outcome read another way.
    if (!reported(Info) ||
        (Info.Kind == utils::DropInfo::Started && State.Queried))
      continue;
    // Moved out of a variable that was awaited: finished, nothing to run.
    if (State.MovedFrom && Vars.lookup(State.MovedFrom).Awaited)
      continue;
    unsigned Lost = lostSelect(Info);
    const CompoundStmt *Scope = VarScope.lookup(VD);
    if (!State.Consumed) {
      diag(VD->getLocation(),
           "%select{awaitable|task}0 stored in %1 is never "
           "awaited%select{| and never runs|: its result and exceptions are "
           "lost|: dropping it destroys work that already started}2")
          << Info.Coroutine << VD << Lost;
      if (Scope)
        diag(Scope->getRBracLoc(), "%0 is destroyed here without being awaited",
             DiagnosticIDs::Note)
            << VD;
      continue;
    }
    // Reassigned before anything consumed it, as a statement of the
    // declaring block: the first task is destroyed unawaited. In a branch or
    // a loop the order is not certain, so stay silent.
    if (State.FirstKind != UseKind::Reassign || !Scope)
      continue;
    const CXXOperatorCallExpr *Assign = Known.lookup(State.FirstUse).Assign;
    if (!Assign || StatementScope.lookup(Assign) != Scope)
      continue;
    diag(Assign->getOperatorLoc(),
         "%select{awaitable|task}0 stored in %1 is destroyed by this "
         "assignment before it was awaited")
        << Info.Coroutine << VD;
    diag(VD->getLocation(), "%0 declared here", DiagnosticIDs::Note) << VD;
  }
  Vars.clear();
  ValueCompounds.clear();
  Known.clear();
  VarScope.clear();
  StatementScope.clear();
  CoroutineSlots.clear();
  SkippedRanges.clear();
  Classifier = nullptr;
  SM = nullptr;
  LangOpts = nullptr;
  ASTCtx = nullptr;
}

} // namespace clang::tidy::async
