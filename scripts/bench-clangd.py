#!/usr/bin/env python3
"""Per-edit latency of asynclint-clangd's async findings against clangd-22's
own diagnostics.

  scripts/bench-clangd.py [--build BUILD_DIR] [--edits N] [--clangd PATH]
                          [FILE...]

For each FILE (default: runtime/bench/aio_vs_asio.cpp, a Boost.Asio and aio
coroutine unit, and runtime/tests/to_thread_test.cpp, a GoogleTest file with
threads), a copy in a fresh directory with only a compile_commands.json (the
command BUILD_DIR's database has for it, or clang++-22 -std=c++20 with the
runtime's headers) and a .clang-tidy naming the async checks
("-*,async-*"); .clangd turns off the standard library index for both
servers. Both servers open it, wait for their first diagnostics and
settle; then each edit (N, default 7) goes to clangd-22 and then to
asynclint-clangd, one at a time: it appends, in the unsaved buffer only,
a coroutine with one unawaited call. Per edit, the time from didChange to:
  - clangd-22: its publishDiagnostics for that version;
  - asynclint-clangd: its publishDiagnostics for that version, which must
    hold the new async-unawaited-task finding.
Prints the medians per file and their ratio (asynclint-clangd / clangd-22).
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "clangd"))
from lsp_client import (QUIET_CLANGD, UNAWAITED_TASK, Client,  # noqa: E402
                        ours, uri_of)

DEFAULT_FILES = ["runtime/bench/aio_vs_asio.cpp",
                 "runtime/tests/to_thread_test.cpp"]

PROBE = ("\nnamespace asynclint_probe_%d {\n" + UNAWAITED_TASK +
         "} // namespace asynclint_probe_%d\n")


def compile_args(build, path):
    """The database's command for path, with the file's own directory
    added for its quoted includes."""
    db = os.path.join(build, "compile_commands.json")
    entries = json.load(open(db)) if os.path.exists(db) else []
    for e in entries:
        if os.path.realpath(e["file"]) == os.path.realpath(path):
            args = e.get("arguments") or shlex.split(e["command"])
            return e["directory"], args
    return ROOT, ["/usr/lib/llvm-22/bin/clang++", "-std=c++20", "-I",
                  os.path.join(ROOT, "runtime", "include"), "-c", path]


def project(build, path):
    """A directory with a copy of path, its compile command and the
    configuration files; returns (dir, copy)."""
    work = tempfile.mkdtemp(prefix="asynclint-bench-")
    copy = os.path.join(work, os.path.basename(path))
    shutil.copy(path, copy)
    directory, args = compile_args(build, path)
    args = [copy if a == path or os.path.abspath(os.path.join(directory, a))
            == os.path.abspath(path) else a for a in args]
    args.insert(1, "-I" + os.path.dirname(os.path.abspath(path)))
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump([{"directory": directory, "file": copy,
                    "arguments": args}], f)
    with open(os.path.join(work, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,async-*'\n")
    with open(os.path.join(work, ".clangd"), "w") as f:
        f.write("Index:\n  StandardLibrary: No\n")
    return work, copy


class Session:
    """One server on the copy, edited one probe at a time."""

    def __init__(self, server, work, copy, want_ours):
        with open(copy) as f:
            self.text = f.read()
        self.server, self.want_ours = server, want_ours
        self.uri = uri_of(copy)
        log = open(os.path.join(work, os.path.basename(server) + ".log"),
                   "wb")
        self.c = Client([server] + QUIET_CLANGD, cwd=work, stderr=log)
        self.c.initialize(work)
        self.c.open(self.uri, self.text)
        self.c.wait_diagnostics(self.uri, lambda ds: True, timeout=300)
        self.base = len(ours(self.c.diagnostics[self.uri]))
        self.c.drain(3)

    def edit(self, i):
        """Appends probe i; the ms until the diagnostics for it."""
        c, version, line = self.c, i + 2, self.text.count("\n")
        probe = PROBE % (i, i)
        c.published.clear()
        t0 = time.monotonic()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line, "character": 0}}, "text": probe}]})
        self.text += probe
        deadline = time.monotonic() + 300
        while True:
            c.next_message(deadline)
            for stamp, u, ver, ds in c.published:
                if u != self.uri or ver != version:
                    continue
                want = self.base + i + 1
                if self.want_ours and len(ours(ds)) != want:
                    sys.exit("%s: version %d has %d async findings, want %d"
                             % (self.server, version, len(ours(ds)), want))
                c.drain(0.3)
                return (stamp - t0) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--edits", type=int, default=7)
    ap.add_argument("--clangd", default=shutil.which("clangd-22") or
                    "/usr/lib/llvm-22/bin/clangd")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    ours_server = os.path.join(os.path.abspath(a.build), "bin",
                               "asynclint-clangd")
    rows = []
    for rel in a.files or DEFAULT_FILES:
        path = os.path.abspath(os.path.join(ROOT, rel))
        work, copy = project(a.build, path)
        # Both servers open, edited in turn: load from elsewhere on the
        # machine falls on both alike.
        plain, mine = [], []
        try:
            servers = [Session(a.clangd, work, copy, False),
                       Session(ours_server, work, copy, True)]
            for i in range(a.edits):
                plain.append(servers[0].edit(i))
                mine.append(servers[1].edit(i))
            for s in servers:
                s.c.shutdown()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("%s: clangd-22 %s ms; asynclint-clangd %s ms" % (
            rel, " ".join("%.0f" % t for t in plain),
            " ".join("%.0f" % t for t in mine)), flush=True)
        rows.append((rel, statistics.median(plain), statistics.median(mine)))
    print()
    print("| file | clangd-22 (own diagnostics) | asynclint-clangd "
          "(async findings) | ratio |")
    print("|---|---|---|---|")
    for rel, p, m in rows:
        print("| %s | %.0f ms | %.0f ms | %.2fx |" % (rel, p, m, m / p))


if __name__ == "__main__":
    main()
