//===--- FileSystem.h - asynclint driver ------------------------*- C++ -*-===//
//
// The file-system helpers every stage shares: absolute and displayed paths,
// and writes that readers never see half done.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_FILESYSTEM_H
#define ASYNCLINT_DRIVER_FILESYSTEM_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace asynclint {

/// \p Path made absolute against the working directory, dots removed.
std::string absolute(llvm::StringRef Path);

/// \p Path made absolute against \p Directory (itself made absolute against
/// the working directory when relative), dots removed.
std::string absoluteIn(llvm::StringRef Directory, llvm::StringRef Path);

/// \p Path relative to the working directory when it is under it.
std::string relativeToCwd(llvm::StringRef Path);

/// \p Path relative to \p Root when it is under it, else \p Path.
std::string relativeTo(llvm::StringRef Root, llvm::StringRef Path);

/// How baselines, fingerprints and shards name \p Path (absolute): relative
/// to \p Root (absolute), with `..` when it is beside Root
/// (`../src/x.cpp` from a build directory), so the name survives moving the
/// checkout. A path that shares only `/` with Root (`/opt/lib/x.h`) is not
/// part of the checkout and stays absolute.
std::string portablePath(llvm::StringRef Root, llvm::StringRef Path);

/// \p Path as a URI reference: every byte but the unreserved characters
/// (RFC 3986) and '/' percent-encoded, so that "my file#1.cpp" is not read
/// as a fragment and a name that is not UTF-8 survives byte for byte.
std::string percentEncoded(llvm::StringRef Path);

/// \p S for a JSON string: itself when it is UTF-8, else with each invalid
/// byte replaced by U+FFFD (JSON cannot hold it; percentEncoded can).
std::string jsonString(llvm::StringRef S);

/// Why \p Path cannot be written by a run (a directory, a missing or
/// read-only folder, a read-only file), or "": checked before the run
/// writes anything, a temporary file created and removed beside it.
std::string cannotWrite(const std::string &Path);

/// \p V as every JSON file and report asynclint writes spells it: indented
/// by two, object keys sorted, a final newline.
std::string jsonText(const llvm::json::Value &V);

/// Writes \p Text to \p Path through a temporary file in the same directory
/// and a rename, keeping the file's permissions; when \p Path is a symlink,
/// the file it points to is written that way (the link stays a link). On
/// failure \p Path is unchanged and \p Err says why.
bool writeAtomically(const std::string &Path, llvm::StringRef Text,
                     std::string &Err);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_FILESYSTEM_H
