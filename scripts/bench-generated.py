#!/usr/bin/env python3
"""Prints what linting costs next to parsing on generated all-coroutine code.

Generates three translation units over test/Inputs/cppcoro_like.h:
  - small.cpp: about 10,000 lines of clean coroutines;
  - clean.cpp: the same kind of code, four times as much (about 40,000
    lines, no finding);
  - dense.cpp: about 40,000 lines where nearly every other line is a
    finding (discarded tasks, sleeps, independent awaits).
For each, interleaved and repeated R times (default 3, medians printed):
  - parse: clang++-22 -fsyntax-only;
  - floor: clang-tidy-22 with one trivial upstream check (what the
    framework costs with no async check);
  - plugin: clang-tidy-22 -load libasynclint.so --checks=-*,async-*;
  - driver: asynclint -p GEN -j 1 --no-cache on that unit.
Then the ratios the performance issue sets targets for: plugin/parse and
driver/parse on clean.cpp, the growth of the checks' own share (driver
minus parse) from small.cpp to clean.cpp (4x the code), driver/plugin on
dense.cpp, and peak RSS driver/parse.

With --cpu, times are CPU times (user + system of the process tree), for a
machine that is not quiet.

  scripts/bench-generated.py [--build BUILD_DIR] [--repeat R] [--keep DIR]
                             [--cpu]
"""
import argparse
import importlib.util
import json
import os
import statistics
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location(
    "bench_parse_ratio", os.path.join(ROOT, "scripts", "bench-parse-ratio.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

HEAD = ('#include "cppcoro_like.h"\n#include <chrono>\n#include <thread>\n'
        'cppcoro::task<int> fetch(int id);\n'
        'cppcoro::task<int> store(int id, int v);\n')

CLEAN = """cppcoro::task<int> clean_{i}(int x) {{
  int a = co_await fetch(x);
  int b = co_await store(x, a);
  for (int k = 0; k < a; ++k)
    b += co_await store(k, b);
  if (b > {i})
    co_return b - a;
  co_return a + b;
}}
"""

DENSE = """cppcoro::task<int> dense_{i}(int x) {{
  fetch(x);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  int a = co_await fetch(x + 1);
  int b = co_await fetch(x + 2);
  store(a, b);
  co_return a + b;
}}
"""


def generate(out, name, body, lines):
    per = body.count("\n")
    with open(os.path.join(out, name), "w") as f:
        f.write(HEAD)
        for i in range(lines // per):
            f.write(body.format(i=i))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", help="generate into DIR and keep it")
    ap.add_argument("--cpu", action="store_true",
                    help="CPU time instead of wall time")
    a = ap.parse_args()
    bench.USE_CPU = a.cpu
    gen = os.path.abspath(a.keep) if a.keep else tempfile.mkdtemp()
    os.makedirs(gen, exist_ok=True)
    generate(gen, "small.cpp", CLEAN, 10000)
    generate(gen, "clean.cpp", CLEAN, 40000)
    generate(gen, "dense.cpp", DENSE, 40000)
    with open(os.path.join(gen, ".clang-tidy"), "w") as f:
        f.write("CheckOptions: {}\n")
    inputs = os.path.join(ROOT, "test", "Inputs")
    units = ["small.cpp", "clean.cpp", "dense.cpp"]
    entries = [{"directory": gen, "file": os.path.join(gen, u),
                "arguments": ["clang++-22", "-std=c++20", "-I", inputs,
                              "-c", u]} for u in units]
    json.dump(entries, open(os.path.join(gen, "compile_commands.json"), "w"))

    plugin = os.path.join(a.build, "lib", "libasynclint.so")
    driver = os.path.join(a.build, "bin", "asynclint")
    tools = {
        "parse": lambda e: bench.parse_command(e),
        "floor": lambda e: ["clang-tidy-22", "-p", gen, "--quiet",
                            "--checks=-*,misc-misleading-bidirectional",
                            e["file"]],
        "plugin": lambda e: ["clang-tidy-22", "-load", plugin, "-p", gen,
                             "--quiet", "--checks=-*,async-*", e["file"]],
        "driver": lambda e: [driver, "-p", gen, "-j", "1", "--no-cache",
                             "--quiet", "--checks=-*,async-*", e["file"]],
    }
    times = {(u, t): [] for u in units for t in tools}
    rss = {(u, t): 0 for u in units for t in tools}
    for _ in range(a.repeat):
        for e, u in zip(entries, units):
            for t, cmd in tools.items():
                s, m = bench.run(cmd(e), gen)
                times[(u, t)].append(s)
                rss[(u, t)] = max(rss[(u, t)], m)
    med = {k: statistics.median(v) for k, v in times.items()}
    report(gen, units, tools, med, rss, driver, a.repeat)


def findings(driver, gen, unit):
    import subprocess
    out = subprocess.run([driver, "-p", gen, "-j", "1", "--no-cache",
                          "--quiet", "--format=json", "--checks=-*,async-*",
                          os.path.join(gen, unit)],
                         capture_output=True, text=True).stdout
    return len(json.loads(out))


def report(gen, units, tools, med, rss, driver, repeat):
    print("generated in %s; median of %d runs; %s time" % (
        gen, repeat, "CPU" if bench.USE_CPU else "wall"))
    for u in units:
        lines = sum(1 for _ in open(os.path.join(gen, u)))
        print("%s: %d lines, %d findings" % (u, lines,
                                             findings(driver, gen, u)))
        for t in tools:
            print("  %-7s %7.2f s  %7.1f MiB  %.2fx parse" % (
                t, med[(u, t)], rss[(u, t)] / 1024,
                med[(u, t)] / med[(u, "parse")]))
    share = {u: med[(u, "driver")] - med[(u, "parse")] for u in units}
    print("clean.cpp: plugin/parse %.2fx, driver/parse %.2fx, floor/parse "
          "%.2fx, RSS driver/parse %.2fx" % (
              med[("clean.cpp", "plugin")] / med[("clean.cpp", "parse")],
              med[("clean.cpp", "driver")] / med[("clean.cpp", "parse")],
              med[("clean.cpp", "floor")] / med[("clean.cpp", "parse")],
              rss[("clean.cpp", "driver")] / max(1, rss[("clean.cpp",
                                                         "parse")])))
    print("checks' share (driver - parse): small %.2f s, clean %.2f s "
          "(%.2fx for 4x the code); share/parse on clean %.2f" % (
              share["small.cpp"], share["clean.cpp"],
              share["clean.cpp"] / max(1e-9, share["small.cpp"]),
              share["clean.cpp"] / med[("clean.cpp", "parse")]))
    print("dense.cpp: driver/plugin %.2fx" % (
        med[("dense.cpp", "driver")] / med[("dense.cpp", "plugin")]))


if __name__ == "__main__":
    main()
