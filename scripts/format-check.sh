#!/bin/sh
# Fails when any C++ source differs from clang-format-22's output.
set -eu
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.h' '*.hpp' | grep -v '^test/checks/' |
  xargs /usr/lib/llvm-22/bin/clang-format --dry-run -Werror
