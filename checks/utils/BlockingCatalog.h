//===--- BlockingCatalog.h - asynclint --------------------------*- C++ -*-===//
//
// The model's answer to "what does this call do to the thread it runs on":
// the calls that block (the catalog, the author's annotations), the
// blocking drivers that run an awaitable to completion (`sync_wait`), the
// offloads that run a callable elsewhere, the awaited executor switches,
// the readiness awaits, and the callees never followed. The lists are data
// in utils::NameList syntax (exact qualified names, `*::name` in any scope,
// `scope::*`), read once from the options by the checks that ask.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_BLOCKINGCATALOG_H
#define ASYNCLINT_CHECKS_UTILS_BLOCKINGCATALOG_H

#include "QualifiedNames.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The default lists, as option values.
namespace catalog {
/// What blocks the calling thread (a class name stands for its
/// constructors), besides the drivers.
extern const char *const Blocking;
/// Functions that run the awaitable they are given to its end on the
/// calling thread before they return (`sync_wait(x)`): they block, and in a
/// coroutine `co_await x` does the same without blocking. The module-wide
/// option BlockingDrivers.
extern const char *const Drivers;
/// std::mutex locking (async-blocking-call's FlagMutexLock).
extern const char *const MutexLocking;
/// Callables whose callable arguments run elsewhere.
extern const char *const Offloads;
/// Awaiting one of these moves the rest of the coroutine onto another
/// executor.
extern const char *const ExecutorSwitches;
/// Words that mark an executor's spelling as a CPU pool.
extern const char *const CpuExecutorNames;
/// Awaiting one of these waits for a file descriptor to become ready.
extern const char *const ReadinessAwaitables;
/// Functions and scopes never followed (test frameworks' internals).
extern const char *const IgnoredCallees;
} // namespace catalog

/// The lists a catalog is made of, as the options give them.
struct CatalogLists {
  std::vector<llvm::StringRef> Blocking; // added to catalog::Blocking
  std::vector<llvm::StringRef> Allowed;  // removed from it
  std::vector<llvm::StringRef> Drivers;
  std::vector<llvm::StringRef> Offloads;
  std::vector<llvm::StringRef> Switches;
  std::vector<llvm::StringRef> Readiness;
  std::vector<llvm::StringRef> CpuExecutorNames;
  std::vector<llvm::StringRef> Ignored;
  bool MutexLocking = false;
};

class BlockingCatalog {
public:
  explicit BlockingCatalog(const CatalogLists &Lists);

  /// The name under which the call or construction \p E of \p Callee
  /// blocks, or nullopt if it does not: the author's annotations first,
  /// then the lists, then what the arguments show (a file stream or
  /// std::cin, a zero timeout, MSG_DONTWAIT, a deferred lock).
  std::optional<std::string> blockingName(const Expr *E,
                                          const NamedDecl *Callee) const;
  /// A blocking driver (`sync_wait(x)`): in a coroutine, `co_await x`.
  bool isDriver(llvm::StringRef QualifiedName) const {
    return Drivers.matches(QualifiedName);
  }
  const NameList &drivers() const { return Drivers; }
  /// \p Callee runs the callables it is handed elsewhere.
  bool isOffload(const NamedDecl *Callee) const;
  /// A dependent call in a template pattern whose written name is an
  /// offload's (`executor->submit([] {...})`).
  bool isOffloadByName(const CallExpr *Call) const;
  bool isSwitch(llvm::StringRef QualifiedName) const {
    return Switches.matches(QualifiedName);
  }
  bool isReadiness(llvm::StringRef QualifiedName) const {
    return Readiness.matches(QualifiedName);
  }
  bool isIgnored(llvm::StringRef QualifiedName) const {
    return Ignored.matches(QualifiedName);
  }
  /// An awaited call that moves the coroutine whatever its library: a
  /// pool's member `schedule()` without arguments, or `resume_on(ex)` /
  /// `switch_to(ex)` given an executor. Part of the switch rule: off when
  /// the ExecutorSwitches list is empty.
  bool switchesByShape(const CallExpr *Call) const;
  /// Whether an executor's spelling (`threadpool_executor`, `cpu_pool`)
  /// holds one of the CPU words, in lower case without underscores.
  bool isCpuExecutor(llvm::StringRef Spelling) const;

  /// The C API's socket and descriptor calls (global names): with a
  /// non-blocking descriptor they return EAGAIN instead of waiting.
  static bool isSocketCall(llvm::StringRef Name);
  /// A standard container's member that stores what it is handed
  /// (`threads.emplace_back([] {...})` starts a thread with the lambda).
  static bool storesArgument(const NamedDecl *Callee);
  /// Macros whose use shows a non-blocking socket (EAGAIN, O_NONBLOCK).
  static bool isNonBlockingMacro(llvm::StringRef Name);
  /// Names of would-block answers: try_again(), would_block,
  /// std::errc::resource_unavailable_try_again, operation_in_progress.
  static bool isWouldBlockName(llvm::StringRef Name);

private:
  std::optional<std::string> streamRead(const Expr *E, const std::string &Name,
                                        NameCache &Names) const;
  std::optional<std::string> listed(const Expr *E, const NamedDecl *Callee,
                                    std::string Name) const;

  NameList Blocking;     // the defaults, for system declarations
  NameList UserBlocking; // the user's additions, for any declaration
  NameList Drivers;
  NameList Offloads;
  NameList Switches;
  NameList Readiness;
  NameList Ignored;
  std::vector<std::string> CpuWords;
  bool SwitchRule = true;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_BLOCKINGCATALOG_H
