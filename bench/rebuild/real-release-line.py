"""One line of bench/rebuild/real-releases.sh: the verdict of a `clearbox rebuild --format json` run, its reason (or the
count of each difference class), and the fetch and build run times; then, for a build whose runs differ, the verdict of
`clearbox compare --format json` of each run's output against the reference (the files named after the first five
arguments, when present)."""
import collections
import json
import sys

path, release, rc, newline, tool = sys.argv[1:6]
run_comparisons = sys.argv[6:]
try:
    d = json.load(open(path))
except (OSError, ValueError) as e:
    print("%-36s %-2s %-4s %-9s %-16s  no JSON result (%s); see %s" % (release, rc, newline, tool, "ERROR", e, path))
    sys.exit(0)
runs = {r["name"]: r["durationMillis"] for r in d["rebuild"]["runs"]}
v = d["verdicts"][0]


def classes(verdict):
    kinds = collections.Counter(x["kind"] for x in verdict.get("differences", []))
    return ", ".join("%s x%d" % kv for kv in sorted(kinds.items()))


reason = classes(v) or v.get("reason") or "bit-identical"
for i, p in enumerate(run_comparisons, start=1):
    try:
        c = json.load(open(p))
    except (OSError, ValueError):
        continue
    reason += "; run %d vs the reference: %s%s" % (i, c["verdict"], " (" + classes(c) + ")" if classes(c) else "")
print("%-36s %-2s %-4s %-9s %-16s %6.0fs %6.0fs %6.0fs  %s" % (release, rc, newline, tool, v["verdict"],
      runs.get("fetch", 0) / 1000, runs.get("build-1", 0) / 1000, runs.get("build-2", 0) / 1000, reason))
