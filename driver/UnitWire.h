//===--- UnitWire.h - asynclint driver --------------------------*- C++ -*-===//
//
// One unit's result as bytes, from a lint worker process to the driver:
// clang-tidy's own diagnostics YAML (the --export-fixes format) plus the
// two facts it does not carry.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_UNITWIRE_H
#define ASYNCLINT_DRIVER_UNITWIRE_H

#include "Lint.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace asynclint {

std::string encodeUnit(const UnitResult &R);

/// False when \p Bytes is not an encoded unit.
bool decodeUnit(llvm::StringRef Bytes, UnitResult &R);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_UNITWIRE_H
