//===--- Includers.cpp - asynclint driver ---------------------------------===//

#include "Includers.h"
#include "FileSystem.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>

namespace asynclint {
namespace {

struct Directive {
  std::string Name;
  bool Quoted = false;
};

// The #include, #include_next and #import lines of \p File.
std::vector<Directive> directivesOf(const std::string &File) {
  std::vector<Directive> Out;
  auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.ltrim();
    if (!L.consume_front("#"))
      continue;
    L = L.ltrim();
    if (!L.consume_front("include_next") && !L.consume_front("include") &&
        !L.consume_front("import"))
      continue;
    L = L.ltrim();
    if (L.empty() || (L.front() != '"' && L.front() != '<'))
      continue; // a macro
    char Close = L.front() == '"' ? '"' : '>';
    size_t End = L.find(Close, 1);
    if (End != llvm::StringRef::npos)
      Out.push_back({L.substr(1, End - 1).str(), Close == '"'});
  }
  return Out;
}

// The include path of a compile command: quoted-only and angled
// directories, absolute.
struct SearchPath {
  std::vector<std::string> Quoted;
  std::vector<std::string> Angled;
};

SearchPath searchPathOf(const clang::tooling::CompileCommand &C) {
  SearchPath P;
  const std::vector<std::string> &Args = C.CommandLine;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    for (llvm::StringRef Flag : {"-iquote", "-I", "-isystem", "-idirafter"}) {
      if (!A.starts_with(Flag))
        continue;
      std::string Dir = A.drop_front(Flag.size()).str(); // -Idir
      if (Dir.empty() && I + 1 < Args.size())
        Dir = Args[++I]; // -I dir
      if (Dir.empty())
        break;
      (Flag == "-iquote" ? P.Quoted : P.Angled)
          .push_back(absoluteIn(C.Directory, Dir));
      break;
    }
  }
  return P;
}

class Scanner {
public:
  Scanner(std::string Header, std::string Root)
      : Header(std::move(Header)), Root(std::move(Root)) {}

  bool unitIncludes(const clang::tooling::CompileCommand &C) {
    SearchPath P = searchPathOf(C);
    llvm::StringSet<> Seen;
    return reaches(C.Filename, P, Seen);
  }

private:
  // Whether \p File includes the header, through files under the root.
  bool reaches(const std::string &File, const SearchPath &P,
               llvm::StringSet<> &Seen) {
    if (!Seen.insert(File).second)
      return false;
    auto [It, New] = Directives.try_emplace(File);
    if (New)
      It->second = directivesOf(File);
    for (const Directive &D : It->second) {
      std::string Found = resolve(D, File, P);
      if (Found == Header)
        return true;
      if (!Found.empty() && llvm::StringRef(Found).starts_with(Root + "/") &&
          reaches(Found, P, Seen))
        return true;
    }
    return false;
  }

  // Where the compiler finds \p D included from \p From, or "".
  static std::string resolve(const Directive &D, const std::string &From,
                             const SearchPath &P) {
    std::vector<std::string> Dirs;
    if (D.Quoted) {
      Dirs.push_back(llvm::sys::path::parent_path(From).str());
      llvm::append_range(Dirs, P.Quoted);
    }
    llvm::append_range(Dirs, P.Angled);
    for (const std::string &Dir : Dirs)
      if (std::string F = absoluteIn(Dir, D.Name); llvm::sys::fs::exists(F))
        return F;
    return "";
  }

  std::string Header;
  std::string Root;
  std::map<std::string, std::vector<Directive>> Directives;
};

} // namespace

std::vector<std::string>
unitsIncluding(const std::string &Header,
               const clang::tooling::CompilationDatabase &Database,
               const std::vector<std::string> &Units, const std::string &Root) {
  Scanner S(Header, Root);
  std::vector<std::string> Out;
  for (const std::string &Unit : Units) {
    std::vector<clang::tooling::CompileCommand> Commands =
        Database.getCompileCommands(Unit);
    if (llvm::any_of(Commands, [&](const clang::tooling::CompileCommand &C) {
          return S.unitIncludes(C);
        }))
      Out.push_back(Unit);
  }
  return Out;
}

bool looksLikeHeader(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  return Ext.empty() ||
         llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".inl",
                             ".inc", ".ipp", ".tcc", ".cuh"},
                            Ext);
}

} // namespace asynclint
