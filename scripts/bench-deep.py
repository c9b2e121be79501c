#!/usr/bin/env python3
"""Prints what the async checks cost on deep generated code, as ratios.

Two shapes that once grew faster than the code (issue 24 item 12):
  - wide: one expression of N `co_await` operands on one line
    (`co_await work(0) + co_await work(1) + ...`);
  - nested: immediately invoked coroutine lambdas nested D deep
    (`co_return co_await [&]() -> task { ... }();`). clang-tidy's own
    traversal visits a co_await operand once per part Sema builds around
    it, so its cost is about 4x per level whatever the checks do.
For each size, the CPU time (user + system, median of R runs) of:
  - floor: clang-tidy-22 with one trivial upstream check (the framework's
    own traversal);
  - plugin: clang-tidy-22 -load libasynclint.so --checks=-*,async-*.
Printed: plugin/floor per size, and how the checks' own share
(plugin - floor) grows from one size to the next against how the floor
grows. Linear in what clang does: the two growths match.

  scripts/bench-deep.py [--build BUILD_DIR] [--repeat R]
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TASK = """#include <coroutine>
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int) {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return 1; }
};
task work(int);
"""


def wide(n):
    terms = " + ".join("co_await work(%d)" % i for i in range(n))
    return TASK + "task run() {\n  int x = %s;\n  co_return x;\n}\n" % terms


def nested(depth):
    inner = "co_return 1;"
    for _ in range(depth):
        inner = "co_return co_await [&]() -> task { %s }();" % inner
    return TASK + "task run() { %s }\n" % inner


def cpu(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(path, plugin, repeat):
    tidy = "/usr/lib/llvm-22/bin/clang-tidy"
    floor = [tidy, "--checks=-*,readability-else-after-return", path, "--",
             "-std=c++20"]
    ours = [tidy, "-load", plugin, "--checks=-*,async-*", path, "--",
            "-std=c++20"]
    f, p = [], []
    for _ in range(repeat):
        f.append(cpu(floor))
        p.append(cpu(ours))
    return statistics.median(f), statistics.median(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    plugin = os.path.join(args.build, "lib", "libasynclint.so")
    with tempfile.TemporaryDirectory() as tmp:
        for name, gen, sizes in (("wide", wide, (5000, 10000, 20000)),
                                 ("nested", nested, (7, 8, 9))):
            prev = None
            for size in sizes:
                path = os.path.join(tmp, "%s%d.cpp" % (name, size))
                with open(path, "w") as out:
                    out.write(gen(size))
                floor, plugin_t = measure(path, plugin, args.repeat)
                line = "%-6s %6d  floor %6.2fs  plugin %6.2fs  plugin/floor %.2f" % (
                    name, size, floor, plugin_t, plugin_t / max(floor, 1e-3))
                if prev:
                    own = plugin_t - floor
                    prev_own = prev[1] - prev[0]
                    line += "  floor grew %.1fx, checks' share grew %.1fx" % (
                        floor / max(prev[0], 1e-3), own / max(prev_own, 1e-3))
                print(line, flush=True)
                prev = (floor, plugin_t)


if __name__ == "__main__":
    main()
