#!/usr/bin/env python3
"""Measures how the async checks' cost grows with function length.

Generates one coroutine with N statements (a mix of awaited calls, task
variables that are awaited, and discarded calls), runs clang-tidy-22 with the
plugin and --enable-check-profile, and prints the checks' own time next to
the whole run. Linear cost means time/N stays roughly flat as N doubles.

  scripts/bench-checks.py [BUILD_DIR] [N ...]
  scripts/bench-checks.py --overhead CHECK FILE [COMPILER ARGS...]
  scripts/bench-checks.py --run [N ...]
  scripts/bench-checks.py --loops [N ...]

--run generates one coroutine that is a single run of N independent
`auto vI = co_await fetch(I);` awaits (the worst case for
async-sequential-awaits) and prints that check's time per await.

--loops generates one coroutine with N awaits for the two ordering checks
together: a quarter in loops (`for (...) out += co_await fetch(i);`), the
rest in runs with independent statements between the awaits, and prints
the two checks' time per await.

--overhead times clang-tidy-22 on FILE five times with only CHECK enabled
and five times with only misc-misleading-bidirectional, which has no AST
matcher (both interleaved, in one run), and prints
the medians and their ratio: the check's cost on top of parsing.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIDY = "/usr/lib/llvm-22/bin/clang-tidy"
INPUTS = os.path.join(ROOT, "test", "Inputs")


def plugin_in(build):
    return os.path.join(build, "lib", "libasynclint.so")


def profiled_run(plugin, checks, src, tmp, config="{}"):
    """Runs CHECKS on SRC; returns (stdout, seconds spent in async checks)."""
    prof = tempfile.mkdtemp(dir=tmp)
    out = subprocess.run([TIDY, "-load", plugin, "--checks=" + checks,
                          "--config=" + config, "--enable-check-profile",
                          "--store-check-profile=" + prof, src, "--",
                          "-std=c++20", "-I", INPUTS],
                         capture_output=True, text=True)
    seconds = 0.0
    for name in os.listdir(prof):
        with open(os.path.join(prof, name)) as f:
            for key, value in json.load(f)["profile"].items():
                if key.startswith("time.clang-tidy.async-") and key.endswith(".wall"):
                    seconds += value
    return out.stdout, seconds


def overhead(check, path, extra):
    base = [TIDY, "-load", plugin_in(os.path.join(ROOT, "build")),
            "--config={}", path, "--", "-std=c++20"] + extra
    # With no check enabled clang-tidy stops before parsing, so both sides
    # enable misc-misleading-bidirectional, which has no AST matcher (it
    # only scans comments and literals): the difference is the check.
    diag = "-*,misc-misleading-bidirectional"
    runs = {"with": [], "without": []}
    for _ in range(5):
        for name, checks in (("with", diag + "," + check), ("without", diag)):
            t0 = time.perf_counter()
            subprocess.run(base[:3] + ["--checks=" + checks] + base[3:],
                           capture_output=True)
            runs[name].append(time.perf_counter() - t0)
    w, wo = statistics.median(runs["with"]), statistics.median(runs["without"])
    print("%s on %s: with %.3f s, without %.3f s, ratio %.3f"
          % (check, os.path.basename(path), w, wo, w / wo))


def run_source(n):
    body = ["  auto v%d = co_await fetch(%d);" % (i, i) for i in range(n)]
    return body


def loops_source(n):
    body = ["  int out = 0;"]
    for i in range(n):
        if i % 4 == 0:
            body.append("  for (int i = 0; i < %d; ++i) out += co_await fetch(i);"
                        % (i + 1))
        else:
            body.append("  auto v%d = co_await fetch(%d);" % (i, i))
            body.append("  note(%d);" % i)
    return body


def per_await(shape, checks, sizes):
    plugin = plugin_in(os.path.join(ROOT, "build"))
    print("%8s %14s %16s %10s" % ("awaits", "checks (s)", "per await (us)",
                                  "warnings"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = os.path.join(tmp, "run%d.cpp" % n)
            with open(src, "w") as f:
                f.write('#include "cppcoro_like.h"\nusing cppcoro::task;\n'
                        "task<int> fetch(int);\nvoid note(int);\n"
                        "task<> big() {\n")
                f.write("\n".join(shape(n)) + "\n  co_return;\n}\n")
            out, t = profiled_run(plugin, checks, src, tmp)
            print("%8d %14.3f %16.2f %10d" % (n, t, t / n * 1e6,
                                              out.count("warning:")))


def mixed_source(n):
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


def growth(build, sizes):
    plugin = plugin_in(build)
    print("%8s %12s %12s %14s %10s" % ("N", "checks (s)", "total (s)",
                                       "checks/N (us)", "warnings"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = os.path.join(tmp, "gen%d.cpp" % n)
            with open(src, "w") as f:
                f.write(mixed_source(n))
            out, checks = profiled_run(plugin, "-*,async-*", src, tmp)
            # Whole run, measured separately without profiling overhead.
            t0 = time.perf_counter()
            subprocess.run([TIDY, "-load", plugin, "--checks=-*,async-*",
                            "--config={}", src, "--", "-std=c++20", "-I",
                            INPUTS], capture_output=True)
            total = time.perf_counter() - t0
            print("%8d %12.3f %12.3f %14.2f %10d"
                  % (n, checks, total, checks / n * 1e6,
                     out.count("warning:")))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--overhead":
        overhead(args[1], args[2], args[3:])
    elif args and args[0] == "--run":
        per_await(run_source, "-*,async-sequential-awaits",
                  [int(a) for a in args[1:]] or [1250, 2500, 5000, 10000])
    elif args and args[0] == "--loops":
        per_await(loops_source, "-*,async-sequential-awaits,async-await-in-loop",
                  [int(a) for a in args[1:]] or [1250, 2500, 5000, 10000])
    else:
        build = args[0] if args else os.path.join(ROOT, "build")
        growth(build, [int(n) for n in args[1:]] or [1000, 2000, 4000, 8000])
