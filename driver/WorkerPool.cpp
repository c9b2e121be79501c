//===--- WorkerPool.cpp - asynclint driver --------------------------------===//

#include "WorkerPool.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace asynclint {
namespace {

using Clock = std::chrono::steady_clock;

bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(FD, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

// Reads one "INDEX\n" line; nullopt at the end of input.
std::optional<size_t> readIndex(int FD) {
  std::string Line;
  char C = 0;
  for (;;) {
    ssize_t N = ::read(FD, &C, 1);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return std::nullopt;
    if (C == '\n')
      break;
    Line += C;
  }
  size_t I = 0;
  if (llvm::StringRef(Line).getAsInteger(10, I))
    return std::nullopt;
  return I;
}

// The worker: items in on \p In, "LENGTH\nPAYLOAD" out on \p Out, stderr
// into a file that is emptied at the start of each item, so that after a
// crash it holds that item's stack dump.
[[noreturn]] void workerMain(int In, int Out,
                             const std::function<std::string(size_t)> &Work) {
  ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", 1);
  llvm::EnablePrettyStackTrace();
  llvm::sys::PrintStackTraceOnErrorSignal("asynclint",
                                          /*DisableCrashReporting=*/true);
  while (std::optional<size_t> I = readIndex(In)) {
    if (::ftruncate(2, 0) == 0)
      ::lseek(2, 0, SEEK_SET);
    std::string Payload = Work(*I);
    llvm::errs().flush();
    if (!writeAll(Out, std::to_string(Payload.size()) + "\n" + Payload))
      break;
  }
  ::_exit(0);
}

struct Worker {
  pid_t Pid = -1;
  int In = -1;  // the worker's item pipe
  int Out = -1; // the worker's answer pipe
  std::string ErrPath;
  std::optional<size_t> Item;
  Clock::time_point Started;
  std::string Buf;
};

std::string readFile(const std::string &Path) {
  std::string Text;
  if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false))
    Text = (*Buf)->getBuffer().str();
  return Text;
}

std::string describeStatus(int Status) {
  if (WIFSIGNALED(Status)) {
    int Sig = WTERMSIG(Status);
    return "crashed with signal " + std::to_string(Sig) + " (" +
           ::strsignal(Sig) + ")";
  }
  if (WIFEXITED(Status))
    return "stopped with exit code " + std::to_string(WEXITSTATUS(Status));
  return "stopped";
}

class Pool {
public:
  Pool(size_t Count, unsigned TimeoutSeconds,
       const std::function<std::string(size_t)> &Work,
       const std::function<void(size_t, WorkOutcome)> &Done)
      : Count(Count), Timeout(std::chrono::seconds(TimeoutSeconds)), Work(Work),
        Done(Done) {}

  void run(unsigned Jobs) {
    for (unsigned J = 0; J < Jobs && Next < Count; ++J)
      if (!spawnAndAssign())
        break;
    while (Finished < Count && !Workers.empty()) {
      waitForEvents();
      killOverdue();
    }
    for (Worker &W : Workers)
      retire(W);
  }

private:
  // A new worker with the next item; false when none can be started (the
  // items left are reported as failed).
  bool spawnAndAssign() {
    Worker W;
    std::array<int, 2> ToChild{-1, -1};
    std::array<int, 2> FromChild{-1, -1};
    llvm::SmallString<128> ErrPath;
    int ErrFD = -1;
    if (llvm::sys::fs::createTemporaryFile("asynclint-worker", "log", ErrFD,
                                           ErrPath) ||
        ::pipe(ToChild.data()) || ::pipe(FromChild.data()))
      return failRest("cannot start a worker: " +
                      std::string(std::strerror(errno)));
    W.ErrPath = std::string(ErrPath);
    W.Pid = ::fork();
    if (W.Pid == 0) {
      ::dup2(ErrFD, 2);
      for (int FD : {ErrFD, ToChild[1], FromChild[0]})
        ::close(FD);
      for (Worker &Other : Workers)
        for (int FD : {Other.In, Other.Out})
          ::close(FD);
      workerMain(ToChild[0], FromChild[1], Work);
    }
    for (int FD : {ErrFD, ToChild[0], FromChild[1]})
      ::close(FD);
    W.In = ToChild[1];
    W.Out = FromChild[0];
    if (W.Pid < 0) {
      retire(W);
      return failRest("cannot start a worker: fork failed");
    }
    Workers.push_back(std::move(W));
    assign(Workers.back());
    return true;
  }

  bool failRest(const std::string &Why) {
    for (; Next < Count; ++Next, ++Finished)
      Done(Next, WorkOutcome{false, "", Why, ""});
    return false;
  }

  void assign(Worker &W) {
    if (Next >= Count) {
      ::close(W.In); // the worker exits at the end of its input
      W.In = -1;
      return;
    }
    W.Item = Next++;
    W.Started = Clock::now();
    W.Buf.clear();
    // A worker that died already shows up as the end of its output.
    (void)writeAll(W.In, std::to_string(*W.Item) + "\n");
  }

  void waitForEvents() {
    std::vector<pollfd> Fds;
    Fds.reserve(Workers.size());
    for (Worker &W : Workers)
      Fds.push_back({W.Out, POLLIN, 0});
    int Wait = -1;
    if (Timeout.count() > 0) {
      auto Now = Clock::now();
      Clock::duration Least = Timeout;
      for (Worker &W : Workers)
        if (W.Item)
          Least = std::min(Least, W.Started + Timeout - Now);
      Wait = static_cast<int>(std::max<long long>(
          0,
          std::chrono::duration_cast<std::chrono::milliseconds>(Least).count() +
              1));
    }
    if (::poll(Fds.data(), Fds.size(), Wait) <= 0)
      return;
    for (size_t I = 0; I < Fds.size(); ++I)
      if (Fds[I].revents)
        readFrom(I);
    std::erase_if(Workers, [](const Worker &W) { return W.Pid < 0; });
  }

  void readFrom(size_t Index) {
    Worker &W = Workers[Index];
    std::array<char, 65536> Chunk;
    ssize_t N = ::read(W.Out, Chunk.data(), Chunk.size());
    if (N < 0 && errno == EINTR)
      return;
    if (N <= 0) {
      lost(W, "");
      return;
    }
    W.Buf.append(Chunk.data(), static_cast<size_t>(N));
    size_t Nl = W.Buf.find('\n');
    size_t Length = 0;
    if (Nl == std::string::npos ||
        llvm::StringRef(W.Buf).take_front(Nl).getAsInteger(10, Length) ||
        W.Buf.size() < Nl + 1 + Length)
      return;
    if (!W.Item)
      return; // an answer nobody asked for: ignored
    WorkOutcome O{true, W.Buf.substr(Nl + 1, Length), "", readFile(W.ErrPath)};
    size_t Item = *W.Item;

    W.Item.reset();
    ++Finished;
    Done(Item, std::move(O));
    assign(W);
  }

  // \p W ended or was killed: its item failed; a new worker takes over.
  void lost(Worker &W, std::string Why) {
    std::optional<size_t> Item = W.Item;
    std::string ErrPath = W.ErrPath;
    int Status = retire(W, /*KeepLog=*/true);
    std::string Stderr = readFile(ErrPath);
    removeLog(ErrPath);
    if (!Item)
      return;
    ++Finished;
    if (Why.empty())
      Why = describeStatus(Status);
    Done(*Item, WorkOutcome{false, "", Why, std::move(Stderr)});
    if (Next < Count)
      Replacements.push_back(true);
  }

  void killOverdue() {
    if (Timeout.count() > 0) {
      auto Now = Clock::now();
      for (Worker &W : Workers)
        if (W.Item && Now - W.Started >= Timeout) {
          ::kill(W.Pid, SIGKILL);
          lost(W, "timed out after " + std::to_string(Timeout.count()) + " s");
        }
      std::erase_if(Workers, [](const Worker &W) { return W.Pid < 0; });
    }
    for (; !Replacements.empty(); Replacements.pop_back())
      if (Next < Count && !spawnAndAssign())
        break;
  }

  static void removeLog(const std::string &Path) {
    std::error_code EC = llvm::sys::fs::remove(Path);
    (void)EC;
  }

  // Closes \p W's pipes, reaps it and (unless \p KeepLog) removes its log;
  // its exit status.
  int retire(Worker &W, bool KeepLog = false) {
    for (int *FD : {&W.In, &W.Out})
      if (*FD >= 0) {
        ::close(*FD);
        *FD = -1;
      }
    int Status = 0;
    if (W.Pid > 0)
      while (::waitpid(W.Pid, &Status, 0) < 0 && errno == EINTR) {
      }
    W.Pid = -1;
    if (!KeepLog)
      removeLog(W.ErrPath);
    return Status;
  }

  size_t Count;
  std::chrono::seconds Timeout;
  const std::function<std::string(size_t)> &Work;
  const std::function<void(size_t, WorkOutcome)> &Done;
  std::vector<Worker> Workers;
  std::vector<bool> Replacements; // workers to start after a loss
  size_t Next = 0;
  size_t Finished = 0;
};

} // namespace

void runInWorkers(size_t Count, unsigned Jobs, unsigned TimeoutSeconds,
                  const std::function<std::string(size_t)> &Work,
                  const std::function<void(size_t, WorkOutcome)> &Done) {
  std::signal(SIGPIPE, SIG_IGN);
  Pool(Count, TimeoutSeconds, Work, Done).run(Jobs);
}

} // namespace asynclint
