//===--- Cache.cpp - asynclint driver -------------------------------------===//
//
// An entry is one file, DIR/<key>: "asynclint-cache 1\n", the number of
// inputs, one "SIZE MTIME_NS PATH" line per input, then the unit's result in
// the worker's wire format (UnitWire.h).
//
//===----------------------------------------------------------------------===//

#include "Cache.h"
#include "FileSystem.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/xxhash.h"
#include <chrono>

#ifndef ASYNCLINT_VERSION
#define ASYNCLINT_VERSION "0"
#endif

namespace asynclint {
namespace {

constexpr llvm::StringLiteral Magic = "asynclint-cache 1\n";

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

// What else decides a result: this build of asynclint (a rebuilt check
// must not reuse old results) and the test-only crash hook.
std::string salt() {
  std::string S = ASYNCLINT_VERSION;
  std::string Exe = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&defaultDir));
  if (auto Buf = llvm::MemoryBuffer::getFile(Exe, false, false))
    S += "\n" + llvm::utohexstr(llvm::xxh3_64bits((*Buf)->getBuffer()));
  if (auto Hook = llvm::sys::Process::GetEnv("ASYNCLINT_DEBUG_CRASH"))
    S += "\n" + *Hook;
  return S;
}

bool unchanged(llvm::StringRef Line) {
  std::optional<InputStamp> I = parseStamp(Line);
  llvm::sys::fs::file_status St;
  if (!I || llvm::sys::fs::status(I->Path, St))
    return false;
  return St.getSize() == I->Size &&
         stampTime(St.getLastModificationTime()) == I->ModifiedNs;
}

} // namespace

std::string formatStamp(const InputStamp &I) {
  return std::to_string(I.Size) + " " + std::to_string(I.ModifiedNs) + " " +
         I.Path;
}

std::optional<InputStamp> parseStamp(llvm::StringRef Line) {
  auto [SizeText, Rest] = Line.split(' ');
  auto [TimeText, Path] = Rest.split(' ');
  InputStamp I;
  I.Path = Path.str();
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

ResultCache::ResultCache(const Settings &S) {
  if (S.NoCache)
    return;
  Dir = S.CacheDir.empty() ? defaultDir() : absolute(S.CacheDir);
  if (!Dir.empty())
    Salt = salt();
}

std::string
ResultCache::key(const std::string &File,
                 const std::vector<clang::tooling::CompileCommand> &Commands,
                 const std::string &ConfigText) const {
  llvm::SHA1 H;
  auto Add = [&H](llvm::StringRef S) {
    H.update(std::to_string(S.size()) + ":");
    H.update(S);
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

std::optional<std::string> ResultCache::lookup(const std::string &Key) const {
  if (Dir.empty())
    return std::nullopt;
  auto Buf = llvm::MemoryBuffer::getFile(Dir + "/" + Key, false, false);
  if (!Buf)
    return std::nullopt;
  llvm::StringRef Rest = (*Buf)->getBuffer();
  if (!Rest.consume_front(Magic))
    return std::nullopt;
  auto [CountText, Body] = Rest.split('\n');
  size_t Count = 0;
  if (CountText.getAsInteger(10, Count))
    return std::nullopt;
  for (size_t I = 0; I < Count; ++I) {
    auto [Line, Next] = Body.split('\n');
    if (!unchanged(Line))
      return std::nullopt;
    Body = Next;
  }
  return Body.str();
}

void ResultCache::store(const std::string &Key,
                        const std::vector<InputStamp> &Inputs,
                        const std::string &Payload) const {
  if (Dir.empty())
    return;
  // A file modified in the last two seconds may be modified again within
  // the timestamp's granularity without its stamp changing ("racy git"):
  // results that read one are not stored.
  int64_t Now = stampTime(std::chrono::system_clock::now());
  if (llvm::any_of(Inputs, [&](const InputStamp &I) {
        return I.ModifiedNs > Now - 2'000'000'000;
      }))
    return;
  if (llvm::sys::fs::create_directories(Dir))
    return;

  std::string Text = Magic.str() + std::to_string(Inputs.size()) + "\n";
  for (const InputStamp &I : Inputs)
    Text += formatStamp(I) + "\n";
  Text += Payload;
  std::string Err;
  (void)writeAtomically(Dir + "/" + Key, Text, Err);
}

} // namespace asynclint
