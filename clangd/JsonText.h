//===--- JsonText.h - asynclint-clangd --------------------------*- C++ -*-===//
//
// JSON helpers the proxy's files share.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CLANGD_JSONTEXT_H
#define ASYNCLINT_CLANGD_JSONTEXT_H

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace asynclint {

// \p V as compact JSON: the text of a message, or a key (request ids).
inline std::string text(const llvm::json::Value &V) {
  std::string Out;
  llvm::raw_string_ostream(Out) << V;
  return Out;
}

// Records \p All as the list last sent in \p Last; false if it already was.
inline bool remember(std::string &Last, const llvm::json::Array &All) {
  std::string Key = text(llvm::json::Array(All));
  if (Key == Last)
    return false;
  Last = std::move(Key);
  return true;
}

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_JSONTEXT_H
