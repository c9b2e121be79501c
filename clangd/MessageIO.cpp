//===--- MessageIO.cpp - asynclint-clangd ---------------------------------===//

#include "MessageIO.h"
#include "LspFraming.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <unistd.h>
#include <vector>

namespace asynclint {

std::mutex LogMutex;

void logLine(const std::string &Line) {
  std::scoped_lock Lock(LogMutex);
  llvm::errs() << "asynclint-clangd: " << Line << "\n";
  llvm::errs().flush();
}

bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(FD, Data.data(), Data.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

void readMessages(int FD, const char *Peer,
                  const std::function<void(const std::string &)> &OnMessage) {
  lsp::FrameReader Reader;
  std::vector<lsp::FrameEvent> Events;
  std::vector<char> Buf(65536);
  auto Handle = [&] {
    for (lsp::FrameEvent &E : Events) {
      if (E.K == lsp::FrameEvent::Message)
        OnMessage(E.Text);
      else
        logLine(std::string("malformed input from ") + Peer + ": " + E.Text);
    }
    Events.clear();
  };
  for (;;) {
    ssize_t N = ::read(FD, Buf.data(), Buf.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Reader.feed(llvm::StringRef(Buf.data(), static_cast<size_t>(N)), Events);
    Handle();
  }
  Events = Reader.finish();
  Handle();
}

} // namespace asynclint
