#!/usr/bin/env python3
"""asynclint-clangd with the Summaries file `asynclint --summaries` wrote:
the editor opens server.cpp alone and gets the finding for a helper that
blocks in another file, with the chain (its notes in other files end the
message).

  cross_file_session.py PROXY CLANGD PROJECT

PROJECT holds the sources, compile_commands.json and a .clang-tidy whose
async-blocking-call.Summaries names the summaries file. Prints what it saw,
for FileCheck.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (fail, ours, quiet_clangd, start_proxy,  # noqa: E402
                        uri_of)


def main():
    proxy, clangd, project = sys.argv[1:4]
    quiet_clangd(project)
    path = os.path.join(project, "server.cpp")
    text = open(path).read()
    c = start_proxy(proxy, clangd, project)
    c.initialize(project)
    uri = uri_of(path)
    c.open(uri, text)
    diags = c.wait_diagnostics(uri, lambda ds: len(ours(ds)) >= 2)
    for d in sorted(ours(diags), key=lambda d: d["range"]["start"]["line"]):
        r = d["range"]["start"]
        print("%d:%d %s" % (r["line"] + 1, r["character"] + 1,
                            " | ".join(p for p in d["message"].split("\n")
                                       if p)))
    print("exit code:", c.shutdown())
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)


if __name__ == "__main__":
    main()
