#!/bin/sh
# The main job: set everything up on a fresh Debian 12 machine, build
# asynclint and lint the bundled examples with it. The examples with
# mistakes in them produce findings; that is what they are for.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
BUILD_DIR="${ASYNCLINT_BUILD_DIR:-build}"
# examples/.clang-tidy selects the async-* checks; the compile commands come
# from the build (they carry -std=c++20 and the runtime's include path).
# Exit code 1 means "findings", which the planted mistakes guarantee; 2 and 3
# (usage error, a file that does not parse) are real failures.
status=0
"$BUILD_DIR/bin/asynclint" -p "$BUILD_DIR" 'examples/*.cpp' || status=$?
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
if [ "$status" -eq 0 ]; then
  echo "lint-examples: no findings: the planted mistakes in examples/ were" \
    "not found (a check or the plugin is not working)" >&2
  exit 1
fi

