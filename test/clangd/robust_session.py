#!/usr/bin/env python3
"""asynclint-clangd when the editor's path is a symlink and when clangd
dies under it.

  robust_session.py SERVER INPUTS WORKDIR

1. The project lives under real/; the editor opens it through link/, a
   symlink to it, while compile_commands.json spells the real path. Our
   finding must be published under the editor's URI.
2. The clangd below the supervisor is killed (SIGKILL): the supervisor
   logs it, starts another and reopens the document; an incremental edit
   made after that applies to the replayed text, and both clangd's error
   and our finding come back.
3. A buffer with the debug check's marker makes async-debug-crash abort
   clangd (ASYNCLINT_DEBUG_CRASH, set by the caller), again when the
   restarted clangd reopens it: after that second crash the supervisor
   restarts clangd without the async-* checks and tells the editor; clangd's
   diagnostics for the buffer arrive, requests are answered, and the
   session ends normally.
Prints what it saw, for FileCheck.
"""
import glob
import json
import os
import shutil
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (describe, fail, ours, quiet_clangd,  # noqa: E402
                        start_server, theirs, uri_of)

BUFFER = """#include "cppcoro_like.h"
using cppcoro::task;
task<int> fetch(int id);
task<int> handler() {
  fetch(1);
  int x = "not an int";
  co_return co_await fetch(2);
}
"""
MARKER = "// ASYNCLINT_TEST_CRASH_MARKER\n"


def children(pid):
    """The processes pid started (any of its threads)."""
    out = []
    for f in glob.glob("/proc/%d/task/*/children" % pid):
        with open(f) as fh:
            out += [int(p) for p in fh.read().split()]
    return out


def main():
    server, inputs, workdir = sys.argv[1:4]
    shutil.rmtree(workdir, ignore_errors=True)
    real = os.path.join(workdir, "real")
    os.makedirs(real)
    os.symlink(real, os.path.join(workdir, "link"))
    path = os.path.join(real, "robust.cpp")
    with open(path, "w") as f:
        f.write(BUFFER.replace(" fetch(1);", " co_await fetch(1);"))
    with open(os.path.join(real, "compile_commands.json"), "w") as f:
        json.dump([{"directory": real, "file": path,
                    "arguments": ["clang++-22", "-std=c++20", "-I", inputs,
                                  "-c", path]}], f)
    quiet_clangd(workdir)
    log_path = os.path.join(workdir, "stderr.log")
    c = start_server(server, workdir)
    c.initialize(workdir)

    def log_count(what):
        with open(log_path, errors="replace") as f:
            return f.read().count(what)

    def pump_until(cond, why, timeout=90):
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                fail("timed out waiting until " + why)
            try:
                c.next_message(time.monotonic() + 0.1)
            except TimeoutError:
                pass

    uri = uri_of(os.path.join(workdir, "link", "robust.cpp"))
    c.open(uri, BUFFER)
    diags = c.wait_diagnostics(uri, lambda ds: ours(ds) and theirs(ds))
    for d in sorted(diags, key=describe):
        print("symlink:", describe(d))

    # 2. clangd killed.
    clangds = children(c.proc.pid)
    if len(clangds) != 1:
        fail("expected one clangd under the supervisor, got %s" % clangds)
    os.kill(clangds[0], signal.SIGKILL)
    pump_until(lambda: log_count("reopened 1 documents"), "clangd restarted")
    print("killed clangd replaced:", children(c.proc.pid) != clangds)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                      "end": {"line": 0, "character": 0}},
                            "text": "// edited after the restart\n"}]})
    diags = c.wait_diagnostics(
        uri, lambda ds: ours(ds) and any(
            d["range"]["start"]["line"] == 6 for d in theirs(ds)))
    for d in sorted(diags, key=describe):
        print("after kill:", describe(d))

    print("exit code:", c.shutdown())
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)

    # 3. A check that crashes clangd, twice (a new session: the kill above
    # must not count as the first crash).
    c = start_server(server, workdir, "crash.log")
    log_path = os.path.join(workdir, "crash.log")
    c.initialize(workdir)
    c.open(uri, MARKER + BUFFER)
    pump_until(lambda: c.shown, "the editor was told about safe mode")
    print("shown:", c.shown[0])
    print("crashes logged:", log_count("clangd crashed (exit code 134)"))
    diags = c.wait_diagnostics(
        uri, lambda ds: any(d["range"]["start"]["line"] == 6
                            for d in theirs(ds)))
    for d in sorted(diags, key=describe):
        print("safe mode:", describe(d))
    hover = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": 3, "character": 12}})
    print("hover answered:", bool(hover))
    print("exit code:", c.shutdown())
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)

if __name__ == "__main__":
    main()
