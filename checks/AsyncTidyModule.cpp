//===--- AsyncTidyModule.cpp - asynclint ----------------------------------===//
//
// The clang-tidy module `async`: registered by static initialisation, both
// when clang-tidy-22 loads libasynclint.so with -load and when the asynclint
// driver links the same objects.
//
//===----------------------------------------------------------------------===//

#include "AwaitInLoopCheck.h"
#include "BlockingCallCheck.h"
#include "DanglingReferenceCheck.h"
#include "SequentialAwaitsCheck.h"
#include "UnawaitedTaskCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <string>

namespace clang::tidy::async {

namespace {

// The plugin is built against one clang-tidy ABI. Loaded into another minor
// version it could crash in the middle of a run, so it registers no check
// there and says why; the host then reports the checks as unknown or
// disabled with its own error. (A different major version cannot get this
// far: its libclang-cpp has another soname and dlopen fails before any of
// our code runs.)
bool hostVersionMatches() {
  // The host's version comes from its libclang-cpp at run time; ours was
  // fixed when this file was compiled.
  std::string Host = clang::getClangFullVersion();
  std::string Want = std::to_string(CLANG_VERSION_MAJOR) + "." +
                     std::to_string(CLANG_VERSION_MINOR) + ".";
  if (Host.find(" " + Want) != std::string::npos)
    return true;
  // addCheckFactories runs more than once per process (listing checks,
  // creating them for each unit); say it once.
  static std::once_flag Reported;
  std::call_once(Reported, [&] {
    llvm::errs() << "error: asynclint was built for clang-tidy "
                 << CLANG_VERSION_STRING << " but is loaded into '" << Host
                 << "'; the async-* checks are not registered: rebuild "
                    "asynclint against this clang-tidy\n";
  });
  return false;
}

} // namespace

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    if (!hostVersionMatches())
      return;
    CheckFactories.registerCheck<BlockingCallCheck>("async-blocking-call");
    CheckFactories.registerCheck<UnawaitedTaskCheck>("async-unawaited-task");
    CheckFactories.registerCheck<SequentialAwaitsCheck>(
        "async-sequential-awaits");
    CheckFactories.registerCheck<AwaitInLoopCheck>("async-await-in-loop");
    CheckFactories.registerCheck<DanglingReferenceCheck>(
        "async-dangling-reference");
  }
};

} // namespace clang::tidy::async

namespace clang::tidy {

// Register the module with clang-tidy's registry (upstream's pattern).
static ClangTidyModuleRegistry::Add<async::AsyncModule>
    X( // NOLINT(bugprone-throwing-static-initialization)
        "async-module", "Adds checks for misuse of C++20 coroutines.");

} // namespace clang::tidy
