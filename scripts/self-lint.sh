#!/bin/sh
# Lints asynclint's own code with the root .clang-tidy (which includes our
# async-* checks), with the plugin loaded. Needs a build with
# compile_commands.json: self-lint.sh BUILD_DIR.
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-build}"
TIDY="/usr/lib/llvm-22/bin/clang-tidy -load $BUILD_DIR/lib/libasynclint.so -p $BUILD_DIR --quiet"
JOBS="$(nproc)"
# The checks and the driver, one clang-tidy per file, in parallel (each file
# parses most of clang's headers; xargs fails if any run fails).
ls checks/*.cpp checks/utils/*.cpp driver/*.cpp clangd/*.cpp |
  xargs -P "$JOBS" -n 1 $TIDY --config-file=.clang-tidy
# The runtime (through the examples that include it) and the examples. The
# example programs let exceptions end main on purpose, and
# forgotten_await.cpp, blocking_pitfall.cpp and sequential_vs_concurrent.cpp
# hold the mistakes the main command demonstrates.
$TIDY --config-file=.clang-tidy --checks=-bugprone-exception-escape \
  --header-filter='runtime/include|examples' \
  $(ls examples/*.cpp | grep -v -e forgotten_await -e blocking_pitfall -e sequential_vs_concurrent)
