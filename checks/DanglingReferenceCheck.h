//===--- DanglingReferenceCheck.h - asynclint -------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_DANGLINGREFERENCECHECK_H
#define ASYNCLINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Awaitable.h"
#include "utils/QualifiedNames.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>

namespace clang::tidy::async {

/// Finds lazy tasks that may outlive what they refer to: a temporary bound
/// to a coroutine's reference (or view) parameter, the temporary closure of
/// a coroutine lambda, a local bound to a reference parameter of a task
/// that is returned past the local's scope.
///
/// For the user-facing documentation see:
/// docs/checks/async-dangling-reference.md
class DanglingReferenceCheck : public ClangTidyCheck {
public:
  DanglingReferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }

private:
  /// Marks the calls in \p E (not in lambda bodies) as run or consumed
  /// within the full-expression.
  void cover(const Expr *E);
  /// Marks the expressions \p S discards (statements of a block, branches,
  /// loop bodies) as covered.
  void markDiscarded(const Stmt *S);
  void checkCall(const CallExpr *Call);
  /// Records the tasks \p StoreCall stores (a container's push_back, an
  /// assignment) and where.
  void noteStore(const CallExpr *StoreCall);
  /// \p Call to \p Callee, a function returning a lazy task: its arguments.
  void checkArguments(const CallExpr *Call, const FunctionDecl *Callee);
  /// \p Call of the call operator of the temporary closure \p L.
  void checkLambdaCall(const CXXMethodDecl *Op, const LambdaExpr *L);
  /// \p Call of a member coroutine on a temporary object.
  void checkTemporaryObject(const CXXMemberCallExpr *Call,
                            const CXXMethodDecl *Method);
  /// The argument \p Arg of parameter \p Param refers to a local of the
  /// function \p Return returns from; reports it.
  bool checkReturnedLocal(const CallExpr *Call, const FunctionDecl *Callee,
                          const ParmVarDecl *Param, const Expr *Arg,
                          const ReturnStmt *Return);
  /// Where a task is stored: the container or variable it goes into, and
  /// the call or assignment that puts it there.
  struct Store {
    const Expr *Into;
    const Expr *By;
  };
  /// The argument \p Arg of parameter \p Param refers to a local whose
  /// scope ends while \p Into, where the task is stored, lives on and is not
  /// used again in that scope; reports it.
  bool checkStoredLocal(const CallExpr *Call, const FunctionDecl *Callee,
                        const ParmVarDecl *Param, const Expr *Arg,
                        const Store &Into);
  /// The warning of checkReturnedLocal and checkStoredLocal: the task of
  /// \p Call may outlive \p VD, bound to \p Param.
  void reportOutlivesLocal(const CallExpr *Call, const FunctionDecl *Callee,
                           const VarDecl *VD, const ParmVarDecl *Param);
  /// The local variable or by-value parameter \p Arg (for parameter
  /// \p Param) refers to, itself, through std::ref or as the storage a view
  /// views, or null.
  const VarDecl *boundLocal(const ParmVarDecl *Param, const Expr *Arg);
  /// The block a local is declared in (its function's body for a
  /// parameter), or null when it is declared elsewhere (a for-init).
  const CompoundStmt *scopeOf(const VarDecl *VD) const;
  bool isView(QualType T);
  /// The temporary that \p Arg binds to a reference parameter
  /// (\p Reference) or that a view parameter is built from, or null.
  const MaterializeTemporaryExpr *temporaryOf(const Expr *Arg, bool Reference);
  /// \p Call hands a task to \p Callee, a helper of the user's own (not a
  /// coroutine) that runs a blocking driver or waits synchronously.
  bool waitsFor(const CallExpr *Call, const FunctionDecl *Callee);
  /// \p C is a blocking driver or a synchronous wait.
  bool isWait(const CallExpr *C);
  /// \p FD is a blocking driver (BlockingDrivers); memoised with whether
  /// its own name is a synchronous wait.
  bool isDriver(const FunctionDecl *FD);

  /// Functions that run a task to completion before they return
  /// (BlockingDrivers).
  const StringRef BlockingDrivers;
  /// Types that refer to storage they do not own, passed by value (ViewTypes).
  const StringRef ViewTypes;
  const utils::NameList Drivers;
  /// Synchronous waits (std::future::get, a latch...).
  const utils::NameList SyncWaits;
  const utils::NameList Views;

  utils::AwaitableClassifier *Classifier = nullptr;
  utils::NameCache *Names = nullptr;
  const SourceManager *SM = nullptr;
  /// waitsFor's answer per helper definition.
  llvm::DenseMap<const FunctionDecl *, bool> Waits;
  /// Calls whose task is awaited, driven, discarded or used as the object of
  /// a member call within its full-expression: not reported.
  llvm::DenseSet<const Expr *> Covered;
  /// Calls in template patterns (dependent functions and lambdas).
  llvm::DenseSet<const Expr *> InPattern;
  enum class NameKind : std::uint8_t { Other, Driver, Wait };
  /// isDriver's answers, by callee.
  llvm::DenseMap<const FunctionDecl *, NameKind> DriverOrWait;
  /// isWait's answers for a member named by the object's class.
  llvm::DenseMap<std::pair<const Decl *, const Decl *>, bool> InheritedWaits;
  /// Calls that are the value of a return statement.
  llvm::DenseMap<const Expr *, const ReturnStmt *> Returned;
  /// Calls whose task is stored (`c.push_back(f())`, `x = f()`).
  llvm::DenseMap<const Expr *, Store> Stored;
  /// The block each local is declared in, as a statement of it.
  llvm::DenseMap<const VarDecl *, const CompoundStmt *> VarScope;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_DANGLINGREFERENCECHECK_H
