//===--- MessageIO.h - asynclint-clangd -------------------------*- C++ -*-===//
//
// Whole LSP messages in and out of file descriptors, and the supervisor's log
// (stderr, one line at a time).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_MESSAGEIO_H
#define ASYNCLINT_CLANGD_MESSAGEIO_H

#include "llvm/ADT/StringRef.h"
#include <functional>
#include <mutex>
#include <string>

namespace asynclint {

/// Held while a log line is written; whoever exits the process takes it
/// so that no line is cut.
extern std::mutex LogMutex;

/// "asynclint-clangd: LINE" on stderr.
void logLine(const std::string &Line);

/// Writes all of \p Data to \p FD; false if the peer is gone.
bool writeAll(int FD, llvm::StringRef Data);

/// Reads \p FD until end of input, handing each message body to
/// \p OnMessage; framing errors are logged as coming from \p Peer.
void readMessages(int FD, const char *Peer,
                  const std::function<void(const std::string &)> &OnMessage);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_MESSAGEIO_H
