#!/usr/bin/env python3
"""Runs one asynclint check on one test file and verifies its output.

The semantics follow upstream clang-tidy's check_clang_tidy (this is our own
implementation):

  check_async_tidy.py --tidy CMD [-std=c++20] [--config=YAML]
                      SOURCE CHECK TEMP [-- COMPILER ARGS...]

* The test source is copied to TEMP.cpp with the CHECK comments blanked (line
  numbers are kept), then CMD runs on the copy with -fix, --checks=-*,CHECK
  and --config={} unless the test passes its own --config.
* CHECK-MESSAGES: the warnings, with FileCheck; any other warning or error is
  a failure (implicit-check-not).
* CHECK-NOTES: the warnings and notes together; any other note, warning or
  error is a failure.
* CHECK-FIXES: the fixed file, with FileCheck. Without CHECK-FIXES the
  fixed file must equal the input: a fix-it nobody asked for fails the test
  (the diff is printed).
* A test with none of these must produce no warning at all.
* Any configuration warning ([clang-tidy-config]: an unknown or invalid
  option value, an unreadable file) fails the test.

--check-suffix=X (repeatable) uses CHECK-MESSAGES-X etc. instead, so one
source can hold the expectations of several configurations.
"""

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys


def fail(msg, output=None):
    sys.stderr.write("check_async_tidy: " + msg + "\n")
    if output is not None:
        sys.stderr.write("------ output ------\n" + output + "\n------\n")
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tidy", required=True, help="front-end command line")
    ap.add_argument("--filecheck", default="FileCheck")
    ap.add_argument("--check-suffix", action="append", default=[])
    ap.add_argument("--config", default=None)
    ap.add_argument("--expect-clang-tidy-error", action="store_true")
    ap.add_argument("-std", default="c++20")
    ap.add_argument("source")
    ap.add_argument("checks")
    ap.add_argument("temp")
    argv = sys.argv[1:]
    compiler = []
    if "--" in argv:
        i = argv.index("--")
        argv, compiler = argv[:i], argv[i + 1:]
    args, extra_tidy = ap.parse_known_args(argv)

    with open(args.source, encoding="utf-8") as f:
        text = f.read()

    suffixes = args.check_suffix or [""]
    prefixes = {}
    for kind in ("MESSAGES", "NOTES", "FIXES"):
        names = ["CHECK-%s%s" % (kind, "-" + s if s else "") for s in suffixes]
        present = [n for n in names if re.search(r"\b%s:" % re.escape(n), text)]
        prefixes[kind] = present

    if prefixes["MESSAGES"] and prefixes["NOTES"]:
        fail("use CHECK-MESSAGES or CHECK-NOTES in one configuration, not both")

    # Blank the check comments so they neither show up in fixes nor shift
    # lines: FileCheck's [[@LINE]] must keep pointing at the code.
    cleaned = re.sub(r"//\s*CHECK-[A-Z0-9-]+:[^\r\n]*", "", text)
    temp_cpp = args.temp + ".cpp"
    os.makedirs(os.path.dirname(os.path.abspath(temp_cpp)), exist_ok=True)
    with open(temp_cpp, "w", encoding="utf-8") as f:
        f.write(cleaned)

    config = args.config if args.config is not None else "{}"
    cmd = shlex.split(args.tidy) + [
        temp_cpp, "-fix", "--checks=-*," + args.checks, "--config=" + config
    ] + extra_tidy + ["--", "-std=" + args.std] + compiler
    proc = run(cmd)
    output = proc.stdout
    if proc.returncode != 0 and not args.expect_clang_tidy_error:
        fail("front end exited with %d: %s" % (proc.returncode, shlex.join(cmd)),
             output)
    if proc.returncode < 0 or proc.returncode > 1:
        fail("front end died (exit %d)" % proc.returncode, output)

    # A configuration the checks could not read runs them with defaults: the
    # test would pass for the wrong reason.
    config_warnings = [l for l in output.splitlines()
                       if "[clang-tidy-config]" in l]
    if config_warnings:
        fail("configuration warnings", "\n".join(config_warnings))

    # Drop the lines that -fix adds about applying fixes.
    lines = [l for l in output.splitlines()
             if "FIX-IT applied" not in l and "clang-tidy applied" not in l]
    diag_lines = [l for l in lines if re.search(r": (warning|error|note): ", l)]
    with open(args.temp + ".msg", "w", encoding="utf-8") as f:
        f.write("\n".join(diag_lines) + "\n")
    warnings_only = [l for l in diag_lines if ": note: " not in l]
    with open(args.temp + ".warn", "w", encoding="utf-8") as f:
        f.write("\n".join(warnings_only) + "\n")

    def filecheck(input_file, check_prefixes, implicit):
        fc = [args.filecheck, "-input-file=" + input_file, args.source,
              "-check-prefixes=" + ",".join(check_prefixes),
              "-strict-whitespace"]
        if implicit:
            fc.append("-implicit-check-not={{%s}}:" % implicit)
        r = run(fc)
        if r.returncode != 0:
            fail("FileCheck %s failed" % ",".join(check_prefixes),
                 r.stdout + "\n-- input --\n" + open(input_file).read())

    if prefixes["MESSAGES"]:
        filecheck(args.temp + ".warn", prefixes["MESSAGES"], "warning|error")
    if prefixes["NOTES"]:
        filecheck(args.temp + ".msg", prefixes["NOTES"], "note|warning|error")
    if prefixes["FIXES"]:
        filecheck(temp_cpp, prefixes["FIXES"], None)
    else:
        # No CHECK-FIXES: nothing may have been fixed.
        with open(temp_cpp, encoding="utf-8") as f:
            fixed = f.read()
        if fixed != cleaned:
            diff = difflib.unified_diff(
                cleaned.splitlines(keepends=True),
                fixed.splitlines(keepends=True), args.source, temp_cpp)
            fail("unexpected fix-it (no CHECK-FIXES in the test)",
                 "".join(diff))
    if not prefixes["MESSAGES"] and not prefixes["NOTES"]:
        if warnings_only:
            fail("expected no warnings", "\n".join(warnings_only))


if __name__ == "__main__":
    main()
