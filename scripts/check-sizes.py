#!/usr/bin/env python3
"""Fails when a source in checks/ outgrows the limits DEVELOPERS.md states.

* No check source (checks/*Check.cpp) over 800 lines.
* No function in checks/ (top-level definitions in .cpp files, lambdas
  inside them included) over 100 lines, counted from the line that opens
  its body to the line that closes it.

The function finder is a brace counter over LLVM-formatted code (comments,
string and character literals skipped); namespace bodies do not count as
functions. Prints each offender as file:line: name (N lines).
"""

import os
import re
import sys

CHECK_FILE_LIMIT = 800
FUNCTION_LIMIT = 100


def strip_code(text):
    """The text with comments and literals blanked, newlines kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, line count) of each top-level function body."""
    code = strip_code(open(path, encoding="utf-8").read())
    found = []
    depth = 0
    namespaces = []  # depths at which a namespace body opened
    head_start = 0   # where the text before the next top-level '{' began
    start = None
    for i, c in enumerate(code):
        if c == "{":
            if depth == len(namespaces) and start is None:
                head = code[head_start:i]
                if re.search(r"\bnamespace\b", head) or "(" not in head or \
                        re.match(r"\s*(class|struct|enum|union)\b", head):
                    if re.search(r"\bnamespace\b", head):
                        namespaces.append(depth)
                    else:
                        start = ("", i)  # a class body: skipped whole
                else:
                    m = re.search(r"([\w:~]+(?:operator\W+)?)\s*\(", head)
                    start = (m.group(1) if m else "?", i)
            depth += 1
        elif c == "}":
            depth -= 1
            if namespaces and namespaces[-1] == depth:
                namespaces.pop()
                head_start = i + 1
            elif depth == len(namespaces) and start is not None:
                name, at = start
                first = code.count("\n", 0, at) + 1
                last = code.count("\n", 0, i) + 1
                if name:
                    found.append((name, first, last - first + 1))
                start = None
                head_start = i + 1
        elif c == ";" and depth == len(namespaces) and start is None:
            head_start = i + 1
    return found


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    checks = os.path.join(root, "checks")
    bad = []
    for dirpath, _, files in os.walk(checks):
        for f in sorted(files):
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            if f.endswith("Check.cpp"):
                lines = open(path, encoding="utf-8").read().count("\n")
                if lines > CHECK_FILE_LIMIT:
                    bad.append("%s: %d lines (limit %d)" %
                               (rel, lines, CHECK_FILE_LIMIT))
            if f.endswith(".cpp"):
                for name, line, count in functions(path):
                    if count > FUNCTION_LIMIT:
                        bad.append("%s:%d: %s (%d lines, limit %d)" %
                                   (rel, line, name, count, FUNCTION_LIMIT))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
