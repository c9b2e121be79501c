#!/usr/bin/env python3
"""asynclint-clangd fed malformed input.

  malformed_input.py SERVER WORKDIR

1. Garbage, a bad Content-Length, a body that is not JSON and messages with
   missing or wrong fields come before and between a normal session: each is
   logged on stderr, the session still works (initialize answered, a document
   opened and analysed, shutdown answered), exit code 0.
2. `exit` without `shutdown`: clangd exits with 1; so must the supervisor.
3. The input ends in the middle of a message: the supervisor logs it, closes
   clangd's input and exits with clangd's code, in bounded time.
Every byte the supervisor writes to stdout is parsed as LSP framing by the
client (lsp_client.Client records anything else as a protocol error).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (UNAWAITED_TASK, frame, ours,  # noqa: E402
                        quiet_clangd, start_server, uri_of)

TEXT = "#include <coroutine>\n" + UNAWAITED_TASK


def check(cond, why):
    if not cond:
        print("FAIL: " + why)
        sys.exit(1)


def stderr_of(workdir, name):
    with open(os.path.join(workdir, name), encoding="utf-8",
              errors="replace") as f:
        return f.read()


def main():
    server, workdir = sys.argv[1:3]
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    quiet_clangd(workdir)
    path = os.path.join(workdir, "doc.cpp")
    with open(path, "w") as f:
        f.write(TEXT)
    with open(os.path.join(workdir, "compile_flags.txt"), "w") as f:
        f.write("-std=c++20\n")
    uri = uri_of(path)

    # 1. Garbage around a working session.
    c = start_server(server, workdir, "one.log")
    c.send_raw(b"garbage without a header\r\n\r\n")
    c.send_raw(b"Content-Length: twelve\r\n\r\n{}")
    c.send_raw(frame(b"{this is not json"))
    c.send_raw(frame(b"[1, 2, 3]"))  # would stop clangd if forwarded
    c.send_raw(frame(b"{\"jsonrpc\": \"1.0\", \"method\": \"x\"}"))
    c.initialize(workdir)
    print("initialize answered after garbage")
    c.send_raw(b"Content-Length: -5\r\n\r\n")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": 42}})
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": "untitled:1", "languageId": "cpp", "version": 1, "text": ""}})
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri},
                                        "contentChanges": "nope"})
    c.open(uri, TEXT)
    # A change that cannot apply (line 999): the supervisor closes the
    # document in clangd, until the whole text comes again.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 999, "character": 0},
                                      "end": {"line": 999, "character": 1}},
                            "text": "x"}]})
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": TEXT}]})
    diags = c.wait_diagnostics(uri, lambda ds: ours(ds))
    print("analysed after a bad change:", [d["code"] for d in ours(diags)])
    code = c.shutdown()
    print("exit code after garbage:", code)
    log = stderr_of(workdir, "one.log")
    for expected in ["malformed input from the client: malformed header line",
                     "malformed input from the client: bad Content-Length",
                     "not JSON",
                     "not JSON-RPC 2.0",
                     "cannot apply a change to " + uri]:
        check(expected in log, "stderr lacks %r:\n%s" % (expected, log))
    print("stderr explains each")
    check(not c.errors, "protocol errors: %s" % c.errors)

    # 2. exit without shutdown: clangd's exit code (1) is the supervisor's.
    c = start_server(server, workdir, "two.log")
    c.initialize(workdir)
    c.notify("exit", None)
    print("exit code without shutdown:", c.wait_exit())
    check(not c.errors, "protocol errors: %s" % c.errors)

    # 3. Input ends inside a message.
    c = start_server(server, workdir, "three.log")
    c.initialize(workdir)
    c.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    c.proc.stdin.close()
    print("exit code after truncated input:", c.wait_exit(timeout=60))
    check("input ended inside a message" in stderr_of(workdir, "three.log"),
          "truncation not logged")
    check(not c.errors, "protocol errors: %s" % c.errors)


if __name__ == "__main__":
    main()
