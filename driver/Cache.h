//===--- Cache.h - asynclint driver -----------------------------*- C++ -*-===//
//
// The result cache: a unit's result is reused when nothing it depends on has
// changed: its compile command, its effective configuration, the asynclint
// executable and the libclang-cpp and libLLVM it runs on, the environment
// variables that change how clang parses (CPATH...), every file clang read
// for it (the main file and each header: the same size and modification
// time as when read, or else the same contents), and every file clang
// looked for and did not find (an include directory searched before the
// one that had the header, a __has_include that was false): still absent.
// A changed header invalidates exactly the units that read it. Paths under
// the project's root are stored relative to it, so that a cache restored
// into another checkout (another path, fresh timestamps) is still used.
// Past --cache-max-size, the least recently used entries are removed. See
// docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_CACHE_H
#define ASYNCLINT_DRIVER_CACHE_H

#include "Options.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asynclint {

struct UnitResult;

/// A file clang read, as it was when read; or one it looked for and did not
/// find (Absent).
struct InputStamp {
  std::string Path; // absolute
  uint64_t Size = 0;
  int64_t ModifiedNs = 0;
  std::string Hash;    // of the contents, once the cache stores it; or "-"
  bool Absent = false; // written as the hash "!"
};

/// \p I as one line, "SIZE MTIME_NS HASH PATH" (no newline; a newline in
/// the path is written "\n", a backslash "\\"): how the cache and the
/// worker's wire format both store a stamp.
std::string formatStamp(const InputStamp &I);
/// The stamp in such a line; nullopt when it is not one.
std::optional<InputStamp> parseStamp(llvm::StringRef Line);
/// A modification time in nanoseconds since the epoch, as stamps hold it.
int64_t stampTime(llvm::sys::TimePoint<> T);

class ResultCache {
public:
  /// The cache S asks for: --cache-dir, else $XDG_CACHE_HOME/asynclint or
  /// ~/.cache/asynclint; off with --no-cache or when there is no home.
  /// Paths under \p Root are keyed and stored relative to it.
  ResultCache(const Settings &S, std::string Root);

  bool enabled() const { return !Dir.empty(); }
  /// The key of a unit: everything but its inputs' contents.
  std::string key(const std::string &File,
                  const std::vector<clang::tooling::CompileCommand> &Commands,
                  const std::string &ConfigText) const;
  /// Reads into \p Out the result stored for \p Key if every input it
  /// recorded is unchanged.
  bool lookup(const std::string &Key, UnitResult &Out) const;
  /// Stores \p R under \p Key; failures only cost a later miss.
  void store(const std::string &Key, const UnitResult &R) const;
  /// Removes the least recently used entries (stored or reused longest
  /// ago) until the cache holds at most S.CacheMaxSize bytes.
  void evict() const;

private:
  bool unchanged(const InputStamp &I) const;
  std::string Dir;
  std::string Root;
  std::string Salt;     // version, executable, libraries, environment, hooks
  uint64_t MaxSize = 0; // 0: no bound
  /// Contents hashes of the files compared in this run.
  mutable llvm::StringMap<std::string> Hashes;
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_CACHE_H
