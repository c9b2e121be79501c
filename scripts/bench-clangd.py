#!/usr/bin/env python3
"""Latency of asynclint-clangd's diagnostics against clangd's own.

  scripts/bench-clangd.py [BUILD_DIR] [EDITS]

Opens the largest example (examples/*.cpp, by size) through asynclint-clangd
with clangd-22 below, using BUILD_DIR/compile_commands.json, waits for both
sets of diagnostics, then makes EDITS edits (default 10). Each edit appends,
in the unsaved buffer only, a coroutine with one more unawaited call. For
each edit it measures, from sending didChange:
  - clangd: the publishDiagnostics for that version (clangd's, relayed by
    the proxy with our earlier findings merged in);
  - asynclint: the proxy's own publication that contains the new finding.
Prints both per edit, the medians and the ratio of the medians. The proxy
runs with its default debounce (100 ms). The file on disk is not touched.
"""
import glob
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "clangd"))
from lsp_client import Client, ours, uri_of  # noqa: E402

build = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.join(ROOT, "build")
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10

path = max(glob.glob(os.path.join(ROOT, "examples", "*.cpp")),
           key=os.path.getsize)
with open(path) as f:
    text = f.read()
uri = uri_of(path)
proxy = os.path.join(build, "bin", "asynclint-clangd")
log = open(os.path.join(build, "bench-clangd.log"), "wb")
c = Client([proxy, "--compile-commands-dir=" + build], cwd=ROOT, stderr=log)
c.initialize(ROOT)
c.notify("textDocument/didOpen", {"textDocument": {
    "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
start = time.monotonic()
c.wait_diagnostics(uri, lambda ds: any(d.get("source") != "asynclint"
                                       for d in ds) or ours(ds), timeout=120)
base = len(ours(c.wait_diagnostics(uri, lambda ds: True)))
print("%s: %d lines, first diagnostics after %.2f s, %d asynclint findings"
      % (os.path.relpath(path, ROOT), text.count("\n"),
         time.monotonic() - start, base))
c.drain(2)  # let both settle (clangd indexes the standard library)

theirs_ms, ours_ms = [], []
for i in range(edits):
    version = i + 2
    probe = ('aio::task<void> asynclint_probe_%d() {\n'
             '  fetch("probe");\n  co_return;\n}\n' % i)
    end_line = text.count("\n")
    c.published.clear()
    t0 = time.monotonic()
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": end_line,
                                                "character": 0},
                                      "end": {"line": end_line,
                                              "character": 0}},
                            "text": probe}]})
    text += probe
    want = base + i + 1
    t_clangd = t_ours = None
    deadline = time.monotonic() + 120
    while t_clangd is None or t_ours is None:
        c.next_message(deadline)
        for stamp, u, ver, ds in c.published:
            if u != uri:
                continue
            if ver == version and t_clangd is None:
                t_clangd = stamp
            # The proxy's own publications carry no version.
            if ver is None and len(ours(ds)) == want and t_ours is None:
                t_ours = stamp
    theirs_ms.append((t_clangd - t0) * 1000)
    ours_ms.append((t_ours - t0) * 1000)
    print("edit %2d: clangd %7.1f ms, asynclint %7.1f ms"
          % (i + 1, theirs_ms[-1], ours_ms[-1]))
    time.sleep(0.3)

m_theirs, m_ours = statistics.median(theirs_ms), statistics.median(ours_ms)
print("median: clangd %.1f ms, asynclint %.1f ms, ratio %.2f"
      % (m_theirs, m_ours, m_ours / m_theirs))
c.shutdown()
