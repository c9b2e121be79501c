//===--- SourceText.h - asynclint driver ------------------------*- C++ -*-===//
//
// The text of the files findings point into, each read once, for line and
// column numbers (by binary search in the file's line starts: a finding
// costs O(log lines), however many a file has) and for the line a
// fingerprint is made of.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_SOURCETEXT_H
#define ASYNCLINT_DRIVER_SOURCETEXT_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace asynclint {

/// The driver resolves through one as units finish, on its one thread; the
/// lock keeps it safe for a caller on several threads.
class SourceText {
public:
  /// Sets \p L's line and column from its offset; both stay 0 (about the
  /// whole file) when the file cannot be read.
  void resolve(Location &L);
  /// The line of \p L with all whitespace removed: survives reindenting and
  /// edits elsewhere in the file.
  std::string normalisedLine(const Location &L);
  /// The files asked for that could not be read (deleted or made unreadable
  /// after clang read them), each with why, sorted by path.
  std::vector<std::pair<std::string, std::string>> unreadable();

private:
  struct File {
    std::string Text;
    std::vector<unsigned> LineStarts; // offsets; the first is 0
    std::string Unreadable;           // why it could not be read, or ""
  };
  const File &file(const std::string &Path);

  std::mutex Mutex;
  std::map<std::string, File> Cache;
};

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_SOURCETEXT_H
