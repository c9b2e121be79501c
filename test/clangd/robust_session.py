#!/usr/bin/env python3
"""asynclint-clangd when the editor's path is a symlink and when an
analysis crashes.

  robust_session.py PROXY CLANGD INPUTS WORKDIR

1. The project lives under real/; the editor opens it through link/, a
   symlink to it, while compile_commands.json spells the real path. Our
   finding must be published under the editor's URI.
2. A buffer with the debug check's marker makes the analysis abort
   (ASYNCLINT_DEBUG_CRASH, set by the caller): the proxy must log it and
   keep working: clangd's diagnostics for that buffer still arrive, and the
   next buffer without the marker gets our finding again.
Prints what it saw, for FileCheck.
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (describe, fail, ours, quiet_clangd,  # noqa: E402
                        start_proxy, theirs, uri_of)

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


def main():
    proxy, clangd, inputs, workdir = sys.argv[1:5]
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
    c = start_proxy(proxy, clangd, workdir)
    c.initialize(workdir)

    uri = uri_of(os.path.join(workdir, "link", "robust.cpp"))
    c.open(uri, BUFFER)
    diags = c.wait_diagnostics(uri, lambda ds: ours(ds) and theirs(ds))
    for d in sorted(diags, key=describe):
        print("symlink:", describe(d))

    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": MARKER + BUFFER}]})

    def crash_logged():
        with open(os.path.join(workdir, "stderr.log"), errors="replace") as f:
            return "did not finish" in f.read()
    import time
    deadline = time.monotonic() + 60
    while not crash_logged():
        if time.monotonic() > deadline:
            fail("no crash logged")
        try:
            c.next_message(time.monotonic() + 0.1)
        except TimeoutError:
            pass
    print("crash logged")
    diags = c.wait_diagnostics(
        uri, lambda ds: not ours(ds) and any(
            d["range"]["start"]["line"] == 6 for d in theirs(ds)))
    for d in sorted(diags, key=describe):
        print("after crash:", describe(d))

    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": BUFFER}]})
    diags = c.wait_diagnostics(
        uri, lambda ds: ours(ds) and any(
            d["range"]["start"]["line"] == 5 for d in theirs(ds)))
    for d in sorted(diags, key=describe):
        print("recovered:", describe(d))
    print("exit code:", c.shutdown())
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)


if __name__ == "__main__":
    main()
