#!/usr/bin/env python3
"""Compares the asynclint driver with run-clang-tidy-22 + the plugin.

Generates a project of N translation units (default 200; each a few
coroutines over test/Inputs/cppcoro_like.h, some with findings) with a
compile_commands.json, lints it with `asynclint -j 1` and `-j 2` and with
`run-clang-tidy-22 -j 1` and `-j 2` loading the plugin, same checks, and
prints the wall times and the ratios asynclint / run-clang-tidy.

  scripts/bench-driver.py [BUILD_DIR] [N]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200

UNIT = """#include "cppcoro_like.h"
using cppcoro::task;
task<int> fetch_%(i)d(int id);
task<int> handler_%(i)d(int x) {
  int a = co_await fetch_%(i)d(x);
  %(mistake)s
  int b = co_await fetch_%(i)d(a);
  co_return a + b;
}
"""


def timed(cmd, cwd):
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


with tempfile.TemporaryDirectory() as tmp:
    entries = []
    for i in range(n):
        name = "unit%03d.cpp" % i
        with open(os.path.join(tmp, name), "w") as f:
            f.write(UNIT % {"i": i, "mistake": "fetch_%d(1);" % i if i % 10 == 0 else ""})
        entries.append({"directory": tmp, "file": os.path.join(tmp, name),
                        "arguments": ["clang++-22", "-std=c++20", "-I",
                                      os.path.join(ROOT, "test", "Inputs"),
                                      "-c", name]})
    with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    with open(os.path.join(tmp, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,async-*'\n")
    driver = os.path.join(build, "bin", "asynclint")
    plugin = os.path.join(build, "lib", "libasynclint.so")
    print("%d translation units" % n)
    for j in (1, 2):
        ours = timed([driver, "-p", tmp, "-j", str(j), "--quiet"], tmp)
        theirs = timed(["run-clang-tidy-22", "-p", tmp, "-j", str(j), "-quiet",
                        "-load", plugin], tmp)
        print("-j %d: asynclint %.2f s, run-clang-tidy-22 %.2f s, ratio %.2f"
              % (j, ours, theirs, ours / theirs))
