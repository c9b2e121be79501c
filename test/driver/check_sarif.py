#!/usr/bin/env python3
"""Checks a SARIF log against what the 2.1.0 schema requires of the parts
asynclint writes (and GitHub code scanning reads); prints one line per
result, per invocation and per notification, or the first violation and
exits 1.

  check_sarif.py FILE
"""
import json
import sys


def fail(msg):
    print("sarif: invalid: " + msg)
    sys.exit(1)


def need(obj, key, kind, where):
    if not isinstance(obj, dict) or key not in obj:
        fail("%s lacks required '%s'" % (where, key))
    if not isinstance(obj[key], kind):
        fail("%s.%s is not a %s" % (where, key, kind.__name__))
    return obj[key]


def region(r, where):
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if key in r and (not isinstance(r[key], int) or r[key] < 1):
            fail("%s.%s must be an integer >= 1" % (where, key))
    if "startLine" not in r:
        fail("%s has no startLine" % where)


def physical(p, where):
    art = need(p, "artifactLocation", dict, where)
    need(art, "uri", str, where + ".artifactLocation")
    if "region" in p:
        region(p["region"], where + ".region")


log = json.load(open(sys.argv[1]))
if need(log, "version", str, "log") != "2.1.0":
    fail("version must be '2.1.0'")
runs = need(log, "runs", list, "log")
for r, run in enumerate(runs):
    driver = need(need(run, "tool", dict, "run"), "driver", dict, "run.tool")
    need(driver, "name", str, "tool.driver")
    rules = driver.get("rules", [])
    ids = [need(rule, "id", str, "rule") for rule in rules]
    if len(ids) != len(set(ids)):
        fail("rule ids are not unique")
    for rule in rules:
        if "helpUri" in rule and not isinstance(rule["helpUri"], str):
            fail("rule.helpUri is not a string")
    for i, res in enumerate(need(run, "results", list, "run")):
        where = "results[%d]" % i
        text = need(need(res, "message", dict, where), "text", str,
                    where + ".message")
        level = res.get("level", "warning")
        if level not in ("none", "note", "warning", "error"):
            fail(where + ".level is not a SARIF level")
        if "ruleIndex" in res:
            if not 0 <= res["ruleIndex"] < len(rules):
                fail(where + ".ruleIndex is out of range")
            if rules[res["ruleIndex"]]["id"] != res.get("ruleId"):
                fail(where + ".ruleIndex does not name its ruleId")
        locs = need(res, "locations", list, where)
        for loc in locs:
            physical(need(loc, "physicalLocation", dict, where + ".location"),
                     where + ".physicalLocation")
        for rel in res.get("relatedLocations", []):
            physical(need(rel, "physicalLocation", dict, where + ".related"),
                     where + ".related.physicalLocation")
        for fix in res.get("fixes", []):
            for ch in need(fix, "artifactChanges", list, where + ".fix"):
                need(need(ch, "artifactLocation", dict, where + ".change"),
                     "uri", str, where + ".change.artifactLocation")
                for rep in need(ch, "replacements", list, where + ".change"):
                    region(need(rep, "deletedRegion", dict, where + ".rep"),
                           where + ".deletedRegion")
        loc = locs[0]["physicalLocation"]
        # The level is shown when it is not the default, warning.
        print("result %s %s:%d: %s%s%s" % (
            res.get("ruleId"), loc["artifactLocation"]["uri"],
            loc.get("region", {}).get("startLine", 0),
            "" if level == "warning" else level + ": ", text,

            " (fix)" if res.get("fixes") else ""))
    # The run's invocations: whether it succeeded, and a line per
    # notification (a unit that failed to parse, crashed or timed out).
    for i, inv in enumerate(run.get("invocations", [])):
        where = "invocations[%d]" % i
        ok = need(inv, "executionSuccessful", bool, where)
        print("invocation %s" % ("successful" if ok else "failed"))
        for n, note in enumerate(inv.get("toolExecutionNotifications", [])):
            nwhere = "%s.toolExecutionNotifications[%d]" % (where, n)
            text = need(need(note, "message", dict, nwhere), "text", str,
                        nwhere + ".message")
            level = note.get("level", "warning")
            if level not in ("none", "note", "warning", "error"):
                fail(nwhere + ".level is not a SARIF level")
            uris = []
            for loc in note.get("locations", []):
                p = need(loc, "physicalLocation", dict, nwhere + ".location")
                physical(p, nwhere + ".physicalLocation")
                uris.append(p["artifactLocation"]["uri"])
            print("notification %s %s: %s" % (level, ",".join(uris), text))
print("sarif ok: %d rules" % sum(len(run["tool"]["driver"].get("rules", []))
                                 for run in runs))
