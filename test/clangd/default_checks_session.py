#!/usr/bin/env python3
"""Which checks asynclint-clangd runs, next to clangd-22 on the same file.

  default_checks_session.py SERVER CLANGD

The projects live in a fresh temporary directory: under the build tree,
asynclint's own .clang-tidy would be theirs.

One file (an unawaited task, an integer division in a floating-point
context, a local that could be const) in three projects: without a
.clang-tidy, with one that only adds the slow misc-const-correctness, and
with one that starts with "-*". For each, the codes of the clang-tidy
diagnostics that both servers publish, and whether everything but the
async-* ones is the same in both. Prints what it saw, for FileCheck.
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (UNAWAITED_TASK, describe, ours,  # noqa: E402
                        quiet_clangd, start_server, theirs, uri_of)

TEXT = "#include <coroutine>\n" + UNAWAITED_TASK + """double half(int x) {
  double h = x / 2;
  return h;
}
"""

PROJECTS = [
    ("none", None),
    ("slow-added",
     "Checks: 'bugprone-integer-division,misc-const-correctness'\n"),
    ("all-off", "Checks: '-*,bugprone-integer-division'\n"),
]


def tidy_codes(server, workdir):
    c = start_server(server, workdir, "stderr-%s.log" %
                     os.path.basename(server))
    c.initialize(workdir)
    uri = uri_of(os.path.join(workdir, "f.cpp"))
    c.open(uri, TEXT)
    diags = c.wait_diagnostics(uri, lambda ds: True)
    c.shutdown()
    return sorted(describe(d) for d in diags
                  if d.get("source") == "clang-tidy")


def main():
    server, clangd = sys.argv[1:3]
    workdir = tempfile.mkdtemp(prefix="asynclint-default-checks-")
    try:
        run(server, clangd, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(server, clangd, workdir):
    for name, tidy in PROJECTS:
        d = os.path.join(workdir, name)
        os.makedirs(d)
        quiet_clangd(d)
        with open(os.path.join(d, "f.cpp"), "w") as f:
            f.write(TEXT)
        with open(os.path.join(d, "compile_flags.txt"), "w") as f:
            f.write("-std=c++20\n")
        if tidy:
            with open(os.path.join(d, ".clang-tidy"), "w") as f:
                f.write(tidy)
        mine = tidy_codes(server, d)
        plain = tidy_codes(clangd, d)
        for line in mine:
            print("%s: %s" % (name, line.split(" (")[0]))
        print("%s: others as clangd-22's: %s" % (
            name, [x for x in mine if " async-" not in x] == plain))


if __name__ == "__main__":
    main()
