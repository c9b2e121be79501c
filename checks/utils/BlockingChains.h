//===--- BlockingChains.h - asynclint ---------------------------*- C++ -*-===//
//
// Where a function's body blocks, through the functions it calls: the calls
// of a body (with the lambdas that run in place, not those handed to an
// offload), what the body shows besides them (non-blocking sockets, awaited
// executor switches, a branch without an executor), and the shortest chain
// from a function down to a call the BlockingCatalog says blocks. One
// translation unit at a time; memoised.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_BLOCKINGCHAINS_H
#define ASYNCLINT_CHECKS_UTILS_BLOCKINGCHAINS_H

#include "BlockingCatalog.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <array>
#include <vector>

namespace clang::tidy::async::utils {

/// A call or construction found in a function body, and how it was reached
/// from the body.
struct CallSite {
  const Expr *E;
  const NamedDecl *Callee;
  bool Direct;      // in the body itself, not in a lambda argument
  bool InHandler;   // in a catch handler (co_await is ill-formed there)
  bool Statement;   // a whole statement (co_await can prefix it)
  bool Initializer; // a local variable's whole initializer (likewise)
  bool Conditional; // runs only when a condition holds: a branch, a while
                    // loop's body, an arm of ?:, a catch handler
};

/// What a function body shows besides its calls.
struct BodyFacts {
  /// Evidence that its sockets are non-blocking: a readiness await, a
  /// would-block check (EAGAIN, try_again()), O_NONBLOCK and friends, or an
  /// await of something made from the descriptor a socket call is given
  /// (`co_await loop.wait_event({.fd = fd_}); ::accept(fd_, ...)`).
  bool NonBlocking = false;
  /// The awaited executor switches of the body itself, in walk order: where
  /// each ends, and whether it moves to a CPU pool (blocking is reported
  /// there again).
  llvm::SmallVector<std::pair<SourceLocation, bool>, 2> Moves;
  /// The branches taken when the coroutine has no executor (`if (!ex)` on
  /// an executor pointer): it runs inline on its starter's thread.
  llvm::SmallVector<SourceRange, 1> NoExecutor;
};

/// The shortest chain from a function to a blocking call: Hops functions
/// down, through Call (a call to Next, or the blocking call when Hops==0).
struct BlockingChain {
  unsigned Hops = ~0U;
  unsigned Budget = 0; // the depth this was computed with
  const Expr *Call = nullptr;
  const FunctionDecl *Next = nullptr;
  unsigned Depth = ~0U; // stack depth while in progress, else ~0U
  bool Computed = false;
};

class BlockingChains {
public:
  /// \p Catalog must outlive this object. Without \p FollowConditional, a
  /// chain goes only through calls its functions always make: a call that
  /// runs only when a condition holds (CallSite::Conditional), and a
  /// blocking wait given a predicate (`cv.wait(lock, [&] { return
  /// !full(); })`, which waits only while it is false), are not followed.
  BlockingChains(const BlockingCatalog &Catalog, bool FollowConditional)
      : Catalog(Catalog), FollowConditional(FollowConditional) {}

  /// The translation unit being looked at; forgets the previous one's.
  void startUnit(const ASTContext *Ctx);
  /// The calls of \p Body in source order (of those that begin together,
  /// the enclosing one first), and its facts. Not memoised.
  void collectSites(const Stmt *Body, std::vector<CallSite> &Out,
                    BodyFacts &Seen);
  /// The sites and facts of \p FD's body, collected once.
  const std::vector<CallSite> &sitesOf(const FunctionDecl *FD);
  const BodyFacts &factsOf(const FunctionDecl *FD);
  /// Whether a chain goes through site \p S of a function it reaches (a
  /// call that \p Blocking, or one it may follow): see the constructor.
  bool goesThrough(const CallSite &S, bool Blocking) const;
  /// The chain from \p FD; with \p SocketsNonBlocking, socket calls do not
  /// count (the coroutine showed they are non-blocking). \p Cut receives
  /// the lowest stack depth of an unfinished function the search ran into
  /// (a cycle): a result cut that way is not memoised for other callers.
  const BlockingChain &chainFrom(const FunctionDecl *FD, unsigned Budget,
                                 bool SocketsNonBlocking, unsigned &Cut);
  /// The memoised chain step at \p FD, or null.
  const BlockingChain *step(const FunctionDecl *FD,
                            bool SocketsNonBlocking) const;
  /// Whether a call to \p FD (by \p Call) is followed transitively: a
  /// non-coroutine defined in the user's code, not annotated non-blocking,
  /// not ignored, not an awaiter's await_resume, not a lambda parameter.
  bool followable(const Expr *Call, const FunctionDecl *FD) const;

private:
  /// Looks at one statement for the evidence of BodyFacts.
  void noteFacts(const Stmt *S, bool InLambda, BodyFacts &Seen) const;
  /// Sets Seen.NonBlocking when one of the awaited \p Operands is made from
  /// the descriptor a socket call of \p Sites is given.
  void noteAwaitedDescriptors(llvm::ArrayRef<const Expr *> Operands,
                              llvm::ArrayRef<CallSite> Sites,
                              BodyFacts &Seen) const;
  /// Whether the function \p Call calls, defined in this unit, hands its
  /// parameter for argument \p ArgIndex to an offload function.
  bool offloadsParameter(const CallExpr *Call, unsigned ArgIndex);
  /// Whether the lambdas handed to \p Call run where it is called.
  bool runsArgumentsHere(const CallExpr *Call);
  bool isCpuExecutor(const Expr *E) const;

  const BlockingCatalog &Catalog;
  const bool FollowConditional;
  const ASTContext *AST = nullptr;
  /// Memoised chains, without ([0]) and with ([1]) SocketsNonBlocking.
  std::array<llvm::DenseMap<const FunctionDecl *, BlockingChain>, 2> Chains;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallSite>> SitesOf;
  llvm::DenseMap<const FunctionDecl *, BodyFacts> FactsOf;
  /// offloadsParameter's answers, by definition and parameter.
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool>
      OffloadedParams;
  /// Whether a definition calls one of its parameters itself (null: not
  /// defined here), for the calls that also receive an executor.
  llvm::DenseMap<const FunctionDecl *, bool> CallsParameter;
  unsigned StackDepth = 0;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_BLOCKINGCHAINS_H
