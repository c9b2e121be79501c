#!/usr/bin/env python3
"""check_exit_codes.py CODES : each line of CODES is "REPORT CODE", a report
(JSON, SARIF or baseline) a run wrote and the exit code of that run; the
code must be the one the report implies: 3 when a unit was not linted
completely (a compiler error, a crashed unit, an unsuccessful SARIF run, a
baseline's "incomplete" units), else 1 when there is a finding, else 0."""
import json
import sys


def expected(path):
    doc = json.load(open(path))
    if isinstance(doc, list):  # JSON report
        failed = any(f["severity"] == "error" and
                     (f["check"].startswith("clang-diagnostic-") or
                      f["check"] == "asynclint-unit-not-linted")
                     for f in doc)
        return 3 if failed else (1 if doc else 0)
    if "runs" in doc:  # SARIF
        run = doc["runs"][0]
        if not run["invocations"][0]["executionSuccessful"]:
            return 3
        return 1 if run["results"] else 0
    if doc.get("incomplete"):  # baseline
        return 3
    return 1 if doc["findings"] else 0


lines = [l.split() for l in open(sys.argv[1]) if l.strip()]
if not lines:
    sys.exit("no exit code recorded")
for report, code in lines:
    want = expected(report)
    if int(code) != want:
        sys.exit("%s: exit code %s, expected %d" % (report, code, want))
print("%d exit codes as the reports imply: %s" %
      (len(lines), " ".join(sorted(set(c for _, c in lines)))))
