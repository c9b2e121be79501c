//===--- Cache.h - asynclint driver -----------------------------*- C++ -*-===//
//
// The result cache: a unit's result is reused when nothing it depends on has
// changed: its compile command, its effective configuration, the asynclint
// executable, and every file clang read for it (the main file and each
// header, with the size and modification time they had when read). A
// changed header invalidates exactly the units that read it. See
// docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_CACHE_H
#define ASYNCLINT_DRIVER_CACHE_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Chrono.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

/// A file clang read, as it was when read.
struct InputStamp {
  std::string Path; // absolute
  uint64_t Size = 0;
  int64_t ModifiedNs = 0;
};

/// \p I as one line, "SIZE MTIME_NS PATH" (no newline): how the cache and
/// the worker's wire format both store a stamp.
std::string formatStamp(const InputStamp &I);
/// The stamp in such a line; nullopt when it is not one.
std::optional<InputStamp> parseStamp(llvm::StringRef Line);
/// A modification time in nanoseconds since the epoch, as stamps hold it.
int64_t stampTime(llvm::sys::TimePoint<> T);

class ResultCache {
public:
  /// The cache S asks for: --cache-dir, else $XDG_CACHE_HOME/asynclint or
  /// ~/.cache/asynclint; off with --no-cache or when there is no home.
  explicit ResultCache(const Settings &S);

  bool enabled() const { return !Dir.empty(); }
  /// The key of a unit: everything but its inputs' contents.
  std::string key(const std::string &File,
                  const std::vector<clang::tooling::CompileCommand> &Commands,
                  const std::string &ConfigText) const;
  /// The stored result for \p Key if every input it recorded is unchanged.
  std::optional<std::string> lookup(const std::string &Key) const;
  /// Stores \p Payload under \p Key; failures only cost a later miss.
  void store(const std::string &Key, const std::vector<InputStamp> &Inputs,
             const std::string &Payload) const;

private:
  std::string Dir;
  std::string Salt; // version, executable, test hooks
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_CACHE_H
