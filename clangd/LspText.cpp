//===--- LspText.cpp - asynclint-clangd -----------------------------------===//

#include "LspText.h"
#include "llvm/ADT/StringExtras.h"

namespace asynclint::lsp {

namespace {

// Bytes of the UTF-8 sequence that starts with \p Lead (1 for a stray
// continuation byte or an invalid lead, so malformed text still advances).
size_t sequenceLength(unsigned char Lead) {
  if (Lead < 0xC0)
    return 1;
  if (Lead < 0xE0)
    return 2;
  if (Lead < 0xF0)
    return 3;
  if (Lead < 0xF8)
    return 4;
  return 1;
}

// Code units of encoding \p E for a UTF-8 sequence of \p Bytes bytes.
int64_t unitsOf(size_t Bytes, Encoding E) {
  switch (E) {
  case Encoding::UTF8:
    return static_cast<int64_t>(Bytes);
  case Encoding::UTF16:
    return Bytes == 4 ? 2 : 1;
  case Encoding::UTF32:
    return 1;
  }
  return 1;
}

// [Begin, End) of line \p Line (End at its '\n' or the end of the text).
std::optional<std::pair<size_t, size_t>> lineBounds(llvm::StringRef Text,
                                                    int64_t Line) {
  if (Line < 0)
    return std::nullopt;
  size_t Begin = 0;
  for (int64_t L = 0; L < Line; ++L) {
    size_t NL = Text.find('\n', Begin);
    if (NL == llvm::StringRef::npos)
      return std::nullopt;
    Begin = NL + 1;
  }
  size_t End = Text.find('\n', Begin);
  if (End == llvm::StringRef::npos)
    End = Text.size();
  return std::make_pair(Begin, End);
}

} // namespace

std::optional<Encoding> parseEncoding(llvm::StringRef Name) {
  if (Name == "utf-8")
    return Encoding::UTF8;
  if (Name == "utf-16")
    return Encoding::UTF16;
  if (Name == "utf-32")
    return Encoding::UTF32;
  return std::nullopt;
}

std::optional<size_t> offsetOf(llvm::StringRef Text, Position P, Encoding E) {
  auto Bounds = lineBounds(Text, P.Line);
  if (!Bounds || P.Character < 0)
    return std::nullopt;
  auto [Offset, End] = *Bounds;
  int64_t Units = 0;
  while (Offset < End && Units < P.Character) {
    size_t Len = std::min(sequenceLength(Text[Offset]), End - Offset);
    Units += unitsOf(Len, E);
    Offset += Len;
  }
  return Offset;
}

Position positionOf(llvm::StringRef Text, size_t Offset, Encoding E) {
  Offset = std::min(Offset, Text.size());
  Position P;
  size_t LineStart = 0;
  for (size_t NL = Text.find('\n'); NL != llvm::StringRef::npos && NL < Offset;
       NL = Text.find('\n', NL + 1)) {
    ++P.Line;
    LineStart = NL + 1;
  }
  for (size_t I = LineStart; I < Offset;) {
    size_t Len = std::min(sequenceLength(Text[I]), Offset - I);
    P.Character += unitsOf(Len, E);
    I += Len;
  }
  return P;
}

llvm::json::Value toJSON(Position P) {
  return llvm::json::Object{{"line", P.Line}, {"character", P.Character}};
}

std::optional<Position> positionFromJSON(const llvm::json::Value *V) {
  const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  std::optional<int64_t> Line = O->getInteger("line");
  std::optional<int64_t> Character = O->getInteger("character");
  if (!Line || !Character)
    return std::nullopt;
  return Position{*Line, *Character};
}

llvm::json::Value rangeJSON(llvm::StringRef Text, size_t Begin, size_t End,
                            Encoding E) {
  return llvm::json::Object{{"start", toJSON(positionOf(Text, Begin, E))},
                            {"end", toJSON(positionOf(Text, End, E))}};
}

std::optional<std::pair<size_t, size_t>>
rangeFromJSON(llvm::StringRef Text, const llvm::json::Value *Range,
              Encoding E) {
  const llvm::json::Object *O = Range ? Range->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  std::optional<Position> Start = positionFromJSON(O->get("start"));
  std::optional<Position> End = positionFromJSON(O->get("end"));
  if (!Start || !End)
    return std::nullopt;
  std::optional<size_t> B = offsetOf(Text, *Start, E);
  std::optional<size_t> F = offsetOf(Text, *End, E);
  if (!B || !F || *B > *F)
    return std::nullopt;
  return std::make_pair(*B, *F);
}

std::optional<TextChange>
applyChange(std::string &Text, const llvm::json::Object &Change, Encoding E) {
  std::optional<llvm::StringRef> New = Change.getString("text");
  if (!New)
    return std::nullopt;
  TextChange C;
  C.NewLength = New->size();
  if (const llvm::json::Value *Range = Change.get("range")) {
    auto R = rangeFromJSON(Text, Range, E);
    if (!R)
      return std::nullopt;
    C.Begin = R->first;
    C.End = R->second;
    Text.replace(C.Begin, C.End - C.Begin, New->data(), New->size());
    return C;
  }
  C.WholeDocument = true;
  C.End = Text.size();
  Text.assign(New->data(), New->size());
  return C;
}

std::optional<std::string> uriToPath(llvm::StringRef URI) {
  if (!URI.consume_front("file://"))
    return std::nullopt;
  URI.consume_front("localhost");
  if (!URI.starts_with("/"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < URI.size(); ++I) {
    if (URI[I] == '%' && I + 2 < URI.size() && llvm::isHexDigit(URI[I + 1]) &&
        llvm::isHexDigit(URI[I + 2])) {
      Path += static_cast<char>(llvm::hexFromNibbles(URI[I + 1], URI[I + 2]));
      I += 2;
    } else {
      Path += URI[I];
    }
  }
  return Path;
}

std::string pathToURI(llvm::StringRef Path) {
  std::string URI = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '_' || C == '.' ||
        C == '~') {
      URI += static_cast<char>(C);
    } else {
      URI += '%';
      URI += llvm::hexdigit(C >> 4, false);
      URI += llvm::hexdigit(C & 15, false);
    }
  }
  return URI;
}

} // namespace asynclint::lsp
