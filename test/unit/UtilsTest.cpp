// Tests of checks/utils/StmtWalk (the one statement walker and its skip
// policies), checks/utils/UnitAnalysis (the per-unit caches the checks
// share), the awaitability questions of checks/utils/Awaitable that fix-its
// depend on, and checks/utils/Annotations, on ASTs built from snippets.

#include "utils/Annotations.h"
#include "utils/Awaitable.h"
#include "utils/Matchers.h"
#include "utils/StmtWalk.h"
#include "utils/UnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::async::utils;

namespace {

// A coroutine type whose promise takes the returned value by forwarding
// reference, and a few functions.
constexpr const char *Prelude = R"cpp(
#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    template <class T> void return_value(T &&) {}
    void unhandled_exception() {}
  };
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};
task get(int);
void use(int);
)cpp";

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                           {"-std=c++20"});
}

// The user's body of function `f` (inside the coroutine body for a
// coroutine).
const Stmt *bodyOfF(ASTUnit &AST) {
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     AST.getASTContext());
  EXPECT_EQ(Found.size(), 1u);
  const Stmt *Body = Found.front().getNodeAs<FunctionDecl>("f")->getBody();
  if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coro->getBody();
  return Body;
}

// One visit: the name a DeclRefExpr refers to, and its context.
struct Visit {
  std::string Name;
  WalkContext Ctx;
};

// The references to variables (not functions) that a walk of f's body
// visits, in the order it visits them.
std::vector<Visit> refs(const std::string &Code, Skip Policy) {
  auto AST = parse(Code);
  EXPECT_FALSE(AST->getASTContext().getDiagnostics().hasErrorOccurred());
  std::vector<Visit> Out;
  StmtWalker(Policy).walk(
      bodyOfF(*AST), [&](const Stmt *S, const WalkContext &Ctx) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
            Ref && isa<VarDecl>(Ref->getDecl()))
          Out.push_back({Ref->getDecl()->getNameAsString(), Ctx});
        return Walk::Into;
      });
  return Out;
}

std::vector<std::string> names(const std::vector<Visit> &Visits) {
  std::vector<std::string> Out;
  Out.reserve(Visits.size());
  for (const Visit &V : Visits)
    Out.push_back(V.Name);
  return Out;
}

using Names = std::vector<std::string>;

TEST(StmtWalkTest, VisitsEachStatementOnceInSourceOrder) {
  auto V = refs("void f(int a, int b, int c) { use(a); if (b) use(c); }",
                Skip::None);
  EXPECT_EQ(names(V), (Names{"a", "b", "c"}));
}

TEST(StmtWalkTest, LambdasAreVisitedButNotEnteredWhenSkipped) {
  const char *Code = "void f(int a, int b) { auto l = [a, &b] { use(a + b); };"
                     " }";
  auto Skipped = refs(Code, Skip::Lambdas);
  EXPECT_EQ(names(Skipped), (Names{}));
  // Entered: the captures where the lambda stands, then the body as a new
  // function.
  auto Entered = refs(Code, Skip::None);
  ASSERT_EQ(names(Entered), (Names{"a", "b", "a", "b"}));
  EXPECT_FALSE(Entered[0].Ctx.InLambda);
  EXPECT_FALSE(Entered[1].Ctx.InLambda);
  EXPECT_TRUE(Entered[2].Ctx.InLambda);
  EXPECT_TRUE(Entered[3].Ctx.InLambda);
}

TEST(StmtWalkTest, CatchHandlersAreMarkedOrSkipped) {
  const char *Code = "void f(int a, int b) { try { use(a); } catch (...) { "
                     "use(b); } }";
  auto Entered = refs(Code, Skip::None);
  ASSERT_EQ(names(Entered), (Names{"a", "b"}));
  EXPECT_FALSE(Entered[0].Ctx.InCatchHandler);
  EXPECT_TRUE(Entered[1].Ctx.InCatchHandler);
  EXPECT_EQ(names(refs(Code, Skip::CatchHandlers)), (Names{"a"}));
}

TEST(StmtWalkTest, LoopsAndSwitchesMarkTheirChildren) {
  auto V = refs("void f(int a, int b, int c) { while (a) { switch (b) { "
                "default: use(c); } } }",
                Skip::None);
  ASSERT_EQ(names(V), (Names{"a", "b", "c"}));
  EXPECT_TRUE(V[0].Ctx.InLoop); // the condition is the loop's
  EXPECT_FALSE(V[0].Ctx.InSwitch);
  EXPECT_TRUE(V[2].Ctx.InLoop && V[2].Ctx.InSwitch);
  EXPECT_EQ(names(refs("void f(int a, int b) { use(a); for (;;) use(b); }",
                       Skip::Loops)),
            (Names{"a"}));
}

TEST(StmtWalkTest, AwaitMachineryRepeatsTheOperand) {
  const char *Code = "task f(int a) { int r = co_await get(a); co_return r; }";
  // Without the flags the operand is met twice, once as the operand and
  // once inside the awaiter, and the co_return's promise call repeats its
  // operand and names the hidden promise.
  Names All = names(refs(Code, Skip::None));
  EXPECT_EQ(llvm::count(All, "a"), 2);
  EXPECT_EQ(llvm::count(All, "r"), 2);
  EXPECT_EQ(llvm::count(All, "__promise"), 1);
  EXPECT_EQ(names(refs(Code, Skip::AwaitMachinery)),
            (Names{"a", "r", "__promise", "r"}));
  EXPECT_EQ(names(refs(Code, walks::OwnCode)), (Names{"a", "r"}));
}

TEST(StmtWalkTest, ErrorExpressionsAreNeitherVisitedNorEntered) {
  // clang prints the error; the call to `use` becomes a RecoveryExpr.
  auto AST = parse("void f(int a, int b) { use(a); use(b, undeclared); }");
  EXPECT_TRUE(AST->getASTContext().getDiagnostics().hasErrorOccurred());
  unsigned Visited = 0;
  StmtWalker(Skip::ErrorExprs)
      .walk(bodyOfF(*AST), [&](const Stmt *S, const WalkContext &) {
        EXPECT_FALSE(isa<Expr>(S) && cast<Expr>(S)->containsErrors());
        Visited += isa<DeclRefExpr>(S);
        return Walk::Into;
      });
  EXPECT_EQ(Visited, 2u); // `use` and `a`
}

TEST(StmtWalkTest, OverSkipsChildrenAndStopEndsTheWalk) {
  auto AST = parse("void f(int a, int b, int c) { use(a); { use(b); } use(c);"
                   " }");
  const Stmt *Body = bodyOfF(*AST);
  auto Run = [&](StringRef StopAt) {
    Names Seen;
    bool Finished = StmtWalker(Skip::None)
                        .walk(Body, [&](const Stmt *S, const WalkContext &) {
                          if (isa<CompoundStmt>(S) && S != Body)
                            return Walk::Over;
                          if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
                            if (Ref->getDecl()->getName() != "use")
                              Seen.push_back(Ref->getDecl()->getNameAsString());
                            if (Ref->getDecl()->getName() == StopAt)
                              return Walk::Stop;
                          }
                          return Walk::Into;
                        });
    return std::make_pair(Finished, Seen);
  };
  EXPECT_EQ(Run(""), std::make_pair(true, Names{"a", "c"}));
  EXPECT_EQ(Run("a"), std::make_pair(false, Names{"a"}));
}

TEST(StmtWalkTest, ALambdaBodyEnteredByTheVisitorComesAfterTheSubtree) {
  auto AST =
      parse("template <class F> void run(F, int) {} void f(int a, int b, "
            "int c) { run([&] { use(b); }, a); use(c); }");
  std::vector<Visit> Seen;
  StmtWalker Walker(Skip::Lambdas);
  Walker.walk(bodyOfF(*AST), [&](const Stmt *S, const WalkContext &Ctx) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      for (const Expr *Arg : Call->arguments())
        if (const auto *L = dyn_cast<LambdaExpr>(Arg->IgnoreImplicit()))
          Walker.enterLambdaBody(L);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && isa<VarDecl>(Ref->getDecl()))
      Seen.push_back({Ref->getDecl()->getNameAsString(), Ctx});
    return Walk::Into;
  });
  // `a` (run's own argument), then the body (after run's subtree, before
  // the next statement), then `c`.
  ASSERT_EQ(names(Seen), (Names{"a", "b", "c"}));
  EXPECT_FALSE(Seen[0].Ctx.InLambda);
  EXPECT_TRUE(Seen[1].Ctx.InLambda);
  EXPECT_FALSE(Seen[2].Ctx.InLambda);
}

TEST(StmtWalkTest, DeepNestingDoesNotExhaustTheStack) {
  // A left-leaning chain of 20000 additions: an AST 20000 levels deep.
  std::string Sum = "a";
  for (int I = 0; I < 20000; ++I)
    Sum += " + a";
  auto AST = parse("void f(int a) { use(" + Sum + "); }");
  unsigned Refs = 0;
  forEachStmt(bodyOfF(*AST), walks::OwnCode,
              [&](const Stmt *S) { Refs += isa<DeclRefExpr>(S); });
  EXPECT_EQ(Refs, 20002u); // the additions' operands and `use`
}

TEST(UnitAnalysisTest, OneAnalysisPerUnitForgottenWithTheUnit) {
  unsigned Before = UnitAnalysis::liveCount();
  {
    auto A = parse("void f() {}");
    auto B = parse("void f() {}");
    UnitAnalysis &UA = UnitAnalysis::of(A->getASTContext());
    EXPECT_EQ(&UA, &UnitAnalysis::of(A->getASTContext()));
    EXPECT_NE(&UA, &UnitAnalysis::of(B->getASTContext()));
    EXPECT_EQ(UnitAnalysis::liveCount(), Before + 2);
  }
  // Destroying an ASTContext removes its analysis, so a unit allocated at
  // the same address later starts afresh.
  EXPECT_EQ(UnitAnalysis::liveCount(), Before);
}

TEST(UnitAnalysisTest, ChecksConfiguredAlikeShareAClassifier) {
  auto AST = parse("struct plain {}; void f() {}");
  UnitAnalysis &UA = UnitAnalysis::of(AST->getASTContext());
  AwaitableNames None;
  AwaitableNames Plain({"::plain"}, {});
  AwaitableNames PlainAgain({"plain"}, {});
  AwaitableNames IgnoreTask({}, {"task"});
  EXPECT_EQ(&UA.awaitables(None), &UA.awaitables());
  EXPECT_EQ(&UA.awaitables(Plain), &UA.awaitables(PlainAgain));
  EXPECT_NE(&UA.awaitables(Plain), &UA.awaitables());
  EXPECT_NE(&UA.awaitables(Plain), &UA.awaitables(IgnoreTask));

  ASTContext &Ctx = AST->getASTContext();
  auto TypeOf = [&](StringRef Name) {
    auto Found = match(cxxRecordDecl(hasName(Name)).bind("r"), Ctx);
    return Ctx.getCanonicalTagType(Found.front().getNodeAs<CXXRecordDecl>("r"));
  };
  EXPECT_TRUE(UA.awaitables().isTask(TypeOf("task")));
  EXPECT_FALSE(UA.awaitables().isAwaitable(TypeOf("plain")));
  EXPECT_TRUE(UA.awaitables(Plain).isAwaitable(TypeOf("plain")));
  EXPECT_FALSE(UA.awaitables(IgnoreTask).isAwaitable(TypeOf("task")));
}

TEST(UnitAnalysisTest, UnitsOnThreadsGetTheirOwnAnalysis) {
  unsigned Before = UnitAnalysis::liveCount();
  constexpr int Threads = 4;
  std::vector<int> Correct(Threads, 0);
  std::vector<std::thread> Pool;
  Pool.reserve(Threads);
  for (int T = 0; T < Threads; ++T)
    Pool.emplace_back([T, &Correct] {
      for (int Round = 0; Round < 3; ++Round) {
        // Each unit has its own `thing`: awaitable in even threads only.
        auto AST = parse(T % 2 ? "struct thing {}; void f() {}"
                               : "struct thing { bool await_ready(); void "
                                 "await_suspend(std::coroutine_handle<>); "
                                 "void await_resume(); }; void f() {}");
        ASTContext &Ctx = AST->getASTContext();
        auto Found = match(cxxRecordDecl(hasName("thing")).bind("r"), Ctx);
        QualType Thing = Ctx.getCanonicalTagType(
            Found.front().getNodeAs<CXXRecordDecl>("r"));
        bool Awaitable = UnitAnalysis::of(Ctx).awaitables().isAwaitable(Thing);
        Correct[T] += Awaitable == (T % 2 == 0);
      }
    });
  for (std::thread &Th : Pool)
    Th.join();
  for (int T = 0; T < Threads; ++T)
    EXPECT_EQ(Correct[T], 3) << "thread " << T;
  EXPECT_EQ(UnitAnalysis::liveCount(), Before);
}

} // namespace

namespace {

constexpr const char *AwaitShapes = R"cpp(
struct awaiter {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  int await_resume();
};
struct rvalue_only { awaiter operator co_await() &&; };
struct by_free {};
awaiter operator co_await(by_free);
struct plain {};
struct strict_promise { awaiter await_transform(awaiter); };
struct deleting_promise {
  void await_transform(rvalue_only) = delete;
  awaiter await_transform(awaiter);
};
struct generic_promise { template <class A> A await_transform(A); };
struct generator_promise {
  template <class U> awaiter await_transform(U &&) = delete;
};
template <class T> struct lazy {
  struct resume_with {
    bool await_ready();
    void await_suspend(std::coroutine_handle<>);
    T await_resume();
  };
  resume_with operator co_await();
};
lazy<long> make_lazy();
)cpp";

const CXXRecordDecl *recordNamed(ASTContext &Ctx, StringRef Name) {
  auto Found =
      match(cxxRecordDecl(hasName(Name), isDefinition()).bind("r"), Ctx);
  EXPECT_FALSE(Found.empty()) << Name.str();
  return Found.empty() ? nullptr : Found.front().getNodeAs<CXXRecordDecl>("r");
}

} // namespace

TEST(AwaitableTest, CanAwaitInFollowsAwaitTransformAndValueCategory) {
  auto AST = parse(std::string(AwaitShapes) + "void f() {}");
  ASTContext &Ctx = AST->getASTContext();
  AwaitableClassifier &C = UnitAnalysis::of(Ctx).awaitables();
  auto Type = [&](StringRef Name) {
    return Ctx.getCanonicalTagType(recordNamed(Ctx, Name));
  };
  const CXXRecordDecl *Strict = recordNamed(Ctx, "strict_promise");
  const CXXRecordDecl *Deleting = recordNamed(Ctx, "deleting_promise");
  const CXXRecordDecl *Generic = recordNamed(Ctx, "generic_promise");
  using Answer = std::optional<bool>;
  // No await_transform: the type's own structure, and the value category.
  EXPECT_EQ(C.canAwaitIn(Type("awaiter"), true, nullptr), Answer(true));
  EXPECT_EQ(C.canAwaitIn(Type("rvalue_only"), false, nullptr), Answer(true));
  EXPECT_EQ(C.canAwaitIn(Type("rvalue_only"), true, nullptr), Answer(false));
  EXPECT_EQ(C.canAwaitIn(Type("by_free"), true, nullptr), std::nullopt);
  EXPECT_EQ(C.canAwaitIn(Type("by_free"), false, nullptr), Answer(true));
  EXPECT_EQ(C.canAwaitIn(Type("plain"), false, nullptr), Answer(false));
  // With await_transform, its overloads decide.
  EXPECT_EQ(C.canAwaitIn(Type("awaiter"), false, Strict), Answer(true));
  EXPECT_EQ(C.canAwaitIn(Type("rvalue_only"), false, Strict), Answer(false));
  EXPECT_EQ(C.canAwaitIn(Type("rvalue_only"), false, Deleting), Answer(false));
  EXPECT_EQ(C.canAwaitIn(Type("awaiter"), false, Generic), std::nullopt);
  EXPECT_EQ(C.canAwaitIn(Type("awaiter"), false,
                         recordNamed(Ctx, "generator_promise")),
            Answer(false));
}

TEST(AwaitableTest, AwaitResultTypeReadsTheAwaiter) {
  auto AST = parse(std::string(AwaitShapes) + "void f() {}");
  ASTContext &Ctx = AST->getASTContext();
  AwaitableClassifier &C = UnitAnalysis::of(Ctx).awaitables();
  QualType Int =
      C.awaitResultType(Ctx.getCanonicalTagType(recordNamed(Ctx, "awaiter")));
  ASSERT_FALSE(Int.isNull());
  EXPECT_TRUE(Int->isSpecificBuiltinType(BuiltinType::Int));
  // Through operator co_await, in a specialization never instantiated: the
  // pattern's `T await_resume()` with T read from lazy<long>.
  auto Make = match(functionDecl(hasName("make_lazy")).bind("f"), Ctx);
  ASSERT_EQ(Make.size(), 1u);
  QualType Long = C.awaitResultType(
      Make.front().getNodeAs<FunctionDecl>("f")->getReturnType());
  ASSERT_FALSE(Long.isNull());
  EXPECT_TRUE(Long->isSpecificBuiltinType(BuiltinType::Long));
  EXPECT_TRUE(
      C.awaitResultType(Ctx.getCanonicalTagType(recordNamed(Ctx, "plain")))
          .isNull());
}

TEST(AnnotationsTest, AnyRedeclarationAndThePatternCount) {
  auto AST = parse(R"cpp(
    void later();
    __attribute__((annotate("asynclint::blocking"))) void later();
    void plain();
    template <class T> __attribute__((annotate("asynclint::blocking"))) void tmpl(T);
    template <class T> struct __attribute__((annotate("asynclint::detached"))) kept {};
    void f() { later(); plain(); tmpl(1); kept<int> k; (void)k; }
  )cpp");
  ASTContext &Ctx = AST->getASTContext();
  auto Callee = [&](StringRef Name) -> const Decl * {
    auto Found =
        match(callExpr(callee(functionDecl(hasName(Name)).bind("d"))), Ctx);
    return Found.empty() ? nullptr : Found.front().getNodeAs<Decl>("d");
  };
  const Decl *Later = Callee("later");
  ASSERT_NE(Later, nullptr);
  // Found from the first declaration too, and reported where it is written.
  const Decl *First = Later->getCanonicalDecl();
  const Decl *Annotated = findAnnotated(First, annotations::Blocking);
  ASSERT_NE(Annotated, nullptr);
  EXPECT_NE(Annotated, First);
  EXPECT_FALSE(hasAnnotation(Later, annotations::NonBlocking));
  EXPECT_FALSE(hasAnnotation(Callee("plain"), annotations::Blocking));
  EXPECT_TRUE(hasAnnotation(Callee("tmpl"), annotations::Blocking));
  auto Spec =
      match(classTemplateSpecializationDecl(hasName("kept")).bind("s"), Ctx);
  ASSERT_EQ(Spec.size(), 1u);
  EXPECT_TRUE(
      hasAnnotation(Spec.front().getNodeAs<Decl>("s"), annotations::Detached));
}

// The calls clang writes into a coroutine (on the awaiter, on the promise,
// to the coroutine builtins) are machinery; every call the user wrote is
// not, a hand-written await_ready() on a task or a call in a range-for's
// body included.
TEST(MatchersTest, CoroutineMachineryIsOnlyWhatClangWrote) {
  auto AST = parse(R"cpp(
    struct list { int *begin(); int *end(); };
    task f(task t, int a, list l) {
      int r = co_await get(a);
      use(r);
      t.await_ready();
      for (int x : l) use(x);
      co_return r;
    }
  )cpp");
  ASSERT_FALSE(AST->getASTContext().getDiagnostics().hasErrorOccurred());
  auto Calls =
      match(callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c"),
            AST->getASTContext());
  std::set<std::string> Spelled, Machinery;
  for (const BoundNodes &B : Calls) {
    const auto *C = B.getNodeAs<CallExpr>("c");
    const auto *Callee = dyn_cast_or_null<NamedDecl>(C->getCalleeDecl());
    std::string Name = Callee ? Callee->getNameAsString() : "?";
    (matchers::isCoroutineMachinery(*C) ? Machinery : Spelled).insert(Name);
  }
  EXPECT_EQ(Spelled, (std::set<std::string>{"get", "use", "await_ready"}));
  for (const char *Name :
       {"await_ready", "await_suspend", "await_resume", "initial_suspend",
        "final_suspend", "get_return_object", "return_value", "begin", "end",
        "__builtin_coro_frame"})
    EXPECT_TRUE(Machinery.contains(Name)) << Name;
}
