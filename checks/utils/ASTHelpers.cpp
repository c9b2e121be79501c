//===--- ASTHelpers.cpp - asynclint ---------------------------------------===//

#include "ASTHelpers.h"
#include "Matchers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async::utils {

const Expr *stripWrappers(const Expr *E) {
  const Expr *Prev = nullptr;
  while (E && E != Prev) {
    Prev = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

const CoawaitExpr *awaitedValue(const Expr *E) {
  E = stripWrappers(E);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    E = stripWrappers(Construct->getArg(0));
  return dyn_cast_or_null<CoawaitExpr>(E);
}

const VarDecl *localOrMoved(const Expr *E) {
  E = E ? stripWrappers(E) : nullptr;
  if (const auto *Move = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *Callee = Move->getDirectCallee();
    if (!Callee || Move->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
        !Callee->getIdentifier() || Callee->getName() != "move")
      return nullptr;
    E = stripWrappers(Move->getArg(0));
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Local && Local->hasLocalStorage() ? Local : nullptr;
}

const NamedDecl *displayDecl(const FunctionDecl *FD) {
  if (FD && FD->getPrimaryTemplate())
    return FD->getPrimaryTemplate();
  return FD;
}

bool hasMemberNamed(const CXXRecordDecl *RD, StringRef Name) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  return Def && !Def->lookup(&Def->getASTContext().Idents.get(Name)).empty();
}

bool isLambdaCallOperator(const Decl *D) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(D);
  return M && M->getParent()->isLambda();
}

const ValueDecl *calledObject(const Expr *Call) {
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(stripWrappers(Op->getArg(0)));
  return Ref ? Ref->getDecl() : nullptr;
}

const FunctionDecl *lambdaBehind(const Expr *Call) {
  const auto *Var = dyn_cast_or_null<VarDecl>(calledObject(Call));
  const Expr *Init = Var ? Var->getInit() : nullptr;
  // Through the conversions and the one-argument construction that make a
  // type-erased callable of the lambda.
  for (unsigned Depth = 0; Init && Depth < 4; ++Depth) {
    Init = stripWrappers(Init);
    if (const auto *L = dyn_cast<LambdaExpr>(Init))
      return L->getCallOperator();
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
    Init = Construct && Construct->getNumArgs() == 1 ? Construct->getArg(0)
                                                     : nullptr;
  }
  return nullptr;
}

const NamedDecl *calledLambdaVariable(const Expr *Call) {
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
  return Op && isLambdaCallOperator(Op->getCalleeDecl()) ? calledObject(Op)
                                                         : nullptr;
}

void addFunctionMatchers(MatchFinder *Finder,
                         MatchFinder::MatchCallback *Check) {
  auto InUserCode = matchers::isInUserCode();
  Finder->addMatcher(functionDecl(isDefinition(), InUserCode).bind("fn"),
                     Check);
  Finder->addMatcher(lambdaExpr(InUserCode).bind("lambda"), Check);
}

void addDiscardingStmtMatchers(MatchFinder *Finder,
                               MatchFinder::MatchCallback *Check,
                               llvm::StringRef Id) {
  auto InUserCode = matchers::isInUserCode();
  Finder->addMatcher(compoundStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(ifStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(forStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(whileStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(doStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(cxxForRangeStmt(InUserCode).bind(Id), Check);
  Finder->addMatcher(switchCase(InUserCode).bind(Id), Check);
  Finder->addMatcher(labelStmt(InUserCode).bind(Id), Check);
  // Not among clang's own matchers; a local, as a static could throw.
  const ast_matchers::internal::VariadicDynCastAllOfMatcher<Stmt,
                                                            AttributedStmt>
      AttributedStmts;
  Finder->addMatcher(AttributedStmts(InUserCode).bind(Id), Check);
}

void forEachDiscardedSlot(const Stmt *S,
                          llvm::function_ref<void(const Stmt *)> F) {
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    F(If->getThen());
    F(If->getElse());
  } else if (const auto *For = dyn_cast<ForStmt>(S)) {
    F(For->getInit());
    F(For->getInc());
    F(For->getBody());
  } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
    F(While->getBody());
  } else if (const auto *Do = dyn_cast<DoStmt>(S)) {
    F(Do->getBody());
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    F(Range->getBody());
  } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
    F(Case->getSubStmt());
  } else if (const auto *Label = dyn_cast<LabelStmt>(S)) {
    F(Label->getSubStmt());
  } else if (const auto *Attributed = dyn_cast<AttributedStmt>(S)) {
    F(Attributed->getSubStmt());
  }
}

const FunctionDecl *matchedFunction(const BoundNodes &Nodes) {
  if (const auto *L = Nodes.getNodeAs<LambdaExpr>("lambda"))
    return L->getCallOperator();
  return Nodes.getNodeAs<FunctionDecl>("fn");
}

} // namespace clang::tidy::async::utils
