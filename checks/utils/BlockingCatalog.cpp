//===--- BlockingCatalog.cpp - asynclint ----------------------------------===//

#include "BlockingCatalog.h"
#include "ASTHelpers.h"
#include "Annotations.h"
#include "Awaitable.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

namespace catalog {
const char *const Blocking =
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
    // An event loop run on this thread (the drivers are added to these).
    "*::io_context::run;*::io_context::run_one;"
    // Asio's synchronous API (the async_ twins suspend instead).
    "*::asio::connect;*::asio::read;*::asio::write;*::asio::read_until;"
    "*::asio::read_at;*::asio::write_at;*::asio::ip::basic_resolver::resolve;"
    "*::asio::basic_socket::connect;*::asio::basic_stream_socket::read_some;"
    "*::asio::basic_stream_socket::write_some;"
    "*::asio::basic_stream_socket::receive;*::asio::basic_stream_socket::send;"
    "*::asio::basic_datagram_socket::receive_from;"
    "*::asio::basic_datagram_socket::send_to;"
    "*::asio::basic_socket_acceptor::accept;*::asio::ssl::stream::handshake;"
    "*::asio::ssl::stream::read_some;*::asio::ssl::stream::write_some;"
    "*::asio::ssl::stream::shutdown;*::asio::basic_waitable_timer::wait";

// The nested event loops that run one awaitable to completion: in a
// coroutine `sync_wait(x)` becomes `co_await x`.
const char *const Drivers =
    "*::sync_wait;*::syncAwait;*::blockingWait;*::blocking_wait;*::block_on;"
    "aio::run;boost::cobalt::run";

const char *const MutexLocking =
    "std::mutex::lock;std::recursive_mutex::lock;std::timed_mutex::lock;"
    "std::shared_mutex::lock;std::shared_mutex::lock_shared;std::lock_guard;"
    "std::unique_lock;std::scoped_lock;std::shared_lock";

const char *const Offloads =
    "*::to_thread;std::thread;std::jthread;std::async;*::post;*::dispatch;"
    "*::defer;*::co_spawn;*::run_in_executor;*::submit;"
    // Completion callbacks: they run when the task finishes, not here.
    "*::LazyBase::start;*::Future::thenValue;*::Future::thenTry";

// Awaiting one of these moves the rest of the coroutine onto another
// executor: concurrencpp's resume_on, the thread pools' schedule() of
// libcoro and cppcoro, Asio's post/defer/dispatch with a completion token,
// async_simple's dispatch.
const char *const ExecutorSwitches =
    "concurrencpp::resume_on;coro::thread_pool::schedule;"
    "cppcoro::static_thread_pool::schedule;*::asio::post;*::asio::defer;"
    "*::asio::dispatch;async_simple::coro::dispatch;"
    // A coroutine whose first parameter is this tag runs on the executor
    // passed next.
    "concurrencpp::executor_tag";

// An executor whose name holds one of these words is a CPU pool: blocking
// there starves the computations it is for (concurrencpp's examples keep a
// background executor for blocking work and a thread pool one for CPU work).
const char *const CpuExecutorNames = "threadpool;cpu;compute";

// Awaiting one of these waits for a file descriptor to become ready: aio's
// readable/writable, libcoro's poll.
const char *const ReadinessAwaitables =
    "*::readable;*::writable;*::poll;*::wait_readable;*::wait_writable";

// Test frameworks: their assertion macros call into these scopes, whose
// internals (doctest asks /proc whether a debugger is attached) are not the
// code under test.
const char *const IgnoredCallees =
    "doctest::*;Catch::*;testing::*;boost::unit_test::*;boost::test_tools::*";
} // namespace catalog

namespace {

// Whether an executor's spelling (`threadpool_executor`, `cpu_pool`) holds
// one of Words, compared in lower case without underscores.
bool isCpuWord(StringRef Spelling, llvm::ArrayRef<std::string> Words) {
  auto Normal = [](StringRef S) {
    std::string Out;
    for (char C : S)
      if (C != '_')
        Out += llvm::toLower(C);
    return Out;
  };
  std::string Text = Normal(Spelling);
  return llvm::any_of(Words, [&](const std::string &W) {
    std::string Word = Normal(StringRef(W).trim());
    return !Word.empty() && StringRef(Text).contains(Word);
  });
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

// The namespace-scope object \p E calls through its operator() (not a
// lambda's), or null.
const VarDecl *functionObject(const Expr *E) {
  if (calledLambdaVariable(E))
    return nullptr;
  const auto *Var = dyn_cast_or_null<VarDecl>(calledObject(E));
  return Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
                 Var->getDeclContext()->isFileContext()
             ? Var
             : nullptr;
}

} // namespace

BlockingCatalog::BlockingCatalog(const CatalogLists &Lists)
    : Drivers(Lists.Drivers), Offloads(Lists.Offloads),
      Switches(Lists.Switches), Readiness(Lists.Readiness),
      Ignored(Lists.Ignored) {
  std::vector<StringRef> Base =
      tidy::utils::options::parseStringList(catalog::Blocking);
  llvm::append_range(Base, Lists.Drivers);
  if (Lists.MutexLocking)
    llvm::append_range(
        Base, tidy::utils::options::parseStringList(catalog::MutexLocking));
  Blocking = NameList(Base, Lists.Allowed);
  UserBlocking = NameList(Lists.Blocking, Lists.Allowed);
  for (StringRef Word : Lists.CpuExecutorNames)
    CpuWords.push_back(Word.str());
  SwitchRule = !Lists.Switches.empty();
}

bool BlockingCatalog::isOffload(const NamedDecl *Callee) const {
  if (!Callee)
    return false;
  return Offloads.matches(
      UnitAnalysis::of(Callee->getASTContext()).names().get(Callee));
}

bool BlockingCatalog::isOffloadByName(const CallExpr *Call) const {
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
  return Name.isIdentifier() && Offloads.matches(Name.getAsString());
}

bool BlockingCatalog::switchesByShape(const CallExpr *Call) const {
  if (!SwitchRule)
    return false;
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!Callee || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return Name == "schedule" && Member->getNumArgs() == 0;
  return (Name == "resume_on" || Name == "switch_to") &&
         Call->getNumArgs() >= 1;
}

bool BlockingCatalog::isCpuExecutor(StringRef Spelling) const {
  return isCpuWord(Spelling, CpuWords);
}

bool BlockingCatalog::isSocketCall(StringRef Name) {
  return llvm::is_contained(
      std::initializer_list<StringRef>{
          "connect", "accept", "accept4", "recv", "send", "recvfrom", "sendto",
          "recvmsg", "sendmsg", "read", "write", "readv", "writev"},
      Name);
}

bool BlockingCatalog::storesArgument(const NamedDecl *Callee) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || !M->getIdentifier() || !M->getParent()->isInStdNamespace())
    return false;
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "push", "emplace", "emplace_hint",
                             "insert", "try_emplace", "insert_or_assign"},
                            M->getName());
}

bool BlockingCatalog::isNonBlockingMacro(StringRef Name) {
  return Name == "EAGAIN" || Name == "EWOULDBLOCK" || Name == "EINPROGRESS" ||
         Name == "SOCK_NONBLOCK" || Name == "O_NONBLOCK" ||
         Name == "MSG_DONTWAIT";
}

bool BlockingCatalog::isWouldBlockName(StringRef Name) {
  std::string Lower = Name.lower();
  StringRef L(Lower);
  return L.contains("try_again") || L.contains("would_block") ||
         L.contains("wouldblock") || L.contains("in_progress") ||
         L.contains("eagain");
}

std::optional<std::string>
BlockingCatalog::blockingName(const Expr *E, const NamedDecl *Callee) const {
  if (!Callee)
    return std::nullopt;
  NameCache &Names = UnitAnalysis::of(Callee->getASTContext()).names();
  // The author's word first: annotated nonblocking never blocks, annotated
  // blocking always does (whatever it returns).
  if (hasAnnotation(Callee, annotations::NonBlocking))
    return std::nullopt;
  if (hasAnnotation(Callee, annotations::Blocking))
    return Names.get(Callee);
  std::string Name = Names.get(Callee);
  // A function object defined at namespace scope (a customization point
  // object such as stdexec's `sync_wait`) is named by the object.
  if (const VarDecl *Object = functionObject(E))
    Name = Names.get(Object);
  if (Name == "std::getline" || Name == "std::operator>>" ||
      Name == "std::basic_istream::operator>>")
    return streamRead(E, Name, Names);
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
  return listed(E, Callee, std::move(Name));
}

std::optional<std::string> BlockingCatalog::streamRead(const Expr *E,
                                                       const std::string &Name,
                                                       NameCache &Names) const {
  // std::getline(file, line) and file >> x read from a file stream: the
  // first argument says whether the stream is a file.
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
      return StringRef(Name).ends_with("getline") ? std::string("std::getline")
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

std::optional<std::string> BlockingCatalog::listed(const Expr *E,
                                                   const NamedDecl *Callee,
                                                   std::string Name) const {
  UnitAnalysis &Unit = UnitAnalysis::of(Callee->getASTContext());
  NameCache &Names = Unit.names();
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

} // namespace clang::tidy::async::utils
