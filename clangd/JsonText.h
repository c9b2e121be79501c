//===--- JsonText.h - asynclint-clangd --------------------------*- C++ -*-===//
//
// JSON helpers the supervisor's files share.
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

} // namespace asynclint

#endif // ASYNCLINT_CLANGD_JSONTEXT_H
