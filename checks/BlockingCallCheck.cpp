//===--- BlockingCallCheck.cpp - asynclint --------------------------------===//

#include "BlockingCallCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ASTHelpers.h"
#include "utils/Awaitable.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

// The default list: what blocks the calling thread. Names as in
// utils::NameList (exact qualified names, or "*::name" in any scope); a
// class name stands for its constructors.
constexpr const char *DefaultBlocking =
    // Sleeps.
    "::sleep;::usleep;::nanosleep;::clock_nanosleep;"
    "std::this_thread::sleep_for;std::this_thread::sleep_until;"
    // C stdio and POSIX file I/O on paths.
    "::fopen;::fread;::fwrite;::fgets;::fscanf;::open;::openat;::creat;"
    // C++ file streams: opening (construction with a file name, open()).
    "std::basic_ifstream;std::basic_ofstream;std::basic_fstream;"
    "std::basic_ifstream::open;std::basic_ofstream::open;"
    "std::basic_fstream::open;"
    // ...and reads and writes on them (named through the stream's class).
    "std::basic_ifstream::read;std::basic_ifstream::get;"
    "std::basic_ifstream::getline;std::basic_ifstream::ignore;"
    "std::basic_fstream::read;std::basic_fstream::get;"
    "std::basic_fstream::getline;std::basic_fstream::write;"
    "std::basic_ofstream::write;"
    // std::filesystem operations that touch the disk.
    "std::filesystem::exists;std::filesystem::file_size;"
    "std::filesystem::status;std::filesystem::symlink_status;"
    "std::filesystem::is_directory;std::filesystem::is_regular_file;"
    "std::filesystem::is_symlink;std::filesystem::create_directory;"
    "std::filesystem::create_directories;std::filesystem::remove;"
    "std::filesystem::remove_all;std::filesystem::rename;"
    "std::filesystem::copy;std::filesystem::copy_file;"
    "std::filesystem::last_write_time;std::filesystem::canonical;"
    "std::filesystem::weakly_canonical;std::filesystem::space;"
    "std::filesystem::resize_file;std::filesystem::read_symlink;"
    "std::filesystem::directory_iterator;"
    "std::filesystem::recursive_directory_iterator;"
    // Network and DNS.
    "::connect;::accept;::accept4;::recv;::send;::recvfrom;::sendto;"
    "::gethostbyname;::getaddrinfo;::select;::poll;::epoll_wait;"
    // Processes.
    "::system;::popen;::waitpid;::wait;"
    // Synchronous waits.
    "std::future::get;std::future::wait;std::shared_future::get;"
    "std::shared_future::wait;std::thread::join;std::jthread::join;"
    "std::condition_variable::wait;std::condition_variable::wait_for;"
    "std::condition_variable::wait_until;std::condition_variable_any::wait;"
    "std::condition_variable_any::wait_for;"
    "std::condition_variable_any::wait_until;std::latch::wait;"
    "std::barrier::arrive_and_wait;std::counting_semaphore::acquire;"
    // A nested event loop or a synchronous wait on a task.
    "*::sync_wait;*::blockingWait;*::blocking_wait;*::io_context::run;"
    "*::io_context::run_one;aio::run";

constexpr const char *MutexLocking =
    "std::mutex::lock;std::recursive_mutex::lock;std::timed_mutex::lock;"
    "std::shared_mutex::lock;std::shared_mutex::lock_shared;std::lock_guard;"
    "std::unique_lock;std::scoped_lock;std::shared_lock";

constexpr const char *DefaultOffload =
    "*::to_thread;std::thread;std::jthread;std::async;*::post;*::dispatch;"
    "*::defer;*::co_spawn;*::run_in_executor;*::submit";

// The integer value of argument I if it is a constant expression.
std::optional<llvm::APSInt> constantArg(const CallExpr *Call, unsigned I,
                                        const ASTContext &Ctx) {
  if (I >= Call->getNumArgs() || Call->getArg(I)->isValueDependent())
    return std::nullopt;
  return Call->getArg(I)->getIntegerConstantExpr(Ctx);
}

// Calls that are non-blocking by their arguments, cheaply visible: a zero
// poll timeout, MSG_DONTWAIT, SOCK_NONBLOCK, WNOHANG (Linux values).
bool nonBlockingByArgument(StringRef Name, const CallExpr *Call,
                           const ASTContext &Ctx) {
  auto Arg = [&](unsigned I) { return constantArg(Call, I, Ctx); };
  auto Zero = [&](unsigned I) {
    auto V = Arg(I);
    return V && V->isZero();
  };
  auto HasBit = [&](unsigned I, uint64_t Bit) {
    auto V = Arg(I);
    return V && (V->getZExtValue() & Bit) != 0;
  };
  if (Name == "poll")
    return Zero(2);
  if (Name == "epoll_wait")
    return Zero(3);
  if (Name == "recv" || Name == "send" || Name == "recvfrom" ||
      Name == "sendto")
    return HasBit(3, 0x40); // MSG_DONTWAIT
  if (Name == "accept4")
    return HasBit(3, 04000); // SOCK_NONBLOCK
  if (Name == "waitpid")
    return HasBit(2, 1); // WNOHANG
  return false;
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(tidy::utils::options::parseStringList(
          Options.get("BlockingFunctions", ""))),
      AllowedFunctions(tidy::utils::options::parseStringList(
          Options.get("AllowedFunctions", ""))),
      OffloadFunctions(tidy::utils::options::parseStringList(
          Options.get("OffloadFunctions", DefaultOffload))),
      Replacements(tidy::utils::options::parseStringList(
          Options.get("Replacements", ""))),
      TransitiveDepth(Options.get("TransitiveDepth", 3U)),
      FlagMutexLock(Options.get("FlagMutexLock", false)),
      Offload(OffloadFunctions) {
  std::vector<StringRef> Base =
      tidy::utils::options::parseStringList(DefaultBlocking);
  if (FlagMutexLock)
    llvm::append_range(Base,
                       tidy::utils::options::parseStringList(MutexLocking));
  Blocking = utils::NameList(Base, AllowedFunctions);
  UserBlocking = utils::NameList(BlockingFunctions, AllowedFunctions);
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
}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingFunctions",
                tidy::utils::options::serializeStringList(BlockingFunctions));
  Options.store(Opts, "AllowedFunctions",
                tidy::utils::options::serializeStringList(AllowedFunctions));
  Options.store(Opts, "OffloadFunctions",
                tidy::utils::options::serializeStringList(OffloadFunctions));
  Options.store(Opts, "Replacements",
                tidy::utils::options::serializeStringList(Replacements));
  Options.store(Opts, "TransitiveDepth", TransitiveDepth);
  Options.store(Opts, "FlagMutexLock", FlagMutexLock);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Coroutines written in the user's files. Ordinary functions are looked at
  // only when a coroutine calls them (and then once, memoised).
  utils::addFunctionMatchers(Finder, this);
}

bool BlockingCallCheck::isUserFunction(const FunctionDecl *FD) {
  if (!FD || !FD->hasBody() || utils::isCoroutine(FD))
    return false;
  // A lambda's body is looked at where the lambda is handed to a call.
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
      M && M->getParent()->isLambda())
    return false;
  const ASTContext &Ctx = FD->getASTContext();
  return !Ctx.getSourceManager().isInSystemHeader(FD->getLocation());
}

bool BlockingCallCheck::isOffload(const NamedDecl *Callee) {
  if (!Callee)
    return false;
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(Callee->getASTContext());
  return Offload.matches(Unit.names().get(Callee));
}

std::optional<std::string>
BlockingCallCheck::blockingName(const Expr *E, const NamedDecl *Callee) {
  if (!Callee)
    return std::nullopt;
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(Callee->getASTContext());
  utils::NameCache &Names = Unit.names();
  std::string Name = Names.get(Callee);
  // std::getline(file, line) and file >> x read from a file stream: the
  // first argument says whether the stream is a file.
  if (Name == "std::getline" || Name == "std::operator>>" ||
      Name == "std::basic_istream::operator>>") {
    const Expr *Stream = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
      Stream = MC->getImplicitObjectArgument();
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() > 0)
      Stream = Call->getArg(0);
    const CXXRecordDecl *RD =
        Stream ? Stream->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl()
               : nullptr;
    if (!RD)
      return std::nullopt;
    const std::string &Class = Names.get(RD);
    if (Class != "std::basic_ifstream" && Class != "std::basic_fstream")
      return std::nullopt;
    return StringRef(Name).ends_with("getline") ? std::string("std::getline")
                                                : Class + "::operator>>";
  }
  // A member inherited from an implementation base (libstdc++'s
  // shared_future::wait lives in std::__basic_future) is named through the
  // class of the object it is called on, as the user wrote it.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    // The object before the implicit derived-to-base conversion.
    QualType T =
        MC->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
    if (T->isPointerType())
      T = T->getPointeeType();
    const CXXRecordDecl *Obj = T->getAsCXXRecordDecl();
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (Obj && Method && Obj != Method->getParent() &&
        Method->getIdentifier()) {
      std::string Through = Names.get(Obj) + "::" + Method->getName().str();
      if (Blocking.matches(Through) || UserBlocking.matches(Through))
        Name = std::move(Through);
    }
  }
  // The default list's global names are the system's C API: a user's own
  // function that happens to be called `connect` is not it. Qualified names
  // (std::, frameworks' sync_wait) match wherever they are declared, since
  // frameworks are often included with -I rather than as system headers.
  // Names the user adds match wherever they are declared.
  const SourceManager &SM = Callee->getASTContext().getSourceManager();
  bool FromSystem = SM.isInSystemHeader(Callee->getLocation());
  bool Global = !StringRef(Name).contains("::");
  bool Listed = (FromSystem || !Global) && Blocking.matches(Name);
  if (!Listed && !UserBlocking.matches(Name))
    return std::nullopt;
  // Calling a function that returns an awaitable only creates it.
  if (const auto *FD = dyn_cast<FunctionDecl>(Callee);
      FD && !isa<CXXConstructorDecl>(FD) &&
      Unit.awaitables().isAwaitable(FD->getReturnType()))
    return std::nullopt;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    // A default-constructed stream or lock does nothing yet.
    if (Construct->getNumArgs() == 0 ||
        isa<CXXDefaultArgExpr>(Construct->getArg(0)))
      return std::nullopt;
    return Name;
  }
  const auto *Call = cast<CallExpr>(E);
  StringRef Short = StringRef(Name).rsplit("::").second;
  if (Short.empty())
    Short = Name;
  // is_directory(file_status) and friends do not touch the disk.
  if (StringRef(Name).starts_with("std::filesystem::"))
    for (const Expr *Arg : Call->arguments())
      if (const auto *RD = Arg->getType()->getAsCXXRecordDecl())
        if (RD->getName() == "file_status")
          return std::nullopt;
  if (nonBlockingByArgument(Short, Call, Callee->getASTContext()))
    return std::nullopt;
  return Name;
}

void BlockingCallCheck::collectSites(const Stmt *Body, std::vector<Site> &Out) {
  // walks::CallSites: the function's own calls, and those of the lambdas
  // handed to a call that runs them right here.
  utils::StmtWalker Walker(utils::walks::CallSites);
  Walker.walk(Body, [&](const Stmt *S, const utils::WalkContext &Ctx) {
    bool Direct = !Ctx.InLambda;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
      Out.push_back({Call, Callee, Direct, Ctx.InCatchHandler});
      // A lambda handed to an ordinary call may run right here (an
      // algorithm, call_once, an immediately invoked lambda); one handed to
      // an offload function runs elsewhere.
      if (!isOffload(Callee))
        for (const Expr *Arg : Call->arguments())
          if (const auto *L =
                  dyn_cast_or_null<LambdaExpr>(utils::stripWrappers(Arg)))
            Walker.enterLambdaBody(L);
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      Out.push_back(
          {Construct, Construct->getConstructor(), Direct, Ctx.InCatchHandler});
    }
    return utils::Walk::Into;
  });
  // Source order, so the first blocking call in a body is the one reported;
  // of the sites that begin together, the enclosing one first (`a().b()`:
  // b, then a), as the walk met them.
  llvm::sort(Out, [](const Site &A, const Site &B) {
    auto Key = [](const Site &S) {
      return std::make_pair(S.E->getBeginLoc().getRawEncoding(),
                            ~S.E->getEndLoc().getRawEncoding());
    };
    return Key(A) < Key(B);
  });
}

const BlockingCallCheck::Chain &
BlockingCallCheck::chainFrom(const FunctionDecl *FD, unsigned Budget) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  Chain &Memo = Chains[FD];
  // A result found within the budget stays valid for any budget that
  // reaches it; "none" is valid for budgets no larger than it was searched.
  if (Memo.InProgress ||
      (Memo.Computed && ((Memo.Hops != ~0U && Memo.Hops <= Budget) ||
                         (Memo.Hops == ~0U && Memo.Budget >= Budget))))
    return Memo;
  Memo.InProgress = true;
  auto It = SitesOf.find(FD);
  if (It == SitesOf.end()) {
    std::vector<Site> Sites;
    collectSites(FD->getBody(), Sites);
    It = SitesOf.try_emplace(FD, std::move(Sites)).first;
  }
  Chain Best;
  Best.Budget = Budget;
  for (const Site &S : It->second) {
    if (blockingName(S.E, S.Callee)) {
      Best.Hops = 0;
      Best.Call = S.E;
      Best.Next = nullptr;
      break;
    }
    const auto *Next = dyn_cast_or_null<FunctionDecl>(S.Callee);
    if (Budget == 0 || !isUserFunction(Next))
      continue;
    // Copy: the map may grow (and move) during the recursive call.
    Chain Down = chainFrom(Next, Budget - 1);
    if (Down.Hops != ~0U && Down.Hops + 1 < Best.Hops) {
      Best.Hops = Down.Hops + 1;
      Best.Call = S.E;
      Best.Next = Next->getDefinition() ? Next->getDefinition() : Next;
    }
  }
  Chain &Slot = Chains[FD];
  Slot = Best;
  Slot.InProgress = false;
  Slot.Computed = true;
  return Slot;
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
  collectSites(Body, Sites);
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool IsLambda = Method && Method->getParent()->isLambda();
  bool Instantiated = FD->isTemplateInstantiation();

  for (const Site &S : Sites) {
    const SourceLocation Loc = S.E->getBeginLoc();
    if (std::optional<std::string> Blocked = blockingName(S.E, S.Callee)) {
      const std::string &Name = *Blocked;
      auto Repl = ReplacementFor.find(Name);
      bool HasRepl = Repl != ReplacementFor.end();
      {
        auto D = diag(Loc, "'%0' blocks the event loop inside "
                           "%select{coroutine %2|a coroutine lambda}1")
                 << Name << IsLambda << utils::displayDecl(FD);
        // co_await the replacement instead: only for a direct call in the
        // coroutine's own body, spelled in the file, outside a handler,
        // not in a template instantiation, when the replacement is awaitable.
        const auto *Call = dyn_cast<CallExpr>(S.E);
        if (HasRepl && Call && S.Direct && !S.InHandler && !Instantiated &&
            Loc.isFileID() && Call->getCallee()->getEndLoc().isFileID() &&
            replacementIsAwaitable(Repl->second, Ctx))
          D << FixItHint::CreateReplacement(Call->getCallee()->getSourceRange(),
                                            "co_await " + Repl->second);
      }
      if (HasRepl)
        diag(Loc, "use 'co_await %0' instead", DiagnosticIDs::Note)
            << Repl->second;
      continue;
    }
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(S.Callee);
    if (TransitiveDepth == 0 || !isUserFunction(Callee))
      continue;
    Chain C = chainFrom(Callee, TransitiveDepth - 1);
    if (C.Hops == ~0U)
      continue;
    diag(Loc, "call to %0 blocks the event loop inside "
              "%select{coroutine %2|a coroutine lambda}1")
        << utils::displayDecl(Callee) << IsLambda << utils::displayDecl(FD);
    // Walk the chain down to the blocking call, one note per hop.
    const FunctionDecl *At = Callee->getDefinition();
    for (unsigned Hop = 0; At && Hop <= TransitiveDepth; ++Hop) {
      const Chain &Step = Chains[At];
      if (!Step.Call)
        break;
      if (!Step.Next) {
        const auto *Blocker =
            isa<CXXConstructExpr>(Step.Call)
                ? cast<CXXConstructExpr>(Step.Call)->getConstructor()
                : dyn_cast_or_null<NamedDecl>(
                      cast<CallExpr>(Step.Call)->getCalleeDecl());
        diag(Step.Call->getBeginLoc(), "%0 calls blocking '%1' here",
             DiagnosticIDs::Note)
            << utils::displayDecl(At)
            << blockingName(Step.Call, Blocker).value_or("");
        break;
      }
      diag(Step.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
          << utils::displayDecl(At) << utils::displayDecl(Step.Next);
      At = Step.Next;
    }
  }
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *FD = utils::matchedFunction(Result.Nodes);
  if (!FD || FD->isInvalidDecl() || !utils::isCoroutine(FD))
    return;
  checkCoroutine(FD, *Result.Context);
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  Chains.clear();
  SitesOf.clear();
  ReplacementAwaitable.clear();
}

} // namespace clang::tidy::async
