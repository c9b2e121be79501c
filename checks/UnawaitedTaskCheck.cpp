//===--- UnawaitedTaskCheck.cpp - asynclint -------------------------------===//

#include "UnawaitedTaskCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

// Looks through the nodes that wrap a full expression without changing what
// it evaluates to: cleanups, temporaries, implicit casts and parentheses.
const Expr *stripWrappers(const Expr *E) {
  const Expr *Prev = nullptr;
  while (E && E != Prev) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

// The innermost function whose body contains S (a lambda's call operator for
// statements in a lambda body), and whether S sits in a catch handler, where
// co_await is ill-formed.
std::pair<const FunctionDecl *, bool> enclosingFunction(const Stmt *S,
                                                        ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  bool InHandler = false;
  // Bounded: invalid code can produce odd parent chains.
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (Node.get<CXXCatchStmt>())
      InHandler = true;
    if (const auto *L = Node.get<LambdaExpr>())
      return {L->getCallOperator(), InHandler};
    if (const auto *FD = Node.get<FunctionDecl>())
      return {FD, InHandler};
    if (Node.get<Decl>() && !Node.get<VarDecl>() && !Node.get<DeclStmt>())
      break;
  }
  return {nullptr, InHandler};
}

AST_MATCHER(Stmt, isAttributedStmt) { return isa<AttributedStmt>(Node); }

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
      Classifier(AwaitableTypes, IgnoredTypes) {}

void UnawaitedTaskCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AwaitableTypes",
                tidy::utils::options::serializeStringList(AwaitableTypes));
  Options.store(Opts, "IgnoredTypes",
                tidy::utils::options::serializeStringList(IgnoredTypes));
  Options.store(Opts, "AllowVoidCast", AllowVoidCast);
}

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  // Statements whose expression children are evaluated for their side
  // effects only; the handler looks at the child slots.
  Finder->addMatcher(
      stmt(anyOf(compoundStmt(), ifStmt(), forStmt(), whileStmt(), doStmt(),
                 cxxForRangeStmt(), switchCase(), labelStmt(),
                 stmt(isAttributedStmt())))
          .bind("stmt"),
      this);
  // The left operand of a built-in comma is discarded wherever the comma is.
  Finder->addMatcher(
      binaryOperator(hasOperatorName(","), hasLHS(expr().bind("comma-lhs"))),
      this);
  // Local variables and every reference to one; whether a task variable is
  // ever consumed is decided at the end of the translation unit, in one pass.
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                             unless(isImplicit()), hasInitializer(expr()))
                         .bind("var"),
                     this);
  Finder->addMatcher(
      declRefExpr(
          to(varDecl(hasLocalStorage(), unless(parmVarDecl())).bind("ref-var")))
          .bind("ref"),
      this);
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  Context = &Ctx;
  if (const auto *S = Result.Nodes.getNodeAs<Stmt>("stmt"))
    checkStatementPosition(S, Ctx);
  if (const auto *LHS = Result.Nodes.getNodeAs<Expr>("comma-lhs"))
    checkDiscarded(LHS, Ctx, /*WholeStatement=*/false);
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var")) {
    QualType T = VD->getType();
    if (T->isReferenceType() || VD->isInvalidDecl() ||
        isa<DecompositionDecl>(VD) || !Classifier.isAwaitable(T))
      return;
    // Only a variable that received a task from a call owns a new task;
    // `task<> t;` is empty until something is assigned to it.
    const Expr *Init = stripWrappers(VD->getInit());
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init))
      Init = Construct->getNumArgs() == 1 ? stripWrappers(Construct->getArg(0))
                                          : nullptr;
    if (!Init || Init->containsErrors() || !isa<CallExpr>(Init))
      return;
    Vars[VD].Candidate = true;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *VD = Result.Nodes.getNodeAs<VarDecl>("ref-var");
    if (VD && !VD->getType()->isReferenceType() &&
        Classifier.isAwaitable(VD->getType()))
      recordUse(VD, Ref, Ctx);
  }
}

void UnawaitedTaskCheck::checkStatementPosition(const Stmt *S,
                                                ASTContext &Ctx) {
  auto Discarded = [&](const Stmt *Child) {
    if (const auto *E = dyn_cast_or_null<Expr>(Child))
      checkDiscarded(E, Ctx, /*WholeStatement=*/true);
  };
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    // The last statement of a GNU statement expression is its value.
    bool LastIsValue = false;
    if (!CS->body_empty()) {
      auto Parents = Ctx.getParents(*CS);
      LastIsValue = !Parents.empty() && Parents[0].get<StmtExpr>();
    }
    for (const Stmt *Child : CS->body())
      if (!LastIsValue || Child != CS->body_back())
        Discarded(Child);
  } else if (const auto *If = dyn_cast<IfStmt>(S)) {
    Discarded(If->getThen());
    Discarded(If->getElse());
  } else if (const auto *For = dyn_cast<ForStmt>(S)) {
    Discarded(For->getInit());
    Discarded(For->getInc());
    Discarded(For->getBody());
  } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
    Discarded(While->getBody());
  } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
    Discarded(Do->getBody());
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    Discarded(Range->getBody());
  } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
    Discarded(Case->getSubStmt());
  } else if (const auto *Label = dyn_cast<LabelStmt>(S)) {
    Discarded(Label->getSubStmt());
  } else if (const auto *Attributed = dyn_cast<AttributedStmt>(S)) {
    Discarded(Attributed->getSubStmt());
  }
}

void UnawaitedTaskCheck::checkDiscarded(const Expr *E, ASTContext &Ctx,
                                        bool WholeStatement) {
  E = stripWrappers(E);
  // Error-recovery nodes (half-typed code in the editor) carry no reliable
  // type; never guess on them.
  if (!E || E->containsErrors() || E->isTypeDependent())
    return;
  if (isVoidCast(E)) {
    if (!AllowVoidCast)
      checkDiscarded(cast<ExplicitCastExpr>(E)->getSubExpr(), Ctx, false);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // The left operand is handled by the comma matcher, wherever it is.
    if (BO->getOpcode() == BO_Comma)
      checkDiscarded(BO->getRHS(), Ctx, false);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    checkDiscarded(Cond->getTrueExpr(), Ctx, false);
    checkDiscarded(Cond->getFalseExpr(), Ctx, false);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    reportCall(Call, Ctx, WholeStatement);
}

void UnawaitedTaskCheck::reportCall(const CallExpr *Call, ASTContext &Ctx,
                                    bool WholeStatement) {
  QualType T = Call->getType();
  // Only a call returning by value creates a task; `t = other` returns a
  // reference to a task that lives on.
  if (!Call->isPRValue() || T->isVoidType() || !Classifier.isAwaitable(T))
    return;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  bool IsLambda = Method && Method->getParent()->isLambda();
  bool IsTask = Classifier.isTask(T) || utils::isCoroutine(Callee);
  // For `[]() -> task<> {...}()` the operator call begins at the callee.
  SourceLocation Loc = Call->getBeginLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
    Loc = Op->getArg(0)->getBeginLoc();

  {
    // A lambda called through a variable or parameter is named by it.
    const NamedDecl *Named = Callee;
    if (IsLambda) {
      Named = nullptr;
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(stripWrappers(Op->getArg(0))))
          Named = Ref->getDecl();
    }
    auto Diag = [&]() {
      if (IsLambda && !Named)
        return diag(Loc, "%select{awaitable|task}0 returned by this "
                         "%select{|coroutine }1lambda is never awaited and "
                         "%select{has no effect|never runs}0")
               << IsTask << utils::isCoroutine(Callee);
      if (!Named)
        return diag(Loc,
                    "%select{awaitable|task}0 returned by this call is never "
                    "awaited and %select{has no effect|never runs}0")
               << IsTask;
      return diag(Loc,
                  "%select{awaitable|task}0 returned by %1 is never awaited "
                  "and %select{has no effect|never runs}0")
             << IsTask << Named;
    }();

    // `co_await` is inserted only where it is valid and keeps the meaning: the
    // whole statement is a postfix call (so co_await binds to all of it), it
    // is spelled in the file (not a macro), and the innermost enclosing
    // function is a coroutine, outside any catch handler, and not a template
    // instantiation (the same edit may be ill-formed in another one).
    bool Postfix = !isa<CXXOperatorCallExpr>(Call) ||
                   cast<CXXOperatorCallExpr>(Call)->getOperator() == OO_Call;
    if (WholeStatement && Postfix && Loc.isFileID()) {
      auto [Fn, InHandler] = enclosingFunction(Call, Ctx);
      if (!InHandler && utils::isCoroutine(Fn) && !inInstantiation(Fn) &&
          Classifier.isAwaitableIn(T, utils::getPromiseRecord(Fn)))
        Diag << FixItHint::CreateInsertion(Loc, "co_await ");
    }
  } // The warning is emitted here, before its note.

  if (Callee && !IsLambda && Callee->getLocation().isValid())
    diag(Callee->getLocation(), "%0 declared here", DiagnosticIDs::Note)
        << Callee;
}

UnawaitedTaskCheck::UseKind
UnawaitedTaskCheck::classifyUse(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Expr *Child = Ref;
  DynTypedNode Parent;
  for (;;) {
    auto Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return UseKind::Consume;
    Parent = Parents[0];
    const auto *PE = Parent.get<Expr>();
    if (PE && (isa<ParenExpr>(PE) || isa<ImplicitCastExpr>(PE))) {
      Child = PE;
      continue;
    }
    break;
  }
  // `t = other()`: the old task is destroyed, nothing consumes it.
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>())
    if (Op->isAssignmentOp() && Op->getNumArgs() == 2 && Op->getArg(0) == Child)
      return UseKind::Reassign;
  // `t.is_ready()`: a const query on the task that does not start or hand
  // off it. Any other member call is assumed to consume it.
  if (const auto *ME = Parent.get<MemberExpr>()) {
    auto Up = Ctx.getParents(*ME);
    const auto *MC = Up.empty() ? nullptr : Up[0].get<CXXMemberCallExpr>();
    const CXXMethodDecl *M = MC ? MC->getMethodDecl() : nullptr;
    if (M && M->isConst() && !M->getReturnType()->isVoidType() &&
        !Classifier.isAwaitable(M->getReturnType()))
      return UseKind::Query;
    return UseKind::Consume;
  }
  if (const auto *U = Parent.get<UnaryExprOrTypeTraitExpr>())
    if (U->isArgumentType() || U->getKind() == UETT_SizeOf ||
        U->getKind() == UETT_AlignOf)
      return UseKind::Query;
  // Awaited, moved, returned, passed, stored, captured: all hand it on.
  return UseKind::Consume;
}

void UnawaitedTaskCheck::recordUse(const VarDecl *VD, const DeclRefExpr *Ref,
                                   ASTContext &Ctx) {
  VarState &State = Vars[VD];
  UseKind Kind = classifyUse(Ref, Ctx);
  if (Kind == UseKind::Consume)
    State.Consumed = true;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!State.FirstUse ||
      SM.isBeforeInTranslationUnit(Ref->getBeginLoc(),
                                   State.FirstUse->getBeginLoc())) {
    State.FirstUse = Ref;
    State.FirstKind = Kind;
  }
}

void UnawaitedTaskCheck::onEndOfTranslationUnit() {
  if (!Context) {
    Vars.clear();
    return;
  }
  ASTContext &Ctx = *Context;
  auto ScopeOf = [&](const auto &Node) -> const CompoundStmt * {
    auto Parents = Ctx.getParents(Node);
    return Parents.empty() ? nullptr : Parents[0].template get<CompoundStmt>();
  };
  for (const auto &[VD, State] : Vars) {
    if (!State.Candidate)
      continue;
    bool IsTask = Classifier.isTask(VD->getType());
    auto DeclParents = Ctx.getParents(*VD);
    const DeclStmt *DS =
        DeclParents.empty() ? nullptr : DeclParents[0].get<DeclStmt>();
    const CompoundStmt *Scope = DS ? ScopeOf(*DS) : nullptr;
    if (!State.Consumed) {
      diag(VD->getLocation(), "%select{awaitable|task}0 stored in %1 is never "
                              "awaited and %select{has no effect|never runs}0")
          << IsTask << VD;
      if (Scope)
        diag(Scope->getRBracLoc(), "%0 is destroyed here without being awaited",
             DiagnosticIDs::Note)
            << VD;
      continue;
    }
    // Reassigned before anything consumed it, in straight-line code of the
    // declaring block: the first task is destroyed unawaited. In a branch or
    // a loop the order is not certain, so stay silent.
    if (State.FirstKind != UseKind::Reassign || !Scope)
      continue;
    auto UseParents = Ctx.getParents(*State.FirstUse);
    const auto *Assign =
        UseParents.empty() ? nullptr : UseParents[0].get<CXXOperatorCallExpr>();
    if (!Assign)
      continue;
    const Stmt *Top = Assign;
    for (auto P = Ctx.getParents(*Top); !P.empty(); P = Ctx.getParents(*Top)) {
      const auto *E = P[0].get<Expr>();
      if (!E)
        break;
      Top = E;
    }
    if (ScopeOf(*Top) != Scope)
      continue;
    diag(Assign->getOperatorLoc(),
         "%select{awaitable|task}0 stored in %1 is destroyed by this "
         "assignment before it was awaited")
        << IsTask << VD;
    diag(VD->getLocation(), "%0 declared here", DiagnosticIDs::Note) << VD;
  }
  Vars.clear();
  Context = nullptr;
}

} // namespace clang::tidy::async
