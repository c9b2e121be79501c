//===--- BufferAnalysis.h - asynclint-clangd --------------------*- C++ -*-===//
//
// Runs the async-* checks on an editor's unsaved buffer: the text comes from
// memory, the compile command from the compilation database clangd would
// use, the configuration from the nearest .clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_BUFFERANALYSIS_H
#define ASYNCLINT_CLANGD_BUFFERANALYSIS_H

#include "clang/Tooling/CompilationDatabase.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace asynclint {

/// A byte range of a file replaced by new text.
struct BufferEdit {
  std::string Path;
  size_t Offset = 0;
  size_t Length = 0;
  std::string Text;
};

/// One finding of a check in the analysed buffer. Offsets are bytes of the
/// buffer (or, for notes and edits in other files, of that file).
struct BufferFinding {
  std::string Check;
  std::string Message;
  bool IsError = false; // WarningsAsErrors
  size_t Offset = 0;
  size_t Length = 0; // 0: the token at Offset
  struct Note {
    std::string Path;
    size_t Offset = 0;
    std::string Message;
  };
  std::vector<Note> Notes;
  /// The fix-it of the finding itself, then one alternative per note that
  /// carries a fix-it (titled by that note's message).
  struct Fix {
    std::string Title;
    std::vector<BufferEdit> Edits;
    /// A note's fix-it: an alternative that may change meaning.
    bool Unsafe = false;
  };

  std::vector<Fix> Fixes;
};

/// Finds compile commands the way clangd does: an explicit directory
/// (--compile-commands-dir), else the nearest ancestor of the file with a
/// compile_commands.json or compile_flags.txt, in it or in its build/
/// subdirectory; commands of files not listed are interpolated from their
/// neighbours; with no database, clangd's fallback command.
class CompileCommandFinder {
public:
  explicit CompileCommandFinder(std::string CompileCommandsDir = "")
      : Dir(std::move(CompileCommandsDir)) {}
  void setDirectory(std::string D);
  /// The explicit directory, or "" for the nearest ancestor's database.
  std::string directory();

  clang::tooling::CompileCommand commandFor(llvm::StringRef Path);

private:
  clang::tooling::CompilationDatabase *databaseIn(llvm::StringRef Dir);

  std::mutex Mutex;
  std::string Dir;
  std::map<std::string,
           std::shared_ptr<clang::tooling::CompilationDatabase>>
      Cache; // null: none there
};

/// The async-* findings in \p Path whose current text is \p Text. Compiler
/// errors are not findings (clangd reports those); other checks that the
/// configuration enables are left to clangd, which runs its own.
std::vector<BufferFinding> analyzeBuffer(const std::string &Path,
                                         const std::string &Text,
                                         CompileCommandFinder &Commands);

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_BUFFERANALYSIS_H
