//===--- Matchers.h - asynclint ---------------------------------*- C++ -*-===//
//
// Matchers, and the predicates the checks' own matchers are made of, for
// the matchers that run on every node of a common kind (every call, member
// call, DeclRefExpr, local variable).
//
// Each is one C++ predicate. A matcher composed of clang's (for instance
// `declRefExpr(to(varDecl(hasLocalStorage(), ...)))`) evaluates one
// DynTypedMatcher per level, each with its own node-kind test and
// traversal-kind lookup; on a unit made of coroutines that evaluation cost
// more than the checks' callbacks (docs/performance.md). Each matcher here
// names the composed matcher it stands for and binds the same names. All
// assume MatchFinder's default traversal, TK_AsIs. The checks do not
// declare it (getCheckTraversalKind): a declared kind wraps every matcher
// in a traverse() matcher, one more evaluation per node.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_MATCHERS_H
#define ASYNCLINT_CHECKS_UTILS_MATCHERS_H

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::async::utils::matchers {

/// Whether \p Loc is outside system headers: what
/// `unless(isExpansionInSystemHeader())` tests.
inline bool inUserCode(SourceLocation Loc,
                       const ast_matchers::internal::ASTMatchFinder *Finder) {
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  SourceLocation Expansion = SM.getExpansionLoc(Loc);
  return Expansion.isInvalid() || !SM.isInSystemHeader(Expansion);
}

/// Whether \p Call is one clang writes itself, mostly into a coroutine: on
/// the awaiter of a co_await, co_yield or the initial and final suspend (an
/// OpaqueValueExpr), on an implicit variable (the promise; a range-for's
/// hidden range too), to a coroutine builtin (`__builtin_coro_frame()`),
/// given one, or on what one returns.
/// They are half of a coroutine's calls; none starts, stores or waits for a
/// task the user wrote.
inline bool isCoroutineMachinery(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object)
      return false;
    Object = Object->IgnoreImplicit()->IgnoreParens();
    if (isa<OpaqueValueExpr>(Object))
      return true;
    // On what such a call returns: the conversion of from_address's
    // handle to the coroutine_handle<> that await_suspend takes.
    if (const auto *Inner = dyn_cast<CallExpr>(Object))
      return isCoroutineMachinery(*Inner);
    const auto *Ref = dyn_cast<DeclRefExpr>(Object);
    return Ref && Ref->getDecl()->isImplicit();
  }
  // By name: FunctionDecl::getBuiltinID reads the declaration's attributes.
  auto IsCoroBuiltin = [](const CallExpr *C) {
    const auto *Callee =
        C ? dyn_cast_or_null<FunctionDecl>(C->getCalleeDecl()) : nullptr;
    return Callee && Callee->getIdentifier() &&
           Callee->getName().starts_with("__builtin_coro_");
  };
  // The builtins, and the calls given one: the frame's allocation
  // (`operator new(__builtin_coro_size())`) and release, and
  // `coroutine_handle<P>::from_address(__builtin_coro_frame())`.
  return IsCoroBuiltin(&Call) ||
         llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
           return IsCoroBuiltin(dyn_cast<CallExpr>(Arg->IgnoreImplicit()));
         });
}

/// `unless(isExpansionInSystemHeader())`.
AST_POLYMORPHIC_MATCHER(isInUserCode,
                        AST_POLYMORPHIC_SUPPORTED_TYPES(Decl, Stmt)) {
  return inUserCode(Node.getBeginLoc(), Finder);
}

/// The callee of \p Call when it is a function and \p Call is given a
/// lambda, itself or as the one argument of a constructor
/// (`std::function<void()>(lambda)`), or null: what `callExpr(
/// hasAnyArgument(anyOf(ignoringImplicit(lambdaExpr()), ignoringImplicit(
/// cxxConstructExpr(argumentCountIs(1), hasArgument(0, ignoringImplicit(
/// lambdaExpr())))))), callee(functionDecl().bind(...)))` binds.
inline const FunctionDecl *calleeGivenLambda(const CallExpr &Call) {
  auto IsLambda = [](const Expr *E) {
    return E && isa<LambdaExpr>(E->IgnoreImplicit());
  };
  bool HasLambda = llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
    if (IsLambda(Arg))
      return true;
    const auto *Construct = dyn_cast<CXXConstructExpr>(Arg->IgnoreImplicit());
    return Construct && Construct->getNumArgs() == 1 &&
           IsLambda(Construct->getArg(0)->IgnoreParenImpCasts());
  });
  return HasLambda ? dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl())
                   : nullptr;
}

/// A constructor call with one argument, bound (under parentheses and
/// implicit casts) as \p ArgId: `cxxConstructExpr(argumentCountIs(1),
/// hasArgument(0, expr().bind(ArgId)), isInUserCode())`.
// NOLINTNEXTLINE(modernize-pass-by-value): the macro's constructor
AST_MATCHER_P(CXXConstructExpr, oneArgumentConstruct, std::string, ArgId) {
  if (Node.getNumArgs() != 1 || !inUserCode(Node.getBeginLoc(), Finder))
    return false;
  Builder->setBinding(
      ArgId, DynTypedNode::create(*Node.getArg(0)->IgnoreParenImpCasts()));
  return true;
}

/// A local variable with an initializer, not a parameter and not implicit:
/// `varDecl(hasLocalStorage(), unless(parmVarDecl()), unless(isImplicit()),
/// hasInitializer(expr()), isInUserCode())`.
AST_MATCHER(VarDecl, initializedLocal) {
  return Node.hasLocalStorage() && !isa<ParmVarDecl>(Node) &&
         !Node.isImplicit() && Node.getAnyInitializer() &&
         inUserCode(Node.getBeginLoc(), Finder);
}

/// A co_await whose operand is bound (under parentheses and implicit casts)
/// as \p OperandId: `coawaitExpr(has(ignoringParenImpCasts(
/// expr().bind(OperandId))), isInUserCode())` (the operand is the first
/// child).
// NOLINTNEXTLINE(modernize-pass-by-value): the macro's constructor
AST_MATCHER_P(CoawaitExpr, awaitedOperand, std::string, OperandId) {
  const Expr *Operand = Node.getOperand();
  if (!Operand || !inUserCode(Node.getBeginLoc(), Finder))
    return false;
  Builder->setBinding(OperandId,
                      DynTypedNode::create(*Operand->IgnoreParenImpCasts()));
  return true;
}

/// In what follows an implicit variable (a coroutine's promise) is left
/// out: it is never a task the user holds, and every call clang writes into
/// a coroutine names it.

/// The DeclRefExpr assigned to by \p Call, an assignment operator call, or
/// null: what `cxxOperatorCallExpr(isAssignmentOperator(), hasArgument(0,
/// ignoringParenImpCasts(declRefExpr().bind(...))))` binds.
inline const DeclRefExpr *assignedRef(const CallExpr &Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op || !Op->isAssignmentOp() || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  return Ref && !Ref->getDecl()->isImplicit() ? Ref : nullptr;
}

/// When \p Call calls a const member function on a DeclRefExpr, the
/// reference and the method, else nulls: what `cxxMemberCallExpr(on(
/// ignoringParenImpCasts(declRefExpr().bind(...))), callee(cxxMethodDecl(
/// isConst()).bind(...)))` binds.
inline std::pair<const DeclRefExpr *, const CXXMethodDecl *>
constQueryOn(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  const auto *Ref =
      Object ? dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts()) : nullptr;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call.getCalleeDecl());
  if (!Ref || Ref->getDecl()->isImplicit() || !Method || !Method->isConst())
    return {nullptr, nullptr};
  return {Ref, Method};
}

/// A reference to a local variable (not a parameter) whose type is a class,
/// the variable bound as \p VarId: `declRefExpr(to(varDecl(hasLocalStorage(),
/// unless(parmVarDecl()), hasType(hasUnqualifiedDesugaredType(recordType())))
/// .bind(VarId)), isInUserCode())`.
// NOLINTNEXTLINE(modernize-pass-by-value): the macro's constructor
AST_MATCHER_P(DeclRefExpr, refToLocalObject, std::string, VarId) {
  const auto *VD = dyn_cast_or_null<VarDecl>(Node.getDecl());
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
      VD->isImplicit() ||
      !isa<RecordType>(VD->getType()->getUnqualifiedDesugaredType()) ||
      !inUserCode(Node.getBeginLoc(), Finder))
    return false;
  Builder->setBinding(VarId, DynTypedNode::create(*VD));
  return true;
}

/// Whether \p Call is a member call to a function named one of \p Names
/// (unqualified): `cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
/// Names))))`.
inline bool isMemberCallNamed(const CallExpr &Call,
                              llvm::ArrayRef<llvm::StringRef> Names) {
  const auto *Method =
      isa<CXXMemberCallExpr>(Call)
          ? dyn_cast_or_null<CXXMethodDecl>(Call.getCalleeDecl())
          : nullptr;
  return Method && Method->getIdentifier() &&
         llvm::is_contained(Names, Method->getName());
}

} // namespace clang::tidy::async::utils::matchers

#endif // ASYNCLINT_CHECKS_UTILS_MATCHERS_H
