#!/usr/bin/env python3
"""asynclint-clangd with the Summaries file `asynclint --summaries` wrote:
the editor opens server.cpp alone and gets the finding for a helper that
blocks in another file, with the chain (its notes, in other files, are the
diagnostic's related information).

  cross_file_session.py SERVER PROJECT

PROJECT holds the sources, compile_commands.json and a .clang-tidy whose
async-blocking-call.Summaries names the summaries file. Prints what it saw,
for FileCheck.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (fail, ours, quiet_clangd, start_server,  # noqa: E402
                        uri_of)


def main():
    server, project = sys.argv[1:3]
    quiet_clangd(project)
    path = os.path.join(project, "server.cpp")
    text = open(path).read()
    c = start_server(server, project)
    c.initialize(project)
    uri = uri_of(path)
    c.open(uri, text)
    diags = c.wait_diagnostics(uri, lambda ds: len(ours(ds)) >= 2)
    for d in sorted(ours(diags), key=lambda d: d["range"]["start"]["line"]):
        r = d["range"]["start"]
        # The chain: clangd's related information (the client supports it).
        chain = [d["message"]] + [i["message"] for i in
                                  d.get("relatedInformation", [])]
        print("%d:%d %s" % (r["line"] + 1, r["character"] + 1,
                            " | ".join(chain)))
    print("exit code:", c.shutdown())
    if c.errors:
        fail("protocol errors on stdout: %s" % c.errors)


if __name__ == "__main__":
    main()
