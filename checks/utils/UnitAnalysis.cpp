//===--- UnitAnalysis.cpp - asynclint -------------------------------------===//

#include "UnitAnalysis.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Hashing.h"
#include <mutex>

namespace clang::tidy::async::utils {
namespace {

struct Registry {
  std::mutex Lock;
  llvm::DenseMap<const ASTContext *, std::unique_ptr<UnitAnalysis>> Units;
};

Registry &registry() {
  // Never destroyed: an ASTContext destroyed during exit, after static
  // destructors have run, must still find it.
  static auto *R = new Registry;
  return *R;
}

// Called by ~ASTContext (ASTContext::AddDeallocation), on the thread that
// destroys it.
void forget(void *Ctx) {
  std::unique_ptr<UnitAnalysis> Dead; // destroyed after the lock is released
  Registry &R = registry();
  std::scoped_lock Guard(R.Lock);
  auto It = R.Units.find(static_cast<const ASTContext *>(Ctx));
  if (It == R.Units.end())
    return;
  Dead = std::move(It->second);
  R.Units.erase(It);
}

} // namespace

UnitAnalysis &UnitAnalysis::of(ASTContext &Ctx) {
  Registry &R = registry();
  std::scoped_lock Guard(R.Lock);
  std::unique_ptr<UnitAnalysis> &Slot = R.Units[&Ctx];
  if (!Slot) {
    Slot.reset(new UnitAnalysis());
    Ctx.AddDeallocation(forget, &Ctx);
  }
  return *Slot;
}

AwaitableClassifier &UnitAnalysis::awaitables(const AwaitableNames &Names) {
  if (Names.key().empty())
    return Structural;
  std::unique_ptr<AwaitableClassifier> &Slot = Named[Names.key()];
  if (!Slot)
    Slot = std::make_unique<AwaitableClassifier>(Names);
  return *Slot;
}

const std::vector<const Expr *> &
UnitAnalysis::decltypeOperands(const ASTContext &Ctx) {
  if (Decltypes)
    return *Decltypes;
  Decltypes.emplace();
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Type *T : Ctx.getTypes())
    if (const auto *Decltype = dyn_cast<DecltypeType>(T))
      if (const Expr *E = Decltype->getUnderlyingExpr();
          E && !SM.isInSystemHeader(SM.getExpansionLoc(E->getBeginLoc())))
        Decltypes->push_back(E);
  return *Decltypes;
}

unsigned UnitAnalysis::liveCount() {
  Registry &R = registry();
  std::scoped_lock Guard(R.Lock);
  return R.Units.size();
}

bool UnitAnalysis::firstMatch(const void *Check,
                              const ast_matchers::BoundNodes &Nodes) {
  std::vector<std::pair<size_t, const void *>> Key;
  Key.emplace_back(0, Check);
  for (const auto &[Name, Node] : Nodes.getMap()) {
    const void *Identity = Node.getMemoizationData();
    if (!Identity) // a node without identity (a type): cannot tell
      return true;
    Key.emplace_back(llvm::hash_value(Name), Identity);
  }
  return Matches.insert(std::move(Key)).second;
}

} // namespace clang::tidy::async::utils
