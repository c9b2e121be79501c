#!/usr/bin/env python3
"""check_shards.py ALL PART... : the JSON reports of the parts of a sharded
run are disjoint and together equal the unsharded report ALL."""
import json
import sys


def keys(path):
    return [(f["file"], f["line"], f["check"], f["message"])
            for f in json.load(open(path))]


whole = keys(sys.argv[1])
parts = [keys(p) for p in sys.argv[2:]]
seen = [k for p in parts for k in p]
if len(seen) != len(set(seen)):
    sys.exit("parts overlap")
if sorted(seen) != sorted(whole):
    sys.exit("parts differ from the whole run")
if sum(1 for p in parts if p) < 2:
    sys.exit("all findings in one part: the test proves nothing")
print("%d findings in %d parts: disjoint, complete" % (len(whole), len(parts)))
