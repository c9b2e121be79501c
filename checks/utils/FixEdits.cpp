//===--- FixEdits.cpp - asynclint -----------------------------------------===//

#include "FixEdits.h"
#include "clang/Basic/IdentifierTable.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <utility>

namespace clang::tidy::async::utils {
namespace {

using OffsetRange = std::pair<unsigned, unsigned>; // [begin, end) in a file

// The file range of \p R in \p File, if it is one.
std::optional<OffsetRange> fileOffsets(CharSourceRange R, FileID File,
                                       const SourceManager &SM,
                                       const LangOptions &LO) {
  CharSourceRange FileRange = Lexer::makeFileCharRange(R, SM, LO);
  if (FileRange.isInvalid())
    return std::nullopt;
  auto [BeginFile, Begin] = SM.getDecomposedLoc(FileRange.getBegin());
  auto [EndFile, End] = SM.getDecomposedLoc(FileRange.getEnd());
  if (BeginFile != File || EndFile != File || End < Begin)
    return std::nullopt;
  return OffsetRange{Begin, End};
}

// Whether the line of \p Buffer holding \p Offset has only whitespace
// before it.
bool firstOnLine(StringRef Buffer, unsigned Offset) {
  StringRef Before = Buffer.take_front(Offset);
  size_t LineStart = Before.find_last_of("\n\r");
  Before =
      LineStart == StringRef::npos ? Before : Before.drop_front(LineStart + 1);
  return Before.find_first_not_of(" \t\f\v") == StringRef::npos;
}

} // namespace

bool keepsPreprocessing(CharSourceRange Replaced,
                        llvm::ArrayRef<CharSourceRange> Kept,
                        const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  CharSourceRange FileRange = Lexer::makeFileCharRange(Replaced, SM, LO);
  if (FileRange.isInvalid())
    return false;
  FileID File = SM.getFileID(FileRange.getBegin());
  std::optional<OffsetRange> Range = fileOffsets(FileRange, File, SM, LO);
  if (!Range)
    return false;
  if (Range->first == Range->second)
    return true; // an insertion
  llvm::SmallVector<OffsetRange, 4> KeptOffsets;
  for (CharSourceRange K : Kept) {
    std::optional<OffsetRange> Offsets = fileOffsets(K, File, SM, LO);
    if (!Offsets || Offsets->first < Range->first ||
        Offsets->second > Range->second)
      return false;
    KeptOffsets.push_back(*Offsets);
  }
  auto IsKept = [&](unsigned Offset) {
    return llvm::any_of(KeptOffsets, [&](const OffsetRange &K) {
      return Offset >= K.first && Offset < K.second;
    });
  };
  // Lex the replaced text raw: skipped blocks and directives are tokens
  // there, comments are not.
  StringRef Buffer = SM.getBufferData(File);
  Lexer Raw(SM.getLocForStartOfFile(File), LO, Buffer.begin(),
            Buffer.begin() + Range->first, Buffer.end());
  Token Tok;
  bool More = true;
  while (More) {
    More = !Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof))
      break;
    unsigned Offset = SM.getFileOffset(Tok.getLocation());
    if (Offset >= Range->second)
      break;
    // A directive: '#' (or '%:') first on its line. The lexer's own
    // start-of-line flag counts comments before it as whitespace; the
    // first token it lexes is always "at the start", so look at the line.
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine() &&
        (Offset > Range->first || firstOnLine(Buffer, Offset)))
      return false;
    if (!Tok.is(tok::raw_identifier) || IsKept(Offset))
      continue;
    StringRef Name = Tok.getRawIdentifier();
    if (Name == "_Pragma" || Name == "__pragma")
      return false;
    // Any name that was a macro at some point of the unit: the AST cannot
    // tell whether this spelling expanded (an empty expansion leaves no
    // node), so assume it did.
    if (Ctx.Idents.get(Name).hadMacroDefinition())
      return false;
  }
  return true;
}

} // namespace clang::tidy::async::utils
