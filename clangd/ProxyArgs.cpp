//===--- ProxyArgs.cpp - asynclint-clangd ---------------------------------===//

#include "ProxyArgs.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace asynclint {
namespace {

constexpr const char *Usage =
    R"(usage: asynclint-clangd [options] [clangd options]

A drop-in for clangd that adds asynclint's findings to clangd's diagnostics
and its fix-its to clangd's code actions. Point the editor's clangd path at
it. Every option not listed here is passed to clangd.

  --clangd=PATH              the clangd to run (default: clangd-22)
  --asynclint-debounce=MS    wait this long after an edit before analysing
                             (default: 100)
  --asynclint-help           this text

See docs/editors.md.
)";

bool isInformational(llvm::StringRef Arg) {
  return Arg == "--version" || Arg == "-version" || Arg == "--help" ||
         Arg == "-help" || Arg == "--help-hidden" || Arg == "--check" ||
         Arg.starts_with("--check=");
}

} // namespace

std::optional<int> parseProxyArgs(int Argc, char **Argv, ProxyArgs &A) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--asynclint-help") {
      llvm::outs() << Usage;
      return 0;
    }
    if (Arg.consume_front("--clangd=")) {
      A.Clangd = Arg.str();
      continue;
    }
    if (Arg.consume_front("--asynclint-debounce=")) {
      if (Arg.getAsInteger(10, A.DebounceMs) || A.DebounceMs > 60000) {
        llvm::errs() << "asynclint-clangd: error: --asynclint-debounce wants "
                        "milliseconds (0 to 60000), got '"
                     << Arg << "'\n";
        return 2;
      }
      continue;
    }
    if (Arg.starts_with("--asynclint-")) {
      llvm::errs() << "asynclint-clangd: error: unknown option '" << Arg
                   << "' (see --asynclint-help)\n";
      return 2;
    }
    A.Informational |= isInformational(Arg);
    if (llvm::StringRef Dir = Arg; Dir.consume_front("--compile-commands-dir="))
      A.CompileCommandsDir = Dir.str();
    else if (Arg == "--compile-commands-dir" && I + 1 < Argc)
      A.CompileCommandsDir = Argv[I + 1];
    A.Passed.push_back(Arg.str());
  }
  return std::nullopt;
}

} // namespace asynclint
