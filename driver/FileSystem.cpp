//===--- FileSystem.cpp - asynclint driver --------------------------------===//

#include "FileSystem.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>

namespace asynclint {
namespace {

// Removes a temporary file; a failure leaves a stray file, nothing worse.
void removeQuietly(const llvm::Twine &Path) {
  std::error_code EC = llvm::sys::fs::remove(Path);
  (void)EC;
}

// Writes \p Path (not a symlink) through a temporary file and a rename.
bool replaceFile(const std::string &Path, llvm::StringRef Text,
                 std::string &Err) {
  llvm::SmallString<256> Tmp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".asynclint-%%%%%%", FD, Tmp)) {
    Err = EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.flush();
    if (OS.has_error()) {
      Err = OS.error().message();
      OS.clear_error();
      removeQuietly(Tmp);
      return false;
    }
  }
  if (auto Perms = llvm::sys::fs::getPermissions(Path)) {
    if (std::error_code EC = llvm::sys::fs::setPermissions(Tmp, *Perms)) {
      Err = EC.message();
      removeQuietly(Tmp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, Path)) {
    Err = EC.message();
    removeQuietly(Tmp);
    return false;
  }
  return true;
}

} // namespace

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (llvm::sys::fs::make_absolute(P))
    return Path.str(); // no working directory: keep the path as given
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string absoluteIn(llvm::StringRef Directory, llvm::StringRef Path) {
  if (llvm::sys::path::is_absolute(Path) || Directory.empty())
    return absolute(Path);
  llvm::SmallString<256> P(absolute(Directory));
  llvm::sys::path::append(P, Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string relativeTo(llvm::StringRef Root, llvm::StringRef Path) {
  llvm::StringRef Rel = Path;
  if (!Root.empty() && Rel.consume_front(Root) && Rel.consume_front("/"))
    return Rel.str();
  return Path.str();
}

std::string portablePath(llvm::StringRef Root, llvm::StringRef Path) {
  namespace path = llvm::sys::path;
  if (Root.empty() || !path::is_absolute(Root) || !path::is_absolute(Path))
    return Path.str();
  auto R = path::begin(Root);
  auto RE = path::end(Root);
  auto P = path::begin(Path);
  auto PE = path::end(Path);
  size_t Common = 0;
  for (; R != RE && P != PE && *R == *P; ++R, ++P)
    ++Common;
  if (Common <= 1) // only the root directory `/`
    return Path.str();
  llvm::SmallString<256> Rel;
  for (; R != RE; ++R)
    path::append(Rel, "..");
  for (; P != PE; ++P)
    path::append(Rel, *P);
  return std::string(Rel);
}

std::string relativeToCwd(llvm::StringRef Path) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return Path.str();
  return relativeTo(Cwd, Path);
}

bool writeAtomically(const std::string &Path, llvm::StringRef Text,
                     std::string &Err) {
  // Through a symlink: the file it names is replaced, the link stays.
  llvm::SmallString<256> Real(Path);
  if (llvm::sys::fs::is_symlink_file(Path) &&
      llvm::sys::fs::real_path(Path, Real))
    Real = Path;
  return replaceFile(std::string(Real), Text, Err);
}

std::string percentEncoded(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += static_cast<char>(C);
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Out;
}

std::string jsonString(llvm::StringRef S) {
  return llvm::json::isUTF8(S) ? S.str() : llvm::json::fixUTF8(S);
}

std::string cannotWrite(const std::string &Path) {
  if (llvm::sys::fs::is_directory(Path))
    return std::make_error_code(std::errc::is_a_directory).message();
  if (llvm::sys::fs::exists(Path))
    if (std::error_code EC =
            llvm::sys::fs::access(Path, llvm::sys::fs::AccessMode::Write))
      return EC.message();
  llvm::SmallString<256> Probe;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".asynclint-%%%%%%", FD, Probe))
    return EC.message();
  ::close(FD);
  removeQuietly(Probe);
  return "";
}

std::string jsonText(const llvm::json::Value &V) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:2}", V) << "\n";
  return Out;
}

} // namespace asynclint
