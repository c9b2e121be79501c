//===--- LspText.h - asynclint-clangd ---------------------------*- C++ -*-===//
//
// Document text as LSP sees it: positions (line, character) counted in the
// negotiated encoding (UTF-16 unless the server chose UTF-8 or UTF-32), the
// edits of textDocument/didChange, and file:// URIs.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_LSPTEXT_H
#define ASYNCLINT_CLANGD_LSPTEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <cstddef>
#include <optional>
#include <string>

namespace asynclint::lsp {

enum class Encoding : unsigned char { UTF8, UTF16, UTF32 };

/// "utf-8", "utf-16" or "utf-32"; nullopt for anything else.
std::optional<Encoding> parseEncoding(llvm::StringRef Name);

struct Position {
  int64_t Line = 0;
  int64_t Character = 0;
};

/// The byte offset of \p P in \p Text. A character past the end of its line
/// means the end of the line; a line past the last one is an error.
std::optional<size_t> offsetOf(llvm::StringRef Text, Position P, Encoding E);

/// The position of byte \p Offset of \p Text (clamped to the text).
Position positionOf(llvm::StringRef Text, size_t Offset, Encoding E);

llvm::json::Value toJSON(Position P);
std::optional<Position> positionFromJSON(const llvm::json::Value *V);

/// A range of \p Text in bytes, as a JSON LSP range.
llvm::json::Value rangeJSON(llvm::StringRef Text, size_t Begin, size_t End,
                            Encoding E);
/// An LSP range of \p Text as byte offsets.
std::optional<std::pair<size_t, size_t>>
rangeFromJSON(llvm::StringRef Text, const llvm::json::Value *Range, Encoding E);

/// A byte range of a document replaced by new text.
struct TextChange {
  size_t Begin = 0;
  size_t End = 0; // past the last replaced byte
  size_t NewLength = 0;
  bool WholeDocument = false;
};

/// Applies one contentChanges entry of didChange (ranged, or the whole
/// text) to \p Text; nullopt (and \p Text untouched) if it is malformed.
std::optional<TextChange>
applyChange(std::string &Text, const llvm::json::Object &Change, Encoding E);

/// The path of a file:// URI (percent-decoded); nullopt for other schemes.
std::optional<std::string> uriToPath(llvm::StringRef URI);
/// The file:// URI of an absolute path.
std::string pathToURI(llvm::StringRef Path);

} // namespace asynclint::lsp

#endif // ASYNCLINT_CLANGD_LSPTEXT_H
