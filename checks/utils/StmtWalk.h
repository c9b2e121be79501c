//===--- StmtWalk.h - asynclint ---------------------------------*- C++ -*-===//
//
// The one statement walker of the checks, and what each walk skips.
//
// A walk visits a root statement and the statements below it, parents
// before children, in source order, with an explicit stack (deeply nested
// code cannot exhaust the call stack). What it does not enter is a
// policy, a set of Skip flags; the presets in `walks` are every policy the
// checks use, each with its reason. Whatever the policy, co_await, co_yield
// and co_return are nodes Sema builds around the user's operand; the flags
// AwaitMachinery and ReturnMachinery say when only the operand is entered.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_STMTWALK_H
#define ASYNCLINT_CHECKS_UTILS_STMTWALK_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/BitmaskEnum.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace clang::tidy::async::utils {

LLVM_ENABLE_BITMASK_ENUMS_IN_NAMESPACE();

/// What a walk does not enter. A skipped statement is still visited (the
/// visitor sees the lambda, the handler, the loop) unless its flag says
/// otherwise; its children are not.
enum class Skip : std::uint8_t {
  None = 0,
  /// Lambda expressions. Entered, a lambda's capture initialisers are
  /// walked where the lambda stands (they run there) and its body as a new
  /// function: WalkContext::InLambda, nothing else of the outer context.
  Lambdas = 1U << 0,
  /// Catch handlers (CXXCatchStmt). Entered, their statements have
  /// WalkContext::InCatchHandler.
  CatchHandlers = 1U << 1,
  /// Loops (for, while, do, range-for), the root included.
  Loops = 1U << 2,
  /// Expressions that contain errors (error recovery in half-typed code):
  /// neither visited nor entered, since their types are guesses.
  ErrorExprs = 1U << 3,
  /// Of co_await and co_yield (dependent co_await too), all but the
  /// operand: the operator co_await, await_transform and yield_value calls
  /// and the await_ready, await_suspend and await_resume calls on the
  /// awaiter. They repeat the operand (a walk would meet it twice) and name
  /// the hidden promise.
  AwaitMachinery = 1U << 4,
  /// Of co_return, the promise's return_value or return_void call; only the
  /// operand is entered.
  ReturnMachinery = 1U << 5,
  LLVM_MARK_AS_BITMASK_ENUM(/*LargestValue=*/ReturnMachinery)
};

/// Every policy the checks walk with, and why it skips what it skips.
namespace walks {

/// A function's own code, what its author wrote in it: for
/// async-sequential-awaits (its blocks, and the awaits of one statement),
/// async-await-in-loop (its loops) and async-unawaited-task (whether a
/// template that calls a lambda discards the task it returns); the three
/// walks below skip more. A lambda is another function: its blocks and
/// loops are checked when the lambda itself is, and its co_await suspends
/// the lambda, not us. The calls Sema builds around co_await, co_yield and
/// co_return operands are the framework's. async-dangling-reference walks
/// an awaited (or driven) operand with it: the calls a full-expression makes
/// are its own code, a lambda body in it runs later. utils::DrivenCoroutines
/// finds a coroutine's first suspension with it: a co_await in a lambda
/// suspends the lambda.
inline constexpr Skip OwnCode =
    Skip::Lambdas | Skip::AwaitMachinery | Skip::ReturnMachinery;

/// async-await-in-loop, the awaits of one loop's body: its own code minus
/// the loops nested in it, whose awaits are reported at the nested loop
/// (the outer loop only asks whether the inner one suspends).
inline constexpr Skip LoopAwaits = OwnCode | Skip::Loops;

/// async-unawaited-task, where inserting `co_await` is valid: its own code
/// minus catch handlers, where co_await is ill-formed.
inline constexpr Skip AwaitSlots = OwnCode | Skip::CatchHandlers;

/// async-blocking-call, the calls a function makes: its own code minus
/// error-recovery expressions (no reliable callee). Catch handlers are
/// entered (a call blocks there too) and marked, since a fix-it cannot add
/// co_await there. A lambda handed to an ordinary call may run right here
/// (an algorithm, call_once, an immediate call): the check enters such a
/// body itself with StmtWalker::enterLambdaBody.
inline constexpr Skip CallSites = OwnCode | Skip::ErrorExprs;

/// utils::DefUse, the effects and control facts of a statement. Lambdas are
/// entered: a capture reads, and the body reads and writes what it
/// captures by reference (its control facts are its own: InLambda). The
/// co_return promise call is entered: return_value may take the returned
/// variable by non-const reference. async-dangling-reference uses it for
/// what a body reads (a coroutine lambda's captures, a member coroutine's
/// `this`, a helper's synchronous waits): a nested lambda's captures read
/// too, and a callback that sets what a helper waits for is part of it.
inline constexpr Skip Effects = Skip::AwaitMachinery;

/// The whole tree, nothing skipped, for searches where any mention counts:
/// utils::DefUse's every variable an expression mentions (the conservative
/// answer for an lvalue it cannot follow), utils::Awaitable's search of a
/// destructor for a coroutine_handle::destroy() call, async-blocking-call's
/// search of a helper for an offload whose arguments mention a parameter,
/// and async-dangling-reference's search of a block for a later use of
/// where a task was stored (a lambda there counts too in each).
inline constexpr Skip Everything = Skip::None;

} // namespace walks

/// Where a visited statement stands, between the root and itself. A lambda
/// body starts afresh with only InLambda set.
struct WalkContext {
  /// In the body of a lambda the walk entered.
  bool InLambda = false;
  /// In a catch handler.
  bool InCatchHandler = false;
  /// In a loop (the root counts for its children).
  bool InLoop = false;
  /// In a switch (the root counts for its children).
  bool InSwitch = false;
  /// Runs only when a condition holds: in a branch of an if or a switch,
  /// the body of a while loop, the right operand of && or ||, an arm of ?:
  /// (an assert's failure path). Not in a for loop's body, nor a do-while's.
  bool InBranch = false;
};

/// What the visitor wants next.
enum class Walk : unsigned char {
  Into, ///< go on into the statement's children (as the policy allows)
  Over, ///< do not enter this statement
  Stop, ///< end the walk
};

/// The walker (see the file comment).
class StmtWalker {
public:
  using Visitor = llvm::function_ref<Walk(const Stmt *, const WalkContext &)>;

  explicit StmtWalker(Skip Policy) : Policy(Policy) {}

  /// Calls \p Visit on \p Root and on the statements below it that the
  /// policy lets the walk reach: parents before children, in source order,
  /// each once per place in the tree (the co_await and co_return machinery
  /// gives an operand a second place). Returns false when \p Visit stopped
  /// the walk. Time and memory are linear in the statements reached. Not
  /// re-entrant: a visitor that walks a subtree uses another StmtWalker.
  bool walk(const Stmt *Root, Visitor Visit);

  /// From inside the visitor: walk the body of \p L too (after the subtree
  /// of the statement being visited), as a lambda body, although the policy
  /// skips lambdas. Its captures are not walked. \p InBranch: the lambda
  /// is handed over where a condition holds (WalkContext::InBranch).
  void enterLambdaBody(const LambdaExpr *L, bool InBranch = false);

private:
  struct Item {
    const Stmt *S;
    WalkContext Ctx;
  };
  void pushChildren(const Stmt *S, const WalkContext &Ctx);
  bool skips(Skip Flag) const { return (Policy & Flag) != Skip::None; }

  const Skip Policy;
  llvm::SmallVector<Item, 32> Work;
};

/// Walks \p Root with \p Policy, visiting every statement it reaches.
void forEachStmt(const Stmt *Root, Skip Policy,
                 llvm::function_ref<void(const Stmt *)> Visit);

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_STMTWALK_H
