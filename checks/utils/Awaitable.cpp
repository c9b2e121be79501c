//===--- Awaitable.cpp - asynclint ----------------------------------------===//

#include "Awaitable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::async::utils {
namespace {

// Base classes and friend lookups are bounded: a type hierarchy deeper than
// this is not worth the time, and the bound also stops any pathological
// recursion through invalid code.
constexpr unsigned MaxBaseDepth = 16;

const ClassTemplateDecl *templateOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate()->getCanonicalDecl();
  if (const ClassTemplateDecl *CT = RD->getDescribedClassTemplate())
    return CT->getCanonicalDecl();
  return nullptr;
}

bool hasMember(const CXXRecordDecl *RD, DeclarationName Name,
               unsigned Depth = 0) {
  if (!RD || Depth > MaxBaseDepth)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl())
    return false;
  if (!Def->lookup(Name).empty())
    return true;
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (hasMember(getRecordForStructure(Base.getType()), Name, Depth + 1))
      return true;
  return false;
}

// The first parameter of a free operator co_await names RD (or the template
// RD comes from). A fully generic `template <class T> operator
// co_await(T&&)` does not count: it says nothing about RD.
bool firstParamNames(const NamedDecl *ND, const CXXRecordDecl *RD) {
  const FunctionDecl *FD = ND->getAsFunction();
  if (!FD || FD->getNumParams() < 1)
    return false;
  QualType P = FD->getParamDecl(0)->getType().getNonReferenceType();
  if (const CXXRecordDecl *PR = getRecordForStructure(P)) {
    if (PR->getCanonicalDecl() == RD->getCanonicalDecl())
      return true;
    const ClassTemplateDecl *A = templateOf(PR);
    return A && A == templateOf(RD);
  }
  return false;
}

bool hasFreeCoAwait(const CXXRecordDecl *RD, DeclarationName OpName) {
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  // Hidden friends are found only by argument-dependent lookup.
  for (const FriendDecl *F : Def->friends())
    if (const NamedDecl *ND = F->getFriendDecl())
      if (ND->getDeclName() == OpName)
        return true;
  const DeclContext *NS = Def->getDeclContext()->getEnclosingNamespaceContext();
  for (const NamedDecl *ND : NS->lookup(OpName))
    if (firstParamNames(ND, Def))
      return true;
  return false;
}

const ClassTemplateDecl *findCoroutineTraits(const ASTContext &Ctx) {
  auto &Idents = Ctx.Idents;
  for (const NamedDecl *ND :
       Ctx.getTranslationUnitDecl()->lookup(&Idents.get("std"))) {
    const auto *NS = dyn_cast<NamespaceDecl>(ND);
    if (!NS)
      continue;
    for (const NamedDecl *T : NS->lookup(&Idents.get("coroutine_traits")))
      if (const auto *CT = dyn_cast<ClassTemplateDecl>(T))
        return CT;
  }
  return nullptr;
}

// A std::coroutine_traits specialization gives RD a promise type without a
// nested promise_type (Boost.Asio's awaitable does this). Partial and
// explicit specializations whose first argument is RD (or RD's template)
// count; so do implicit instantiations that Sema made for a coroutine of
// this return type and that have a promise_type.
bool hasTraitsPromise(const CXXRecordDecl *RD, const Type *Canon) {
  const ClassTemplateDecl *CT = findCoroutineTraits(RD->getASTContext());
  if (!CT)
    return false;
  const ClassTemplateDecl *Tmpl = templateOf(RD);
  auto FirstArgMatches = [&](const TemplateArgumentList &Args) {
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return false;
    QualType A = Args[0].getAsType();
    if (A.getCanonicalType().getTypePtr() == Canon)
      return true;
    if (const auto *TST = A->getAs<TemplateSpecializationType>())
      if (const auto *TD = dyn_cast_or_null<ClassTemplateDecl>(
              TST->getTemplateName().getAsTemplateDecl()))
        return Tmpl && TD->getCanonicalDecl() == Tmpl;
    return false;
  };
  DeclarationName PromiseName(&RD->getASTContext().Idents.get("promise_type"));
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  CT->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *PS : Partials)
    if (FirstArgMatches(PS->getTemplateArgs()))
      return true;
  for (const ClassTemplateSpecializationDecl *S : CT->specializations())
    if (FirstArgMatches(S->getTemplateArgs()) && hasMember(S, PromiseName))
      return true;
  return false;
}

} // namespace

const CXXRecordDecl *getRecordForStructure(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->hasDefinition())
      return RD;
    // A specialization that was never instantiated: look at its pattern.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate()->getTemplatedDecl();
    return RD;
  }
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CT = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CT->getTemplatedDecl();
  return nullptr;
}

AwaitableNames::AwaitableNames(llvm::ArrayRef<llvm::StringRef> Awaitable,
                               llvm::ArrayRef<llvm::StringRef> Ignored) {
  auto Add = [&](llvm::ArrayRef<llvm::StringRef> From,
                 std::vector<std::string> &To) {
    for (llvm::StringRef Name : From) {
      Name.consume_front("::");
      To.push_back(Name.str());
    }
  };
  Add(Awaitable, this->Awaitable);
  Add(Ignored, this->Ignored);
  if (this->Awaitable.empty() && this->Ignored.empty())
    return;
  // Names hold no ';' (options split on it) and no '|'.
  Key = llvm::join(this->Awaitable, ";") + "|" + llvm::join(this->Ignored, ";");
}

AwaitableClassifier::AwaitableClassifier(AwaitableNames Names)
    : Names(std::move(Names)) {}

bool AwaitableClassifier::nameIn(const NamedDecl *D,
                                 llvm::ArrayRef<std::string> Names) {
  if (Names.empty() || !D)
    return false;
  std::string Qualified = D->getQualifiedNameAsString();
  return llvm::is_contained(Names, Qualified);
}

AwaitableClassifier::Info AwaitableClassifier::compute(const CXXRecordDecl *RD,
                                                       const Type *Canon) {
  Info Result;
  if (!RD || RD->isInvalidDecl())
    return Result;
  if (nameIn(RD, Names.ignored()))
    return Result;
  ASTContext &Ctx = RD->getASTContext();
  auto Name = [&](const char *S) {
    return DeclarationName(&Ctx.Idents.get(S));
  };
  DeclarationName CoAwait = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);

  Result.Awaitable = nameIn(RD, Names.awaitable()) ||
                     (hasMember(RD, Name("await_ready")) &&
                      hasMember(RD, Name("await_suspend")) &&
                      hasMember(RD, Name("await_resume"))) ||
                     hasMember(RD, CoAwait) || hasFreeCoAwait(RD, CoAwait);
  // Only awaitable types need the (costlier) coroutine question.
  if (Result.Awaitable)
    Result.CoroutineType =
        hasMember(RD, Name("promise_type")) || hasTraitsPromise(RD, Canon);
  return Result;
}

const AwaitableClassifier::Info &AwaitableClassifier::classify(QualType T) {
  static const Info None;
  if (T.isNull())
    return None;
  QualType Canon = T.getNonReferenceType().getCanonicalType();
  if (Canon->isDependentType() || !Canon->isRecordType())
    return None;
  const Type *Key = Canon.getUnqualifiedType().getTypePtr();
  auto It = Cache.find(Key);
  if (It != Cache.end())
    return It->second;
  Info I = compute(getRecordForStructure(Canon), Key);
  return Cache.try_emplace(Key, I).first->second;
}

bool AwaitableClassifier::isAwaitable(QualType T) {
  return classify(T).Awaitable;
}

bool AwaitableClassifier::isTask(QualType T) {
  const Info &I = classify(T);
  return I.Awaitable && I.CoroutineType;
}

bool AwaitableClassifier::isAwaitableIn(QualType T,
                                        const CXXRecordDecl *Promise) {
  if (isAwaitable(T))
    return true;
  if (!Promise || !Promise->hasDefinition())
    return false;
  const CXXRecordDecl *RD = getRecordForStructure(T);
  if (!RD || nameIn(RD, Names.ignored()))
    return false;
  // await_transform makes a type awaitable only inside coroutines with this
  // promise. Template overloads accept anything and tell us nothing.
  DeclarationName N(&Promise->getASTContext().Idents.get("await_transform"));
  for (const NamedDecl *ND : Promise->getDefinition()->lookup(N))
    if (isa<CXXMethodDecl>(ND) && firstParamNames(ND, RD))
      return true;
  return false;
}

bool AwaitableClassifier::isCombinator(const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->getType();
    if (T.isNull() || T->isDependentType())
      continue;
    if (isAwaitable(T))
      return true;
    // std::vector<task<T>>, std::array<task<T>, N>, a span of them: the
    // first template argument.
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T.getNonReferenceType()->getAsCXXRecordDecl());
    if (Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        isAwaitable(Spec->getTemplateArgs()[0].getAsType()))
      return true;
  }
  return false;
}

bool isCoroutine(const FunctionDecl *FD) {
  return FD && FD->hasBody() &&
         isa_and_nonnull<CoroutineBodyStmt>(FD->getBody());
}

const Stmt *writtenCoroutineBody(const FunctionDecl *FD) {
  if (!FD || FD->isInvalidDecl() || !isCoroutine(FD) ||
      FD->isTemplateInstantiation())
    return nullptr;
  return cast<CoroutineBodyStmt>(FD->getBody())->getBody();
}

const CXXRecordDecl *getPromiseRecord(const FunctionDecl *FD) {
  if (!FD || !FD->hasBody())
    return nullptr;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(FD->getBody());
  if (!Body || !Body->getPromiseDecl())
    return nullptr;
  return Body->getPromiseDecl()->getType()->getAsCXXRecordDecl();
}

} // namespace clang::tidy::async::utils
