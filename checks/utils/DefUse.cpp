//===--- DefUse.cpp - asynclint -------------------------------------------===//

#include "DefUse.h"
#include "ASTHelpers.h"
#include "Awaitable.h"
#include "StmtWalk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <array>

namespace clang::tidy::async::utils {
namespace {

// Adds every variable \p S mentions: the conservative answer for an lvalue
// whose base the analysis cannot follow (`get(x) = 1`).
void addMentioned(const Stmt *S, DeclSet &Out) {
  forEachStmt(S, walks::Everything, [&](const Stmt *Cur) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Cur))
      Out.insert(Ref->getDecl());
  });
}

// The fields of \p RD and of its bases: what a member function may change
// when called on `*this`.
void addFields(const CXXRecordDecl *RD, DeclSet &Out, unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return;
  RD = RD->getDefinition();
  for (const FieldDecl *F : RD->fields())
    Out.insert(F);
  for (const CXXBaseSpecifier &B : RD->bases())
    addFields(B.getType()->getAsCXXRecordDecl(), Out, Depth + 1);
}

const CXXRecordDecl *classOfThis(const CXXThisExpr *This) {
  return This->getType()->getPointeeCXXRecordDecl();
}

const CXXThisExpr *asThis(const Expr *E) {
  return E ? dyn_cast<CXXThisExpr>(E->IgnoreParenImpCasts()) : nullptr;
}

// The name of the class (template) of \p T, if it is one.
StringRef recordName(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return {};
  return RD->getName();
}

// A type whose value refers to other objects: references, pointers, views
// (span, string_view, ranges' views, iterators, reference_wrapper) and
// lambda closures. A variable of one stands for what its initialiser names.
bool isAliasType(QualType T) {
  T = T.getCanonicalType();
  if (T->isReferenceType() || T->isPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (RD->isLambda())
    return true;
  StringRef N = recordName(T);
  return N == "span" || N == "mdspan" || N == "reference_wrapper" ||
         N.ends_with("view") || N.ends_with("iterator") ||
         N.ends_with("_ref") || N == "ref";
}

// A parameter of this type, taken by value, writes through to the caller's
// objects: a span or reference_wrapper of non-const elements.
bool isMutableView(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return false;
  StringRef N = Spec->getName();
  if (N != "span" && N != "mdspan" && N != "reference_wrapper")
    return false;
  const TemplateArgument &Arg = Spec->getTemplateArgs()[0];
  return Arg.getKind() == TemplateArgument::Type &&
         !Arg.getAsType().isConstQualified();
}

} // namespace

void addAliases(DeclSet &Set) {
  llvm::SmallVector<const ValueDecl *, 8> Work(Set.begin(), Set.end());
  while (!Work.empty()) {
    const ValueDecl *D = Work.pop_back_val();
    DeclSet Found;
    if (const auto *B = dyn_cast<BindingDecl>(D)) {
      if (const ValueDecl *Object = B->getDecomposedDecl())
        Found.insert(Object);
    } else if (const auto *V = dyn_cast<VarDecl>(D);
               V && !isa<ParmVarDecl>(V) && V->getInit() &&
               isAliasType(V->getType())) {
      addMentioned(V->getInit(), Found);
    }
    for (const ValueDecl *F : Found)
      if (Set.insert(F).second)
        Work.push_back(F);
  }
}

namespace {

// The variable an lvalue expression writes into: `x`, `x.m`, `x[i]`, `*p`,
// `p->m` and `v[i]` through overloaded operators all write (into) x, p or v;
// the index is only read. `this->m` writes the field m, `*this` every
// field. Anything else writes everything it mentions.
void addDesignated(const Expr *E, DeclSet &Out) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    // A temporary (a call's result, an awaited value): nothing named.
    if (E->isPRValue() && !E->getType()->isPointerType())
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      Out.insert(Ref->getDecl());
      return;
    }
    // A reference result of `co_await` (`T &&await_resume()`) designates
    // the awaited object's state: nothing named when it is a temporary.
    if (const auto *Await = dyn_cast<CoawaitExpr>(E)) {
      E = stripWrappers(Await->getOperand());
      continue;
    }
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (asThis(M->getBase()) && isa<FieldDecl>(M->getMemberDecl())) {
        Out.insert(M->getMemberDecl());
        return;
      }
      E = M->getBase();
      continue;
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() > 0 &&
        (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
         Op->getOperator() == OO_Arrow)) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *This = dyn_cast<CXXThisExpr>(E)) {
      addFields(classOfThis(This), Out);
      return;
    }
    addMentioned(E, Out);
    return;
  }
}

// The class whose `this` a lambda captures: the first enclosing class that
// is not itself a lambda.
const CXXRecordDecl *enclosingClass(const CXXRecordDecl *Lambda) {
  for (const DeclContext *DC = Lambda->getParent(); DC; DC = DC->getParent())
    if (const auto *R = dyn_cast<CXXRecordDecl>(DC); R && !R->isLambda())
      return R;
  return nullptr;
}

bool writesThrough(QualType Param) {
  if (Param->isPointerType())
    return !Param->getPointeeType().isConstQualified();
  if (Param->isReferenceType())
    return !Param.getNonReferenceType().isConstQualified();
  return false;
}

// An awaited member function whose name says it reads (`get`, `fetch_user`,
// `asyncLoad`): its object is used, not changed.
bool readsByName(StringRef Name) {
  Name = Name.ltrim('_');
  if (Name.starts_with_insensitive("async_"))
    Name = Name.drop_front(6);
  else if (Name.starts_with("async") && Name.size() > 5 &&
           llvm::isUpper(Name[5]))
    Name = Name.drop_front(5);
  // Not "request" or "call": a request may change the server's state.
  static constexpr std::array<StringRef, 20> Verbs = {
      "get",      "fetch",  "load",     "find",    "lookup", "query", "peek",
      "list",     "search", "retrieve", "resolve", "count",  "size",  "exists",
      "contains", "stat",   "download", "select",  "is",     "has"};
  for (StringRef V : Verbs) {
    if (!Name.starts_with_insensitive(V))
      continue;
    StringRef Rest = Name.drop_front(V.size());
    if (Rest.empty() || Rest.front() == '_' || llvm::isUpper(Rest.front()))
      return true;
  }
  return false;
}

void addCallWrites(const CallExpr *Call, bool Awaited, DeclSet &Out) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->isAssignmentOp() && Op->getNumArgs() > 0)
    addDesignated(Op->getArg(0), Out);
  // A non-const member function may change its object; awaited, so may
  // one whose name does not say it reads.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    bool Reads = MD && (MD->isConst() || (Awaited && MD->getIdentifier() &&
                                          readsByName(MD->getName())));
    if (!Reads)
      addDesignated(MC->getImplicitObjectArgument(), Out);
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD) {
    // Unknown callee: any argument may be written through.
    for (const Expr *Arg : Call->arguments())
      if (Arg->isGLValue() || Arg->getType()->isPointerType())
        addDesignated(Arg, Out);
    return;
  }
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  bool OperatorOnObject = isa<CXXOperatorCallExpr>(Call) && MD &&
                          MD->isInstance() && Call->getNumArgs() > 0;
  unsigned Offset = OperatorOnObject ? 1 : 0;
  if (OperatorOnObject && !MD->isConst() && !Awaited &&
      !cast<CXXOperatorCallExpr>(Call)->isAssignmentOp())
    addDesignated(Call->getArg(0), Out); // `++it`, `it += 2`, `f()` on f
  // Calling a lambda runs its body: what it captured by reference may
  // change (its call operator is const all the same).
  if (OperatorOnObject && MD->getParent()->isLambda()) {
    for (const LambdaCapture &C : MD->getParent()->captures()) {
      if (C.capturesThis())
        addFields(enclosingClass(MD->getParent()), Out);
      else if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        Out.insert(C.getCapturedVar());
    }
  }
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
    unsigned P = I - Offset;
    if (P >= FD->getNumParams())
      continue;
    QualType T = FD->getParamDecl(P)->getType();
    if (writesThrough(T))
      addDesignated(Call->getArg(I), Out);
    else if (isMutableView(T))
      addMentioned(Call->getArg(I), Out);
  }
}

// Library code and printing: calls of these do not change the program's
// own state beyond their arguments.
bool isLibraryOrOutput(const FunctionDecl *FD, const SourceManager &SM) {
  if (FD->getBuiltinID() != 0 || SM.isInSystemHeader(FD->getLocation()))
    return true;
  const DeclContext *DC = FD->getDeclContext();
  const NamespaceDecl *Outer = nullptr;
  for (; DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outer = NS;
  if (Outer && Outer->getIdentifier()) {
    StringRef N = Outer->getName();
    if (N == "std" || N == "fmt" || N == "spdlog" || N == "__gnu_cxx")
      return true;
  }
  if (!FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  return N == "printf" || N == "fprintf" || N == "puts" || N == "fputs" ||
         N == "putchar" || N == "perror" || N == "println" || N == "print";
}

// Streams written by printing: not state a later await reads.
bool isOutputStream(const ValueDecl *D) {
  if (!D->getIdentifier())
    return false;
  StringRef N = D->getName();
  return N == "cout" || N == "cerr" || N == "clog" || N == "wcout" ||
         N == "wcerr" || N == "stdout" || N == "stderr";
}

// Looks into the bodies of called functions for writes of globals, with a
// depth and a statement budget (past either: unknown, so "may write").
struct CalleeScan {
  static constexpr unsigned MaxDepth = 4;
  unsigned Budget = 4000;
  llvm::DenseMap<const FunctionDecl *, bool> Memo; // writes unknown state
};

bool scanCallee(const FunctionDecl *FD, unsigned Depth, CalleeScan &Scan,
                DeclSet &GlobalWrites);

// The visitor of walks::Effects: one statement's effects and control facts.
struct FactsVisitor {
  StatementFacts F;
  // The calls awaited directly: their objects are used, not changed. The
  // walk enters only a co_await's operand, after the co_await itself.
  llvm::SmallPtrSet<const Expr *, 4> AwaitedCalls;
  CalleeScan *Scan = nullptr;
  unsigned Depth = 0;

  Walk operator()(const Stmt *S, const WalkContext &Ctx) {
    // Unevaluated operands do not run.
    if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr,
            ConceptSpecializationExpr>(S))
      return Walk::Over;
    if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(S);
        Typeid && !Typeid->isPotentiallyEvaluated())
      return Walk::Over;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      F.Effects.Reads.insert(Ref->getDecl());
    } else if (const auto *M = dyn_cast<MemberExpr>(S)) {
      if (asThis(M->getBase()) && isa<FieldDecl>(M->getMemberDecl()))
        F.Effects.Reads.insert(M->getMemberDecl());
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        addDesignated(BO->getLHS(), F.Effects.MayWrite);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        addDesignated(UO->getSubExpr(), F.Effects.MayWrite);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      bool Awaited = AwaitedCalls.contains(Call);
      addCallWrites(Call, Awaited, F.Effects.MayWrite);
      // A member function called on `*this` reads the object.
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (const CXXThisExpr *This = asThis(MC->getImplicitObjectArgument()))
          addFields(classOfThis(This), F.Effects.Reads);
      if (!Awaited && Scan)
        noteCallee(Call);
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        if (const auto *DD = dyn_cast<DecompositionDecl>(D))
          for (const BindingDecl *B : DD->bindings())
            F.Declares.insert(B);
        if (const auto *VD = dyn_cast<ValueDecl>(D))
          F.Declares.insert(VD);
      }
    } else if (!Ctx.InLambda) {
      // A lambda's control facts are its own; a break or continue in a
      // nested loop or switch is that one's.
      if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr, GotoStmt,
              IndirectGotoStmt>(S))
        F.Returns = true;
      else if (isa<BreakStmt>(S) && !Ctx.InLoop && !Ctx.InSwitch)
        F.Breaks = true;
      else if (isa<ContinueStmt>(S) && !Ctx.InLoop)
        F.Continues = true;
      else if (isa<CoyieldExpr, DependentCoawaitExpr>(S) ||
               (isa<CoawaitExpr>(S) && !resumesAtOnce(cast<CoawaitExpr>(S))))
        F.Suspends = true;
    }
    if (const auto *CS = dyn_cast<CoroutineSuspendExpr>(S))
      AwaitedCalls.insert(stripWrappers(CS->getOperand()));
    if (Scan && Depth > 0) {
      if (Scan->Budget == 0)
        F.WritesGlobalState = true;
      else
        --Scan->Budget;
    }
    return Walk::Into;
  }

  // A call that is not awaited may write globals in its body.
  void noteCallee(const CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD) {
      // Through a pointer or a callable object we cannot see.
      if (!isa<CXXPseudoDestructorExpr>(Call->getCallee()))
        F.WritesGlobalState = true;
      return;
    }
    if (isLibraryOrOutput(FD, FD->getASTContext().getSourceManager()))
      return;
    // A virtual call may run an override we do not see.
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual()) {
      F.WritesGlobalState = true;
      return;
    }
    DeclSet Globals;
    if (scanCallee(FD, Depth + 1, *Scan, Globals))
      F.WritesGlobalState = true;
    F.Effects.MayWrite.insert(Globals.begin(), Globals.end());
  }
};

// Whether calling \p FD may write state outside its arguments; the globals
// it is seen to write go to \p GlobalWrites.
bool scanCallee(const FunctionDecl *FD, unsigned Depth, CalleeScan &Scan,
                DeclSet &GlobalWrites) {
  const FunctionDecl *Def = nullptr;
  if (FD->isDefaulted())
    return false;
  if (!FD->hasBody(Def) || !Def || !Def->getBody())
    return true; // not in this unit: it may do anything
  if (auto It = Scan.Memo.find(Def); It != Scan.Memo.end())
    return It->second;
  if (Depth > CalleeScan::MaxDepth || Scan.Budget == 0)
    return true;
  Scan.Memo[Def] = false; // a recursive call adds nothing new
  FactsVisitor Inner;
  Inner.Scan = &Scan;
  Inner.Depth = Depth;
  StmtWalker(walks::Effects).walk(Def->getBody(), Inner);
  bool Unknown = Inner.F.WritesGlobalState;
  for (const ValueDecl *D : Inner.F.Effects.MayWrite) {
    const auto *V = dyn_cast<VarDecl>(D);
    if (V && V->hasGlobalStorage() && !isOutputStream(V)) {
      GlobalWrites.insert(V);
      Unknown = true;
    }
  }
  Scan.Memo[Def] = Unknown;
  return Unknown;
}

StatementFacts walk(const Stmt *Root) {
  FactsVisitor Visitor;
  CalleeScan Scan;
  Visitor.Scan = &Scan;
  StmtWalker(walks::Effects).walk(Root, Visitor);
  addAliases(Visitor.F.Effects.Reads);
  addAliases(Visitor.F.Effects.MayWrite);
  // A global or static written here may be read by any later call.
  if (llvm::any_of(Visitor.F.Effects.MayWrite, [](const ValueDecl *D) {
        const auto *V = dyn_cast<VarDecl>(D);
        return V && V->hasGlobalStorage() && !isOutputStream(V);
      }))
    Visitor.F.WritesGlobalState = true;
  return std::move(Visitor.F);
}

} // namespace

bool Effects::conflictsWith(const Effects &Other) const {
  return writesInto(Other) || Other.writesInto(*this);
}

bool Effects::writesInto(const Effects &Other) const {
  // Probe from the smaller set: a run's accumulated effects grow, a single
  // statement's stay small, so checking one statement against a run costs
  // the statement's size, not the run's.
  auto Meets = [](const DeclSet &A, const DeclSet &B) {
    const DeclSet &Small = A.size() <= B.size() ? A : B;
    const DeclSet &Large = A.size() <= B.size() ? B : A;
    return llvm::any_of(Small,
                        [&](const ValueDecl *D) { return Large.contains(D); });
  };
  return Meets(MayWrite, Other.Reads) || Meets(MayWrite, Other.MayWrite);
}

void Effects::merge(const Effects &Other) {
  Reads.insert(Other.Reads.begin(), Other.Reads.end());
  MayWrite.insert(Other.MayWrite.begin(), Other.MayWrite.end());
}

bool isStatusResult(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  return T->isVoidType() || T->isBooleanType() || T->isEnumeralType();
}

Effects effectsOf(const Stmt *S) { return walk(S).Effects; }

StatementFacts factsOf(const Stmt *S) { return walk(S); }

} // namespace clang::tidy::async::utils
