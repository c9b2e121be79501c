//===--- Awaitable.cpp - asynclint ----------------------------------------===//

#include "Awaitable.h"
#include "Annotations.h"
#include "StmtWalk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>

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

// Whether RD or a base declares a member Name. With UsableOnly, one that
// `co_await x` could call from outside the class: not deleted, public, and
// through public bases (a deleted or private one makes the expression
// ill-formed, so it says the type is NOT awaitable).
bool hasMember(const CXXRecordDecl *RD, DeclarationName Name,
               bool UsableOnly = false, unsigned Depth = 0) {
  if (!RD || Depth > MaxBaseDepth)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl())
    return false;
  auto Found = Def->lookup(Name);
  if (!Found.empty())
    return !UsableOnly || llvm::any_of(Found, [](const NamedDecl *ND) {
      const FunctionDecl *FD = ND->getAsFunction();
      return FD && !FD->isDeleted() &&
             (ND->getAccess() == AS_public || ND->getAccess() == AS_none);
    });
  for (const CXXBaseSpecifier &Base : Def->bases())
    if ((!UsableOnly || Base.getAccessSpecifier() == AS_public) &&
        hasMember(getRecordForStructure(Base.getType()), Name, UsableOnly,
                  Depth + 1))
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
      if (ND->getDeclName() == OpName &&
          !(ND->getAsFunction() && ND->getAsFunction()->isDeleted()))
        return true;
  const DeclContext *NS = Def->getDeclContext()->getEnclosingNamespaceContext();
  for (const NamedDecl *ND : NS->lookup(OpName))
    if (firstParamNames(ND, Def) && !ND->getAsFunction()->isDeleted())
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

// Calls F with each std::coroutine_traits partial or explicit specialization
// (and implicit instantiation) whose first argument is RD (or RD's template).
template <typename Fn>
void forEachTraitsSpecialization(const CXXRecordDecl *RD, const Type *Canon,
                                 Fn F) {
  const ClassTemplateDecl *CT = findCoroutineTraits(RD->getASTContext());
  if (!CT)
    return;
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
  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  CT->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *PS : Partials)
    if (FirstArgMatches(PS->getTemplateArgs()))
      F(PS, /*Partial=*/true);
  for (const ClassTemplateSpecializationDecl *S : CT->specializations())
    if (FirstArgMatches(S->getTemplateArgs()))
      F(S, /*Partial=*/false);
}

// A std::coroutine_traits specialization gives RD a promise type without a
// nested promise_type (Boost.Asio's awaitable does this). Partial and
// explicit specializations whose first argument is RD (or RD's template)
// count; so do implicit instantiations that Sema made for a coroutine of
// this return type and that have a promise_type.
bool hasTraitsPromise(const CXXRecordDecl *RD, const Type *Canon) {
  DeclarationName PromiseName(&RD->getASTContext().Idents.get("promise_type"));
  bool Found = false;
  forEachTraitsSpecialization(
      RD, Canon, [&](const ClassTemplateSpecializationDecl *S, bool Partial) {
        Found = Found || Partial || hasMember(S, PromiseName);
      });
  return Found;
}

// The first declaration named Name in RD or its bases, as a function (a
// member template gives its pattern).
const FunctionDecl *findMethod(const CXXRecordDecl *RD, DeclarationName Name,
                               unsigned Depth = 0) {
  if (!RD || Depth > MaxBaseDepth)
    return nullptr;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Def->isInvalidDecl())
    return nullptr;
  for (const NamedDecl *ND : Def->lookup(Name))
    if (const FunctionDecl *FD = ND->getAsFunction())
      return FD;
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const FunctionDecl *FD =
            findMethod(getRecordForStructure(Base.getType()), Name, Depth + 1))
      return FD;
  return nullptr;
}

// The body of FD, or of the template member it was (or will be) instantiated
// from: members of a class template specialization get a body only when used.
const Stmt *bodyOf(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (FD->hasBody(Def))
    return Def->getBody();
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (Pattern->hasBody(Def))
      return Def->getBody();
  if (const FunctionDecl *Member = FD->getInstantiatedFromMemberFunction())
    if (Member->hasBody(Def))
      return Def->getBody();
  return nullptr;
}

// The value a function whose whole body is `return <constant>;` returns.
std::optional<bool> constantBoolResult(const FunctionDecl *FD) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOf(FD));
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *V = Ret ? Ret->getRetValue() : nullptr;
  if (!V || V->isValueDependent() || V->isTypeDependent())
    return std::nullopt;
  bool Result = false;
  if (!V->EvaluateAsBooleanCondition(Result, FD->getASTContext()))
    return std::nullopt;
  return Result;
}

// The type initial_suspend() returns; for `auto initial_suspend()` not yet
// deduced, the type of its return statement's operand.
QualType initialSuspendType(const FunctionDecl *FD) {
  QualType R = FD->getReturnType();
  if (!R.isNull() && !R->isDependentType() && !R->isUndeducedType())
    return R;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOf(FD));
  if (!Body)
    return {};
  for (const Stmt *S : Body->body())
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      if (const Expr *V = Ret->getRetValue();
          V && !V->isTypeDependent() && !V->getType()->isDependentType())
        return V->getType();
  return {};
}

TaskStart startOfPromise(const CXXRecordDecl *Promise) {
  if (!Promise)
    return TaskStart::Unknown;
  ASTContext &Ctx = Promise->getASTContext();
  auto Name = [&](const char *S) {
    return DeclarationName(&Ctx.Idents.get(S));
  };
  const FunctionDecl *Initial = findMethod(Promise, Name("initial_suspend"));
  if (!Initial)
    return TaskStart::Unknown;
  const CXXRecordDecl *Awaiter =
      getRecordForStructure(initialSuspendType(Initial));
  if (!Awaiter)
    return TaskStart::Unknown;
  std::optional<bool> Ready =
      constantBoolResult(findMethod(Awaiter, Name("await_ready")));
  if (!Ready)
    return TaskStart::Unknown;
  if (*Ready)
    return TaskStart::Eager;
  // Suspended, but an await_suspend that does something with the handle
  // (posts it to an executor, resumes it) starts the body anyway.
  const FunctionDecl *Suspend = findMethod(Awaiter, Name("await_suspend"));
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOf(Suspend));
  if (Suspend && Suspend->getReturnType()->isVoidType() && Body &&
      Body->body_empty())
    return TaskStart::Lazy;
  return TaskStart::Unknown;
}

TaskStart combine(std::optional<TaskStart> A, TaskStart B) {
  if (!A || *A == B)
    return B;
  return TaskStart::Unknown;
}

// The promise type a nested `promise_type` member names.
const CXXRecordDecl *nestedPromise(const CXXRecordDecl *RD) {
  DeclarationName N(&RD->getASTContext().Idents.get("promise_type"));
  for (unsigned Depth = 0; RD && Depth <= MaxBaseDepth; ++Depth) {
    const CXXRecordDecl *Def = RD->getDefinition();
    if (!Def)
      return nullptr;
    for (const NamedDecl *ND : Def->lookup(N)) {
      if (const auto *Rec = dyn_cast<CXXRecordDecl>(ND))
        return recordStructure(Rec);
      if (const auto *TD = dyn_cast<TypedefNameDecl>(ND))
        return getRecordForStructure(TD->getUnderlyingType());
    }
    if (Def->getNumBases() != 1)
      return nullptr;
    RD = getRecordForStructure(Def->bases_begin()->getType());
  }
  return nullptr;
}

// A member named `destroy` of a coroutine handle (or, in a template
// pattern, of an object whose type is not known yet).
bool namesDestroy(const Stmt *S) {
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    const auto *Handle = ME->getBase()->getType()->getAsCXXRecordDecl();
    return ME->getMemberNameInfo().getAsString() == "destroy" && Handle &&
           Handle->getName() == "coroutine_handle";
  }
  if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(S))
    return DME->getMember().getAsString() == "destroy";
  if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(S))
    return UME->getName().getAsString() == "destroy";
  return false;
}

// \p Cond holds only when a coroutine has finished: it calls `done()`
// (`h.done()`, `h && h.done()`), not negated.
bool requiresDone(const Expr *Cond) {
  Cond = Cond ? Cond->IgnoreParenImpCasts() : nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Cond);
      BO && BO->getOpcode() == BO_LAnd)
    return requiresDone(BO->getLHS()) || requiresDone(BO->getRHS());
  const auto *Call = dyn_cast_or_null<CallExpr>(Cond);
  const Expr *Callee =
      Call ? Call->getCallee()->IgnoreParenImpCasts() : nullptr;
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(Callee))
    return ME->getMemberNameInfo().getAsString() == "done";
  if (const auto *DME = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Callee))
    return DME->getMember().getAsString() == "done";
  return false;
}

// The destructor of \p RD calls destroy() on a coroutine handle, anywhere in
// its body (walks::Everything), except where it is guarded by `done()`: a
// frame freed only once finished is not work cancelled by dropping it.
bool destroysFrame(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def)
    return false;
  const CXXDestructorDecl *Dtor = Def->getDestructor();
  if (!Dtor || !bodyOf(Dtor))
    return false;
  llvm::SmallVector<const Stmt *, 4> Roots{bodyOf(Dtor)};
  while (!Roots.empty()) {
    const Stmt *Root = Roots.pop_back_val();
    bool Found = !StmtWalker(walks::Everything)
                      .walk(Root, [&](const Stmt *S, const WalkContext &) {
                        const auto *If = dyn_cast<IfStmt>(S);
                        if (If && requiresDone(If->getCond())) {
                          Roots.push_back(If->getCond());
                          if (If->getElse())
                            Roots.push_back(If->getElse());
                          return Walk::Over;
                        }
                        return namesDestroy(S) ? Walk::Stop : Walk::Into;
                      });
    if (Found)
      return true;
  }
  return false;
}

bool noDiscard(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  if (RD->hasAttr<WarnUnusedResultAttr>())
    return true;
  if (const ClassTemplateDecl *CT = templateOf(RD))
    return CT->getTemplatedDecl()->hasAttr<WarnUnusedResultAttr>();
  return false;
}

} // namespace

const CXXRecordDecl *getRecordForStructure(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return recordStructure(RD);
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const auto *CT = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CT->getTemplatedDecl();
  return nullptr;
}

const CXXRecordDecl *recordStructure(const CXXRecordDecl *RD) {
  {
    if (RD->hasDefinition())
      return RD;
    // A specialization that was never instantiated: look at its pattern.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      return Spec->getSpecializedTemplate()->getTemplatedDecl();
    // A member class of a specialization (`task<int>::promise_type`) that
    // was never instantiated: the member of the pattern.
    if (const CXXRecordDecl *From = RD->getInstantiatedFromMemberClass())
      return From;
    return RD;
  }
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
                     hasMember(RD, CoAwait, /*UsableOnly=*/true) ||
                     hasFreeCoAwait(RD, CoAwait);
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

namespace {
// The declarations named Name in RD, or in the first base (depth first)
// that has some: what a member lookup from RD finds, without ambiguity.
DeclContextLookupResult lookupInHierarchy(const CXXRecordDecl *RD,
                                          DeclarationName Name,
                                          unsigned Depth = 0) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def || Def->isInvalidDecl() || Depth > MaxBaseDepth)
    return {};
  DeclContextLookupResult Found = Def->lookup(Name);
  if (!Found.empty())
    return Found;
  for (const CXXBaseSpecifier &Base : Def->bases()) {
    Found = lookupInHierarchy(getRecordForStructure(Base.getType()), Name,
                              Depth + 1);
    if (!Found.empty())
      return Found;
  }
  return {};
}

// An awaiter's own members (await_ready, await_suspend, await_resume) work
// on an lvalue as on an rvalue.
bool hasAwaiterMembers(const CXXRecordDecl *RD) {
  ASTContext &Ctx = RD->getASTContext();
  auto Has = [&](const char *S) {
    return hasMember(RD, DeclarationName(&Ctx.Idents.get(S)));
  };
  return Has("await_ready") && Has("await_suspend") && Has("await_resume");
}
} // namespace

std::optional<bool>
AwaitableClassifier::canAwaitIn(QualType T, bool LValue,
                                const CXXRecordDecl *Promise) {
  if (T.isNull() || T->isDependentType())
    return false;
  const CXXRecordDecl *RD = getRecordForStructure(T);
  // With an await_transform member, `co_await x` awaits
  // `promise.await_transform(x)`: that overload set decides.
  DeclarationName Transform;
  if (Promise)
    Transform = DeclarationName(
        &Promise->getASTContext().Idents.get("await_transform"));
  DeclContextLookupResult Overloads =
      Promise ? lookupInHierarchy(Promise, Transform)
              : DeclContextLookupResult();
  if (!Overloads.empty()) {
    bool Template = false;
    for (const NamedDecl *ND : Overloads) {
      if (const auto *T = dyn_cast<FunctionTemplateDecl>(ND)) {
        bool Deleted = T->getTemplatedDecl()->isDeleted();
        // A template whose parameter is a specialization of x's own class
        // template (Asio's `await_transform(awaitable<T, Executor>)`) is
        // the overload for x.
        if (RD && firstParamNames(T, RD))
          return !Deleted;
        // A deleted template rejects what no other overload takes (a
        // synchronous generator's `await_transform(U&&) = delete`).
        Template = Template || !Deleted;
        continue;
      }
      const auto *M = dyn_cast<CXXMethodDecl>(ND);
      if (!M || !RD || !firstParamNames(M, RD))
        continue;
      if (M->isDeleted())
        return false;
      if (isAwaitable(M->getReturnType()))
        return true;
      return std::nullopt;
    }
    if (Template)
      return std::nullopt;
    return false;
  }
  if (!isAwaitable(T))
    return false;
  if (!LValue || (RD && hasAwaiterMembers(RD)))
    return true;
  // An lvalue awaited through a member operator co_await: valid unless
  // every overload takes rvalues only (cppcoro's `operator co_await() &&`).
  DeclContextLookupResult Members = lookupInHierarchy(
      RD,
      RD ? RD->getASTContext().DeclarationNames.getCXXOperatorName(OO_Coawait)
         : DeclarationName());
  if (Members.empty())
    return std::nullopt; // a free operator co_await: by value or by &&?
  return llvm::any_of(Members, [](const NamedDecl *ND) {
    const auto *M = dyn_cast<CXXMethodDecl>(ND);
    return !M || (!M->isDeleted() && M->getRefQualifier() != RQ_RValue);
  });
}

QualType AwaitableClassifier::awaitResultType(QualType T) {
  const CXXRecordDecl *RD = getRecordForStructure(T);
  if (!RD || !isAwaitable(T))
    return {};
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  // A type spelled with the parameters of T's class template, known.
  auto Known = [&](QualType R) -> QualType {
    if (R.isNull() || R->isUndeducedType())
      return {};
    if (!R->isDependentType())
      return R;
    const auto *Param = R->getAs<TemplateTypeParmType>();
    if (!Spec || !Param || Param->getDepth() != 0 ||
        Param->getIndex() >= Spec->getTemplateArgs().size())
      return {};
    const TemplateArgument &Arg = Spec->getTemplateArgs()[Param->getIndex()];
    return Arg.getKind() == TemplateArgument::Type ? Arg.getAsType()
                                                   : QualType();
  };
  ASTContext &Ctx = RD->getASTContext();
  DeclarationName Resume(&Ctx.Idents.get("await_resume"));
  DeclarationName CoAwait = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  // The awaiter: T itself, or what its operator co_await returns.
  for (unsigned Step = 0; RD && Step < 2; ++Step) {
    if (const FunctionDecl *F = findMethod(RD, Resume))
      return Known(F->getReturnType());
    const FunctionDecl *Op = findMethod(RD, CoAwait);
    if (!Op)
      return {};
    RD = getRecordForStructure(Op->getReturnType());
  }
  return {};
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

TaskStart AwaitableClassifier::taskStart(QualType T,
                                         const FunctionDecl *Callee) {
  // A coroutine defined in this unit: its own promise, exactly.
  if (isCoroutine(Callee))
    return startOfPromise(getPromiseRecord(Callee));
  if (T.isNull())
    return TaskStart::Unknown;
  QualType Canon = T.getNonReferenceType().getCanonicalType();
  if (Canon->isDependentType() || !Canon->isRecordType())
    return TaskStart::Unknown;
  const Type *Key = Canon.getUnqualifiedType().getTypePtr();
  if (auto It = StartCache.find(Key); It != StartCache.end())
    return It->second;
  TaskStart Start = TaskStart::Unknown;
  if (const CXXRecordDecl *RD = getRecordForStructure(Canon)) {
    if (const CXXRecordDecl *Promise = nestedPromise(RD)) {
      Start = startOfPromise(Promise);
    } else {
      // Every coroutine_traits specialization for this type must agree:
      // concurrencpp picks an eager or a rescheduling promise by the
      // coroutine's parameters.
      std::optional<TaskStart> All;
      forEachTraitsSpecialization(
          RD, Key, [&](const ClassTemplateSpecializationDecl *S, bool) {
            All = combine(All, startOfPromise(nestedPromise(S)));
          });
      Start = All.value_or(TaskStart::Unknown);
    }
  }
  return StartCache.try_emplace(Key, Start).first->second;
}

DropInfo AwaitableClassifier::dropInfo(QualType T, const FunctionDecl *Callee) {
  DropInfo Info;
  if (!isAwaitable(T))
    return Info;
  const CXXRecordDecl *RD = getRecordForStructure(T);
  Info.NoDiscard =
      noDiscard(RD) || (Callee && Callee->hasAttr<WarnUnusedResultAttr>());
  Info.DestroysFrame = destroysFrame(RD);
  Info.Detached = hasAnnotation(RD, annotations::Detached) ||
                  (Callee && hasAnnotation(Callee, annotations::Detached));
  Info.Coroutine = isTask(T) || isCoroutine(Callee);
  if (Info.Coroutine) {
    switch (taskStart(T, Callee)) {
    case TaskStart::Lazy:
      Info.Kind = DropInfo::LazyTask;
      break;
    case TaskStart::Eager:
      Info.Kind = DropInfo::Started;
      break;
    case TaskStart::Unknown:
      Info.Kind = DropInfo::Unknown;
      break;
    }
    return Info;
  }
  // Not a coroutine. A trivially destructible awaiter owns nothing that
  // could be running: the operation it describes happens when awaited. One
  // that owns state (a shared state, a frame) may stand for started work.
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  bool Trivial = Def && !Def->isDependentType()
                     ? Def->hasTrivialDestructor()
                     : Def && !Def->hasUserDeclaredDestructor() &&
                           llvm::all_of(Def->fields(), [](const FieldDecl *F) {
                             return F->getType()->isScalarType();
                           });
  Info.Kind = Trivial ? DropInfo::Operation : DropInfo::Started;
  return Info;
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

namespace {
// Every return statement of \p FD's body (there is one at least) gives a
// constant false: `bool await_suspend(h) { ...; return false; }`.
bool returnsOnlyFalse(const FunctionDecl *FD) {
  const Stmt *Body = FD ? bodyOf(FD) : nullptr;
  if (!Body || !FD->getReturnType()->isBooleanType())
    return false;
  bool Any = false;
  bool OnlyFalse =
      StmtWalker(walks::OwnCode)
          .walk(Body, [&](const Stmt *S, const WalkContext &) {
            const auto *Ret = dyn_cast<ReturnStmt>(S);
            if (!Ret)
              return Walk::Into;
            const Expr *V = Ret->getRetValue();
            bool Result = true;
            if (!V || V->isValueDependent() ||
                !V->EvaluateAsBooleanCondition(Result, FD->getASTContext()) ||
                Result)
              return Walk::Stop;
            Any = true;
            return Walk::Over;
          });
  return OnlyFalse && Any;
}

const CXXMethodDecl *calledMethod(const Expr *E) {
  const auto *Call =
      E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()) : nullptr;
  return Call ? Call->getMethodDecl() : nullptr;
}
} // namespace

bool resumesAtOnce(const CoroutineSuspendExpr *S) {
  std::optional<bool> Ready =
      constantBoolResult(calledMethod(S->getReadyExpr()));
  return (Ready && *Ready) ||
         returnsOnlyFalse(calledMethod(S->getSuspendExpr()));
}

bool resumeCallsHeldCallable(const CoroutineSuspendExpr *S) {
  const CXXMethodDecl *Resume = calledMethod(S->getResumeExpr());
  const Stmt *Body = Resume ? bodyOf(Resume) : nullptr;
  if (!Body)
    return false;
  return !StmtWalker(walks::OwnCode)
              .walk(Body, [](const Stmt *St, const WalkContext &) {
                const auto *Op = dyn_cast<CXXOperatorCallExpr>(St);
                const auto *Field =
                    Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0
                        ? dyn_cast<MemberExpr>(
                              Op->getArg(0)->IgnoreParenImpCasts())
                        : nullptr;
                return Field && isa<CXXThisExpr>(
                                    Field->getBase()->IgnoreParenImpCasts())
                           ? Walk::Stop
                           : Walk::Into;
              });
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
