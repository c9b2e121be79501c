//===--- AwaitOrdering.cpp - asynclint ------------------------------------===//

#include "AwaitOrdering.h"
#include "DefUse.h"
#include "UnitAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::async::utils {

AwaitOrdering::AwaitOrdering(ClangTidyCheck::OptionsView &Options)
    : GatherFunction(Options.get("GatherFunction", "")),
      IgnoredFunctions(tidy::utils::options::parseStringList(
          Options.get("IgnoredFunctions", ""))),
      OrderedFunctions(tidy::utils::options::parseStringList(
          Options.get("OrderedFunctions", DefaultOrderedFunctions))),
      Ignored(IgnoredFunctions), Ordered(OrderedFunctions) {}

void AwaitOrdering::storeOptions(ClangTidyCheck::OptionsView &Options,
                                 ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "GatherFunction", GatherFunction);
  Options.store(Opts, "IgnoredFunctions",
                tidy::utils::options::serializeStringList(IgnoredFunctions));
  Options.store(Opts, "OrderedFunctions",
                tidy::utils::options::serializeStringList(OrderedFunctions));
}

AwaitOrdering::Kind AwaitOrdering::classify(const CallExpr *Call) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  if (!Callee)
    return Kind::Ordered;
  UnitAnalysis &Unit = UnitAnalysis::of(Callee->getASTContext());
  const std::string &Name = Unit.names().get(Callee);
  if (Ignored.matches(Name))
    return Kind::Ignored;
  if (Ordered.matches(Name) || Unit.awaitables().isCombinator(Call))
    return Kind::Ordered;
  return Kind::Independent;
}

} // namespace clang::tidy::async::utils
