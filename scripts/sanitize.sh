#!/bin/sh
# Builds the aio runtime tests on their own under AddressSanitizer +
# UndefinedBehaviorSanitizer, and under ThreadSanitizer (for to_thread's
# cross-thread hand-off, event::set from other threads and their stress
# tests), and runs them. The builds go to build-address-undefined and
# build-thread, or $SANITIZE_BUILD_PREFIX-address-undefined and -thread.
set -eu
cd "$(dirname "$0")/.."
for san in address,undefined thread; do
  dir="${SANITIZE_BUILD_PREFIX:-build}-$(echo "$san" | tr ',' '-')"
  cmake -S runtime -B "$dir" -G Ninja -DAIO_SANITIZE="$san" \
    -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ >/dev/null
  cmake --build "$dir"
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
done
