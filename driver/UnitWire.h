//===--- UnitWire.h - asynclint driver --------------------------*- C++ -*-===//
//
// One unit's result as bytes, from a lint worker process to the driver and
// into the result cache: every field of its clang-tidy errors, whether it
// parsed, and the files it read.
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
