//===--- DefUse.h - asynclint -----------------------------------*- C++ -*-===//
//
// Statement-level def/use and control facts for the ordering checks
// (async-sequential-awaits, async-await-in-loop): which variables a
// statement reads, which it may write (assignments, increments, non-const
// member calls, arguments bound to non-const references or passed by
// address), which it declares, and whether it can leave the enclosing block
// or loop or suspend the coroutine. One walk over the statement, so linear in
// its size (plus bounded looks into the bodies of the functions it calls);
// conservative (a "may" analysis): when in doubt, two statements conflict.
//
// Aliases are followed: a structured binding stands for its object; a
// reference, a pointer, a view (span, string_view, ...) or a lambda
// closure stands for the variables its initialiser names; a member of
// `this` is its FieldDecl, and a call of a non-const member function on
// `this` writes every field. Operands of sizeof, alignof, noexcept and
// typeid (unevaluated) are not evaluated and count for nothing.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_DEFUSE_H
#define ASYNCLINT_CHECKS_UTILS_DEFUSE_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {

/// Calls whose order is the point, for the OrderedFunctions option of the
/// ordering checks: locks, transactions, and reads of the next item of a
/// stream (different arguments do not make those independent).
constexpr const char *DefaultOrderedFunctions =
    "*::lock;*::scoped_lock;*::lock_shared;*::acquire;*::commit;*::rollback;"
    "*::next;*::read;*::read_some;*::async_read;*::async_read_some;*::recv;"
    "*::receive;*::async_receive;*::accept;*::async_accept;*::write;"
    "*::write_some;*::async_write;*::async_write_some;*::send;*::async_send;"
    "*::push;*::produce;*::pop;*::consume";

/// An awaited result of type \p T reports how an operation went rather
/// than carrying data: `void`, `bool` or an enumeration (a queue push's
/// "produced"/"closed", a semaphore's "acquired"). Such awaits are
/// effects whose order matters, like `void` ones.
bool isStatusResult(QualType T);

using DeclSet = llvm::SmallPtrSet<const ValueDecl *, 8>;

struct Effects {
  DeclSet Reads;
  DeclSet MayWrite;

  /// Any variable written by one is read or written by the other.
  bool conflictsWith(const Effects &Other) const;
  /// Any variable written by this one is read or written by \p Other (a
  /// read of what \p Other wrote is fine).
  bool writesInto(const Effects &Other) const;
  /// Adds \p Other's reads and writes to these.
  void merge(const Effects &Other);
};

/// What running a statement can do, beyond its effects.
struct StatementFacts {
  Effects Effects;
  /// Variables (and structured bindings) the statement declares.
  DeclSet Declares;
  /// `return`, `co_return`, `throw` or `goto` (outside nested lambdas).
  bool Returns = false;
  /// A `break` that leaves the statement's enclosing loop or switch (not one
  /// of a nested loop or switch).
  bool Breaks = false;
  /// A `continue` of the statement's enclosing loop.
  bool Continues = false;
  /// A `co_await` or `co_yield` of the coroutine itself (not of a nested
  /// lambda), other than an await of an awaiter that resumes at once.
  bool Suspends = false;
  /// A write of a global or static, here or in the body of a function
  /// called (not awaited) here, or a call of a function whose body is not in
  /// the unit (or virtual): state a later call may read unseen. Printing
  /// (printf, puts, the standard streams, fmt, spdlog) and the standard
  /// library's own functions do not count.
  bool WritesGlobalState = false;

  /// Control can leave the enclosing block early.
  bool leavesBlock() const { return Returns || Breaks || Continues; }
};

/// The effects of evaluating \p S (lambda bodies included: a capture is a
/// read). A non-const member call writes its object. An awaited call of a
/// non-const member function writes its object too (`co_await
/// db.insert(r)` changes what `co_await db.last_id()` returns), unless its
/// name says it reads (get, fetch, load, find, ...: `co_await s.get(a)`
/// uses the object concurrently, reading it).
Effects effectsOf(const Stmt *S);

/// Adds to \p Set what its names stand for: a structured binding's object,
/// and what a reference, pointer, view or closure variable was initialised
/// from (transitively). effectsOf and factsOf already do this.
void addAliases(DeclSet &Set);

/// Effects plus control facts of \p S.
StatementFacts factsOf(const Stmt *S);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_DEFUSE_H
