#!/bin/sh
# The one place that lists the packages asynclint needs to build, test and
# lint on Debian 12 (bookworm). LLVM 22 comes from bookworm-security.
# Idempotent: re-running on a machine that has everything is quick.
# asynclint-clangd links clangd's archives from libclang-22-dev and the
# gRPC, protobuf and Abseil shared libraries that clangd-22 pulls in (no
# -dev packages needed: clangd/CMakeLists.txt imports the .so files).
set -eu

PACKAGES="
  clang-22 libclang-22-dev clang-tidy-22 clangd-22 llvm-22-dev llvm-22-tools
  clang-format-22 libclang-rt-22-dev
  clang-tidy-14

  cmake ninja-build ccache python3
  libgtest-dev libgmock-dev libbenchmark-dev libboost1.81-dev
  neovim
"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing:$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
