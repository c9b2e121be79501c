//===--- SourceText.cpp - asynclint driver --------------------------------===//

#include "SourceText.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <cctype>

namespace asynclint {

// std::map nodes do not move: the returned file stays valid after the lock.
const SourceText::File &SourceText::file(const std::string &Path) {
  std::scoped_lock Lock(Mutex);
  auto [It, New] = Cache.try_emplace(Path);
  if (New) {
    File &F = It->second;
    if (auto Buf = llvm::MemoryBuffer::getFile(Path))
      F.Text = (*Buf)->getBuffer().str();
    else
      F.Unreadable = Buf.getError().message();
    F.LineStarts.push_back(0);
    for (size_t I = 0; I < F.Text.size(); ++I)
      if (F.Text[I] == '\n')
        F.LineStarts.push_back(I + 1);
  }
  return It->second;
}

void SourceText::resolve(Location &L) {
  const File &F = file(L.File);
  if (!F.Unreadable.empty()) {
    L.Line = L.Column = 0; // not 1:1, which would point at a line
    return;
  }
  unsigned Off = std::min<size_t>(L.Offset, F.Text.size());
  // The last line starting at or before Off.
  auto Next = std::ranges::upper_bound(F.LineStarts, Off);
  L.Line = Next - F.LineStarts.begin();
  L.Column = Off - *(Next - 1) + 1;
}

std::string SourceText::normalisedLine(const Location &L) {
  const File &F = file(L.File);
  llvm::StringRef T = F.Text;
  unsigned Off = std::min<size_t>(L.Offset, T.size());
  size_t Begin = *(std::ranges::upper_bound(F.LineStarts, Off) - 1);
  size_t End = T.find('\n', Off);
  std::string Out;
  for (char C : T.slice(Begin, End))
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
  return Out;
}

std::vector<std::pair<std::string, std::string>> SourceText::unreadable() {
  std::scoped_lock Lock(Mutex);
  std::vector<std::pair<std::string, std::string>> Out;
  for (const auto &[Path, F] : Cache)
    if (!F.Unreadable.empty())
      Out.emplace_back(Path, F.Unreadable);
  return Out;
}

} // namespace asynclint
