//===--- AwaitOrdering.h - asynclint ----------------------------*- C++ -*-===//
//
// What the two ordering checks (async-sequential-awaits, async-await-in-loop)
// share: their common options (GatherFunction, IgnoredFunctions,
// OrderedFunctions) and the classification of one awaited call by them.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_AWAITORDERING_H
#define ASYNCLINT_CHECKS_UTILS_AWAITORDERING_H

#include "BlockingCatalog.h"
#include "QualifiedNames.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ExprCXX.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

class AwaitOrdering {
public:
  /// Reads the shared options of the check that owns \p Options.
  explicit AwaitOrdering(ClangTidyCheck::OptionsView &Options);
  void storeOptions(ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

  enum class Kind : unsigned char {
    Independent, // may run concurrently with other independent awaits
    Ignored,     // IgnoredFunctions, an awaiter that resumes at once, or a
             // coroutine defined here that never suspends: neither counts nor
             // separates
    Ordered, // keeps its place: unnamed callee, OrderedFunctions, or a
             // combinator (`gather(...)`, `a && b`, already concurrent)
  };
  /// How the awaited call \p Call takes part in ordering; \p Await, when
  /// not null, is the co_await of it (its awaiter may resume at once).
  Kind classify(const CallExpr *Call, const CoawaitExpr *Await);

  /// \p Var, initialised by an await, is kept only for its destructor: a
  /// move-only class (its copy constructor deleted, as a lock's or a
  /// lease's) with a non-trivial destructor, that no expression names
  /// (`auto lock = co_await mutex.scoped_lock();`). What follows it runs
  /// under what it holds, so the await orders everything after it in its
  /// scope.
  static bool isScopeGuard(const VarDecl *Var);

  /// The function to gather with (GatherFunction), possibly empty.
  const std::string GatherFunction;

private:
  const std::vector<StringRef> IgnoredFunctions;
  const std::vector<StringRef> OrderedFunctions;
  NameList Ignored;
  NameList Ordered;
  /// What blocks, by the catalog's defaults: a coroutine that never suspends
  /// but blocks still waits (async-blocking-call's own options are not
  /// read here).
  BlockingCatalog Catalog;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_AWAITORDERING_H
