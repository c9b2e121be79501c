//===--- Cache.cpp - asynclint driver -------------------------------------===//
//
// An entry is one file, DIR/<key>: "asynclint-cache 3\n", the number of
// inputs, one "SIZE MTIME_NS HASH PATH" line per input, then the unit's
// result in the worker's wire format (UnitWire.h). Every path under the
// project's root, in the key and in the entry, is spelled "$ROOT/...".
//
//===----------------------------------------------------------------------===//

#include "Cache.h"
#include "FileSystem.h"
#include "UnitWire.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/xxhash.h"
#include <array>
#include <chrono>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>

#ifndef ASYNCLINT_VERSION
#define ASYNCLINT_VERSION "0"
#endif

namespace asynclint {
namespace {

constexpr llvm::StringLiteral Magic = "asynclint-cache 3\n";
constexpr llvm::StringLiteral RootMark = "$ROOT";

std::string defaultDir() {
  llvm::SmallString<256> D;
  if (auto X = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); X && !X->empty())
    D = *X;
  else if (auto H = llvm::sys::Process::GetEnv("HOME"); H && !H->empty())
    llvm::sys::path::append(D, *H, ".cache");
  else
    return "";
  llvm::sys::path::append(D, "asynclint");
  return std::string(D);
}

// The libclang-cpp and libLLVM this process runs on, as the loader found
// them: path, real path, size and modification time of each (a new package,
// or another copy first on the library path, changes it).
int addToolchainLibrary(dl_phdr_info *Info, size_t /*Size*/, void *Data) {
  llvm::StringRef Name = Info->dlpi_name ? Info->dlpi_name : "";
  llvm::StringRef Base = llvm::sys::path::filename(Name);
  if (!Base.starts_with("libclang-cpp.so") && !Base.starts_with("libLLVM"))
    return 0;
  std::string &Out = *static_cast<std::string *>(Data);
  Out += "\n" + Name.str();
  llvm::SmallString<256> Real;
  llvm::sys::fs::file_status St;
  if (!llvm::sys::fs::real_path(Name, Real) && !llvm::sys::fs::status(Real, St))
    Out += " " + std::string(Real) + " " + std::to_string(St.getSize()) + " " +
           std::to_string(stampTime(St.getLastModificationTime()));
  return 0;
}

// The environment variables that change how clang parses a unit.
constexpr std::array<const char *, 7> ParsingEnvironment = {
    "CPATH",
    "C_INCLUDE_PATH",
    "CPLUS_INCLUDE_PATH",
    "OBJC_INCLUDE_PATH",
    "OBJCPLUS_INCLUDE_PATH",
    "CCC_OVERRIDE_OPTIONS",
    "SDKROOT"};

// What else decides a result: this build of asynclint (a rebuilt check
// must not reuse old results), the libclang-cpp and libLLVM it runs on,
// the environment clang reads, and the test-only crash hook.
std::string salt() {
  std::string S = ASYNCLINT_VERSION;
  std::string Exe = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&defaultDir));
  if (auto Buf = llvm::MemoryBuffer::getFile(Exe, false, false))
    S += "\n" + llvm::utohexstr(llvm::xxh3_64bits((*Buf)->getBuffer()));
  ::dl_iterate_phdr(addToolchainLibrary, &S);
  for (const char *Name : ParsingEnvironment)
    if (std::optional<std::string> V = llvm::sys::Process::GetEnv(Name))
      S += "\n" + std::string(Name) + "=" + *V;
  if (auto Hook = llvm::sys::Process::GetEnv("ASYNCLINT_DEBUG_CRASH"))
    S += "\n" + *Hook;
  return S;
}

// \p Text with every path \p From (a directory, not the start of a longer
// name) spelled \p To.
std::string rebase(llvm::StringRef Text, llvm::StringRef From,
                   llvm::StringRef To) {
  if (From.empty())
    return Text.str();
  std::string Out;
  for (size_t At; (At = Text.find(From)) != llvm::StringRef::npos;) {
    llvm::StringRef After = Text.drop_front(At + From.size());
    bool Whole = After.empty() || !(llvm::isAlnum(After.front()) ||
                                    llvm::StringRef("_.-").contains(After[0]));
    Out += Text.take_front(At);
    Out += Whole ? To : From;
    Text = After;
  }
  return Out + Text.str();
}

// Every path of \p R passed through \p Map.
void rebaseUnit(UnitResult &R,
                const std::function<std::string(llvm::StringRef)> &Map) {
  auto Message = [&](clang::tooling::DiagnosticMessage &M) {
    M.FilePath = Map(M.FilePath);
    for (clang::tooling::FileByteRange &Range : M.Ranges)
      Range.FilePath = Map(Range.FilePath);
    llvm::StringMap<clang::tooling::Replacements> Fix;
    for (auto &[File, Reps] : M.Fix)
      for (const clang::tooling::Replacement &Rep : Reps)
        llvm::consumeError(Fix[Map(File)].add(clang::tooling::Replacement(
            Map(Rep.getFilePath()), Rep.getOffset(), Rep.getLength(),
            Rep.getReplacementText())));
    M.Fix = std::move(Fix);
  };
  for (clang::tidy::ClangTidyError &E : R.Errors) {
    E.BuildDirectory = Map(E.BuildDirectory);
    Message(E.Message);
    for (clang::tooling::DiagnosticMessage &N : E.Notes)
      Message(N);
  }
  for (InputStamp &I : R.Inputs)
    I.Path = Map(I.Path);
  R.Summary = Map(R.Summary); // JSON: its paths are plain strings
}

std::string contentsHash(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, false, false);
  if (!Buf)
    return "";
  llvm::XXH128_hash_t H =
      llvm::xxh3_128bits(llvm::arrayRefFromStringRef((*Buf)->getBuffer()));
  return llvm::utohexstr(H.high64, false, 16) +
         llvm::utohexstr(H.low64, false, 16);
}

} // namespace

std::string formatStamp(const InputStamp &I) {
  std::string Path;
  for (char C : I.Path) {
    if (C == '\n' || C == '\\')
      Path += '\\';
    Path += C == '\n' ? 'n' : C;
  }
  std::string Hash = I.Hash.empty() ? "-" : I.Hash;
  if (I.Absent)
    Hash = "!";
  return std::to_string(I.Size) + " " + std::to_string(I.ModifiedNs) + " " +
         Hash + " " + Path;
}

std::optional<InputStamp> parseStamp(llvm::StringRef Line) {
  auto [SizeText, Rest] = Line.split(' ');
  auto [TimeText, Rest2] = Rest.split(' ');
  auto [HashText, Path] = Rest2.split(' ');
  InputStamp I;
  bool Escaped = false;
  for (char C : Path) {
    if (!Escaped && C == '\\') {
      Escaped = true;
      continue;
    }
    if (Escaped && C != 'n' && C != '\\')
      return std::nullopt;
    I.Path += Escaped && C == 'n' ? '\n' : C;
    Escaped = false;
  }
  if (Escaped)
    return std::nullopt;
  I.Absent = HashText == "!";
  I.Hash = HashText == "-" || I.Absent ? "" : HashText.str();
  if (SizeText.getAsInteger(10, I.Size) ||
      TimeText.getAsInteger(10, I.ModifiedNs))
    return std::nullopt;
  return I;
}

int64_t stampTime(llvm::sys::TimePoint<> T) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             T.time_since_epoch())
      .count();
}

ResultCache::ResultCache(const Settings &S, std::string ProjectRoot)
    : Root(ProjectRoot == "/" ? "" : std::move(ProjectRoot)) {
  if (S.NoCache)
    return;
  Dir = S.CacheDir.empty() ? defaultDir() : absolute(S.CacheDir);
  if (!Dir.empty())
    Salt = salt();
  MaxSize = S.CacheMaxSize;
}

std::string
ResultCache::key(const std::string &File,
                 const std::vector<clang::tooling::CompileCommand> &Commands,
                 const std::string &ConfigText) const {
  llvm::SHA1 H;
  auto Add = [&](llvm::StringRef S) {
    std::string Portable = rebase(S, Root, RootMark);
    H.update(std::to_string(Portable.size()) + ":");
    H.update(Portable);
  };
  Add(Salt);
  Add(File);
  for (const clang::tooling::CompileCommand &C : Commands) {
    Add(C.Directory);
    for (const std::string &Arg : C.CommandLine)
      Add(Arg);
  }
  Add(ConfigText);
  return llvm::toHex(H.final(), /*LowerCase=*/true);
}

// The same size and modification time, or else the same contents (a fresh
// checkout of the same commit).
bool ResultCache::unchanged(const InputStamp &I) const {
  if (I.Absent)
    return !llvm::sys::fs::exists(I.Path);
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(I.Path, St) || St.getSize() != I.Size)
    return false;
  if (stampTime(St.getLastModificationTime()) == I.ModifiedNs)
    return true;
  auto [It, New] = Hashes.try_emplace(I.Path);
  if (New)
    It->second = contentsHash(I.Path);
  return !I.Hash.empty() && It->second == I.Hash;
}

bool ResultCache::lookup(const std::string &Key, UnitResult &Out) const {
  if (Dir.empty())
    return false;
  auto Buf = llvm::MemoryBuffer::getFile(Dir + "/" + Key, false, false);
  if (!Buf)
    return false;
  llvm::StringRef Rest = (*Buf)->getBuffer();
  if (!Rest.consume_front(Magic))
    return false;
  auto [CountText, Body] = Rest.split('\n');
  size_t Count = 0;
  if (CountText.getAsInteger(10, Count))
    return false;
  for (size_t I = 0; I < Count; ++I) {
    auto [Line, Next] = Body.split('\n');
    std::optional<InputStamp> Input = parseStamp(rebase(Line, RootMark, Root));
    if (!Input || !unchanged(*Input))
      return false;
    Body = Next;
  }
  if (!decodeUnit(Body, Out))
    return false;
  // Used now: the last entry eviction removes (its modification time).
  (void)::utimensat(AT_FDCWD, (Dir + "/" + Key).c_str(), nullptr, 0);
  rebaseUnit(Out, [&](llvm::StringRef P) { return rebase(P, RootMark, Root); });
  return true;
}

void ResultCache::store(const std::string &Key, const UnitResult &R) const {
  if (Dir.empty())
    return;
  // A file modified in the last two seconds may be modified again within
  // the timestamp's granularity without its stamp changing ("racy git"):
  // results that read one are not stored. Nor are those whose inputs
  // changed since clang read them (or appeared since it missed them).
  int64_t Now = stampTime(std::chrono::system_clock::now());
  UnitResult Portable = R;
  for (InputStamp &I : Portable.Inputs) {
    if (I.Absent) {
      if (llvm::sys::fs::exists(I.Path))
        return;
      continue;
    }
    llvm::sys::fs::file_status St;
    if (I.ModifiedNs > Now - 2'000'000'000 ||
        llvm::sys::fs::status(I.Path, St) || St.getSize() != I.Size ||
        stampTime(St.getLastModificationTime()) != I.ModifiedNs)
      return;
    I.Hash = contentsHash(I.Path);
  }
  rebaseUnit(Portable,
             [&](llvm::StringRef P) { return rebase(P, Root, RootMark); });
  if (llvm::sys::fs::create_directories(Dir))
    return;

  std::string Text =
      Magic.str() + std::to_string(Portable.Inputs.size()) + "\n";
  for (const InputStamp &I : Portable.Inputs)
    Text += formatStamp(I) + "\n";
  Text += encodeUnit(Portable);
  std::string Err;
  (void)writeAtomically(Dir + "/" + Key, Text, Err);
}

void ResultCache::evict() const {
  if (Dir.empty() || MaxSize == 0)
    return;
  std::vector<std::tuple<int64_t, uint64_t, std::string>> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(It->path(), St) ||
        St.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.emplace_back(stampTime(St.getLastModificationTime()), St.getSize(),
                         It->path());
    Total += St.getSize();
  }
  llvm::sort(Entries); // oldest first
  for (const auto &[Used, Size, Path] : Entries) {
    if (Total <= MaxSize)
      break;
    if (!llvm::sys::fs::remove(Path))
      Total -= Size;
  }
}

} // namespace asynclint
