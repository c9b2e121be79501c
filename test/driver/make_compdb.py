#!/usr/bin/env python3
"""Writes DIR/compile_commands.json for the given sources in DIR.

  make_compdb.py [--build-dir=NAME] DIR FILE... [-- FLAG...]

Each FILE (relative to DIR) is compiled as C++20 with the FLAGs, from DIR.
With --build-dir, the database is DIR/NAME/compile_commands.json and every
command runs from DIR/NAME, as CMake's do: the file on the command line is
then relative to DIR/NAME ("../a.cpp"), so a path taken against any other
directory names the wrong file.
"""
import json
import os
import sys

args = sys.argv[1:]
build = None
if args and args[0].startswith("--build-dir="):
    build = args.pop(0).split("=", 1)[1]
flags = []
if "--" in args:
    flags = args[args.index("--") + 1:]
    args = args[:args.index("--")]
root = os.path.abspath(args[0])
directory = os.path.join(root, build) if build else root
os.makedirs(directory, exist_ok=True)
entries = [{"directory": directory,
            "file": os.path.join(root, f),
            "arguments": ["clang++-22", "-std=c++20"] + flags +
                         ["-c", os.path.relpath(os.path.join(root, f),
                                                directory)]}
           for f in args[1:]]
with open(os.path.join(directory, "compile_commands.json"), "w") as out:
    json.dump(entries, out, indent=1)
