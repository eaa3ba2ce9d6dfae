"""One line of bench/rebuild/real-releases.sh: the verdict of a `clearbox rebuild --format json` run, its reason (or the
count of each difference class), and the fetch and build run times."""
import collections
import json
import sys

path, release, rc, newline, tool = sys.argv[1:6]
try:
    d = json.load(open(path))
except (OSError, ValueError) as e:
    print("%-36s %-2s %-4s %-9s %-16s  no JSON result (%s); see %s" % (release, rc, newline, tool, "ERROR", e, path))
    sys.exit(0)
runs = {r["name"]: r["durationMillis"] for r in d["rebuild"]["runs"]}
v = d["verdicts"][0]
kinds = collections.Counter(x["kind"] for x in v.get("differences", []))
reason = ", ".join("%s x%d" % kv for kv in sorted(kinds.items())) or v.get("reason") or "bit-identical"
print("%-36s %-2s %-4s %-9s %-16s %6.0fs %6.0fs %6.0fs  %s" % (release, rc, newline, tool, v["verdict"],
      runs.get("fetch", 0) / 1000, runs.get("build-1", 0) / 1000, runs.get("build-2", 0) / 1000, reason))
