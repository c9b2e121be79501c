//===--- AsyncChecksDefault.cpp - asynclint-clangd ------------------------===//

#include "AsyncChecksDefault.h"
#include <cstdlib>

namespace asynclint {

bool inSafeMode() { return std::getenv(SafeModeVariable) != nullptr; }

std::string withAsyncChecks(llvm::StringRef Checks, bool SafeMode) {
  std::string Out = "async-*";
  if (!Checks.empty())
    Out += "," + Checks.str();
  if (SafeMode)
    Out += ",-async-*";
  return Out;
}

} // namespace asynclint
