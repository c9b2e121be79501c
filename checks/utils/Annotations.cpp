//===--- Annotations.cpp - asynclint --------------------------------------===//

#include "Annotations.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {
namespace {

const Decl *annotatedRedecl(const Decl *D, llvm::StringRef Annotation) {
  if (!D)
    return nullptr;
  for (const Decl *R : D->redecls())
    for (const auto *A : R->specific_attrs<AnnotateAttr>())
      if (!A->isInherited() && A->getAnnotation() == Annotation)
        return R;
  return nullptr;
}

// Where the declarations of D's pattern are: the template a function or
// class specialization comes from, the member of the class template a
// member of a specialization was instantiated from.
const Decl *patternOf(const Decl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (const FunctionTemplateDecl *T = FD->getPrimaryTemplate())
      return T->getTemplatedDecl();
    return FD->getInstantiatedFromMemberFunction();
  }
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return RD->getInstantiatedFromMemberClass();
  return nullptr;
}

} // namespace

const Decl *findAnnotated(const Decl *D, llvm::StringRef Annotation) {
  // A pattern may itself be a member of a specialization: a few steps up.
  for (unsigned Step = 0; D && Step < 4; ++Step, D = patternOf(D))
    if (const Decl *Found = annotatedRedecl(D, Annotation))
      return Found;
  return nullptr;
}

} // namespace clang::tidy::async::utils
