//===--- SourceText.cpp - asynclint driver --------------------------------===//

#include "SourceText.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cctype>

namespace asynclint {

// std::map nodes do not move: the returned text stays valid after the lock.
llvm::StringRef SourceText::text(const std::string &File) {
  std::scoped_lock Lock(Mutex);
  auto It = Cache.find(File);
  if (It == Cache.end()) {
    auto Buf = llvm::MemoryBuffer::getFile(File);
    It = Cache.try_emplace(File, Buf ? (*Buf)->getBuffer().str() : "").first;
  }
  return It->second;
}

void SourceText::resolve(Location &L) {
  llvm::StringRef T = text(L.File);
  unsigned Off = std::min<size_t>(L.Offset, T.size());
  llvm::StringRef Before = T.take_front(Off);
  L.Line = Before.count('\n') + 1;
  size_t Nl = Before.rfind('\n');
  L.Column = Off - (Nl == llvm::StringRef::npos ? 0 : Nl + 1) + 1;
}

std::string SourceText::normalisedLine(const Location &L) {
  llvm::StringRef T = text(L.File);
  unsigned Off = std::min<size_t>(L.Offset, T.size());
  size_t Begin = T.take_front(Off).rfind('\n');
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = T.find('\n', Off);
  std::string Out;
  for (char C : T.slice(Begin, End))
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
  return Out;
}

} // namespace asynclint
