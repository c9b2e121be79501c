#!/bin/sh
# The sanitized builds, and their tests:
# - the aio runtime tests on their own under AddressSanitizer +
#   UndefinedBehaviorSanitizer, and under ThreadSanitizer (for to_thread's
#   cross-thread hand-off, event::set from other threads and their stress
#   tests), in build-address-undefined and build-thread;
# - asynclint's own code (checks, driver, unit tests; no asynclint-clangd)
#   under ASan+UBSan (ASYNCLINT_SANITIZE), in build-tools-address-undefined:
#   the whole lit corpus through the driver (test/clangd/ unsupported), the
#   unit tests, and no sanitizer report from any process (DEVELOPERS.md).
# $SANITIZE_BUILD_PREFIX replaces "build" in these names.
set -eu
cd "$(dirname "$0")/.."
prefix="${SANITIZE_BUILD_PREFIX:-build}"
cxx=/usr/lib/llvm-22/bin/clang++
for san in address,undefined thread; do
  dir="$prefix-$(echo "$san" | tr ',' '-')"
  cmake -S runtime -B "$dir" -G Ninja -DAIO_SANITIZE="$san" \
    -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
  cmake --build "$dir"
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
done
dir="$prefix-tools-address-undefined"
cmake -S . -B "$dir" -G Ninja -DASYNCLINT_SANITIZE=address,undefined \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang \
  >/dev/null
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
