//===--- Supervisor.cpp - asynclint-clangd --------------------------------===//

#include "Supervisor.h"
#include "AsyncChecksDefault.h"
#include "ClangdProcess.h"
#include "JsonText.h"
#include "LspFraming.h"
#include "MessageIO.h"
#include "Session.h"
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unistd.h>

namespace asynclint {
namespace {

using Clock = std::chrono::steady_clock;

// clangd's stdin, written by one thread in order. A restart drops what was
// queued for the clangd that died (the session replays its effect), and
// only the writer closes descriptors, so none is reused under a write.
class ServerInput {
public:
  void reset(int FD, std::vector<std::string> First) {
    std::scoped_lock Lock(M);
    if (Current >= 0)
      ToClose.push_back(Current);
    Current = FD;
    Queue.assign(First.begin(), First.end());
    Wake.notify_one();
  }
  void push(std::string Body) {
    std::scoped_lock Lock(M);
    Queue.push_back(std::move(Body));
    Wake.notify_one();
  }
  // Closes clangd's input once what is queued is written.
  void close() {
    std::scoped_lock Lock(M);
    Closing = true;
    Wake.notify_one();
  }
  [[noreturn]] void run() {
    for (;;) {
      std::unique_lock Lock(M);
      Wake.wait(Lock, [&] {
        return !Queue.empty() || !ToClose.empty() || (Closing && Current >= 0);
      });
      for (int FD : ToClose)
        ::close(FD);
      ToClose.clear();
      if (Queue.empty()) {
        if (Closing && Current >= 0)
          ::close(std::exchange(Current, -1));
        continue;
      }
      std::string Body = std::move(Queue.front());
      Queue.pop_front();
      int FD = Current;
      Lock.unlock();
      (void)writeAll(FD, lsp::frame(Body)); // a dead clangd is restarted
    }
  }

private:
  std::mutex M;
  std::condition_variable Wake;
  std::deque<std::string> Queue;
  std::vector<int> ToClose;
  int Current = -1;
  bool Closing = false;
};

class Supervisor {
public:
  Supervisor(std::string Self, std::vector<std::string> Args,
             std::string DocsUrl, int LspOut)
      : Self(std::move(Self)), Args(std::move(Args)), LspOut(LspOut),
        S(std::move(DocsUrl), logLine) {}

  int run();

private:
  void toClient(const std::string &Body) {
    std::scoped_lock Lock(OutMutex);
    (void)writeAll(LspOut, lsp::frame(Body)); // the editor is gone: clangd
  } // sees its input end too
  void readClient();
  bool restart(int Code);
  bool noteCrash();

  std::string Self;
  std::vector<std::string> Args;
  int LspOut;
  std::mutex OutMutex;
  std::mutex StateMutex; // S, ClientGone, and the order of Input's messages
  Session S;
  bool ClientGone = false;
  ServerInput Input;
  ClangdProcess Clangd;
  std::vector<Clock::time_point> Crashes;
  bool SafeMode = false;
};

void Supervisor::readClient() {
  readMessages(0, "the client", [&](const std::string &Body) {
    std::scoped_lock Lock(StateMutex);
    if (std::optional<std::string> Out = S.fromClient(Body))
      Input.push(std::move(*Out));
  });
  std::scoped_lock Lock(StateMutex);
  ClientGone = true;
  Input.close();
}

// Counts a crash; false when there were too many to go on. The second
// within a minute turns the async-* checks off (safe mode).
bool Supervisor::noteCrash() {
  Clock::time_point Now = Clock::now();
  std::erase_if(Crashes, [&](Clock::time_point T) {
    return Now - T > std::chrono::minutes(1);
  });
  Crashes.push_back(Now);
  if (Crashes.size() >= 5) {
    logLine("clangd crashed five times within a minute; giving up");
    return false;
  }
  if (Crashes.size() >= 2 && !SafeMode) {
    SafeMode = true;
    ::setenv(SafeModeVariable, "1", 1);
    std::string Why = "clangd crashed twice within a minute; restarted "
                      "without the async-* checks for this session";
    logLine(Why);
    toClient(text(llvm::json::Object{
        {"jsonrpc", "2.0"},
        {"method", "window/showMessage"},
        {"params",
         llvm::json::Object{{"type", 2},
                            {"message", "asynclint-clangd: " + Why}}}}));
  }
  return true;
}

bool Supervisor::restart(int Code) {
  logLine("clangd crashed (exit code " + std::to_string(Code) +
          "); restarting it");
  if (!noteCrash())
    return false;
  std::optional<ClangdProcess> New = startClangd(Self, Args);
  if (!New)
    return false;
  Clangd = *New;
  std::vector<std::string> Errors;
  {
    std::scoped_lock Lock(StateMutex);
    Errors = S.takeUnanswered();
    Input.reset(Clangd.Input, S.replay());
    logLine("restarted clangd; reopened " + std::to_string(S.openDocuments()) +
            " documents");
  }
  for (const std::string &E : Errors)
    toClient(E);
  return true;
}

int Supervisor::run() {
  std::optional<ClangdProcess> First = startClangd(Self, Args);
  if (!First)
    return 2;
  Clangd = *First;
  Input.reset(Clangd.Input, {});
  std::thread([this] { Input.run(); }).detach();
  std::thread([this] { readClient(); }).detach();
  for (;;) {
    readMessages(Clangd.Output, "clangd", [&](const std::string &Body) {
      std::optional<std::string> Out;
      {
        std::scoped_lock Lock(StateMutex);
        Out = S.fromServer(Body);
      }
      if (Out)
        toClient(*Out);
    });
    ::close(Clangd.Output);
    int Code = waitForExit(Clangd.Pid);
    {
      std::scoped_lock Lock(StateMutex);
      if (S.exitRequested() || ClientGone)
        return Code;
    }
    if (!restart(Code))
      return Code;
  }
}

} // namespace

int supervise(const std::string &Self, const std::vector<std::string> &Args,
              const std::string &DocsUrl) {
  std::signal(SIGPIPE, SIG_IGN);
  int LspOut = privateStdout();
  if (LspOut < 0)
    return 2;
  ::setenv(ServerVariable, "1", 1);
  // Never destroyed: its threads may be blocked in reads when the session
  // ends, and the process leaves with _Exit.
  auto *Sup = new Supervisor(Self, Args, DocsUrl, LspOut);
  int Code = Sup->run();
  std::scoped_lock Lock(LogMutex);
  std::_Exit(Code);
}

} // namespace asynclint
