//===--- Units.cpp - asynclint driver -------------------------------------===//

#include "Units.h"
#include "FileSystem.h"
#include "Includers.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <map>
#include <set>

namespace asynclint {
namespace {

using clang::tooling::CompileCommand;

// The database with every command's directory absolute (a relative one is
// taken against the database's own directory, not the working directory)
// and every file absolute against its command's directory. Bazel, Bear and
// hand-written databases use relative entries; the driver may run anywhere.
class AnchoredDatabase : public clang::tooling::CompilationDatabase {
public:
  AnchoredDatabase(std::unique_ptr<clang::tooling::CompilationDatabase> Inner,
                   const std::string &Root) {
    for (CompileCommand &C : Inner->getAllCompileCommands()) {
      C.Directory = absoluteIn(Root, C.Directory);
      C.Filename = absoluteIn(C.Directory, C.Filename);
      ByFile[C.Filename].push_back(C);
    }
  }
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    auto It = ByFile.find(absolute(File));
    return It == ByFile.end() ? std::vector<CompileCommand>() : It->second;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    Files.reserve(ByFile.size());
    for (const auto &[File, Commands] : ByFile)

      Files.push_back(File);
    return Files;
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    std::vector<CompileCommand> All;
    for (const auto &[File, Commands] : ByFile)
      llvm::append_range(All, Commands);
    return All;
  }

private:
  std::map<std::string, std::vector<CompileCommand>> ByFile;
};

// A file that is not a unit (a header, as pre-commit passes them): the
// units that include it; a header no unit includes is skipped, said unless
// \p Quiet.
std::optional<int> selectIncluders(const std::string &Pattern,
                                   const std::string &Abs, const Units &U,
                                   const std::vector<std::string> &All,
                                   bool Quiet, std::set<std::string> &Chosen) {
  std::vector<std::string> Includers =
      unitsIncluding(Abs, *U.Database, All, U.Root);
  if (Includers.empty() && !looksLikeHeader(Abs))
    return usageError("'" + Pattern + "' is not in the compilation database");
  Chosen.insert(Includers.begin(), Includers.end());
  if (Quiet)
    return std::nullopt;
  if (Includers.empty()) {
    llvm::errs() << "asynclint: '" << Pattern
                 << "' is included by no translation unit of the database: "
                    "not linted\n";
    return std::nullopt;
  }
  std::vector<std::string> Shown;
  Shown.reserve(Includers.size());
  for (const std::string &F : Includers)
    Shown.push_back(relativeToCwd(F));
  llvm::errs() << "asynclint: '" << Pattern
               << "' is not a translation unit: linting the "
               << Includers.size() << " unit"
               << (Includers.size() == 1 ? "" : "s") << " that include it ("
               << llvm::join(Shown, ", ") << ")\n";
  return std::nullopt;
}

// The units one non-glob pattern selects: that file, every unit under that
// directory, or the units that include that file.
std::optional<int> selectPath(const std::string &Pattern, const Units &U,
                              const std::vector<std::string> &All, bool Quiet,
                              std::set<std::string> &Chosen) {
  std::string Abs = absolute(Pattern);
  if (!llvm::sys::fs::exists(Abs))
    return usageError("cannot read '" + Pattern +
                      "': no such file or directory");
  bool Dir = llvm::sys::fs::is_directory(Abs);
  size_t Before = Chosen.size();
  for (const std::string &F : All)
    if (F == Abs || (Dir && llvm::StringRef(F).starts_with(Abs + "/")))
      Chosen.insert(F);
  // An existing file that is not a translation unit of the database.
  if (Chosen.size() == Before && !Dir)
    return selectIncluders(Pattern, Abs, U, All, Quiet, Chosen);
  return std::nullopt;
}

// The units a glob selects, matched against the absolute or the
// cwd-relative path.
std::optional<int> selectGlob(const std::string &Pattern,
                              const std::vector<std::string> &All,
                              std::set<std::string> &Chosen) {
  llvm::Expected<llvm::GlobPattern> G = llvm::GlobPattern::create(Pattern);
  if (!G)
    return usageError("invalid glob '" + Pattern +
                      "': " + llvm::toString(G.takeError()));
  size_t Before = Chosen.size();
  for (const std::string &F : All)
    if (G->match(F) || G->match(relativeToCwd(F)))
      Chosen.insert(F);
  if (Chosen.size() == Before)
    return usageError(
        "no translation unit in the compilation database matches '" + Pattern +
        "'");
  return std::nullopt;
}

// The nearest ancestor of \p Dir (itself included) holding .git, else
// \p Dir.
std::string projectRoot(const std::string &Dir) {
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D))
    if (llvm::sys::fs::exists(D + "/.git"))
      return D.str();
  return Dir;
}

// With --shard=K/N, keeps the units of part K: those whose path relative to
// the database's directory hashes to K-1 modulo N. The same on every
// machine, and a unit added to the project moves no other unit.
void keepShard(const Settings &S, const std::string &DatabaseDir,
               std::vector<std::string> &Files) {
  if (S.ShardCount == 0)
    return;
  std::erase_if(Files, [&](const std::string &F) {
    std::string Rel = portablePath(DatabaseDir, F);
    return llvm::xxh3_64bits(Rel) % S.ShardCount != S.ShardIndex - 1;
  });
}

} // namespace

std::optional<int> loadUnits(const Settings &S, Units &Out) {
  std::string Err;
  std::unique_ptr<clang::tooling::CompilationDatabase> Loaded =
      clang::tooling::CompilationDatabase::loadFromDirectory(S.BuildDir, Err);
  if (!Loaded)
    return usageError("cannot load the compilation database from '" +
                      S.BuildDir + "': " + Err);
  Out.Root = projectRoot(absolute(S.BuildDir));
  Out.Database = std::make_unique<AnchoredDatabase>(std::move(Loaded),
                                                    absolute(S.BuildDir));
  std::set<std::string> All;
  for (const std::string &F : Out.Database->getAllFiles())
    All.insert(F);
  if (All.empty())
    return usageError("the compilation database in '" + S.BuildDir +
                      "' lists no translation units");
  std::vector<std::string> Sorted(All.begin(), All.end());
  if (S.Patterns.empty()) {
    Out.Files = std::move(Sorted);
    keepShard(S, absolute(S.BuildDir), Out.Files);
    return std::nullopt;
  }

  std::set<std::string> Chosen;
  for (const std::string &Pattern : S.Patterns) {
    bool IsGlob = Pattern.find_first_of("*?[") != std::string::npos;
    if (std::optional<int> Stop =
            IsGlob ? selectGlob(Pattern, Sorted, Chosen)
                   : selectPath(Pattern, Out, Sorted, S.Quiet, Chosen))
      return Stop;
  }
  Out.Files.assign(Chosen.begin(), Chosen.end());
  keepShard(S, absolute(S.BuildDir), Out.Files);
  return std::nullopt;
}

std::string workingDirectory(const Units &U, const std::string &File) {
  std::vector<clang::tooling::CompileCommand> Commands =
      U.Database->getCompileCommands(File);
  return Commands.empty() ? "" : Commands.front().Directory;
}

} // namespace asynclint
