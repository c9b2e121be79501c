//===--- ASTHelpers.h - asynclint -------------------------------*- C++ -*-===//
//
// Small AST helpers shared by the checks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H
#define ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::async::utils {

/// Looks through the nodes that wrap an expression without changing what it
/// evaluates to: cleanups, temporaries, implicit casts and parentheses.
const Expr *stripWrappers(const Expr *E);

/// The `co_await` whose result \p E is, looking through what C++ inserts
/// around it: temporaries, conversions, and the copy or move construction
/// from a reference result (`auto x = co_await f()` with a `T &&`
/// await_resume), or null.
const CoawaitExpr *awaitedValue(const Expr *E);

/// The local variable \p E names, itself or as the operand of `std::move`
/// (under wrappers), or null.
const VarDecl *localOrMoved(const Expr *E);

/// How a function is named in a diagnostic: a template specialization by its
/// template (`make`, not `make<int>`), anything else by itself.
const NamedDecl *displayDecl(const FunctionDecl *FD);

/// \p RD (its definition) declares a member named \p Name.
bool hasMemberNamed(const CXXRecordDecl *RD, llvm::StringRef Name);

/// The call operator of the lambda that an `operator()` call's object was
/// initialised with (`std::function<task<int>(int)> fib = [&](int n) ...;`
/// then `fib(n - 1)`), or null.
const FunctionDecl *lambdaBehind(const Expr *Call);

/// \p D is a lambda's call operator.
bool isLambdaCallOperator(const Decl *D);

/// The declaration named as the object of an `operator()` call (`f(x)` with
/// `f` a variable, parameter or namespace-scope function object), or null.
const ValueDecl *calledObject(const Expr *Call);

/// For a lambda called through a variable or parameter (`auto f = [] {...};
/// f();`), that variable: how the call is named in a diagnostic. Else null.
const NamedDecl *calledLambdaVariable(const Expr *Call);

/// Registers \p Check for every function definition and every lambda written
/// in the user's files (not system headers), so it can look at each function
/// body once; matchedFunction() decodes the match.
void addFunctionMatchers(ast_matchers::MatchFinder *Finder,
                         ast_matchers::MatchFinder::MatchCallback *Check);

/// Registers \p Check, bound as \p Id, for every statement in the user's
/// files whose child slots discard what they evaluate: blocks, `if`s,
/// loops, cases, labels and attributed statements (one matcher per node
/// kind: MatchFinder runs a matcher only on nodes of its kind, where
/// stmt(anyOf(...)) would run on every statement).
void addDiscardingStmtMatchers(ast_matchers::MatchFinder *Finder,
                               ast_matchers::MatchFinder::MatchCallback *Check,
                               llvm::StringRef Id);

/// Calls \p F with each slot of \p S whose value is discarded, for every
/// kind addDiscardingStmtMatchers registers but a block (whose last
/// statement may be a statement expression's value: the caller decides):
/// an `if`'s branches, a `for`'s init, increment and body, a loop's body,
/// the statement under a case, a label or an attribute. Null slots too.
void forEachDiscardedSlot(const Stmt *S,
                          llvm::function_ref<void(const Stmt *)> F);

/// The function of a match registered by addFunctionMatchers (a lambda's
/// call operator for a lambda), or null for any other match.
const FunctionDecl *matchedFunction(const ast_matchers::BoundNodes &Nodes);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_ASTHELPERS_H
