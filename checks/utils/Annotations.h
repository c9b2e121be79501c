//===--- Annotations.h - asynclint ------------------------------*- C++ -*-===//
//
// The author's annotations (include/asynclint/annotations.h):
// `__attribute__((annotate("asynclint::blocking")))` and its kin on
// functions and classes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_ANNOTATIONS_H
#define ASYNCLINT_CHECKS_UTILS_ANNOTATIONS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// The annotation strings the checks read.
namespace annotations {
inline constexpr llvm::StringLiteral Blocking = "asynclint::blocking";
inline constexpr llvm::StringLiteral NonBlocking = "asynclint::nonblocking";
inline constexpr llvm::StringLiteral Detached = "asynclint::detached";
} // namespace annotations

/// The declaration of \p D that carries `annotate(Annotation)`: any
/// redeclaration counts, and for a template specialization (function or
/// class) or a member of a class template specialization, the declarations
/// of its pattern too. Null when none does.
const Decl *findAnnotated(const Decl *D, llvm::StringRef Annotation);

inline bool hasAnnotation(const Decl *D, llvm::StringRef Annotation) {
  return findAnnotated(D, Annotation) != nullptr;
}

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_ANNOTATIONS_H
