//===--- QualifiedNames.cpp - asynclint -----------------------------------===//

#include "QualifiedNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

std::string stableQualifiedName(const NamedDecl *D) {
  if (!D)
    return {};
  // A constructor is named by its class.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(D))
    D = Ctor->getParent();
  llvm::SmallVector<std::string, 8> Parts;
  if (const IdentifierInfo *II = D->getIdentifier())
    Parts.push_back(II->getName().str());
  else
    Parts.push_back(D->getNameAsString());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName().str());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getName().str());
    }
  }
  std::string Result;
  for (const std::string &P : llvm::reverse(Parts)) {
    if (!Result.empty())
      Result += "::";
    Result += P;
  }
  return Result;
}

NameList::NameList(llvm::ArrayRef<llvm::StringRef> Entries) {
  for (llvm::StringRef E : Entries)
    add(E);
}

NameList::NameList(llvm::ArrayRef<llvm::StringRef> Entries,
                   llvm::ArrayRef<llvm::StringRef> Remove) {
  auto Normal = [](llvm::StringRef S) {
    S = S.trim();
    S.consume_front("::");
    return S;
  };
  for (llvm::StringRef E : Entries)
    if (llvm::none_of(
            Remove, [&](llvm::StringRef R) { return Normal(R) == Normal(E); }))
      add(E);
}

void NameList::add(llvm::StringRef Entry) {
  Entry = Entry.trim();
  if (Entry.empty())
    return;
  if (Entry.consume_front("*::")) {
    Suffixes.push_back(("::" + Entry).str());
    return;
  }
  Entry.consume_front("::");
  if (Entry.consume_back("::*")) {
    Scopes.push_back((Entry + "::").str());
    return;
  }
  Exact.push_back(Entry.str());
}

bool NameList::matches(llvm::StringRef Name) const {
  if (llvm::is_contained(Exact, Name))
    return true;
  if (llvm::any_of(Scopes,
                   [&](const std::string &S) { return Name.starts_with(S); }))
    return true;
  return llvm::any_of(Suffixes, [&](const std::string &S) {
    // "*::sync_wait" matches "sync_wait" in any namespace, and the global one.
    return Name.ends_with(S) || Name == llvm::StringRef(S).drop_front(2);
  });
}

const std::string &NameCache::get(const NamedDecl *D) {
  auto It = Names.find(D);
  if (It != Names.end())
    return It->second;
  return Names.try_emplace(D, stableQualifiedName(D)).first->second;
}

} // namespace clang::tidy::async::utils
