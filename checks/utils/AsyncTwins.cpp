//===--- AsyncTwins.cpp - asynclint ---------------------------------------===//

#include "AsyncTwins.h"
#include "ASTHelpers.h"
#include "Awaitable.h"
#include "UnitAnalysis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

const char *const AsyncTwins::DefaultPatterns =
    "async_{name};{name}_async;co_{name};async{Name};{name}Async";

QualType bareType(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

namespace {

// The twin's name for \p Name by \p Pattern (one placeholder, checked when
// the options are read).
std::string twinName(StringRef Pattern, StringRef Name) {
  std::string Upper = Name.str();
  if (!Upper.empty())
    Upper[0] = llvm::toUpper(Upper[0]);
  size_t At = Pattern.find("{name}");
  StringRef With = Name;
  if (At == StringRef::npos) {
    At = Pattern.find("{Name}");
    With = Upper;
  }
  return (Pattern.take_front(At) + With + Pattern.drop_front(At + 6)).str();
}

// Argument \p Arg, which converts to the callee's parameter type
// \p CalleeParam (null past the callee's parameters), also converts to the
// twin's parameter type \p Param, by a rule that needs no overload
// resolution: the same type (references and cv-qualifiers aside) as the
// argument or the callee's parameter, arithmetic to arithmetic, a pointer
// to the same type or to void, or a derived class to its base. A non-const
// lvalue reference takes lvalues only.
bool paramFits(QualType Param, QualType CalleeParam, const Expr *Arg) {
  if (Param.isNull() || Param->isDependentType() || Arg->isTypeDependent())
    return false;
  const Expr *Written = stripWrappers(Arg);
  if (Param->isLValueReferenceType() &&
      !Param.getNonReferenceType().isConstQualified() && !Written->isLValue())
    return false;
  QualType Want = bareType(Param);
  QualType Have = bareType(Written->getType());
  if (Want == Have || (!CalleeParam.isNull() && Want == bareType(CalleeParam)))
    return true;
  if (Want->isArithmeticType() && Have->isArithmeticType())
    return true;
  if (Want->isPointerType() && (Have->isPointerType() || Have->isArrayType())) {
    QualType To = bareType(Want->getPointeeType());
    QualType From =
        Have->isArrayType()
            ? bareType(QualType(Have->getArrayElementTypeNoTypeQual(), 0))
            : bareType(Have->getPointeeType());
    return To == From || To->isVoidType();
  }
  const auto *To = Want->getAsCXXRecordDecl();
  const auto *From = Have->getAsCXXRecordDecl();
  return To && From && From->hasDefinition() && From->isDerivedFrom(To);
}

// The call's written arguments fit \p Twin's leading parameters, and every
// further parameter of the twin has a default argument.
bool argumentsFit(const CallExpr *Call, const FunctionDecl *Callee,
                  const FunctionDecl *Twin) {
  unsigned Written = 0;
  while (Written < Call->getNumArgs() &&
         !isa<CXXDefaultArgExpr>(Call->getArg(Written)))
    ++Written;
  unsigned Params = Twin->getNumParams();
  if (Written > Params && !Twin->isVariadic())
    return false;
  for (unsigned I = Written; I < Params; ++I)
    if (!Twin->getParamDecl(I)->hasDefaultArg())
      return false;
  for (unsigned I = 0; I < Written && I < Params; ++I) {
    QualType CalleeParam = I < Callee->getNumParams()
                               ? Callee->getParamDecl(I)->getType()
                               : QualType();
    if (!paramFits(Twin->getParamDecl(I)->getType(), CalleeParam,
                   Call->getArg(I)))
      return false;
  }
  return true;
}

} // namespace

AsyncTwins::AsyncTwins(const std::vector<StringRef> &Patterns) {
  for (StringRef Pattern : Patterns) {
    Pattern = Pattern.trim();
    size_t Holes = Pattern.count("{name}") + Pattern.count("{Name}");
    if (Holes != 1 || Pattern.contains("::")) {
      Invalid.push_back(Pattern);
      continue;
    }
    this->Patterns.push_back(Pattern.str());
  }
}

const FunctionDecl *AsyncTwins::find(const CallExpr *Call,
                                     const FunctionDecl *Callee,
                                     ASTContext &Ctx) {
  // Twins live beside the function: in its class for a member, in its
  // namespace (or other declaration context) for a free function. A
  // function template is not a twin: what it returns depends on the
  // deduction (Asio's completion token), which this check cannot run.
  auto [It, Inserted] = Candidates.try_emplace(Callee->getCanonicalDecl());
  if (Inserted) {
    const DeclContext *Scope = Callee->getDeclContext()->getRedeclContext();
    AwaitableClassifier &Classifier = UnitAnalysis::of(Ctx).awaitables();
    for (const std::string &Pattern : Patterns) {
      // A name no declaration spells is not in the identifier table (unless
      // identifiers come from a precompiled header or a module).
      std::string Name = twinName(Pattern, Callee->getName());
      IdentifierInfo *Ident = nullptr;
      if (Ctx.Idents.getExternalIdentifierLookup())
        Ident = &Ctx.Idents.get(Name);
      else if (auto Found = Ctx.Idents.find(Name); Found != Ctx.Idents.end())
        Ident = Found->getValue();
      if (!Ident)
        continue;
      for (const NamedDecl *ND : Scope->lookup(Ident)) {
        const auto *Twin = dyn_cast<FunctionDecl>(ND);
        if (!Twin || Twin->isDeleted() || Twin->isInvalidDecl() ||
            isa<CXXMethodDecl>(Twin) != isa<CXXMethodDecl>(Callee))
          continue;
        QualType Result = Twin->getReturnType();
        if (!Result->isDependentType() && !Result->isUndeducedType() &&
            Classifier.isAwaitable(Result))
          It->second.push_back(Twin);
      }
    }
  }
  for (const FunctionDecl *Twin : It->second)
    if (argumentsFit(Call, Callee, Twin))
      return Twin;
  return nullptr;
}

} // namespace clang::tidy::async::utils
