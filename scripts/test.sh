#!/bin/sh
# Set everything up on a fresh Debian 12 machine, build, and run the whole
# test suite (lit through the clang-tidy plugin and through the asynclint
# driver, runtime unit tests, examples, format and self-lint), then the
# sanitized builds (scripts/sanitize.sh).
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
BUILD_DIR="${ASYNCLINT_BUILD_DIR:-build}"
# Every optional tool the tests use is installed above: missing is an error.
export ASYNCLINT_REQUIRE_OPTIONAL=1
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
./scripts/sanitize.sh
