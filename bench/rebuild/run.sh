#!/usr/bin/env bash
# Rebuild benchmark: what the build sandbox costs. Rebuilds the bundled sample (its build.sh compiles 14 classes
# with javac and jars them) ROUNDS times under each isolation, alternating, one run per rebuild, and prints the
# median of the build's own duration (as the rebuild result records it: sandbox set-up, build, teardown) per level.
# Usage: bench/rebuild/run.sh [rounds, default 9]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-9}"
work="$root/bench/.cache/rebuild"
rm -rf "$work"
mkdir -p "$work"
cd "$root"
./clearbox checkout "$root/samples/acme-updater/submission/acme-updater.bundle" --ref refs/tags/v1.4.0 \
  --commit 778a2905762248ff452187ff10316205334e697e --out "$work/checkout" -q >/dev/null
levels="none user-namespace bubblewrap"
command -v bwrap >/dev/null 2>&1 || levels="none user-namespace"
for i in $(seq 1 "$rounds"); do
  for level in $levels; do
    out="$work/rb-$level-$i"
    ./clearbox rebuild "$work/checkout" --jdk 17 --source-date-epoch 1709287200 --artifact build/acme-agent.jar \
      --isolation "$level" --unsandboxed-build --runs 1 --out "$out" -q -- sh build.sh > "$out.txt"
    grep -q '^status     SUCCEEDED' "$out.txt" || { cat "$out.txt" >&2; exit 1; }
    echo "$(sed -n 's/^isolation  \([A-Z_]*\):.*/\1/p' "$out.txt") $(sed -n 's/^duration   \([0-9]*\) ms/\1/p' "$out.txt")" \
      >> "$work/times.txt"
  done
done
python3 - "$work/times.txt" <<'PY'
import statistics, sys, collections
t = collections.defaultdict(list)
for line in open(sys.argv[1]):
    level, ms = line.split()
    t[level].append(int(ms))
print("%-16s %6s %8s %8s %8s" % ("isolation", "runs", "median", "min", "max"))
for level, v in t.items():
    print("%-16s %6d %6d ms %5d ms %5d ms" % (level, len(v), statistics.median(v), min(v), max(v)))
PY
