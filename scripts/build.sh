#!/bin/sh
# Configures and builds asynclint in ./build (or $ASYNCLINT_BUILD_DIR) with
# clang++-22, Ninja and ccache when present.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR="${ASYNCLINT_BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=/usr/lib/llvm-22/bin/clang++ \
    -DCMAKE_C_COMPILER=/usr/lib/llvm-22/bin/clang
fi
cmake --build "$BUILD_DIR"
