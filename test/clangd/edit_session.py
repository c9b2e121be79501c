#!/usr/bin/env python3
"""An editing session with asynclint-clangd.

  edit_session.py SERVER INPUTS WORKDIR [--encoding utf-8] [--separate-cdb]

Opens a buffer with a clangd error and an unawaited task (the file on disk
is clean: the findings must come from the buffer), checks that both
diagnostics arrive, asks for code actions on ours, applies the co_await fix
through didChange, checks that our diagnostic disappears while clangd's
stays, then shuts down and checks the exit code. Prints what it saw, for
FileCheck; exits non-zero with the reason when an expectation fails.

--separate-cdb puts compile_commands.json in a directory that is not an
ancestor of the file and passes it with --compile-commands-dir: the buffer
only parses with the -I from that database.
"""
import argparse
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (QUIET_CLANGD, Client, describe, fail,  # noqa: E402
                        is_ours, ours, quiet_clangd, theirs, uri_of,
                        utf16_column)

BUFFER = """#include "cppcoro_like.h"
using cppcoro::task;
task<int> fetch(int id);
task<int> handler() {
  /* d\u00e9j\u00e0 vu \U0001F600 */ fetch(1);
  int x = "not an int";
  co_return co_await fetch(2);
}
"""
ON_DISK = BUFFER.replace(" fetch(1);", " co_await fetch(1);").replace(
    '"not an int"', "0")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("server")
    ap.add_argument("inputs")
    ap.add_argument("workdir")
    ap.add_argument("--encoding")
    ap.add_argument("--separate-cdb", action="store_true")
    a = ap.parse_args()

    shutil.rmtree(a.workdir, ignore_errors=True)
    src_dir = os.path.join(a.workdir, "src")
    os.makedirs(src_dir)
    path = os.path.join(src_dir, "session.cpp")
    with open(path, "w", encoding="utf-8") as f:
        f.write(ON_DISK)
    cdb_dir = os.path.join(a.workdir, "cdb") if a.separate_cdb else src_dir
    os.makedirs(cdb_dir, exist_ok=True)
    with open(os.path.join(cdb_dir, "compile_commands.json"), "w") as f:
        json.dump([{"directory": src_dir, "file": path,
                    "arguments": ["clang++-22", "-std=c++20", "-I", a.inputs,
                                  "-c", path]}], f)
    quiet_clangd(a.workdir)
    cmd = [a.server] + QUIET_CLANGD
    if a.separate_cdb:
        cmd.append("--compile-commands-dir=" + cdb_dir)
    stderr = open(os.path.join(a.workdir, "stderr.log"), "wb")
    c = Client(cmd, cwd=a.workdir, stderr=stderr)
    init = c.initialize(a.workdir, [a.encoding] if a.encoding else None)
    enc = init.get("capabilities", {}).get("positionEncoding") or \
        init.get("offsetEncoding") or "utf-16"
    print("encoding:", enc)

    uri = uri_of(path)
    c.open(uri, BUFFER)
    diags = c.wait_diagnostics(
        uri, lambda ds: ours(ds) and any(d.get("severity") == 1
                                         for d in theirs(ds)))
    for d in sorted(diags, key=describe):
        print("open:", describe(d))
    mine = ours(diags)
    if len(mine) != 1:
        fail("expected one asynclint diagnostic, got %s" % mine)
    d = mine[0]
    # The column is counted in the negotiated encoding.
    line = BUFFER.splitlines()[4]
    byte_col = line.encode().index(b"fetch(1)")
    want = byte_col if enc == "utf-8" else utf16_column(line, byte_col)
    got = d["range"]["start"]
    if (got["line"], got["character"]) != (4, want):
        fail("asynclint range starts at %s, want 4:%d (%s)" % (got, want, enc))
    print("range ok in", enc)
    if d.get("codeDescription", {}).get("href", "").endswith(
            "async-unawaited-task.md"):
        print("docs link ok")

    # Negative neighbours: no asynclint action for a range away from the
    # finding, nor when the editor asks only for refactorings.
    def asynclint_actions(rng, only=None):
        ctx = {"diagnostics": []}
        if only:
            ctx["only"] = only
        got = c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": rng, "context": ctx})
        return [x for x in got or [] if isinstance(x, dict) and
                any(is_ours(g) for g in x.get("diagnostics", []))]
    elsewhere = {"start": {"line": 1, "character": 0},
                 "end": {"line": 1, "character": 5}}
    if asynclint_actions(elsewhere) or asynclint_actions(d["range"],
                                                         ["refactor"]):
        fail("asynclint offered a fix away from its finding or for 'refactor'")
    print("no action elsewhere or for refactor")

    actions = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"],
        "context": {"diagnostics": [d]}})
    fixes = [x for x in actions or [] if isinstance(x, dict) and
             x.get("kind") == "quickfix" and
             is_ours(x.get("diagnostics", [{}])[0])]
    if len(fixes) != 1:
        fail("expected one asynclint quick fix, got %s" % actions)
    fix = fixes[0]
    print("action:", fix["title"])
    edits = fix["edit"]["changes"][uri]
    if len(edits) != 1:
        fail("expected one edit, got %s" % edits)
    edit = edits[0]
    # The editor applies the edit and sends it back as a change.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    diags = c.wait_diagnostics(
        uri, lambda ds: not ours(ds) and any(d.get("severity") == 1
                                             for d in ds))
    for d in sorted(diags, key=describe):
        print("fixed:", describe(d))

    # Newest version wins: version 3 brings an unawaited call back (with
    # the marker of the test-only slow check, which the caller enables with
    # ASYNCLINT_DEBUG_CRASH=slow:..., so that its analysis, if clangd starts
    # one, takes three seconds), version 4 at once takes it out again (into
    # a comment: a text clangd has already seen is not published again). The
    # last list published is version 4's, without the finding, and nothing
    # for version 3 comes after it.
    c.published.clear()
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": {"line": 5, "character": 0},
                                      "end": {"line": 5, "character": 0}},
                            "text": "  fetch(3); // ASYNCLINT_TEST_SLOW\n"}]})
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 4},
        "contentChanges": [{"range": {"start": {"line": 5, "character": 0},
                                      "end": {"line": 6, "character": 0}},
                            "text": "  // fetch(3) taken out\n"}]})
    deadline = time.monotonic() + 60
    while not any(p[2] == 4 for p in c.published):
        try:
            c.next_message(deadline)
        except TimeoutError:
            fail("no list for version 4; published: %s" % [
                (p[2], [describe(d) for d in p[3]]) for p in c.published])
    c.drain(4)  # and longer than the slow check, for a late stale result
    last = [p for p in c.published if p[1] == uri][-1]
    if last[2] != 4 or ours(last[3]):
        fail("the last list is version %s's: %s" % (last[2], last[3]))
    print("newest version wins")

    code = c.shutdown()
    print("exit code:", code)
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)


if __name__ == "__main__":
    main()
