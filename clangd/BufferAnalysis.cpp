//===--- BufferAnalysis.cpp - asynclint-clangd ----------------------------===//

#include "BufferAnalysis.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

namespace asynclint {

namespace {

// Hands one command to runClangTidy.
class OneCommand : public tooling::CompilationDatabase {
public:
  explicit OneCommand(tooling::CompileCommand C) : Command(std::move(C)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef /*FilePath*/) const override {
    return {Command};
  }

private:
  tooling::CompileCommand Command;
};

// The options the nearest .clang-tidy gives \p Path (async-* when nothing
// selects a check), narrowed to the async-* checks: clangd runs the others
// itself.
ClangTidyOptions asyncOptionsFor(const std::string &Path) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,async-*";
  FileOptionsProvider Provider(ClangTidyGlobalOptions(), Defaults,
                               ClangTidyOptions(),
                               llvm::vfs::createPhysicalFileSystem());
  ClangTidyOptions Options = Provider.getOptions(Path);
  std::string Checks = "-*";
  for (const std::string &Name : getCheckNames(Options, false, false))
    if (llvm::StringRef(Name).starts_with("async-"))
      Checks += "," + Name;
  Options.Checks = Checks;
  return Options;
}

// \p P as an absolute path without dots; relative paths in diagnostics are
// relative to the compile command's directory.
std::string normal(llvm::StringRef P, llvm::StringRef Directory) {
  llvm::SmallString<256> Out;
  if (llvm::sys::path::is_relative(P))
    Out = Directory;
  llvm::sys::path::append(Out, P);
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

std::vector<BufferEdit>
editsIn(const llvm::StringMap<tooling::Replacements> &Fix,
        llvm::StringRef Directory) {
  std::vector<BufferEdit> Edits;
  for (const auto &File : Fix)
    for (const tooling::Replacement &R : File.second)
      Edits.push_back({normal(R.getFilePath(), Directory), R.getOffset(),
                       R.getLength(), R.getReplacementText().str()});
  return Edits;
}

} // namespace

std::string CompileCommandFinder::directory() {
  std::scoped_lock Lock(Mutex);
  return Dir;
}

void CompileCommandFinder::setDirectory(std::string D) {

  std::scoped_lock Lock(Mutex);
  Dir = std::move(D);
}

tooling::CompilationDatabase *
CompileCommandFinder::databaseIn(llvm::StringRef Directory) {
  auto [It, Inserted] = Cache.try_emplace(Directory.str());
  if (Inserted) {
    std::string Error;
    std::unique_ptr<tooling::CompilationDatabase> DB =
        tooling::CompilationDatabase::loadFromDirectory(Directory, Error);
    if (DB) {
      DB = tooling::expandResponseFiles(std::move(DB),
                                        llvm::vfs::getRealFileSystem());
      DB = tooling::inferTargetAndDriverMode(std::move(DB));
      DB = tooling::inferMissingCompileCommands(std::move(DB));
      It->second = std::move(DB);
    }
  }
  return It->second.get();
}

tooling::CompileCommand CompileCommandFinder::commandFor(llvm::StringRef Path) {
  std::scoped_lock Lock(Mutex);
  tooling::CompilationDatabase *DB = nullptr;
  if (!Dir.empty()) {
    DB = databaseIn(Dir);
  } else {
    for (llvm::StringRef D = llvm::sys::path::parent_path(Path);
         !D.empty() && !DB; D = llvm::sys::path::parent_path(D)) {
      DB = databaseIn(D);
      if (!DB) {
        llvm::SmallString<256> Build(D);
        llvm::sys::path::append(Build, "build");
        DB = databaseIn(Build);
      }
    }
  }
  if (DB) {
    std::vector<tooling::CompileCommand> Commands =
        DB->getCompileCommands(Path);
    if (!Commands.empty())
      return Commands.front();
  }
  // clangd's fallback: the driver and the file, headers as C++ headers.
  tooling::CompileCommand Fallback;
  Fallback.Directory = llvm::sys::path::parent_path(Path).str();
  Fallback.Filename = Path.str();
  Fallback.CommandLine = {"clang"};
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext == ".h" || Ext == ".hh" || Ext == ".hpp")
    Fallback.CommandLine.emplace_back("-xobjective-c++-header");
  Fallback.CommandLine.emplace_back(Path);
  return Fallback;
}

std::vector<BufferFinding> analyzeBuffer(const std::string &Path,
                                         const std::string &Text,
                                         CompileCommandFinder &Commands) {
  ClangTidyOptions Options = asyncOptionsFor(Path);
  if (Options.Checks == "-*")
    return {};
  tooling::CompileCommand Command = Commands.commandFor(Path);
  const std::string Directory = Command.Directory;
  const std::string Self = normal(Path, Directory);
  OneCommand DB(std::move(Command));
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
                               ClangTidyGlobalOptions(), Options),
                           false, false, false);
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, DB, {Path}, FS, /*ApplyAnyFix=*/false, false, "",
                   /*Quiet=*/true);

  std::vector<BufferFinding> Findings;
  for (const ClangTidyError &E : Errors) {
    if (!llvm::StringRef(E.DiagnosticName).starts_with("async-"))
      continue;
    // Only what is in this document: clangd publishes per document.
    if (normal(E.Message.FilePath, Directory) != Self)
      continue;
    BufferFinding F;
    F.Check = E.DiagnosticName;
    F.Message = E.Message.Message;
    F.IsError = E.IsWarningAsError;
    F.Offset = E.Message.FileOffset;
    for (const tooling::FileByteRange &R : E.Message.Ranges)
      if (normal(R.FilePath, Directory) == Self && R.FileOffset == F.Offset) {
        F.Length = R.Length;
        break;
      }
    std::vector<BufferEdit> Main = editsIn(E.Message.Fix, Directory);
    if (!Main.empty())
      F.Fixes.push_back({"", std::move(Main)});
    for (const tooling::DiagnosticMessage &N : E.Notes) {
      F.Notes.push_back(
          {normal(N.FilePath, Directory), N.FileOffset, N.Message});
      std::vector<BufferEdit> Alt = editsIn(N.Fix, Directory);
      if (!Alt.empty())
        F.Fixes.push_back({N.Message, std::move(Alt), /*Unsafe=*/true});
    }
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace asynclint
