//===--- Awaitable.h - asynclint --------------------------------*- C++ -*-===//
//
// Structural answers to "can this be co_awaited?" and "is this a coroutine
// task?", for any coroutine framework. Nothing here knows a framework by name.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_AWAITABLE_H
#define ASYNCLINT_CHECKS_UTILS_AWAITABLE_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The types a classifier decides by name rather than by structure
/// (async-unawaited-task's AwaitableTypes and IgnoredTypes options):
/// qualified names, a leading "::" ignored.
class AwaitableNames {
public:
  AwaitableNames() = default;
  /// \p Awaitable: treated as awaitable even when their structure is not
  /// visible. \p Ignored: never treated as awaitable.
  AwaitableNames(llvm::ArrayRef<llvm::StringRef> Awaitable,
                 llvm::ArrayRef<llvm::StringRef> Ignored);

  llvm::ArrayRef<std::string> awaitable() const { return Awaitable; }
  llvm::ArrayRef<std::string> ignored() const { return Ignored; }
  /// Both lists in one string, empty when both are: classifiers built from
  /// equal keys give equal answers, so checks configured alike share one.
  llvm::StringRef key() const { return Key; }

private:
  std::vector<std::string> Awaitable;
  std::vector<std::string> Ignored;
  std::string Key;
};

/// When the body of a coroutine starts, decided from its promise's
/// `initial_suspend()`: the type it returns, that type's `await_ready` and
/// `await_suspend`.
enum class TaskStart : std::uint8_t {
  /// `await_ready` is constantly false and `await_suspend` does nothing with
  /// the handle (`std::suspend_always`): nothing runs until it is awaited.
  Lazy,
  /// `await_ready` is constantly true (`std::suspend_never`): the body runs
  /// when the coroutine is called.
  Eager,
  /// Anything else (an `await_suspend` that schedules the handle, a value
  /// only known at run time, a promise we cannot see).
  Unknown,
};

/// What is lost when a value of an awaitable type is dropped unawaited.
struct DropInfo {
  enum KindT : std::uint8_t {
    /// Not awaitable: nothing to report.
    None,
    /// A coroutine that has not started: it never runs.
    LazyTask,
    /// A plain awaiter or awaitable that is not a coroutine and is trivially
    /// destructible: it owns nothing that runs, so the operation it stands
    /// for happens only when awaited.
    Operation,
    /// A handle to work that already started (an eager coroutine), or may
    /// have (an awaitable that is not a coroutine and owns state): its
    /// result and exceptions are lost.
    Started,
    /// A coroutine type whose start is not known: stay silent.
    Unknown,
  };
  KindT Kind = None;
  /// The value is a coroutine type (or came from a coroutine).
  bool Coroutine = false;
  /// The type or the callee is `[[nodiscard]]`.
  bool NoDiscard = false;
  /// The type's destructor destroys a coroutine frame (calls `destroy()` on a
  /// coroutine handle): dropping a started one cancels its work.
  bool DestroysFrame = false;
  /// The type or the callee is annotated `asynclint::detached`: dropping it
  /// is intended.
  bool Detached = false;
};

/// Classifies types by structure. A type is awaitable when `co_await` on a
/// value of it is valid without help from the promise: it has the members
/// await_ready, await_suspend and await_resume (an awaiter), or a member or
/// free operator co_await. A task is an awaitable type that is also the
/// return type of a coroutine (it has a promise_type, directly or through a
/// std::coroutine_traits specialization). A synchronous generator is a
/// coroutine type that is not awaitable, and so not a task.
///
/// Results are cached per canonical type, so asking is O(1) after the first
/// time; the cache belongs to one translation unit (UnitAnalysis keeps the
/// classifiers). Dependent types are never awaitable: checks decide on the
/// instantiations, where the types are known.
class AwaitableClassifier {
public:
  explicit AwaitableClassifier(AwaitableNames Names = {});

  /// `co_await` on a value of type \p T (references and cv-qualifiers are
  /// looked through) is valid by the structure of the type.
  bool isAwaitable(QualType T);

  /// \p T is awaitable and is a coroutine return type.
  bool isTask(QualType T);

  /// \p Call combines awaitables: an argument is awaitable, or a container
  /// or range of them (`gather(f(), g())`, `when_all(std::move(tasks))`,
  /// Asio's `f() && g()`). Awaiting it is already concurrent.
  bool isCombinator(const CallExpr *Call);

  /// The model's one answer to "can this coroutine `co_await` x here?",
  /// for x of type \p T (an lvalue when \p LValue) in a coroutine whose
  /// promise is \p Promise (may be null): true when it is valid by the
  /// structure of the types (an await_transform overload, a template one
  /// included, whose first parameter names x's class or class template),
  /// false when it is not (x is not awaitable, or the promise's
  /// await_transform overloads take no such x or delete the one that does,
  /// a deleted template included), nullopt when the structure cannot tell
  /// (a generic template await_transform, an lvalue of a type awaited
  /// through an operator co_await, which may take rvalues only).
  std::optional<bool> canAwaitIn(QualType T, bool LValue,
                                 const CXXRecordDecl *Promise);

  /// The type `co_await x` gives for x of type \p T without help from the
  /// promise: what the awaiter's await_resume returns (the awaiter is T, or
  /// what T's member operator co_await returns). A result spelled as a
  /// parameter of T's class template (`T await_resume()` in `task<T>`'s
  /// awaiter) is read from T's template arguments. Null when not known.
  QualType awaitResultType(QualType T);

  /// When a coroutine returning \p T starts. \p Callee, when it is a
  /// coroutine defined in this unit, gives the exact promise; otherwise the
  /// promise comes from \p T (a nested promise_type, or every
  /// std::coroutine_traits specialization for it, which must agree).
  TaskStart taskStart(QualType T, const FunctionDecl *Callee);

  /// What dropping a value of type \p T returned by \p Callee (may be null)
  /// loses.
  DropInfo dropInfo(QualType T, const FunctionDecl *Callee);

private:
  struct Info {
    bool Awaitable = false;
    bool CoroutineType = false;
  };
  const Info &classify(QualType T);
  Info compute(const CXXRecordDecl *RD, const Type *Canon);
  static bool nameIn(const NamedDecl *D, llvm::ArrayRef<std::string> Names);

  const AwaitableNames Names;
  llvm::DenseMap<const Type *, Info> Cache;
  llvm::DenseMap<const Type *, TaskStart> StartCache;
};

/// The function's body is a coroutine body (it contains co_await, co_yield
/// or co_return).
bool isCoroutine(const FunctionDecl *FD);

/// The body of \p FD as the user wrote it, when \p FD is a valid coroutine
/// and not a template instantiation (instantiations repeat the pattern);
/// otherwise null.
const Stmt *writtenCoroutineBody(const FunctionDecl *FD);

/// The await \p S never suspends: the awaiter's `await_ready()` returns a
/// constant true (`std::suspend_never`, a ready-made result, a stop-token
/// query), or its `await_suspend()` returns only a constant false (it looks
/// at the handle, a current-executor query, and resumes at once), whatever
/// the promise's await_transform or an operator co_await made of the
/// operand.
bool resumesAtOnce(const CoroutineSuspendExpr *S);

/// The awaiter of \p S calls a callable it holds (`fn()` on one of its
/// fields) in its await_resume: after the coroutine is resumed, on the
/// thread it runs on.
bool resumeCallsHeldCallable(const CoroutineSuspendExpr *S);

/// The promise type of coroutine \p FD, or null.
const CXXRecordDecl *getPromiseRecord(const FunctionDecl *FD);

/// The record declaration behind \p T after looking through references,
/// sugar and cv-qualifiers, or null. For a specialization that was never
/// instantiated, the pattern it would be instantiated from.
const CXXRecordDecl *getRecordForStructure(QualType T);

/// \p RD, or where its structure is when it was never instantiated: the
/// pattern of a class template specialization, the member class of the
/// pattern for a member class of a specialization.
const CXXRecordDecl *recordStructure(const CXXRecordDecl *RD);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_AWAITABLE_H
