// Tests of checks/utils/DefUse: the def/use and control facts the ordering
// checks rely on, each on a small function whose statements are examined
// one by one.

#include "utils/DefUse.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::async::utils;

namespace {

// A small coroutine type and a few declarations the snippets use.
constexpr const char *Prelude = R"cpp(
#include <coroutine>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};
// Its result is at hand: an await of it never suspends.
struct ready_value {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 0; }
};
ready_value ready();
struct session {
  task get(int url);
  task insert(int row);
  task last_id();
  int size() const;
  void reset();
};
void by_ref(int &out);
void by_const_ref(const int &in);
void by_ptr(int *out);
int pure(int v);
int touch(int &v);
void fill_span(std::span<int> out);
void sum_span(std::span<const int> in);
void opaque();
int g_counter;
void set_counter(int v) { g_counter = v; }
void helper_sets_counter() { set_counter(1); }
void local_only(int v) { int w = v; w += 1; std::printf("%d", w); }
)cpp";

class DefUseTest : public ::testing::Test {
protected:
  // Parses the prelude plus \p Code and returns the statements of the body
  // of function `f`.
  std::vector<const Stmt *> body(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++20"});
    EXPECT_FALSE(AST->getASTContext().getDiagnostics().hasErrorOccurred());
    auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                       AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u);
    const auto *F = Found.front().getNodeAs<FunctionDecl>("f");
    const Stmt *Body = F->getBody();
    if (const auto *Coro = dyn_cast<CoroutineBodyStmt>(Body))
      Body = Coro->getBody();
    const auto *Block = cast<CompoundStmt>(Body);
    return {Block->body_begin(), Block->body_end()};
  }

  static std::set<std::string> names(const DeclSet &Set) {
    std::set<std::string> Out;
    for (const ValueDecl *D : Set)
      Out.insert(D->getNameAsString());
    return Out;
  }
  using Names = std::set<std::string>;

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(DefUseTest, AssignmentWritesItsTargetAndReadsTheRest) {
  auto S = body("void f(int x, int y) { x = y + 1; }");
  Effects E = effectsOf(S[0]);
  EXPECT_EQ(names(E.MayWrite), (Names{"x"}));
  EXPECT_TRUE(E.Reads.size() >= 1 && names(E.Reads).count("y"));
}

TEST_F(DefUseTest, ElementWriteWritesTheArrayNotTheIndex) {
  auto S = body("void f(int i) { int a[4]; a[i] = 0; std::vector<int> v(4); "
                "v[i] = 1; }");
  EXPECT_EQ(names(effectsOf(S[1]).MayWrite), (Names{"a"}));
  EXPECT_EQ(names(effectsOf(S[3]).MayWrite), (Names{"v"}));
}

TEST_F(DefUseTest, MemberCallsWriteTheirObjectUnlessConst) {
  auto S = body("void f(std::vector<int> v, session s, int x) { v.push_back(x);"
                " s.size(); s.reset(); }");
  EXPECT_EQ(names(effectsOf(S[0]).MayWrite), (Names{"v"}));
  EXPECT_TRUE(effectsOf(S[1]).MayWrite.empty());
  EXPECT_EQ(names(effectsOf(S[2]).MayWrite), (Names{"s"}));
}

TEST_F(DefUseTest, OutParametersAreWrittenConstReferencesAreNot) {
  auto S = body("void f(int x) { by_ref(x); by_const_ref(x); by_ptr(&x); "
                "pure(x); }");
  EXPECT_EQ(names(effectsOf(S[0]).MayWrite), (Names{"x"}));
  EXPECT_TRUE(effectsOf(S[1]).MayWrite.empty());
  EXPECT_EQ(names(effectsOf(S[2]).MayWrite), (Names{"x"}));
  EXPECT_TRUE(effectsOf(S[3]).MayWrite.empty());
}

TEST_F(DefUseTest, TemporariesBoundToReferencesWriteNothing) {
  auto S = body("void f(std::vector<int> v, int i) { v.push_back(pure(i)); }");
  EXPECT_EQ(names(effectsOf(S[0]).MayWrite), (Names{"v"}));
}

TEST_F(DefUseTest, AnAwaitedCallReadsItsObject) {
  auto S = body("task f(session s, int u) { int a = co_await s.get(u); "
                "s.get(u); }");
  StatementFacts Awaited = factsOf(S[0]);
  EXPECT_TRUE(Awaited.Suspends);
  EXPECT_EQ(names(Awaited.Effects.Reads), (Names{"s", "u"}));
  EXPECT_TRUE(Awaited.Effects.MayWrite.empty());
  EXPECT_EQ(names(Awaited.Declares), (Names{"a"}));
  // The same call not awaited is an ordinary non-const member call.
  EXPECT_EQ(names(effectsOf(S[1]).MayWrite), (Names{"s"}));
}

TEST_F(DefUseTest, AnAwaitThatResumesAtOnceDoesNotSuspend) {
  auto S = body("task f() { int a = co_await ready(); }");
  EXPECT_FALSE(factsOf(S[0]).Suspends);
}

TEST_F(DefUseTest, DeclarationsIncludeStructuredBindings) {
  auto S = body("struct P { int a, b; }; void f(P p) { int x = 1, y = 2; "
                "auto [m, n] = p; }");
  EXPECT_EQ(names(factsOf(S[0]).Declares), (Names{"x", "y"}));
  Names Bound = names(factsOf(S[1]).Declares);
  EXPECT_TRUE(Bound.count("m") && Bound.count("n"));
}

TEST_F(DefUseTest, BreakAndContinueBelongToTheInnermostLoopOrSwitch) {
  auto S = body(R"cpp(void f(int n) {
    for (;;) { if (n) break; }
    switch (n) { case 1: break; }
    while (n) { continue; }
    { if (n) return; }
  })cpp");
  // The loops own their break and continue: nothing leaves f's block.
  EXPECT_FALSE(factsOf(S[0]).leavesBlock());
  EXPECT_FALSE(factsOf(S[1]).leavesBlock());
  EXPECT_FALSE(factsOf(S[2]).leavesBlock());
  EXPECT_TRUE(factsOf(S[3]).Returns);
}

TEST_F(DefUseTest, BreakInsideALoopBodyLeavesIt) {
  auto S = body(R"cpp(void f(int n) {
    for (;;) { if (n) break; if (n > 1) continue; }
  })cpp");
  const Stmt *LoopBody = cast<ForStmt>(S[0])->getBody();
  StatementFacts F = factsOf(LoopBody);
  EXPECT_TRUE(F.Breaks);
  EXPECT_TRUE(F.Continues);
  EXPECT_FALSE(F.Returns);
}

TEST_F(DefUseTest, ControlInsideALambdaIsTheLambdas) {
  auto S = body(R"cpp(void f(int n) {
    auto g = [&] { if (n) return 1; n = 2; return 0; };
  })cpp");
  StatementFacts F = factsOf(S[0]);
  EXPECT_FALSE(F.Returns);
  // Effects still count: a by-reference capture written in the body.
  EXPECT_TRUE(names(F.Effects.MayWrite).count("n"));
}

TEST_F(DefUseTest, ThrowAndCoReturnReturn) {
  auto S = body("task f(int n) { if (n) throw 1; if (n > 1) co_return; }");
  EXPECT_TRUE(factsOf(S[0]).Returns);
  EXPECT_TRUE(factsOf(S[1]).Returns);
}

TEST_F(DefUseTest, ACoReturnedCaptureMayBeWrittenByThePromise) {
  // return_value takes the value by forwarding reference: `co_return n`
  // hands it a non-const reference to the captured n. This is why the
  // effects walk (walks::Effects) enters co_return's promise call.
  auto S = body(R"cpp(struct rtask {
    struct promise_type {
      rtask get_return_object();
      std::suspend_never initial_suspend() noexcept;
      std::suspend_never final_suspend() noexcept;
      template <class T> void return_value(T &&);
      void unhandled_exception();
    };
  };
  void f(int n) { auto l = [&]() -> rtask { co_return n; }; })cpp");
  EXPECT_TRUE(names(factsOf(S[0]).Effects.MayWrite).count("n"));
}

TEST_F(DefUseTest, ConflictsNeedAWrite) {
  auto S = body("void f(int x, int y) { pure(x); pure(x); x = 1; y = pure(2);"
                " }");
  Effects ReadX = effectsOf(S[0]), ReadX2 = effectsOf(S[1]);
  Effects WriteX = effectsOf(S[2]), WriteY = effectsOf(S[3]);
  EXPECT_FALSE(ReadX.conflictsWith(ReadX2)); // read/read
  EXPECT_TRUE(ReadX.conflictsWith(WriteX));  // read/write
  EXPECT_TRUE(WriteX.conflictsWith(ReadX));  // write/read
  EXPECT_TRUE(WriteX.conflictsWith(WriteX)); // write/write
  EXPECT_FALSE(WriteX.conflictsWith(WriteY));
  Effects Merged = ReadX;
  Merged.merge(WriteY);
  EXPECT_TRUE(Merged.conflictsWith(WriteY));
}

// Aliasing: each of these is a dependence a name-based analysis misses.

TEST_F(DefUseTest, StructuredBindingsAliasTheirObject) {
  auto S = body("struct P { int a, b; }; void f(P p) { auto &[m, n] = p; "
                "m = 1; pure(p.b); }");
  // Writing m writes p (the bindings name p's members).
  EXPECT_TRUE(names(effectsOf(S[1]).MayWrite).count("p"));
  EXPECT_TRUE(effectsOf(S[1]).conflictsWith(effectsOf(S[2])));
}

TEST_F(DefUseTest, MembersOfThisAreTracked) {
  auto S = body(R"cpp(struct C {
    int m = 0, n = 0;
    void reset();
    int size() const;
    task get(int k);
    task f();
  };
  task C::f() { m = 1; reset(); int a = co_await get(n); size(); })cpp");
  Effects WriteM = effectsOf(S[0]), Reset = effectsOf(S[1]);
  Effects Await = effectsOf(S[2]), Size = effectsOf(S[3]);
  EXPECT_EQ(names(WriteM.MayWrite), (Names{"m"}));
  // A non-const member function may change any member.
  EXPECT_TRUE(names(Reset.MayWrite).count("m") &&
              names(Reset.MayWrite).count("n"));
  // An awaited member call reads the object, members included.
  EXPECT_TRUE(names(Await.Reads).count("m") && names(Await.Reads).count("n"));
  EXPECT_TRUE(WriteM.conflictsWith(Await));
  EXPECT_TRUE(Reset.conflictsWith(Await));
  EXPECT_TRUE(Size.MayWrite.empty());
}

TEST_F(DefUseTest, WritesThroughReferencesAndPointersWriteTheirTarget) {
  auto S = body("void f(int x) { int &r = x; int *p = &x; r = 1; *p = 2; "
                "pure(x); }");
  EXPECT_TRUE(names(effectsOf(S[2]).MayWrite).count("x"));
  EXPECT_TRUE(names(effectsOf(S[3]).MayWrite).count("x"));
  EXPECT_TRUE(effectsOf(S[2]).conflictsWith(effectsOf(S[4])));
  EXPECT_TRUE(effectsOf(S[3]).conflictsWith(effectsOf(S[4])));
}

TEST_F(DefUseTest, ViewsAliasTheirBuffer) {
  auto S = body(R"cpp(void f(std::vector<int> v, std::string s) {
    std::span<int> sp(v);
    std::string_view sv = s;
    sp[0] = 1;
    s += "x";
    pure(static_cast<int>(sv.size()));
    fill_span(v);
    sum_span(v);
  })cpp");
  EXPECT_TRUE(names(effectsOf(S[2]).MayWrite).count("v"));
  EXPECT_TRUE(effectsOf(S[3]).conflictsWith(effectsOf(S[4])));
  // A span of non-const elements passed by value is written through.
  EXPECT_TRUE(names(effectsOf(S[5]).MayWrite).count("v"));
  EXPECT_TRUE(effectsOf(S[6]).MayWrite.empty());
}

TEST_F(DefUseTest, CallingAReferenceCapturingLambdaWritesItsCaptures) {
  auto S = body("void f(int n) { auto bump = [&] { ++n; }; bump(); pure(n);"
                " }");
  EXPECT_TRUE(names(effectsOf(S[1]).MayWrite).count("n"));
  EXPECT_TRUE(effectsOf(S[1]).conflictsWith(effectsOf(S[2])));
}

TEST_F(DefUseTest, CallsThatMayWriteGlobalState) {
  auto S = body(R"cpp(void f(int x) {
    set_counter(x);
    helper_sets_counter();
    opaque();
    local_only(x);
    std::printf("%d", x);
    pure(x);
    g_counter = x;
  })cpp");
  // Seen through the callee's body (and its callees').
  EXPECT_TRUE(names(effectsOf(S[0]).MayWrite).count("g_counter"));
  EXPECT_TRUE(names(effectsOf(S[1]).MayWrite).count("g_counter"));
  EXPECT_TRUE(factsOf(S[0]).WritesGlobalState);
  EXPECT_TRUE(factsOf(S[1]).WritesGlobalState);
  // No body to read: it may write anything.
  EXPECT_TRUE(factsOf(S[2]).WritesGlobalState);
  // Only locals, and output.
  EXPECT_FALSE(factsOf(S[3]).WritesGlobalState);
  EXPECT_FALSE(factsOf(S[4]).WritesGlobalState);
  // A declared function whose body is not in the unit: unknown, so it may.
  EXPECT_TRUE(factsOf(S[5]).WritesGlobalState);
  // A global written by the statement itself.
  EXPECT_TRUE(factsOf(S[6]).WritesGlobalState);
}

TEST_F(DefUseTest, AwaitsOnOneStatefulObject) {
  auto S = body("task f(session s) { int a = co_await s.insert(1); "
                "int b = co_await s.last_id(); int c = co_await s.get(2); }");
  // insert changes the session; last_id reads it: dependent.
  EXPECT_TRUE(names(effectsOf(S[0]).MayWrite).count("s"));
  EXPECT_TRUE(effectsOf(S[0]).conflictsWith(effectsOf(S[1])));
  // A read-named method (get, fetch, ...) only reads its object.
  EXPECT_TRUE(effectsOf(S[2]).MayWrite.empty() ||
              !names(effectsOf(S[2]).MayWrite).count("s"));
}

TEST_F(DefUseTest, UnevaluatedOperandsAreNotEvaluated) {
  auto S = body("void f(int x) { (void)sizeof(touch(x)); "
                "(void)noexcept(opaque()); decltype(touch(x)) y = 0; }");
  EXPECT_TRUE(effectsOf(S[0]).MayWrite.empty());
  EXPECT_FALSE(factsOf(S[1]).WritesGlobalState);
  EXPECT_FALSE(names(effectsOf(S[2]).MayWrite).count("x"));
}

} // namespace
