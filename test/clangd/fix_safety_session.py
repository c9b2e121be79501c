#!/usr/bin/env python3
"""Quick fixes that may change meaning say so in their title and are never
preferred. Uses the test-only check's fixes mode (the caller sets
ASYNCLINT_DEBUG_CRASH=fixes:FIXME): a finding with a safe fix and a note
alternative, and one with only a note alternative.

  fix_safety_session.py SERVER WORKDIR
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import (is_ours, ours, quiet_clangd,  # noqa: E402
                        start_server, uri_of)

BUFFER = "int a = 1; // FIXME_SAFE\nint b = 2; // FIXME_UNSAFE\n"


def main():
    server, workdir = sys.argv[1:3]
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    path = os.path.join(workdir, "fixes.cpp")
    with open(path, "w") as f:
        f.write(BUFFER)
    with open(os.path.join(workdir, "compile_commands.json"), "w") as f:
        json.dump([{"directory": workdir, "file": path,
                    "arguments": ["clang++-22", "-std=c++20", "-c", path]}], f)
    with open(os.path.join(workdir, ".clang-tidy"), "w") as f:
        f.write("CheckOptions: {}\n")
    quiet_clangd(workdir)
    c = start_server(server, workdir)
    c.initialize(workdir)
    uri = uri_of(path)
    c.open(uri, BUFFER)
    diags = c.wait_diagnostics(uri, lambda ds: len(ours(ds)) == 2)
    for d in sorted(ours(diags), key=lambda d: d["range"]["start"]["line"]):
        actions = c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})
        for a in actions or []:
            if is_ours(a.get("diagnostics", [{}])[0]):
                print("line %d: %s%s" % (d["range"]["start"]["line"] + 1,
                                         a["title"],
                                         " [preferred]" if a.get("isPreferred")
                                         else ""))
    print("exit code:", c.shutdown())


if __name__ == "__main__":
    main()
