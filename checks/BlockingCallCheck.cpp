//===--- BlockingCallCheck.cpp - asynclint --------------------------------===//

#include "BlockingCallCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ASTHelpers.h"
#include "utils/Annotations.h"
#include "utils/Awaitable.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

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
    "::fopen;::fread;::fwrite;::fgets;::fscanf;::fflush;::tmpfile;::open;"
    "::openat;::creat;"
    // Console input (std::cin >> x, std::getline(std::cin, s)).
    "std::cin;"
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
    "std::future::get;std::future::wait;std::future::wait_for;"
    "std::future::wait_until;std::shared_future::get;std::shared_future::wait;"
    "std::shared_future::wait_for;std::shared_future::wait_until;"
    "std::thread::join;std::jthread::join;"
    "std::condition_variable::wait;std::condition_variable::wait_for;"
    "std::condition_variable::wait_until;std::condition_variable_any::wait;"
    "std::condition_variable_any::wait_for;"
    "std::condition_variable_any::wait_until;std::latch::wait;"
    "std::latch::arrive_and_wait;std::atomic::wait;std::atomic_flag::wait;"
    "std::atomic_ref::wait;"
    "std::barrier::arrive_and_wait;std::counting_semaphore::acquire;"
    // A nested event loop or a synchronous wait on a task.
    "*::sync_wait;*::block_on;*::blockingWait;*::blocking_wait;"
    "*::io_context::run;"
    "*::io_context::run_one;aio::run";

// The nested event loops above that run one awaitable to completion:
// `sync_wait(x)` in a coroutine becomes `co_await x`.
constexpr const char *NestedLoopFunctions =
    "*::sync_wait;*::block_on;*::blockingWait;*::blocking_wait;aio::run";

constexpr const char *MutexLocking =
    "std::mutex::lock;std::recursive_mutex::lock;std::timed_mutex::lock;"
    "std::shared_mutex::lock;std::shared_mutex::lock_shared;std::lock_guard;"
    "std::unique_lock;std::scoped_lock;std::shared_lock";

constexpr const char *DefaultOffload =
    "*::to_thread;std::thread;std::jthread;std::async;*::post;*::dispatch;"
    "*::defer;*::co_spawn;*::run_in_executor;*::submit;"
    // Completion callbacks: they run when the task finishes, not here.
    "*::LazyBase::start;*::Future::thenValue;*::Future::thenTry";

// Awaiting one of these moves the rest of the coroutine onto another
// executor: concurrencpp's resume_on, the thread pools' schedule() of
// libcoro and cppcoro, Asio's post/defer/dispatch with a completion token,
// async_simple's dispatch.
constexpr const char *DefaultExecutorSwitches =
    "concurrencpp::resume_on;coro::thread_pool::schedule;"
    "cppcoro::static_thread_pool::schedule;*::asio::post;*::asio::defer;"
    "*::asio::dispatch;async_simple::coro::dispatch;"
    // A coroutine whose first parameter is this tag runs on the executor
    // passed next.
    "concurrencpp::executor_tag";

// An executor whose name holds one of these words is a CPU pool: blocking
// there starves the computations it is for (concurrencpp's examples keep a
// background executor for blocking work and a thread pool one for CPU work).
constexpr const char *DefaultCpuExecutorNames = "threadpool;cpu;compute";

// Awaiting one of these waits for a file descriptor to become ready: aio's
// readable/writable, libcoro's poll.
constexpr const char *DefaultReadinessAwaitables =
    "*::readable;*::writable;*::poll;*::wait_readable;*::wait_writable";

// Test frameworks: their assertion macros call into these scopes, whose
// internals (doctest asks /proc whether a debugger is attached) are not the
// code under test.
constexpr const char *DefaultIgnoredCallees =
    "doctest::*;Catch::*;testing::*;boost::unit_test::*;boost::test_tools::*";

// The names of a function's awaitable twins: `{name}` stands for the
// function's name, `{Name}` for it with its first letter in upper case.
constexpr const char *DefaultAsyncTwinPatterns =
    "async_{name};{name}_async;co_{name};async{Name};{name}Async";

// The twin's name for \p Name by \p Pattern (one placeholder, checked when
// the options are read).
std::string twinName(StringRef Pattern, StringRef Name) {
  std::string Upper = Name.str();
  if (!Upper.empty())
    Upper[0] = llvm::toUpper(Upper[0]);
  size_t At = Pattern.find("{name}");
  StringRef With = Name;
  if (At == StringRef::npos) {
    At = Pattern.find("{Name}");
    With = Upper;
  }
  return (Pattern.take_front(At) + With + Pattern.drop_front(At + 6)).str();
}

// T without references, cv-qualifiers and sugar.
QualType bareType(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

// Argument \p Arg, which converts to the callee's parameter type
// \p CalleeParam (null past the callee's parameters), also converts to the
// twin's parameter type \p Param, by a rule that needs no overload
// resolution: the same type (references and cv-qualifiers aside) as the
// argument or the callee's parameter, arithmetic to arithmetic, a pointer
// to the same type or to void, or a derived class to its base. A non-const
// lvalue reference takes lvalues only.
bool paramFits(QualType Param, QualType CalleeParam, const Expr *Arg) {
  if (Param.isNull() || Param->isDependentType() || Arg->isTypeDependent())
    return false;
  const Expr *Written = utils::stripWrappers(Arg);
  if (Param->isLValueReferenceType() &&
      !Param.getNonReferenceType().isConstQualified() && !Written->isLValue())
    return false;
  QualType Want = bareType(Param);
  QualType Have = bareType(Written->getType());
  if (Want == Have || (!CalleeParam.isNull() && Want == bareType(CalleeParam)))
    return true;
  if (Want->isArithmeticType() && Have->isArithmeticType())
    return true;
  if (Want->isPointerType() && (Have->isPointerType() || Have->isArrayType())) {
    QualType To = bareType(Want->getPointeeType());
    QualType From =
        Have->isArrayType()
            ? bareType(QualType(Have->getArrayElementTypeNoTypeQual(), 0))
            : bareType(Have->getPointeeType());
    return To == From || To->isVoidType();
  }
  const auto *To = Want->getAsCXXRecordDecl();
  const auto *From = Have->getAsCXXRecordDecl();
  return To && From && From->hasDefinition() && From->isDerivedFrom(To);
}

// The call's written arguments fit \p Twin's leading parameters, and every
// further parameter of the twin has a default argument.
bool argumentsFit(const CallExpr *Call, const FunctionDecl *Callee,
                  const FunctionDecl *Twin) {
  unsigned Written = 0;
  while (Written < Call->getNumArgs() &&
         !isa<CXXDefaultArgExpr>(Call->getArg(Written)))
    ++Written;
  unsigned Params = Twin->getNumParams();
  if (Written > Params && !Twin->isVariadic())
    return false;
  for (unsigned I = Written; I < Params; ++I)
    if (!Twin->getParamDecl(I)->hasDefaultArg())
      return false;
  for (unsigned I = 0; I < Written && I < Params; ++I) {
    QualType CalleeParam = I < Callee->getNumParams()
                               ? Callee->getParamDecl(I)->getType()
                               : QualType();
    if (!paramFits(Twin->getParamDecl(I)->getType(), CalleeParam,
                   Call->getArg(I)))
      return false;
  }
  return true;
}

// Macros whose use shows a non-blocking socket.
bool isNonBlockingMacro(StringRef Name) {
  return Name == "EAGAIN" || Name == "EWOULDBLOCK" || Name == "EINPROGRESS" ||
         Name == "SOCK_NONBLOCK" || Name == "O_NONBLOCK" ||
         Name == "MSG_DONTWAIT";
}

// Names of would-block answers: try_again(), would_block,
// std::errc::resource_unavailable_try_again, operation_in_progress.
bool isWouldBlockName(StringRef Name) {
  std::string Lower = Name.lower();
  StringRef L(Lower);
  return L.contains("try_again") || L.contains("would_block") ||
         L.contains("wouldblock") || L.contains("in_progress") ||
         L.contains("eagain");
}

// Whether an executor's spelling (`threadpool_executor`, `cpu_pool`) holds
// one of Words, compared in lower case without underscores.
bool isCpuWord(StringRef Spelling, llvm::ArrayRef<StringRef> Words) {
  auto Normal = [](StringRef S) {
    std::string Out;
    for (char C : S)
      if (C != '_')
        Out += llvm::toLower(C);
    return Out;
  };
  std::string Text = Normal(Spelling);
  return llvm::any_of(Words, [&](StringRef W) {
    std::string Word = Normal(W.trim());
    return !Word.empty() && StringRef(Text).contains(Word);
  });
}

// Whether \p E is a pointer to an executor or a scheduler (a class so
// named): the thread a coroutine runs on, when there is one.
bool isExecutorPointer(const Expr *E) {
  if (!E || !E->getType()->isPointerType())
    return false;
  const auto *Record = E->getType()->getPointeeType()->getAsTagDecl();
  if (!Record || !Record->getIdentifier())
    return false;
  std::string Name = Record->getName().lower();
  return StringRef(Name).contains("executor") ||
         StringRef(Name).contains("scheduler");
}

// The branch of \p If taken when an executor pointer is null (`if (!ex)`,
// `if (ex == nullptr)`, the else of `if (ex)`), or null.
const Stmt *noExecutorBranch(const IfStmt *If) {
  if (If->isConstexpr() || If->getConditionVariable())
    return nullptr;
  const Expr *Cond = utils::stripWrappers(If->getCond());
  bool WhenTrue = false; // is the null case the then branch
  const Expr *Tested = Cond;
  auto IsNull = [](const Expr *E) {
    E = utils::stripWrappers(E);
    const auto *Zero = dyn_cast<IntegerLiteral>(E);
    return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E) ||
           (Zero && Zero->getValue().isZero());
  };
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    Tested = utils::stripWrappers(Not->getSubExpr());
    WhenTrue = true;
  } else if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond);
             Cmp && Cmp->isEqualityOp()) {
    if (IsNull(Cmp->getRHS()))
      Tested = utils::stripWrappers(Cmp->getLHS());
    else if (IsNull(Cmp->getLHS()))
      Tested = utils::stripWrappers(Cmp->getRHS());
    else
      return nullptr;
    WhenTrue = Cmp->getOpcode() == BO_EQ;
  }
  if (!isExecutorPointer(Tested))
    return nullptr;
  return WhenTrue ? If->getThen() : If->getElse();
}

// The call an awaited operand makes, under temporaries and conversions.
// A standard container's member that stores what it is handed
// (`threads.emplace_back([] {...})` starts a thread with the lambda).
bool storesArgument(const NamedDecl *Callee) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || !M->getIdentifier() || !M->getParent()->isInStdNamespace())
    return false;
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "push", "emplace", "emplace_hint",
                             "insert", "try_emplace", "insert_or_assign"},
                            M->getName());
}

const CallExpr *awaitedCall(const Expr *Operand) {
  if (!Operand)
    return nullptr;
  return dyn_cast<CallExpr>(utils::stripWrappers(Operand));
}

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
      ExecutorSwitches(tidy::utils::options::parseStringList(
          Options.get("ExecutorSwitches", DefaultExecutorSwitches))),
      ReadinessAwaitables(tidy::utils::options::parseStringList(
          Options.get("ReadinessAwaitables", DefaultReadinessAwaitables))),
      CpuExecutorNames(tidy::utils::options::parseStringList(
          Options.get("CpuExecutorNames", DefaultCpuExecutorNames))),
      IgnoredCallees(tidy::utils::options::parseStringList(
          Options.get("IgnoredCallees", DefaultIgnoredCallees))),
      SummariesFile(Options.get("Summaries", "")),
      AsyncTwins(Options.get("AsyncTwins", true)),
      AsyncTwinPatterns(tidy::utils::options::parseStringList(
          Options.get("AsyncTwinPatterns", DefaultAsyncTwinPatterns))),
      Offload(OffloadFunctions), Switches(ExecutorSwitches),
      Readiness(ReadinessAwaitables), Ignored(IgnoredCallees),
      NestedLoops(tidy::utils::options::parseStringList(NestedLoopFunctions)) {
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
  for (StringRef Pattern : AsyncTwinPatterns) {
    Pattern = Pattern.trim();
    size_t Holes = Pattern.count("{name}") + Pattern.count("{Name}");
    if (Holes != 1 || Pattern.contains("::")) {
      configurationDiag("invalid entry '%0' in option 'AsyncTwinPatterns' of "
                        "%1: expected a name with one '{name}' or '{Name}'")
          << Pattern << Name;
      continue;
    }
    TwinPatterns.push_back(Pattern.str());
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
  Options.store(Opts, "ExecutorSwitches",
                tidy::utils::options::serializeStringList(ExecutorSwitches));
  Options.store(Opts, "ReadinessAwaitables",
                tidy::utils::options::serializeStringList(ReadinessAwaitables));
  Options.store(Opts, "CpuExecutorNames",
                tidy::utils::options::serializeStringList(CpuExecutorNames));
  Options.store(Opts, "IgnoredCallees",
                tidy::utils::options::serializeStringList(IgnoredCallees));
  Options.store(Opts, "Summaries", SummariesFile);
  Options.store(Opts, "AsyncTwins", AsyncTwins);
  Options.store(Opts, "AsyncTwinPatterns",
                tidy::utils::options::serializeStringList(AsyncTwinPatterns));
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Coroutines written in the user's files. Ordinary functions are looked at
  // only when a coroutine calls them (and then once, memoised).
  utils::addFunctionMatchers(Finder, this);
}

bool BlockingCallCheck::isSocketCall(StringRef Name) {
  // The C API's socket and descriptor calls (global names only): with a
  // non-blocking descriptor they return EAGAIN instead of waiting.
  return llvm::is_contained(
      std::initializer_list<StringRef>{
          "connect", "accept", "accept4", "recv", "send", "recvfrom", "sendto",
          "recvmsg", "sendmsg", "read", "write", "readv", "writev"},
      Name);
}

bool BlockingCallCheck::followable(const Expr *Call, const FunctionDecl *FD) {
  if (!FD || !FD->hasBody() || utils::isCoroutine(FD) ||
      utils::hasAnnotation(FD, utils::annotations::NonBlocking))
    return false;
  const ASTContext &Ctx = FD->getASTContext();
  if (Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return false;
  // An awaiter's await_resume runs once its operation is complete (a
  // combinator calls it by hand when await_ready() says so): what it waits
  // for has finished.
  if (isa<CXXMethodDecl>(FD) && FD->getIdentifier() &&
      FD->getName() == "await_resume")
    return false;
  // A lambda called through a variable (`auto f = [] {...}; f();`) is
  // followed like a function. One invoked where it is written, or handed to
  // a call, is walked in place by collectSites.
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD);
      M && M->getParent()->isLambda()) {
    // A parameter holding a lambda (`template <class F> void run(F f)
    // { f(); }`) is not followed: the lambda's body was walked where it was
    // handed over.
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
    const auto *Ref =
        Op && Op->getNumArgs() > 0
            ? dyn_cast<DeclRefExpr>(utils::stripWrappers(Op->getArg(0)))
            : nullptr;
    if (!Ref || !isa<VarDecl>(Ref->getDecl()) ||
        isa<ParmVarDecl>(Ref->getDecl()))
      return false;
  }
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(FD->getASTContext());
  return !Ignored.matches(Unit.names().get(FD));
}

bool BlockingCallCheck::offloadsParameter(const CallExpr *Call,
                                          unsigned ArgIndex) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Callee)) {
    if (ArgIndex == 0) // the object (an immediately invoked lambda)
      return false;
    --ArgIndex;
  }
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  if (!Def || !Def->hasBody() || ArgIndex >= Def->getNumParams())
    return false;
  auto [Known, New] = OffloadedParams.try_emplace({Def, ArgIndex}, false);
  if (!New)
    return Known->second;
  const ParmVarDecl *Param = Def->getParamDecl(ArgIndex);
  auto Mentions = [Param](const Stmt *Root) {
    return !utils::StmtWalker(utils::walks::Everything)
                .walk(Root, [&](const Stmt *S, const utils::WalkContext &) {
                  const auto *Ref = dyn_cast<DeclRefExpr>(S);
                  return Ref && Ref->getDecl() == Param ? utils::Walk::Stop
                                                        : utils::Walk::Into;
                });
  };
  // An offload call or construction in the body (a std::thread, a post to
  // an executor) whose arguments mention the parameter: the callback is
  // handed on to run elsewhere.
  bool Offloaded =
      !utils::StmtWalker(utils::walks::Everything)
           .walk(
               Def->getBody(), [&](const Stmt *S, const utils::WalkContext &) {
                 const NamedDecl *Target = nullptr;
                 if (const auto *C = dyn_cast<CallExpr>(S))
                   Target = dyn_cast_or_null<NamedDecl>(C->getCalleeDecl());
                 else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
                   Target = Construct->getConstructor()->getParent();
                 return Target && isOffload(Target) && Mentions(S)
                            ? utils::Walk::Stop
                            : utils::Walk::Into;
               });
  return OffloadedParams[{Def, ArgIndex}] = Offloaded;
}

bool BlockingCallCheck::isOffloadByName(const CallExpr *Call) const {
  // In a template pattern a dependent call has no callee yet
  // (`executor->submit([] {...})`): go by the name written.
  if (Call->getCalleeDecl())
    return false;
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  DeclarationName Name;
  if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(Callee))
    Name = Lookup->getName();
  else if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(Callee))
    Name = Member->getMemberName();
  else if (const auto *Dependent =
               dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    Name = Dependent->getMember();
  return Name.isIdentifier() && Offload.matches(Name.getAsString());
}

bool BlockingCallCheck::isCpuExecutor(const Expr *E) const {
  if (!E || !AST)
    return false;
  E = E->IgnoreParenImpCasts();
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                           AST->getSourceManager(), AST->getLangOpts());
  return isCpuWord(Text, CpuExecutorNames);
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
  // The author's word first: annotated nonblocking never blocks, annotated
  // blocking always does (whatever it returns).
  if (utils::hasAnnotation(Callee, utils::annotations::NonBlocking))
    return std::nullopt;
  if (utils::hasAnnotation(Callee, utils::annotations::Blocking))
    return Names.get(Callee);
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
    // std::cin waits for its user.
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
            Stream ? Stream->IgnoreParenImpCasts() : nullptr)) {
      const std::string &Var = Names.get(Ref->getDecl());
      if (Var == "std::cin" || Var == "std::wcin") {
        if (!Blocking.matches("std::cin"))
          return std::nullopt;
        return StringRef(Name).ends_with("getline")
                   ? std::string("std::getline")
                   : std::string("std::cin");
      }
    }
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
    // A lock told not to wait: std::defer_lock, std::try_to_lock, and
    // std::adopt_lock (already held).
    for (const Expr *Arg : Construct->arguments())
      if (const auto *Tag = Arg->getType()->getAsCXXRecordDecl()) {
        const std::string &TagName = Names.get(Tag);
        if (TagName == "std::defer_lock_t" || TagName == "std::try_to_lock_t" ||
            TagName == "std::adopt_lock_t")
          return std::nullopt;
      }
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
  // fflush(stdout) is console output, as printf is (not in the list).
  if (Short == "fflush" && Call->getNumArgs() == 1)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
        Ref && Ref->getDecl()->getIdentifier() &&
        (Ref->getDecl()->getName() == "stdout" ||
         Ref->getDecl()->getName() == "stderr"))
      return std::nullopt;
  return Name;
}

void BlockingCallCheck::noteFacts(const Stmt *S, bool InLambda, Facts &Seen) {
  const Expr *Operand = nullptr;
  if (const auto *Await = dyn_cast<CoawaitExpr>(S))
    Operand = Await->getOperand();
  else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(S))
    Operand = Dependent->getOperand();
  if (Operand) {
    // co_await in a lambda body entered here cannot be (that lambda is not
    // a coroutine), but say so: a switch moves this coroutine only.
    const CallExpr *Call = awaitedCall(Operand);
    const auto *Callee =
        Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
    if (Callee) {
      const std::string &Name =
          utils::UnitAnalysis::of(Callee->getASTContext()).names().get(Callee);
      if (Readiness.matches(Name))
        Seen.NonBlocking = true;
      if (!InLambda && Switches.matches(Name)) {
        // The executor: the object of `pool.schedule()`, else the first
        // argument of `resume_on(executor)`, `post(pool, token)`.
        const Expr *Executor = nullptr;
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          Executor = Member->getImplicitObjectArgument();
        else if (Call->getNumArgs() > 0)
          Executor = Call->getArg(0);
        Seen.Moves.emplace_back(S->getEndLoc(), isCpuExecutor(Executor));
      }
    }
    return;
  }
  if (const auto *If = dyn_cast<IfStmt>(S))
    if (const Stmt *Branch = noExecutorBranch(If))
      Seen.NoExecutor.push_back(Branch->getSourceRange());
  if (Seen.NonBlocking)
    return;
  if (const auto *Lit = dyn_cast<IntegerLiteral>(S); Lit && AST) {
    // EWOULDBLOCK expands to EAGAIN expands to 11: look at every level.
    const SourceManager &SM = AST->getSourceManager();
    for (SourceLocation Loc = Lit->getBeginLoc(); Loc.isMacroID();
         Loc = SM.getImmediateMacroCallerLoc(Loc))
      if (isNonBlockingMacro(
              Lexer::getImmediateMacroName(Loc, SM, AST->getLangOpts()))) {
        Seen.NonBlocking = true;
        return;
      }
  }
  const NamedDecl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Named = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(S))
    Named = Member->getMemberDecl();
  // SOCK_NONBLOCK is also an enumerator of the same name.
  if (Named && Named->getIdentifier() &&
      (isWouldBlockName(Named->getName()) ||
       isNonBlockingMacro(Named->getName())))
    Seen.NonBlocking = true;
}

void BlockingCallCheck::noteInitializers(
    const DeclStmt *Decls, llvm::SmallPtrSetImpl<const Expr *> &Out) {
  // The whole initializer of a local variable with automatic storage
  // (co_await is ill-formed in a static one's), or the one argument of the
  // conversion that makes it.
  for (const Decl *D : Decls->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->getInit())
      continue;
    const Expr *Init = utils::stripWrappers(VD->getInit());
    Out.insert(Init);
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
        Construct && Construct->getNumArgs() == 1)
      Out.insert(utils::stripWrappers(Construct->getArg(0)));
  }
}

void BlockingCallCheck::collectSites(const Stmt *Body, std::vector<Site> &Out,
                                     Facts &Seen) {
  // walks::CallSites: the function's own calls, and those of the lambdas
  // handed to a call that runs them right here. The branch an `if
  // constexpr` keeps is walked afterwards, with its context, by a further
  // walk of the same walker (the discarded one never runs).
  utils::StmtWalker Walker(utils::walks::CallSites);
  struct Root {
    const Stmt *S;
    utils::WalkContext Ctx;
  };
  llvm::SmallVector<Root, 2> Roots{{Body, {}}};
  llvm::SmallPtrSet<const Stmt *, 16> Statements;
  llvm::SmallPtrSet<const Expr *, 16> Initializers;
  while (!Roots.empty()) {
    Root R = Roots.pop_back_val();
    Walker.walk(R.S, [&](const Stmt *S, const utils::WalkContext &WCtx) {
      bool InLambda = WCtx.InLambda || R.Ctx.InLambda;
      bool InHandler = WCtx.InCatchHandler || R.Ctx.InCatchHandler;
      // Unevaluated operands are not calls.
      if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr>(S))
        return utils::Walk::Over;
      if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(S);
          TypeId && !TypeId->isPotentiallyEvaluated())
        return utils::Walk::Over;
      if (const auto *Compound = dyn_cast<CompoundStmt>(S))
        for (const Stmt *Child : Compound->body())
          if (const auto *E = dyn_cast<Expr>(Child))
            Statements.insert(utils::stripWrappers(E));
      if (const auto *Decls = dyn_cast<DeclStmt>(S))
        noteInitializers(Decls, Initializers);
      if (const auto *If = dyn_cast<IfStmt>(S); If && If->isConstexpr()) {
        if (!AST)
          return utils::Walk::Over;
        // In a template pattern the condition is dependent: each
        // instantiation has only the branch it keeps.
        std::optional<const Stmt *> Kept = If->getNondiscardedCase(*AST);
        if (Kept && *Kept) {
          utils::WalkContext Inner = WCtx;
          Inner.InLambda = InLambda;
          Inner.InCatchHandler = InHandler;
          Roots.push_back({*Kept, Inner});
        }
        return utils::Walk::Over;
      }
      noteFacts(S, InLambda, Seen);
      if (const auto *Call = dyn_cast<CallExpr>(S)) {
        const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
        Out.push_back({Call, Callee, !InLambda, InHandler,
                       Statements.contains(Call), Initializers.contains(Call)});
        // A lambda handed to an ordinary call may run right here (an
        // algorithm, call_once, an immediately invoked lambda; a coroutine
        // lambda is a coroutine of its own, checked as one); one handed
        // to an offload function runs elsewhere, and one handed to a
        // standard container is stored (a vector of threads starts one).
        if (!isOffload(Callee) && !isOffloadByName(Call) &&
            !storesArgument(Callee))
          for (auto [I, Arg] : llvm::enumerate(Call->arguments()))
            if (const auto *L =
                    dyn_cast_or_null<LambdaExpr>(utils::stripWrappers(Arg));
                L && !utils::isCoroutine(L->getCallOperator()) &&
                !offloadsParameter(Call, I))
              Walker.enterLambdaBody(L);
      } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
        Out.push_back({Construct, Construct->getConstructor(), !InLambda,
                       InHandler, false, false});
      }
      return utils::Walk::Into;
    });
  }
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
BlockingCallCheck::chainFrom(const FunctionDecl *FD, unsigned Budget,
                             bool SocketsNonBlocking, unsigned &Cut) {
  FD = FD->getDefinition() ? FD->getDefinition() : FD;
  auto &Memos = Chains[SocketsNonBlocking];
  Chain &Memo = Memos[FD];
  if (Memo.Depth != ~0U) {
    // A cycle: this function's search is still running further up.
    Cut = std::min(Cut, Memo.Depth);
    return Memo;
  }
  // A result found within the budget stays valid for any budget that
  // reaches it; "none" is valid for budgets no larger than it was searched.
  if (Memo.Computed && ((Memo.Hops != ~0U && Memo.Hops <= Budget) ||
                        (Memo.Hops == ~0U && Memo.Budget >= Budget)))
    return Memo;
  unsigned MyDepth = StackDepth++;
  Memo = Chain();
  Memo.Depth = MyDepth;
  const std::vector<Site> &Sites = sitesOf(FD);
  bool OwnEvidence = FactsOf[FD].NonBlocking;
  Chain Best;
  Best.Budget = Budget;
  unsigned MyCut = ~0U;
  for (const Site &S : Sites) {
    if (std::optional<std::string> Name = blockingName(S.E, S.Callee)) {
      if (!((SocketsNonBlocking || OwnEvidence) && isSocketCall(*Name))) {
        Best.Hops = 0;
        Best.Call = S.E;
        Best.Next = nullptr;
        break;
      }
      continue;
    }
    const auto *Next = dyn_cast_or_null<FunctionDecl>(S.Callee);
    if (Budget == 0 || !followable(S.E, Next))
      continue;
    // Copy: the map may grow (and move) during the recursive call.
    Chain Down = chainFrom(Next, Budget - 1, SocketsNonBlocking, MyCut);
    if (Down.Hops != ~0U && Down.Hops + 1 < Best.Hops) {
      Best.Hops = Down.Hops + 1;
      Best.Call = S.E;
      Best.Next = Next->getDefinition() ? Next->getDefinition() : Next;
    }
  }
  --StackDepth;
  Chain &Slot = Memos[FD];
  Slot = Best;
  // A search that ran into a function still in progress above this one saw
  // that function's answer as "none" so far: its result holds for this
  // search only, and is searched again by the next caller.
  Slot.Computed = MyCut >= MyDepth;
  if (MyCut < MyDepth)
    Cut = std::min(Cut, MyCut);
  return Slot;
}

const std::vector<BlockingCallCheck::Site> &
BlockingCallCheck::sitesOf(const FunctionDecl *FD) {
  auto It = SitesOf.find(FD);
  if (It == SitesOf.end()) {
    std::vector<Site> Sites;
    Facts Seen;
    collectSites(FD->getBody(), Sites, Seen);
    FactsOf[FD] = Seen;
    It = SitesOf.try_emplace(FD, std::move(Sites)).first;
  }
  return It->second;
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
  Facts Seen;
  collectSites(Body, Sites, Seen);
  const SourceManager &SM = Ctx.getSourceManager();
  // After an awaited executor switch the coroutine runs on that executor,
  // until the next switch: silent on a pool for blocking work, reported
  // again on a CPU pool. A coroutine whose first parameter is an executor
  // tag (concurrencpp) starts on the executor passed after it.
  llvm::SmallVector<std::pair<SourceLocation, bool>, 4> Moves;
  if (FD->getNumParams() >= 2)
    if (const auto *Tag = FD->getParamDecl(0)->getType()->getAsCXXRecordDecl();
        Tag &&
        Switches.matches(utils::UnitAnalysis::of(Ctx).names().get(Tag))) {
      const ParmVarDecl *Executor = FD->getParamDecl(1);
      Moves.emplace_back(Body->getBeginLoc(),
                         isCpuWord(Executor->getName(), CpuExecutorNames));
    }
  for (const auto &[End, Cpu] : Seen.Moves)
    Moves.emplace_back(SM.getExpansionLoc(End), Cpu);
  llvm::sort(Moves, [&](const auto &A, const auto &B) {
    return SM.isBeforeInTranslationUnit(A.first, B.first);
  });
  auto OnOtherExecutor = [&](SourceLocation Loc) {
    Loc = SM.getExpansionLoc(Loc);
    std::optional<bool> LastCpu;
    for (const auto &[End, Cpu] : Moves)
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
    if (std::optional<std::string> Blocked = blockingName(S.E, S.Callee)) {
      if (!(Seen.NonBlocking && isSocketCall(*Blocked)))
        reportDirect(S, *Blocked, FD, Ctx);
      continue;
    }
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(S.Callee);
    if (Callee && !Callee->hasBody() && reportAcrossFiles(S, Callee, FD, Ctx))
      continue;
    if (TransitiveDepth == 0 || !followable(S.E, Callee)) {
      reportTwin(S, Callee, FD, Ctx);
      continue;
    }
    unsigned Cut = ~0U;
    Chain C = chainFrom(Callee, TransitiveDepth - 1, Seen.NonBlocking, Cut);
    if (C.Hops == ~0U) {
      reportTwin(S, Callee, FD, Ctx);
      continue;
    }
    reportChain(S, Callee, FD, Seen.NonBlocking);
  }
}

void BlockingCallCheck::reportChain(const Site &S, const FunctionDecl *Callee,
                                    const FunctionDecl *FD,
                                    bool SocketsNonBlocking) {
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool IsLambda = Method && Method->getParent()->isLambda();
  const auto &Memos = Chains[SocketsNonBlocking];
  // A lambda called through a variable is named by the variable.
  const NamedDecl *Shown = utils::displayDecl(Callee);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S.E);
      Op && Op->getNumArgs() > 0 && isa<CXXMethodDecl>(Callee) &&
      cast<CXXMethodDecl>(Callee)->getParent()->isLambda())
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(utils::stripWrappers(Op->getArg(0))))
      Shown = Ref->getDecl();
  diag(S.E->getBeginLoc(), "call to %0 blocks the event loop inside "
                           "%select{coroutine %2|a coroutine lambda}1")
      << Shown << IsLambda << utils::displayDecl(FD);
  // Walk the chain down to the blocking call, one note per hop.
  const FunctionDecl *At = Callee->getDefinition();
  for (unsigned Hop = 0; At && Hop <= TransitiveDepth; ++Hop) {
    auto StepIt = Memos.find(At);
    if (StepIt == Memos.end() || !StepIt->second.Call)
      break;
    const Chain &Step = StepIt->second;
    if (!Step.Next) {
      const auto *Blocker =
          isa<CXXConstructExpr>(Step.Call)
              ? cast<CXXConstructExpr>(Step.Call)->getConstructor()
              : dyn_cast_or_null<NamedDecl>(
                    cast<CallExpr>(Step.Call)->getCalleeDecl());
      std::string BlockerName = blockingName(Step.Call, Blocker).value_or("");
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
      !NestedLoops.matches(Name) || !fixablePosition(S, FD) ||
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
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Arg->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty())
    return std::nullopt;
  // co_await binds tighter than a binary or conditional operator.
  const Expr *Bare = Arg->IgnoreImplicit();
  bool Parens = isa<BinaryOperator, AbstractConditionalOperator,
                    CXXRewrittenBinaryOperator>(Bare);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Bare))
    Parens = Op->isInfixBinaryOp();
  std::string Replacement =
      "co_await " + (Parens ? "(" + Text.str() + ")" : Text.str());
  return Fix{
      FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Call->getSourceRange()), Replacement),
      Fits.has_value()};
}

void BlockingCallCheck::reportDirect(const Site &S, const std::string &Name,
                                     const FunctionDecl *FD, ASTContext &Ctx) {
  const SourceLocation Loc = S.E->getBeginLoc();
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool IsLambda = Method && Method->getParent()->isLambda();
  auto Repl = ReplacementFor.find(Name);
  bool HasRepl = Repl != ReplacementFor.end();
  // A nested event loop on an awaitable: await it instead. The result and
  // its exceptions are the same; safe when this coroutine can await it.
  std::optional<Fix> Nested =
      HasRepl ? std::nullopt : nestedLoopFix(S, Name, FD, Ctx);
  {
    auto Warning = diag(Loc, "'%0' blocks the event loop inside "
                             "%select{coroutine %2|a coroutine lambda}1")
                   << Name << IsLambda << utils::displayDecl(FD);
    if (Nested && Nested->Safe)
      Warning << Nested->Hint;
  } // The warning is emitted here, before its notes.
  noteAnnotatedBlocking(S.Callee, Name);
  if (Nested && !Nested->Safe)
    diag(Loc, "await the argument instead (this coroutine may not accept it)",
         DiagnosticIDs::Note)
        << Nested->Hint;
  if (!HasRepl)
    return;
  auto Note = diag(Loc, "use 'co_await %0' instead", DiagnosticIDs::Note)
              << Repl->second;
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
      replacementIsAwaitable(Repl->second, Ctx))
    Note << FixItHint::CreateReplacement(Call->getCallee()->getSourceRange(),
                                         "co_await " + Repl->second);
}

const FunctionDecl *BlockingCallCheck::findTwin(const CallExpr *Call,
                                                const FunctionDecl *Callee,
                                                ASTContext &Ctx) {
  // Twins live beside the function: in its class for a member, in its
  // namespace (or other declaration context) for a free function. A
  // function template is not a twin: what it returns depends on the
  // deduction (Asio's completion token), which this check cannot run.
  auto [It, Inserted] = TwinCandidates.try_emplace(Callee->getCanonicalDecl());
  if (Inserted) {
    const DeclContext *Scope = Callee->getDeclContext()->getRedeclContext();
    utils::AwaitableClassifier &Classifier =
        utils::UnitAnalysis::of(Ctx).awaitables();
    for (const std::string &Pattern : TwinPatterns) {
      // A name no declaration spells is not in the identifier table (unless
      // identifiers come from a precompiled header or a module).
      std::string Name = twinName(Pattern, Callee->getName());
      IdentifierInfo *Ident = nullptr;
      if (Ctx.Idents.getExternalIdentifierLookup())
        Ident = &Ctx.Idents.get(Name);
      else if (auto Found = Ctx.Idents.find(Name); Found != Ctx.Idents.end())
        Ident = Found->getValue();
      if (!Ident)
        continue;
      for (const NamedDecl *ND : Scope->lookup(Ident)) {
        const auto *Twin = dyn_cast<FunctionDecl>(ND);
        if (!Twin || Twin->isDeleted() || Twin->isInvalidDecl() ||
            isa<CXXMethodDecl>(Twin) != isa<CXXMethodDecl>(Callee))
          continue;
        QualType Result = Twin->getReturnType();
        if (!Result->isDependentType() && !Result->isUndeducedType() &&
            Classifier.isAwaitable(Result))
          It->second.push_back(Twin);
      }
    }
  }
  for (const FunctionDecl *Twin : It->second)
    if (argumentsFit(Call, Callee, Twin))
      return Twin;
  return nullptr;
}

void BlockingCallCheck::reportTwin(const Site &S, const FunctionDecl *Callee,
                                   const FunctionDecl *FD, ASTContext &Ctx) {
  // A plain or member call (not an operator) to a named, non-awaitable
  // function the author did not call non-blocking.
  const auto *Call = dyn_cast<CallExpr>(S.E);
  if (!AsyncTwins || !Call || !Callee || isa<CXXOperatorCallExpr>(Call) ||
      Call->containsErrors() || Call->isTypeDependent() ||
      !Callee->getIdentifier() || isa<CXXConstructorDecl>(Callee) ||
      utils::hasAnnotation(Callee, utils::annotations::NonBlocking) ||
      utils::UnitAnalysis::of(Ctx).awaitables().isAwaitable(
          Callee->getReturnType()))
    return;
  const FunctionDecl *Twin = findTwin(Call, Callee, Ctx);
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
    SameResult = !Awaited.isNull() &&
                 bareType(Awaited) == bareType(Callee->getReturnType());
  }
  if (NameLoc.isValid() && NameLoc.isFileID() && !ExplicitTemplateArgs &&
      SameResult && fixablePosition(S, FD))
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
  const FunctionDecl *FD = utils::matchedFunction(Result.Nodes);
  if (!FD || FD->isInvalidDecl())
    return;
  AST = Result.Context;
  if (utils::isCoroutine(FD)) {
    checkCoroutine(FD, *Result.Context);
    return;
  }
  // Ordinary functions another unit may call: summarised for the driver.
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (utils::summaryOutput() && !FD->isTemplated() &&
      !FD->isTemplateInstantiation() &&
      !(Method && Method->getParent()->isLambda()))
    Defined.push_back(FD);
}

bool BlockingCallCheck::crossFileCandidate(const FunctionDecl *Callee,
                                           ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (TransitiveDepth == 0 || Callee->isTemplateInstantiation() ||
      (Method && Method->getParent()->isLambda()) ||
      utils::hasAnnotation(Callee, utils::annotations::NonBlocking) ||
      Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
    return false;
  // A call that returns a task starts (or makes) it: its body runs as the
  // coroutine's own, not the caller's.
  utils::UnitAnalysis &Unit = utils::UnitAnalysis::of(Ctx);
  return !Unit.awaitables().isAwaitable(Callee->getReturnType()) &&
         !Ignored.matches(Unit.names().get(Callee));
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
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool IsLambda = Method && Method->getParent()->isLambda();
  diag(S.E->getBeginLoc(), "call to %0 blocks the event loop inside "
                           "%select{coroutine %2|a coroutine lambda}1")
      << utils::displayDecl(Callee) << IsLambda << utils::displayDecl(FD);
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
    const std::vector<Site> &Sites = sitesOf(FD);
    bool OwnEvidence = FactsOf[FD].NonBlocking; // known once sitesOf ran
    for (const Site &S : Sites) {
      if (std::optional<std::string> Name = blockingName(S.E, S.Callee)) {
        if (!(OwnEvidence && isSocketCall(*Name)))
          Out.sink(*Name, S.E->getBeginLoc(), SM);
        continue;
      }
      const auto *Callee = dyn_cast_or_null<FunctionDecl>(S.Callee);
      if (Callee && followable(S.E, Callee)) {
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
  Chains[0].clear();
  Chains[1].clear();
  SitesOf.clear();
  FactsOf.clear();
  OffloadedParams.clear();
  AST = nullptr;
  ReplacementAwaitable.clear();
  TwinCandidates.clear();
  Driven = utils::DrivenCoroutines();
}

} // namespace clang::tidy::async
