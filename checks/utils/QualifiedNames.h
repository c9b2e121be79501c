//===--- QualifiedNames.h - asynclint ---------------------------*- C++ -*-===//
//
// Matching declarations against user-configurable name lists: exact
// qualified names ("std::this_thread::sleep_for", a leading "::" allowed) or
// suffix patterns that match in any namespace or class ("*::sync_wait"), or
// scope patterns that match everything declared in a namespace or class
// ("doctest::*").
// Names are computed once per declaration, ignoring inline namespaces
// (std::__cxx11) and template arguments (std::future<int>::get is
// "std::future::get").
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_QUALIFIEDNAMES_H
#define ASYNCLINT_CHECKS_UTILS_QUALIFIEDNAMES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The qualified name of \p D without inline namespaces or template
/// arguments; constructors are named by their class.
std::string stableQualifiedName(const NamedDecl *D);

class NameList {
public:
  NameList() = default;
  explicit NameList(llvm::ArrayRef<llvm::StringRef> Entries);
  /// \p Entries without \p Remove (both in the same syntax).
  NameList(llvm::ArrayRef<llvm::StringRef> Entries,
           llvm::ArrayRef<llvm::StringRef> Remove);
  bool matches(llvm::StringRef QualifiedName) const;

private:
  void add(llvm::StringRef Entry);
  std::vector<std::string> Exact;
  std::vector<std::string> Suffixes; // "::name", matched at a "::" boundary
  std::vector<std::string> Scopes;   // "scope::", matched as a prefix
};

/// Caches stableQualifiedName per declaration.
class NameCache {
public:
  const std::string &get(const NamedDecl *D);

private:
  llvm::DenseMap<const NamedDecl *, std::string> Names;
};

} // namespace clang::tidy::async::utils

#endif // ASYNCLINT_CHECKS_UTILS_QUALIFIEDNAMES_H
