//===--- SequentialAwaitsCheck.cpp - asynclint ----------------------------===//

#include "SequentialAwaitsCheck.h"
#include "utils/ASTHelpers.h"
#include "utils/Awaitable.h"
#include "utils/StmtWalk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

std::string spelled(SourceRange R, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

} // namespace

SequentialAwaitsCheck::SequentialAwaitsCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Ordering(Options),
      MinRunLength(Options.get("MinRunLength", 2U)) {}

void SequentialAwaitsCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Ordering.storeOptions(Options, Opts);
  Options.store(Opts, "MinRunLength", MinRunLength);
}

void SequentialAwaitsCheck::registerMatchers(MatchFinder *Finder) {
  utils::addFunctionMatchers(Finder, this);
}

void SequentialAwaitsCheck::check(const MatchFinder::MatchResult &Result) {
  const Stmt *Body =
      utils::writtenCoroutineBody(utils::matchedFunction(Result.Nodes));
  if (!Body)
    return;
  // Every block of the coroutine's own code.
  utils::forEachStmt(Body, utils::walks::OwnCode, [&](const Stmt *S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(S))
      checkBlock(Block, *Result.Context);
  });
}

std::optional<SequentialAwaitsCheck::Await>
SequentialAwaitsCheck::asAwait(const Stmt *S) {
  const Expr *Value = nullptr;
  const VarDecl *Declared = nullptr;
  const ValueDecl *Assigned = nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    if (!VD || !VD->getInit())
      return std::nullopt;
    Value = VD->getInit();
    Declared = VD;
  } else if (const auto *E = dyn_cast<Expr>(S)) {
    E = utils::stripWrappers(E);
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign) {
      LHS = BO->getLHS();
      Value = BO->getRHS();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      LHS = Op->getArg(0);
      Value = Op->getArg(1);
    }
    // Only `x = co_await ...` into a plain variable: a member or an element
    // may alias what other calls read.
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(utils::stripWrappers(LHS));
    if (!Ref)
      return std::nullopt;
    Assigned = Ref->getDecl();
  }
  const auto *Awaited =
      dyn_cast_or_null<CoawaitExpr>(utils::stripWrappers(Value));
  if (!Awaited || Awaited->isImplicit() || Awaited->containsErrors() ||
      Awaited->isTypeDependent() || utils::isStatusResult(Awaited->getType()))
    return std::nullopt;
  const auto *Call =
      dyn_cast_or_null<CallExpr>(utils::stripWrappers(Awaited->getOperand()));
  if (!Call)
    return std::nullopt;
  Await Result{S, Awaited, Call, Declared, utils::effectsOf(Awaited)};
  // The statement's own result is produced by it.
  Result.Effects.MayWrite.insert(Declared ? Declared : Assigned);
  return Result;
}

void SequentialAwaitsCheck::checkBlock(const CompoundStmt *Block,
                                       ASTContext &Ctx) {
  // The run so far, with the union of its effects (and of the statements
  // between its awaits) and the spellings of its calls: "conflicts with
  // some earlier statement" is "conflicts with the union", so each statement
  // is checked once (linear in the block).
  llvm::SmallVector<Await, 8> Run;
  utils::Effects RunEffects;
  llvm::StringSet<> RunCalls;
  bool Contiguous = true; // no statement between the run's awaits
  bool Between = false;   // statements since the run's last await
  auto Flush = [&] {
    if (Run.size() >= std::max(2U, MinRunLength))
      report(Run, Contiguous, Ctx);
    Run.clear();
    RunEffects = utils::Effects();
    RunCalls.clear();
    Contiguous = true;
    Between = false;
  };
  for (const Stmt *S : Block->body()) {
    std::optional<Await> A = asAwait(S);
    if (!A) {
      if (Run.empty())
        continue;
      // A statement between two awaits keeps the run only if the later
      // awaits do not depend on it: it does not suspend, cannot skip them
      // (return, throw, break, continue, goto) and touches nothing the run
      // produced. What it writes or declares, a later await must not read.
      utils::StatementFacts Facts = utils::factsOf(S);
      Facts.Effects.MayWrite.insert(Facts.Declares.begin(),
                                    Facts.Declares.end());
      if (Facts.Suspends || Facts.leavesBlock() ||
          Facts.Effects.conflictsWith(RunEffects)) {
        Flush();
        continue;
      }
      RunEffects.merge(Facts.Effects);
      Between = true;
      continue;
    }
    utils::AwaitOrdering::Kind K = Ordering.classify(A->Call);
    if (K == utils::AwaitOrdering::Kind::Ignored)
      continue; // neither part of a run nor the end of one
    // Ordered calls keep their place; a combinator (`gather(...)`, `a && b`)
    // is already concurrent and is not gathered again.
    if (K == utils::AwaitOrdering::Kind::Ordered) {
      Flush();
      continue;
    }
    // Independent of every earlier await of the run? A repeated identical
    // call (reading the next message) is not.
    std::string Text = spelled(A->Call->getSourceRange(), Ctx);
    if (RunEffects.conflictsWith(A->Effects) || RunCalls.contains(Text))
      Flush();
    Contiguous = Contiguous && !Between;
    Between = false;
    RunEffects.merge(A->Effects);
    RunCalls.insert(Text);
    Run.push_back(std::move(*A));
  }
  Flush();
}

void SequentialAwaitsCheck::report(llvm::ArrayRef<Await> Run, bool Contiguous,
                                   ASTContext &Ctx) {
  {
    auto D = diag(Run.front().Await->getBeginLoc(),
                  "%0 independent awaits run one after another; gathering "
                  "them lets them overlap")
             << static_cast<unsigned>(Run.size());
    // `auto [a, b] = co_await gather(f(), g());` keeps the names and the
    // deduced types; only for plain `auto x = co_await call(...);`
    // declarations written in the file.
    bool Fixable = !Ordering.GatherFunction.empty() && Contiguous;
    for (const Await &A : Run) {
      const VarDecl *VD = A.Declared;
      Fixable = Fixable && VD && !isa<DecompositionDecl>(VD) &&
                VD->getBeginLoc().isFileID() &&
                A.Statement->getEndLoc().isFileID();
      if (Fixable) {
        const auto *Auto = VD->getType()->getContainedAutoType();
        Fixable = VD->getTypeSourceInfo() &&
                  isa<AutoType>(VD->getTypeSourceInfo()->getType()) && Auto &&
                  !VD->getType().isConstQualified();
      }
    }
    if (Fixable) {
      std::string Bindings;
      std::string Calls;
      for (const Await &A : Run) {
        Bindings +=
            (Bindings.empty() ? "" : ", ") + A.Declared->getName().str();
        Calls += (Calls.empty() ? "" : ", ") +
                 spelled(A.Call->getSourceRange(), Ctx);
      }
      D << FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Run.front().Statement->getBeginLoc(),
                                         Run.back().Statement->getEndLoc()),
          "auto [" + Bindings + "] = co_await " + Ordering.GatherFunction +
              "(" + Calls + ");");
    }
  }
  for (const Await &A : Run.drop_front())
    diag(A.Await->getBeginLoc(), "independent await here", DiagnosticIDs::Note);
}

} // namespace clang::tidy::async
