//===--- SequentialAwaitsCheck.cpp - asynclint ----------------------------===//

#include "SequentialAwaitsCheck.h"
#include "utils/ASTHelpers.h"
#include "utils/Awaitable.h"
#include "utils/FixEdits.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
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

// The awaited call of \p CA, if it is an explicit co_await of a call whose
// result carries data (see isStatusResult).
const CallExpr *awaitedCall(const CoawaitExpr *CA) {
  if (CA->isImplicit() || CA->containsErrors() || CA->isTypeDependent() ||
      utils::isStatusResult(CA->getType()))
    return nullptr;
  return dyn_cast_or_null<CallExpr>(utils::stripWrappers(CA->getOperand()));
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
  // Each match once, however often the traversal reaches its nodes.
  if (!utils::UnitAnalysis::of(*Result.Context).firstMatch(this, Result.Nodes))
    return;
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
  const CoawaitExpr *Awaited = utils::awaitedValue(Value);
  const CallExpr *Call = Awaited ? awaitedCall(Awaited) : nullptr;
  if (!Call)
    return std::nullopt;
  Await Result{S, Awaited, Call, Declared, utils::effectsOf(Awaited)};
  // The statement's own result is produced by it: the variable, and the
  // names a structured binding gives its parts.
  Result.Effects.MayWrite.insert(Declared ? Declared : Assigned);
  if (const auto *DD = dyn_cast_or_null<DecompositionDecl>(Declared))
    for (const BindingDecl *B : DD->bindings())
      Result.Effects.MayWrite.insert(B);
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
      checkExpression(S, Ctx);
      if (Run.empty())
        continue;
      // A statement between two awaits keeps the run only if the later
      // awaits do not depend on it: it does not suspend, cannot skip them
      // (return, throw, break, continue, goto), changes nothing the run
      // reads or produced, and changes no state we cannot see (a global, a
      // call of a function defined elsewhere). It may read the results
      // (print them). What it writes or declares, a later await must not
      // read.
      utils::StatementFacts Facts = utils::factsOf(S);
      Facts.Effects.MayWrite.insert(Facts.Declares.begin(),
                                    Facts.Declares.end());
      if (Facts.Suspends || Facts.leavesBlock() || Facts.WritesGlobalState ||
          Facts.Effects.writesInto(RunEffects)) {
        Flush();
        continue;
      }
      RunEffects.merge(Facts.Effects);
      Between = true;
      continue;
    }
    utils::AwaitOrdering::Kind K = Ordering.classify(A->Call, A->Await);
    if (K == utils::AwaitOrdering::Kind::Ignored)
      continue; // neither part of a run nor the end of one
    // Ordered calls keep their place; a combinator (`gather(...)`, `a && b`)
    // is already concurrent and is not gathered again. A scope guard (a
    // lock taken) orders what follows it.
    if (K == utils::AwaitOrdering::Kind::Ordered ||
        (A->Declared && utils::AwaitOrdering::isScopeGuard(A->Declared))) {
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

void SequentialAwaitsCheck::checkExpression(const Stmt *S, ASTContext &Ctx) {
  // Awaits that one statement runs one after another: operands of an
  // arithmetic operator, a call's arguments, an initialiser list's elements.
  if (!isa<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(S))
    return;
  llvm::SmallVector<const CoawaitExpr *, 4> Awaits;
  bool Conditional = false;
  utils::StmtWalker Walker(utils::walks::OwnCode);
  Walker.walk(S, [&](const Stmt *Cur, const utils::WalkContext &) {
    // An await under &&, || or ?: may not run; one in another's operand
    // feeds it.
    if (const auto *BO = dyn_cast<BinaryOperator>(Cur); BO && BO->isLogicalOp())
      Conditional = true;
    if (isa<AbstractConditionalOperator, CoyieldExpr, DependentCoawaitExpr,
            StmtExpr>(Cur))
      Conditional = true;
    if (Conditional)
      return utils::Walk::Stop;
    const auto *CA = dyn_cast<CoawaitExpr>(Cur);
    if (!CA)
      return utils::Walk::Into;
    if (utils::factsOf(CA->getOperand()).Suspends)
      Conditional = true;
    Awaits.push_back(CA);
    return utils::Walk::Over;
  });
  if (Conditional || Awaits.size() < 2)
    return;
  utils::Effects Seen;
  llvm::StringSet<> Calls;
  llvm::SmallVector<const CoawaitExpr *, 4> Counted;
  for (const CoawaitExpr *CA : Awaits) {
    const CallExpr *Call = awaitedCall(CA);
    if (!Call)
      return;
    utils::AwaitOrdering::Kind K = Ordering.classify(Call, CA);
    if (K == utils::AwaitOrdering::Kind::Ignored)
      continue;
    if (K == utils::AwaitOrdering::Kind::Ordered)
      return;
    utils::Effects E = utils::effectsOf(CA);
    if (E.conflictsWith(Seen) ||
        !Calls.insert(spelled(Call->getSourceRange(), Ctx)).second)
      return;
    Seen.merge(E);
    Counted.push_back(CA);
  }
  if (Counted.size() < std::max(2U, MinRunLength))
    return;
  diag(Counted.front()->getBeginLoc(),
       "%0 independent awaits run one after another; gathering them lets "
       "them overlap")
      << static_cast<unsigned>(Counted.size());
  llvm::SmallVector<SourceLocation, 8> Rest;
  for (const CoawaitExpr *CA : llvm::ArrayRef(Counted).drop_front())
    Rest.push_back(CA->getBeginLoc());
  noteOthers(Rest);
}

void SequentialAwaitsCheck::noteOthers(llvm::ArrayRef<SourceLocation> Rest) {
  // A note per await up to a bound: a generated expression of thousands of
  // awaits on one line would otherwise give thousands of notes, each of
  // which clang-tidy searches that line for NOLINT (quadratic).
  constexpr size_t MaxNotes = 8;
  for (SourceLocation Loc : Rest.take_front(MaxNotes))
    diag(Loc, "independent await here", DiagnosticIDs::Note);
  if (Rest.size() > MaxNotes)
    diag(Rest[MaxNotes], "and %0 more independent awaits from here",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Rest.size() - MaxNotes);
}

std::string SequentialAwaitsCheck::gatherFix(llvm::ArrayRef<Await> Run,
                                             ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // The comments in the replaced text, outside the calls (which are kept
  // as spelled, comments and all), go above the gathered statement.
  SourceLocation Begin = Run.front().Statement->getBeginLoc();
  SourceLocation End =
      Lexer::getLocForEndOfToken(Run.back().Statement->getEndLoc(), 0, SM, LO);
  auto [File, BeginOffset] = SM.getDecomposedLoc(Begin);
  unsigned EndOffset = SM.getFileOffset(End);
  StringRef Buffer = SM.getBufferData(File);
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> CallRanges;
  for (const Await &A : Run) {
    SourceLocation CallEnd =
        Lexer::getLocForEndOfToken(A.Call->getEndLoc(), 0, SM, LO);
    CallRanges.emplace_back(SM.getFileOffset(A.Call->getBeginLoc()),
                            SM.getFileOffset(CallEnd));
  }
  unsigned Column = SM.getSpellingColumnNumber(Begin) - 1;
  std::string Indent(Column, ' ');
  if (Column <= BeginOffset) {
    StringRef Prefix = Buffer.substr(BeginOffset - Column, Column);
    if (Prefix.find_first_not_of(" \t") == StringRef::npos)
      Indent = Prefix.str();
  }
  std::string Comments;
  Lexer Raw(SM.getLocForStartOfFile(File), LO, Buffer.begin(),
            Buffer.begin() + BeginOffset, Buffer.end());
  Raw.SetCommentRetentionState(true);
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok)) {
    unsigned Offset = SM.getFileOffset(Tok.getLocation());
    if (Offset >= EndOffset)
      break;
    if (!Tok.is(tok::comment) || llvm::any_of(CallRanges, [&](const auto &R) {
          return Offset >= R.first && Offset < R.second;
        }))
      continue;
    Comments += Buffer.substr(Offset, Tok.getLength()).str() + "\n" + Indent;
  }
  std::string Bindings;
  std::string Calls;
  for (const Await &A : Run) {
    Bindings += (Bindings.empty() ? "" : ", ") + A.Declared->getName().str();
    Calls +=
        (Calls.empty() ? "" : ", ") + spelled(A.Call->getSourceRange(), Ctx);
  }
  return Comments + "auto [" + Bindings + "] = co_await " +
         Ordering.GatherFunction + "(" + Calls + ");";
}

void SequentialAwaitsCheck::report(llvm::ArrayRef<Await> Run, bool Contiguous,
                                   ASTContext &Ctx) {
  diag(Run.front().Await->getBeginLoc(),
       "%0 independent awaits run one after another; gathering them lets "
       "them overlap")
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
  // The replaced text keeps only the calls (and the comments): a directive
  // or a macro elsewhere in it would be lost.
  CharSourceRange Replaced = CharSourceRange::getTokenRange(
      Run.front().Statement->getBeginLoc(), Run.back().Statement->getEndLoc());
  if (Fixable) {
    llvm::SmallVector<CharSourceRange, 4> Calls;
    for (const Await &A : Run)
      Calls.push_back(CharSourceRange::getTokenRange(A.Call->getSourceRange()));
    Fixable = utils::keepsPreprocessing(Replaced, Calls, Ctx);
  }
  // The fix-it changes what the code does: the calls start together, so a
  // later one runs even when an earlier one throws (and all of them run
  // before any result is used). It goes on a note, which --fix does not
  // apply (the driver calls such fixes unsafe).
  if (Fixable)
    diag(Run.front().Await->getBeginLoc(),
         "gather them (the later calls then start even if an earlier one "
         "throws)",
         DiagnosticIDs::Note)
        << FixItHint::CreateReplacement(Replaced, gatherFix(Run, Ctx));
  llvm::SmallVector<SourceLocation, 8> Rest;
  for (const Await &A : Run.drop_front())
    Rest.push_back(A.Await->getBeginLoc());
  noteOthers(Rest);
}

} // namespace clang::tidy::async
