//===--- BlockingCallCheck.h - asynclint ------------------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/QualifiedNames.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Finds calls that block the thread inside a coroutine body, directly or
/// through ordinary functions of the same translation unit.
///
/// For the user-facing documentation see:
/// docs/checks/async-blocking-call.md
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  /// A call or construction found in a function body, and how it was
  /// reached from the body.
  struct Site {
    const Expr *E;
    const NamedDecl *Callee;
    bool Direct;    // in the body itself, not in a lambda argument
    bool InHandler; // in a catch handler (co_await is ill-formed there)
  };
  /// The shortest chain from a function to a blocking call: Hops functions
  /// down, through Call (a call to Next, or the blocking call when Hops==0).
  struct Chain {
    unsigned Hops = ~0U;
    unsigned Budget = 0; // the depth this was computed with
    const Expr *Call = nullptr;
    const FunctionDecl *Next = nullptr;
    bool InProgress = false;
    bool Computed = false;
  };

  void collectSites(const Stmt *Body, std::vector<Site> &Out);
  /// The name under which the call blocks, or nullopt if it does not.
  std::optional<std::string> blockingName(const Expr *E,
                                          const NamedDecl *Callee);
  bool isOffload(const NamedDecl *Callee);
  const Chain &chainFrom(const FunctionDecl *FD, unsigned Budget);
  void checkCoroutine(const FunctionDecl *FD, ASTContext &Ctx);
  bool replacementIsAwaitable(StringRef Name, ASTContext &Ctx);
  static bool isUserFunction(const FunctionDecl *FD);

  /// Added to the default blocking list (BlockingFunctions).
  const std::vector<StringRef> BlockingFunctions;
  /// Removed from the default blocking list (AllowedFunctions).
  const std::vector<StringRef> AllowedFunctions;
  /// Callables whose lambda arguments run elsewhere (OffloadFunctions).
  const std::vector<StringRef> OffloadFunctions;
  /// `blocking=replacement` pairs (Replacements).
  const std::vector<StringRef> Replacements;
  /// How many ordinary functions deep to follow calls (TransitiveDepth).
  const unsigned TransitiveDepth;
  /// Also report std::mutex locking (FlagMutexLock).
  const bool FlagMutexLock;

  utils::NameList Blocking;     // the default list, for system declarations
  utils::NameList UserBlocking; // BlockingFunctions, for any declaration
  utils::NameList Offload;
  llvm::StringMap<std::string> ReplacementFor;
  llvm::StringMap<bool> ReplacementAwaitable;
  llvm::DenseMap<const FunctionDecl *, Chain> Chains;
  llvm::DenseMap<const FunctionDecl *, std::vector<Site>> SitesOf;
};

} // namespace clang::tidy::async

#endif // ASYNCLINT_CHECKS_BLOCKINGCALLCHECK_H
