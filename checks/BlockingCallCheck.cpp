//===--- BlockingCallCheck.cpp - asynclint --------------------------------===//

#include "BlockingCallCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ASTHelpers.h"
#include "utils/Annotations.h"
#include "utils/Awaitable.h"
#include "utils/FixEdits.h"
#include "utils/Matchers.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

std::vector<StringRef> listOption(ClangTidyCheck::OptionsView &Options,
                                  StringRef Name, StringRef Default) {
  return tidy::utils::options::parseStringList(Options.get(Name, Default));
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(listOption(Options, "BlockingFunctions", "")),
      AllowedFunctions(listOption(Options, "AllowedFunctions", "")),
      BlockingDrivers(
          tidy::utils::options::parseStringList(Options.getLocalOrGlobal(
              "BlockingDrivers", utils::catalog::Drivers))),
      OffloadFunctions(
          listOption(Options, "OffloadFunctions", utils::catalog::Offloads)),
      Replacements(listOption(Options, "Replacements", "")),
      TransitiveDepth(Options.get("TransitiveDepth", 3U)),
      FlagMutexLock(Options.get("FlagMutexLock", false)),
      ExecutorSwitches(listOption(Options, "ExecutorSwitches",
                                  utils::catalog::ExecutorSwitches)),
      ReadinessAwaitables(listOption(Options, "ReadinessAwaitables",
                                     utils::catalog::ReadinessAwaitables)),
      CpuExecutorNames(listOption(Options, "CpuExecutorNames",
                                  utils::catalog::CpuExecutorNames)),
      IgnoredCallees(listOption(Options, "IgnoredCallees",
                                utils::catalog::IgnoredCallees)),
      SummariesFile(Options.get("Summaries", "")),
      ReportTwins(Options.get("AsyncTwins", false)),
      FollowConditional(Options.get("ConditionalChains", false)),
      AsyncTwinPatterns(listOption(Options, "AsyncTwinPatterns",
                                   utils::AsyncTwins::DefaultPatterns)),
      Catalog(utils::CatalogLists{
          BlockingFunctions, AllowedFunctions, BlockingDrivers,
          OffloadFunctions, ExecutorSwitches, ReadinessAwaitables,
          CpuExecutorNames, IgnoredCallees, FlagMutexLock}),
      Chains(Catalog, FollowConditional), Twins(AsyncTwinPatterns),
      Driven(Catalog.drivers()) {
  for (StringRef Pair : Replacements) {
    auto [From, To] = Pair.split('=');
    From = From.trim();
    From.consume_front("::");
    To = To.trim();
    To.consume_front("::");
    if (From.empty() || To.empty()) {
      configurationDiag("invalid entry '%0' in option 'Replacements' of "
                        "%1: expected 'blocking=replacement'")
          << Pair << Name;
      continue;
    }
    ReplacementFor[From] = To.str();
  }
  for (StringRef Pattern : Twins.invalid())
    configurationDiag("invalid entry '%0' in option 'AsyncTwinPatterns' of "
                      "%1: expected a name with one '{name}' or '{Name}'")
        << Pattern << Name;
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  auto StoreList = [&](StringRef Name, const std::vector<StringRef> &List) {
    Options.store(Opts, Name, tidy::utils::options::serializeStringList(List));
  };
  StoreList("BlockingFunctions", BlockingFunctions);
  StoreList("AllowedFunctions", AllowedFunctions);
  StoreList("BlockingDrivers", BlockingDrivers);
  StoreList("OffloadFunctions", OffloadFunctions);
  StoreList("Replacements", Replacements);
  Options.store(Opts, "TransitiveDepth", TransitiveDepth);
  Options.store(Opts, "FlagMutexLock", FlagMutexLock);
  StoreList("ExecutorSwitches", ExecutorSwitches);
  StoreList("ReadinessAwaitables", ReadinessAwaitables);
  StoreList("CpuExecutorNames", CpuExecutorNames);
  StoreList("IgnoredCallees", IgnoredCallees);
  Options.store(Opts, "Summaries", SummariesFile);
  Options.store(Opts, "AsyncTwins", ReportTwins);
  Options.store(Opts, "ConditionalChains", FollowConditional);
  StoreList("AsyncTwinPatterns", AsyncTwinPatterns);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Coroutines written in the user's files. Ordinary functions are looked at
  // only when a coroutine calls them (and then once, memoised).
  utils::addFunctionMatchers(Finder, this);
}

DiagnosticBuilder BlockingCallCheck::warnBlocking(SourceLocation Loc,
                                                  const NamedDecl *Callee,
                                                  StringRef Name,
                                                  const FunctionDecl *FD) {
  return diag(Loc, "%select{'%1'|call to %2}0 blocks the event loop inside "
                   "%select{coroutine %4|a coroutine lambda}3")
         << (Callee != nullptr) << Name << (Callee ? Callee : FD)
         << utils::isLambdaCallOperator(FD) << utils::displayDecl(FD);
}

bool BlockingCallCheck::replacementIsAwaitable(StringRef Name,
                                               ASTContext &Ctx) {
  auto It = ReplacementAwaitable.find(Name);
  if (It != ReplacementAwaitable.end())
    return It->second;
  // Look the qualified name up from the translation unit, one scope at a
  // time; the replacement is awaitable if some declaration of it returns an
  // awaitable type.
  llvm::SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  llvm::SmallVector<const DeclContext *, 4> Scopes{
      Ctx.getTranslationUnitDecl()};
  utils::AwaitableClassifier &Classifier =
      utils::UnitAnalysis::of(Ctx).awaitables();
  bool Awaitable = false;
  for (size_t I = 0; I < Parts.size() && !Awaitable; ++I) {
    llvm::SmallVector<const DeclContext *, 4> NextScopes;
    for (const DeclContext *DC : Scopes)
      for (const NamedDecl *ND : DC->lookup(&Ctx.Idents.get(Parts[I]))) {
        if (I + 1 < Parts.size()) {
          if (const auto *Inner = dyn_cast<DeclContext>(ND))
            NextScopes.push_back(Inner);
          continue;
        }
        const FunctionDecl *FD = ND->getAsFunction();
        if (FD && Classifier.isAwaitable(FD->getReturnType()))
          Awaitable = true;
      }
    Scopes = std::move(NextScopes);
  }
  ReplacementAwaitable[Name] = Awaitable;
  return Awaitable;
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl *FD,
                                       ASTContext &Ctx) {
  const auto *Body = cast<CoroutineBodyStmt>(FD->getBody())->getBody();
  std::vector<Site> Sites;
  utils::BodyFacts Seen;
  Chains.collectSites(Body, Sites, Seen);
  const SourceManager &SM = Ctx.getSourceManager();
  Moves Moved = executorMoves(FD, Body, Seen, Ctx);
  auto OnOtherExecutor = [&](SourceLocation Loc) {
    Loc = SM.getExpansionLoc(Loc);
    std::optional<bool> LastCpu;
    for (const auto &[End, Cpu] : Moved)
      if (SM.isBeforeInTranslationUnit(End, Loc))
        LastCpu = Cpu;
    return LastCpu && !*LastCpu;
  };
  // A coroutine that only blocking drivers run (`sync_wait(f())` from main
  // or a test) runs up to its first suspension on the driving thread.
  std::optional<bool> DrivenOnly;
  std::optional<utils::FirstSuspension> Start;
  auto OnDrivingThread = [&](SourceLocation Loc) {
    if (!DrivenOnly)
      DrivenOnly = Driven.drivenOnly(FD, Ctx);
    if (!*DrivenOnly)
      return false;
    if (!Start)
      Start.emplace(Body, SM);
    return Start->before(Loc);
  };

  auto WithoutExecutor = [&](SourceLocation Loc) {
    return llvm::any_of(Seen.NoExecutor, [&](SourceRange R) {
      return !SM.isBeforeInTranslationUnit(Loc, R.getBegin()) &&
             !SM.isBeforeInTranslationUnit(R.getEnd(), Loc);
    });
  };

  for (const Site &S : Sites) {
    if (OnOtherExecutor(S.E->getBeginLoc()) ||
        OnDrivingThread(S.E->getBeginLoc()) ||
        WithoutExecutor(S.E->getBeginLoc()))
      continue;
    checkSite(S, FD, Seen.NonBlocking, Ctx);
  }
}

BlockingCallCheck::Moves
BlockingCallCheck::executorMoves(const FunctionDecl *FD, const Stmt *Body,
                                 const utils::BodyFacts &Seen,
                                 ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  // After an awaited executor switch the coroutine runs on that executor,
  // until the next switch: silent on a pool for blocking work, reported
  // again on a CPU pool. A coroutine whose first parameter is an executor
  // tag (concurrencpp) starts on the executor passed after it.
  Moves Moved;
  if (FD->getNumParams() >= 2)
    if (const auto *Tag = FD->getParamDecl(0)->getType()->getAsCXXRecordDecl();
        Tag &&
        Catalog.isSwitch(utils::UnitAnalysis::of(Ctx).names().get(Tag))) {
      const ParmVarDecl *Executor = FD->getParamDecl(1);
      Moved.emplace_back(Body->getBeginLoc(),
                         Catalog.isCpuExecutor(Executor->getName()));
    }
  for (const auto &[End, Cpu] : Seen.Moves)
    Moved.emplace_back(SM.getExpansionLoc(End), Cpu);
  llvm::sort(Moved, [&](const auto &A, const auto &B) {
    return SM.isBeforeInTranslationUnit(A.first, B.first);
  });
  return Moved;
}

void BlockingCallCheck::checkSite(const Site &S, const FunctionDecl *FD,
                                  bool NonBlocking, ASTContext &Ctx) {
  if (std::optional<std::string> Blocked =
          Catalog.blockingName(S.E, S.Callee)) {
    if (!(NonBlocking && utils::BlockingCatalog::isSocketCall(*Blocked)))
      reportDirect(S, *Blocked, FD, Ctx);
    return;
  }
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(S.Callee);
  if (Callee && !Callee->hasBody() && reportAcrossFiles(S, Callee, FD, Ctx))
    return;
  if (TransitiveDepth == 0 || !Chains.followable(S.E, Callee)) {
    reportTwin(S, Callee, FD, Ctx);
    return;
  }
  unsigned Cut = ~0U;
  utils::BlockingChain C =
      Chains.chainFrom(Callee, TransitiveDepth - 1, NonBlocking, Cut);
  if (C.Hops == ~0U) {
    reportTwin(S, Callee, FD, Ctx);
    return;
  }
  reportChain(S, Callee, FD, NonBlocking);
}

void BlockingCallCheck::reportChain(const Site &S, const FunctionDecl *Callee,
                                    const FunctionDecl *FD,
                                    bool SocketsNonBlocking) {
  // A lambda called through a variable is named by the variable.
  const NamedDecl *Shown = utils::displayDecl(Callee);
  if (const NamedDecl *Var = utils::calledLambdaVariable(S.E))
    Shown = Var;
  warnBlocking(S.E->getBeginLoc(), Shown, "", FD);
  // Walk the chain down to the blocking call, one note per hop.
  const FunctionDecl *At = Callee->getDefinition();
  for (unsigned Hop = 0; At && Hop <= TransitiveDepth; ++Hop) {
    const utils::BlockingChain *Found = Chains.step(At, SocketsNonBlocking);
    if (!Found || !Found->Call)
      break;
    const utils::BlockingChain &Step = *Found;
    if (!Step.Next) {
      const auto *Blocker =
          isa<CXXConstructExpr>(Step.Call)
              ? cast<CXXConstructExpr>(Step.Call)->getConstructor()
              : dyn_cast_or_null<NamedDecl>(
                    cast<CallExpr>(Step.Call)->getCalleeDecl());
      std::string BlockerName =
          Catalog.blockingName(Step.Call, Blocker).value_or("");
      diag(Step.Call->getBeginLoc(), "%0 calls blocking '%1' here",
           DiagnosticIDs::Note)
          << utils::displayDecl(At) << BlockerName;
      noteAnnotatedBlocking(Blocker, BlockerName);
      break;
    }
    diag(Step.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << utils::displayDecl(At) << utils::displayDecl(Step.Next);
    At = Step.Next;
  }
}

bool BlockingCallCheck::fixablePosition(const Site &S, const FunctionDecl *FD) {
  // A whole statement or a whole initializer in the coroutine's own body
  // (not in a lambda), outside a catch handler (co_await is ill-formed
  // there), spelled in the file, and not in a template instantiation (the
  // edit would change the pattern every instantiation shares).
  return S.Direct && (S.Statement || S.Initializer) && !S.InHandler &&
         !FD->isTemplateInstantiation() && S.E->getBeginLoc().isFileID() &&
         S.E->getEndLoc().isFileID();
}

std::optional<BlockingCallCheck::Fix>
BlockingCallCheck::nestedLoopFix(const Site &S, StringRef Name,
                                 const FunctionDecl *FD, ASTContext &Ctx) {
  // `sync_wait(x)` as a plain call (a member call's object would be lost)
  // with one written argument.
  const auto *Call = dyn_cast<CallExpr>(S.E);
  if (!Call || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) ||
      !Catalog.isDriver(Name) || !fixablePosition(S, FD) ||
      Call->getNumArgs() == 0 ||
      llvm::any_of(llvm::drop_begin(Call->arguments()),
                   [](const Expr *A) { return !isa<CXXDefaultArgExpr>(A); }))
    return std::nullopt;
  const Expr *Arg = Call->getArg(0);
  if (isa<CXXDefaultArgExpr>(Arg) || Arg->containsErrors() ||
      Arg->isTypeDependent() || Arg->isValueDependent() ||
      !Arg->getBeginLoc().isFileID() || !Arg->getEndLoc().isFileID())
    return std::nullopt;
  const Expr *Operand = utils::stripWrappers(Arg);
  std::optional<bool> Fits =
      utils::UnitAnalysis::of(Ctx).awaitables().canAwaitIn(
          Operand->getType(), Operand->isLValue(), utils::getPromiseRecord(FD));
  if (Fits == false)
    return std::nullopt;
  // Safe only when the meaning is kept: the result discarded, or the await
  // gives the driver's own value type (a `T &&` into the frame of a
  // temporary task would leave `auto &&n = co_await f()` dangling).
  bool SameResult = S.Statement;
  if (!SameResult) {
    QualType Awaited =
        utils::UnitAnalysis::of(Ctx).awaitables().awaitResultType(
            Operand->getType());
    SameResult = !Awaited.isNull() && !Awaited->isReferenceType() &&
                 !Call->getType()->isReferenceType() &&
                 utils::bareType(Awaited) == utils::bareType(Call->getType());
  }
  // The call's text is replaced by the argument's: nothing else in it (a
  // directive, a macro) may be lost.
  CharSourceRange Kept = CharSourceRange::getTokenRange(Arg->getSourceRange());
  CharSourceRange Replaced =
      CharSourceRange::getTokenRange(Call->getSourceRange());
  StringRef Text =
      Lexer::getSourceText(Kept, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || !utils::keepsPreprocessing(Replaced, Kept, Ctx))
    return std::nullopt;
  // co_await binds tighter than a binary or conditional operator.
  const Expr *Bare = Arg->IgnoreImplicit();
  bool Parens = isa<BinaryOperator, AbstractConditionalOperator,
                    CXXRewrittenBinaryOperator>(Bare);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Bare))
    Parens = Op->isInfixBinaryOp();
  std::string Replacement =
      "co_await " + (Parens ? "(" + Text.str() + ")" : Text.str());
  return Fix{FixItHint::CreateReplacement(Replaced, Replacement),
             Fits.has_value() && SameResult};
}

void BlockingCallCheck::reportDirect(const Site &S, const std::string &Name,
                                     const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceLocation Loc = S.E->getBeginLoc();
  auto Repl = ReplacementFor.find(Name);
  bool HasRepl = Repl != ReplacementFor.end();
  // A nested event loop on an awaitable: await it instead. The result and
  // its exceptions are the same; safe when this coroutine can await it.
  std::optional<Fix> Nested =
      HasRepl ? std::nullopt : nestedLoopFix(S, Name, FD, Ctx);
  {
    auto Warning = warnBlocking(Loc, nullptr, Name, FD);
    if (Nested && Nested->Safe)
      Warning << Nested->Hint;
  } // The warning is emitted here, before its notes.
  noteAnnotatedBlocking(S.Callee, Name);
  if (Nested && !Nested->Safe)
    diag(Loc,
         "await the argument instead (this coroutine may not accept it, or "
         "the result may differ)",
         DiagnosticIDs::Note)
        << Nested->Hint;
  if (!HasRepl)
    return;
  noteReplacement(S, Repl->second, FD, Ctx);
}

void BlockingCallCheck::noteReplacement(const Site &S, StringRef Replacement,
                                        const FunctionDecl *FD,
                                        ASTContext &Ctx) {
  auto Note =
      diag(S.E->getBeginLoc(), "use 'co_await %0' instead", DiagnosticIDs::Note)
      << Replacement;
  // co_await the replacement instead: suspending where the call blocked
  // lets other tasks run in between, so the fix-it is on the note (applied
  // only on request). Only for a plain call to a named function
  // (`fut.get()` would lose its object) in a position fixablePosition
  // accepts as a whole statement, when the replacement is awaitable.
  const auto *Call = dyn_cast<CallExpr>(S.E);
  if (Call && !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) &&
      isa<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()) &&
      S.Statement && fixablePosition(S, FD) &&
      Call->getCallee()->getEndLoc().isFileID() &&
      utils::keepsPreprocessing(
          CharSourceRange::getTokenRange(Call->getCallee()->getSourceRange()),
          {}, Ctx) &&
      replacementIsAwaitable(Replacement, Ctx))
    Note << FixItHint::CreateReplacement(Call->getCallee()->getSourceRange(),
                                         ("co_await " + Replacement).str());
}

void BlockingCallCheck::reportTwin(const Site &S, const FunctionDecl *Callee,
                                   const FunctionDecl *FD, ASTContext &Ctx) {
  // A plain or member call (not an operator) to a named, non-awaitable
  // function the author did not call non-blocking.
  const auto *Call = dyn_cast<CallExpr>(S.E);
  if (!ReportTwins || !Call || !Callee || isa<CXXOperatorCallExpr>(Call) ||
      Call->containsErrors() || Call->isTypeDependent() ||
      !Callee->getIdentifier() || isa<CXXConstructorDecl>(Callee) ||
      utils::hasAnnotation(Callee, utils::annotations::NonBlocking) ||
      utils::UnitAnalysis::of(Ctx).awaitables().isAwaitable(
          Callee->getReturnType()))
    return;
  const FunctionDecl *Twin = Twins.find(Call, Callee, Ctx);
  if (!Twin)
    return;
  // The twin itself may call the blocking original (or run it elsewhere).
  for (const DeclContext *DC = FD; DC; DC = DC->getParent())
    if (const auto *Outer = dyn_cast<FunctionDecl>(DC);
        Outer && Outer->getCanonicalDecl() == Twin->getCanonicalDecl())
      return;
  const SourceLocation Loc = S.E->getBeginLoc();
  diag(Loc, "'%0' may block; '%1' is its awaitable twin")
      << Callee->getName() << Twin->getName();
  // Awaiting the twin suspends where the call blocked, and its result may
  // differ in type: on a note, applied only on request.
  auto Note = diag(Loc, "use 'co_await %0(...)' instead", DiagnosticIDs::Note)
              << Twin->getName();
  SourceLocation NameLoc;
  bool ExplicitTemplateArgs = false;
  const Expr *CalleeExpr = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(CalleeExpr)) {
    NameLoc = Ref->getLocation();
    ExplicitTemplateArgs = Ref->hasExplicitTemplateArgs();
  } else if (const auto *Member = dyn_cast<MemberExpr>(CalleeExpr)) {
    NameLoc = Member->getMemberLoc();
    ExplicitTemplateArgs = Member->hasExplicitTemplateArgs();
  }
  // In an initializer the twin's awaited result must be what the call
  // returned; a whole statement discards it.
  bool SameResult = S.Statement;
  if (!SameResult) {
    QualType Awaited =
        utils::UnitAnalysis::of(Ctx).awaitables().awaitResultType(
            Twin->getReturnType());
    SameResult =
        !Awaited.isNull() &&
        utils::bareType(Awaited) == utils::bareType(Callee->getReturnType());
  }
  if (NameLoc.isValid() && NameLoc.isFileID() && !ExplicitTemplateArgs &&
      SameResult && fixablePosition(S, FD) &&
      utils::keepsPreprocessing(
          CharSourceRange::getTokenRange(NameLoc, NameLoc), {}, Ctx))
    Note << FixItHint::CreateInsertion(Loc, "co_await ")
         << FixItHint::CreateReplacement(
                CharSourceRange::getTokenRange(NameLoc, NameLoc),
                Twin->getName());
  diag(Twin->getLocation(), "'%0' declared here", DiagnosticIDs::Note)
      << Twin->getName();
}

void BlockingCallCheck::noteAnnotatedBlocking(const NamedDecl *Callee,
                                              StringRef Name) {
  const Decl *Annotated =
      utils::findAnnotated(Callee, utils::annotations::Blocking);
  if (!Annotated ||
      utils::hasAnnotation(Callee, utils::annotations::NonBlocking))
    return;
  diag(Annotated->getLocation(), "'%0' is annotated as blocking here",
       DiagnosticIDs::Note)
      << Name;
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  // Each match once, however often the traversal reaches its nodes.
  if (!utils::UnitAnalysis::of(*Result.Context).firstMatch(this, Result.Nodes))
    return;
  const FunctionDecl *FD = utils::matchedFunction(Result.Nodes);
  if (!FD || FD->isInvalidDecl())
    return;
  if (AST != Result.Context) {
    AST = Result.Context;
    Chains.startUnit(AST);
  }
  if (utils::isCoroutine(FD)) {
    checkCoroutine(FD, *Result.Context);
    return;
  }
  // Ordinary functions another unit may call: summarised for the driver.
  if (utils::summaryOutput() && !FD->isTemplated() &&
      !FD->isTemplateInstantiation() && !utils::isLambdaCallOperator(FD))
    Defined.push_back(FD);
}

bool BlockingCallCheck::crossFileCandidate(const FunctionDecl *Callee,
                                           ASTContext &Ctx) {
  if (TransitiveDepth == 0 || Callee->isTemplateInstantiation() ||
      utils::isLambdaCallOperator(Callee) ||
      utils::hasAnnotation(Callee, utils::annotations::NonBlocking) ||
      Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
    return false;
  // A call that returns a task starts (or makes) it: its body runs as the
  // coroutine's own, not the caller's.
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(Ctx);
  return !Unit.awaitables().isAwaitable(Callee->getReturnType()) &&
         !Catalog.isIgnored(Unit.names().get(Callee));
}

bool BlockingCallCheck::reportAcrossFiles(const Site &S,
                                          const FunctionDecl *Callee,
                                          const FunctionDecl *FD,
                                          ASTContext &Ctx) {
  bool ForDriver = utils::summaryOutput();
  if ((!ForDriver && SummariesFile.empty()) || !crossFileCandidate(Callee, Ctx))
    return false;
  std::string Usr = utils::usrOf(Callee);
  const std::vector<utils::SummaryReader::Note> *Chain = nullptr;
  if (!ForDriver) {
    if (!Summaries) {
      std::string Err;
      Summaries.emplace();
      if (!Summaries->load(SummariesFile, Err))
        configurationDiag("cannot read the Summaries file '%0' of "
                          "async-blocking-call: %1")
            << SummariesFile << Err;
    }
    Chain = Summaries->chain(Usr);
    if (!Chain)
      return false;
  }
  warnBlocking(S.E->getBeginLoc(), utils::displayDecl(Callee), "", FD);
  // For the driver: a finding only if the callee blocks, which it knows
  // once every unit is in; it replaces this note with the chain.
  if (ForDriver) {
    diag(S.E->getBeginLoc(), "%0", DiagnosticIDs::Note)
        << (utils::SiteMarker + Usr).str();
    return false; // twins and the rest still apply
  }
  for (const utils::SummaryReader::Note &N : *Chain) {
    SourceLocation Loc =
        utils::SummaryReader::locationOf(N, Ctx.getSourceManager());
    if (Loc.isValid())
      diag(Loc, "%0", DiagnosticIDs::Note) << N.Message;
  }
  return true;
}

void BlockingCallCheck::writeSummary(const char *Path) {
  // The main file's functions, and the header functions they reach (a
  // header's inline function is summarised by the units whose own code
  // calls it, not by every unit that includes it).
  std::vector<const FunctionDecl *> Queue;
  llvm::DenseSet<const FunctionDecl *> Seen;
  for (const FunctionDecl *FD : Defined)
    if (FD->getASTContext().getSourceManager().isInMainFile(
            FD->getLocation()) &&
        Seen.insert(FD).second)
      Queue.push_back(FD);
  utils::SummaryWriter Out(TransitiveDepth);
  for (size_t I = 0; I < Queue.size(); ++I) {
    const FunctionDecl *FD = Queue[I];
    const SourceManager &SM = FD->getASTContext().getSourceManager();
    Out.function(FD);
    const std::vector<Site> &Sites = Chains.sitesOf(FD);
    bool OwnEvidence = Chains.factsOf(FD).NonBlocking;
    for (const Site &S : Sites) {
      // What a caller in another unit reaches: a chain, so only the calls
      // chains go through.
      std::optional<std::string> Name = Catalog.blockingName(S.E, S.Callee);
      if (!Chains.goesThrough(S, Name.has_value()))
        continue;
      if (Name) {
        if (!(OwnEvidence && utils::BlockingCatalog::isSocketCall(*Name)))
          Out.sink(*Name, S.E->getBeginLoc(), SM);
        continue;
      }
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(S.Callee);
      if (Callee && Chains.followable(S.E, Callee)) {
        Out.call(Callee, S.E->getBeginLoc(), SM);
        const FunctionDecl *Def = Callee->getDefinition();
        if (Def && Seen.insert(Def).second)
          Queue.push_back(Def);
      } else if (Callee && !Callee->hasBody() &&
                 crossFileCandidate(Callee, FD->getASTContext())) {
        Out.call(Callee, S.E->getBeginLoc(), SM);
      }
    }
  }
  Out.write(Path);
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  if (const char *Path = utils::summaryOutput())
    writeSummary(Path);
  Defined.clear();
  Chains.startUnit(nullptr);
  AST = nullptr;
  ReplacementAwaitable.clear();
  Twins.clear();
  Driven = utils::DrivenCoroutines(Catalog.drivers());
}

} // namespace clang::tidy::async
