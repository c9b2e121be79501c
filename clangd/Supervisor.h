//===--- Supervisor.h - asynclint-clangd ------------------------*- C++ -*-===//
//
// asynclint-clangd is clangd with the async-* checks linked in. The process
// the editor starts is a thin supervisor: it runs that clangd as its child
// (the same executable, ASYNCLINT_CLANGD_SERVER set), relays LSP both ways,
// and when clangd dies without being asked to exit, starts a new one and
// replays the session (Session.h): the editor's requests in flight get an
// error, the open documents come back with their current text. A second
// crash within a minute restarts clangd in safe mode (the async-* checks
// off for the rest of the session, the editor told); a fifth gives up.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_SUPERVISOR_H
#define ASYNCLINT_CLANGD_SUPERVISOR_H

#include <string>
#include <vector>

namespace asynclint {

/// Set in the environment of the clangd the supervisor starts.
inline constexpr const char *ServerVariable = "ASYNCLINT_CLANGD_SERVER";

/// Runs the session on stdin/stdout with clangd as \p Self (this
/// executable) \p Args; returns clangd's exit code at the end.
int supervise(const std::string &Self, const std::vector<std::string> &Args,
              const std::string &DocsUrl);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_SUPERVISOR_H
