#!/usr/bin/env python3
"""Prints what linting costs next to parsing, for any compile database.

For every unit of DB/compile_commands.json (or the first N), one at a time
and interleaved so that machine noise hits all three alike:
  - parse: the unit's own command with -fsyntax-only (clang++-22);
  - plugin: clang-tidy-22 -load libasynclint.so with the async-* checks;
and then the driver over the whole database (`asynclint -p DB -j 1
--no-cache`). Prints the summed wall times, the ratios plugin/parse and
driver/parse, and the peak RSS of each (the largest of any one process).
Repeats R times (default 3) and reports medians. With --cpu, the times
are CPU times (user + system, of the whole process tree), which stay
comparable when the machine is not quiet.

  scripts/bench-parse-ratio.py DB [--build BUILD_DIR] [--units N] [--repeat R]
                               [--cpu]
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# Runs a command in a fresh Python process that reports the command's wall
# time and the peak RSS of its whole process tree (RUSAGE_CHILDREN counts
# the descendants the command itself reaped: the driver's workers).
PROBE = ("import resource, subprocess, sys, time\n"
         "t0 = time.perf_counter()\n"
         "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
         " stderr=subprocess.DEVNULL)\n"
         "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
         "print(time.perf_counter() - t0, r.ru_maxrss,"
         " r.ru_utime + r.ru_stime)\n")

# CPU time (user + system of the process tree) instead of wall time: on a
# machine that is not quiet it is the figure that stays comparable.
USE_CPU = False


def run(cmd, cwd):
    """Wall (or with USE_CPU, CPU) time in s and peak RSS (KiB) of one
    command and its children."""
    out = subprocess.run(["python3", "-c", PROBE] + cmd, cwd=cwd,
                         capture_output=True, text=True).stdout.split()
    return float(out[2] if USE_CPU else out[0]), int(out[1])


def arguments(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def parse_command(entry):
    args = arguments(entry)
    out = ["clang++-22"] + [a for a in args[1:]]
    # Drop the output and compile-only flags; add -fsyntax-only.
    cleaned = []
    skip = False
    for a in out:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c",):
            continue
        cleaned.append(a)
    return cleaned + ["-fsyntax-only"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--units", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", action="store_true",
                    help="CPU time instead of wall time")
    a = ap.parse_args()
    global USE_CPU
    USE_CPU = a.cpu
    db = os.path.abspath(a.db)
    entries = json.load(open(os.path.join(db, "compile_commands.json")))
    if a.units:
        entries = entries[:a.units]
    plugin = os.path.join(a.build, "lib", "libasynclint.so")
    driver = os.path.join(a.build, "bin", "asynclint")
    files = [os.path.join(e["directory"], e["file"]) for e in entries]
    results = {"parse": [], "plugin": [], "driver": []}
    rss = {"parse": 0, "plugin": 0, "driver": 0}
    for _ in range(a.repeat):
        sums = {"parse": 0.0, "plugin": 0.0}
        for e, f in zip(entries, files):
            t, m = run(parse_command(e), e["directory"])
            sums["parse"] += t
            rss["parse"] = max(rss["parse"], m)
            t, m = run(["clang-tidy-22", "-load", plugin, "-p", db,
                        "--checks=-*,async-*", "--quiet", f], e["directory"])
            sums["plugin"] += t
            rss["plugin"] = max(rss["plugin"], m)
        t, m = run([driver, "-p", db, "-j", "1", "--no-cache", "--quiet",
                    "--checks=-*,async-*"] + files, db)
        results["driver"].append(t)
        rss["driver"] = max(rss["driver"], m)
        results["parse"].append(sums["parse"])
        results["plugin"].append(sums["plugin"])
    med = {k: statistics.median(v) for k, v in results.items()}
    print("%d units, median of %d runs" % (len(entries), a.repeat))
    for k in ("parse", "plugin", "driver"):
        print("  %-7s %8.2f s   peak RSS %7.1f MiB" % (k, med[k],
                                                      rss[k] / 1024))
    print("  plugin/parse %.2fx   driver/parse %.2fx   RSS driver/parse %.2fx"
          % (med["plugin"] / med["parse"], med["driver"] / med["parse"],
             rss["driver"] / max(1, rss["parse"])))


if __name__ == "__main__":
    main()
