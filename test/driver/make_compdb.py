#!/usr/bin/env python3
"""Writes DIR/compile_commands.json for the given sources in DIR.

  make_compdb.py DIR FILE... [-- FLAG...]

Each FILE (relative to DIR) is compiled as C++20 with the FLAGs.
"""
import json
import os
import sys

args = sys.argv[1:]
flags = []
if "--" in args:
    flags = args[args.index("--") + 1:]
    args = args[:args.index("--")]
root = os.path.abspath(args[0])
entries = [{"directory": root,
            "file": os.path.join(root, f),
            "arguments": ["clang++-22", "-std=c++20"] + flags + ["-c", f]}
           for f in args[1:]]
with open(os.path.join(root, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=1)
