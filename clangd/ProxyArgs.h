//===--- ProxyArgs.h - asynclint-clangd -------------------------*- C++ -*-===//
//
// The command line of asynclint-clangd: its own --asynclint-* options and
// --clangd=PATH; everything else goes to clangd.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_PROXYARGS_H
#define ASYNCLINT_CLANGD_PROXYARGS_H

#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct ProxyArgs {
  std::string Clangd = "clangd-22";
  std::string CompileCommandsDir; // clangd's --compile-commands-dir
  unsigned DebounceMs = 100;
  bool Informational = false;      // --version, --help, --check: not LSP
  std::vector<std::string> Passed; // clangd's arguments
};

/// Parses the command line; returns an exit code when the program should
/// stop (--asynclint-help, or an error already reported).
std::optional<int> parseProxyArgs(int Argc, char **Argv, ProxyArgs &A);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_PROXYARGS_H
