#!/usr/bin/env python3
"""Measures how the async checks' cost grows with function length.

Generates one coroutine with N statements (a mix of awaited calls, task
variables that are awaited, and discarded calls), runs clang-tidy-22 with the
plugin and --enable-check-profile, and prints the checks' own time next to
the whole run. Linear cost means time/N stays roughly flat as N doubles.

  scripts/bench-checks.py [BUILD_DIR] [N ...]
  scripts/bench-checks.py --overhead CHECK FILE [COMPILER ARGS...]
  scripts/bench-checks.py --run [N ...]

--run generates one coroutine that is a single run of N independent
`auto vI = co_await fetch(I);` awaits (the worst case for
async-sequential-awaits) and prints that check's time per await.

--overhead times clang-tidy-22 on FILE five times with only CHECK enabled
and five times with only misc-misleading-bidirectional, which has no AST
matcher (both interleaved, in one run), and prints
the medians and their ratio: the check's cost on top of parsing.
"""
import json
import os
import subprocess
import sys
import tempfile

import statistics
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1 and sys.argv[1] == "--overhead":
    check, path, extra = sys.argv[2], sys.argv[3], sys.argv[4:]
    plugin = os.path.join(root, "build", "lib", "libasynclint.so")
    base = ["/usr/lib/llvm-22/bin/clang-tidy", "-load", plugin, "--config={}",
            path, "--", "-std=c++20"] + extra
    # With no check enabled clang-tidy stops before parsing, so both sides
    # enable misc-misleading-bidirectional, which has no AST matcher (it
    # only scans comments and literals): the difference is the check.
    runs = {"with": [], "without": []}
    for _ in range(5):
        diag = "-*,misc-misleading-bidirectional"
        for name, checks in (("with", diag + "," + check), ("without", diag)):
            t0 = time.perf_counter()
            subprocess.run(base[:3] + ["--checks=" + checks] + base[3:],
                           capture_output=True)
            runs[name].append(time.perf_counter() - t0)
    w, wo = statistics.median(runs["with"]), statistics.median(runs["without"])
    print("%s on %s: with %.3f s, without %.3f s, ratio %.3f"
          % (check, os.path.basename(path), w, wo, w / wo))
    sys.exit(0)

if len(sys.argv) > 1 and sys.argv[1] == "--run":
    plugin = os.path.join(root, "build", "lib", "libasynclint.so")
    print("%8s %14s %16s" % ("awaits", "check (s)", "per await (us)"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(a) for a in sys.argv[2:]] or [1250, 2500, 5000, 10000]:
            src = os.path.join(tmp, "run%d.cpp" % n)
            with open(src, "w") as f:
                f.write('#include "cppcoro_like.h"\nusing cppcoro::task;\n'
                        "task<int> fetch(int);\ntask<> big() {\n")
                for i in range(n):
                    f.write("  auto v%d = co_await fetch(%d);\n" % (i, i))
                f.write("  co_return;\n}\n")
            prof = os.path.join(tmp, "prof%d" % n)
            subprocess.run(["/usr/lib/llvm-22/bin/clang-tidy", "-load", plugin,
                            "--checks=-*,async-sequential-awaits", "--config={}",
                            "--enable-check-profile",
                            "--store-check-profile=" + prof, src, "--",
                            "-std=c++20", "-I",
                            os.path.join(root, "test", "Inputs")],
                           capture_output=True)
            t = 0.0
            for name in os.listdir(prof):
                for k, v in json.load(open(os.path.join(prof, name)))["profile"].items():
                    if k.startswith("time.clang-tidy.async-") and k.endswith(".wall"):
                        t += v
            print("%8d %14.3f %16.2f" % (n, t, t / n * 1e6))
    sys.exit(0)

build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
sizes = [int(n) for n in sys.argv[2:]] or [1000, 2000, 4000, 8000]
plugin = os.path.join(build, "lib", "libasynclint.so")
tidy = "/usr/lib/llvm-22/bin/clang-tidy"


def source(n):
    lines = ['#include "cppcoro_like.h"', "using cppcoro::task;",
             "task<int> fetch(int);", "task<> big() {", "  int sum = 0;"]
    for i in range(n):
        k = i % 4
        if k == 0:
            lines.append("  sum += co_await fetch(%d);" % i)
        elif k == 1:
            lines.append("  auto t%d = fetch(%d);" % (i, i))
        elif k == 2:
            lines.append("  sum += co_await std::move(t%d);" % (i - 1))
        else:
            lines.append("  fetch(%d);" % i)
    lines += ["  co_return;", "}"]
    return "\n".join(lines) + "\n"


print("%8s %12s %12s %14s %10s" % ("N", "checks (s)", "total (s)", "checks/N (us)",
                                   "warnings"))
with tempfile.TemporaryDirectory() as tmp:
    for n in sizes:
        src = os.path.join(tmp, "gen%d.cpp" % n)
        with open(src, "w") as f:
            f.write(source(n))
        prof = os.path.join(tmp, "prof%d" % n)
        cmd = [tidy, "-load", plugin, "--checks=-*,async-*", "--config={}",
               "--enable-check-profile", "--store-check-profile=" + prof, src,
               "--", "-std=c++20", "-I", os.path.join(root, "test", "Inputs")]
        out = subprocess.run(cmd, capture_output=True, text=True)
        warnings = out.stdout.count("warning:")
        checks = 0.0
        for name in os.listdir(prof):
            data = json.load(open(os.path.join(prof, name)))
            for key, value in data["profile"].items():
                if key.startswith("time.clang-tidy.async-") and key.endswith(".wall"):
                    checks += value
        # Whole run, measured separately without profiling overhead.
        import time
        t0 = time.perf_counter()
        subprocess.run(cmd[:5] + cmd[7:], capture_output=True)
        total = time.perf_counter() - t0
        print("%8d %12.3f %12.3f %14.2f %10d" % (n, checks, total,
                                                 checks / n * 1e6, warnings))
