#!/usr/bin/env bash
# Compare benchmark: clearbox compare against Debian's diffoscope on the same jar pairs, in the same run.
# Usage: bench/compare/run.sh [diffoscope timeout in seconds, default 3600] [pair name filter, default: all]
# clearbox runs twice per pair: with the JVM defaults, and as "clearbox-c1" with the flags a short command-line
# run wants (C1 only, serial GC), which halve start-up and warm-up cost; the ./clearbox launcher uses the
# latter for `compare`, so "clearbox-c1" is what a user of the launcher gets.
# The jars come from Maven Central with the Maven client (bench/lib/fetch.sh) into bench/.cache/compare
# (gitignored). Prints one table row per pair and tool.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/bench/.cache/compare"
out="$cache/out"
limit="${1:-3600}"
filter="${2:-}"
mkdir -p "$cache" "$out"
CLEARBOX_ROOT="$root"
. "$root/bench/lib/fetch.sh"

guava_a=$(fetch_artifact com.google.guava:guava:33.3.0-jre "$cache")
guava_b=$(fetch_artifact com.google.guava:guava:33.4.0-jre "$cache")
jackson_a=$(fetch_artifact com.fasterxml.jackson.core:jackson-databind:2.17.1 "$cache")
jackson_b=$(fetch_artifact com.fasterxml.jackson.core:jackson-databind:2.17.2 "$cache")
repacked="$cache/guava-33.4.0-jre-repacked.jar"
[ -s "$repacked" ] || python3 "$here/repack.py" "$guava_b" "$repacked"

# the clearbox command line, built from this checkout
(cd "$root" && ./mvnw -B -q -o -pl cli -am compile dependency:build-classpath -Dmdep.outputFile="$cache/cp.txt" \
    -Dmdep.includeScope=runtime >/dev/null)
cp="$root/cli/target/classes:$(cat "$cache/cp.txt")"

measure() { # name tool command...  -> prints wall seconds, max RSS MiB, exit code
  local name="$1" tool="$2"; shift 2
  local t0 t1 rc
  t0=$(date +%s.%N)
  set +e
  /usr/bin/time -f "%M" -o "$out/$name.$tool.rss" "$@" >"$out/$name.$tool.out" 2>"$out/$name.$tool.err"
  rc=$?
  set -e
  t1=$(date +%s.%N)
  local rss; rss=$(tail -1 "$out/$name.$tool.rss" 2>/dev/null || echo 0)
  [[ "$rss" =~ ^[0-9]+$ ]] || rss=0
  printf "%s\t%s\t%.1f\t%d\t%d\n" "$name" "$tool" "$(echo "$t1 - $t0" | bc)" "$((rss / 1024))" "$rc"
}

pairs=(
  "guava-33.3.0-vs-33.4.0|$guava_b|$guava_a"
  "guava-33.4.0-repacked|$repacked|$guava_b"
  "jackson-databind-2.17.1-vs-2.17.2|$jackson_b|$jackson_a"
)

echo -e "pair\ttool\tseconds\tpeak_rss_mib\texit"
for p in "${pairs[@]}"; do
  IFS='|' read -r name shipped rebuilt <<<"$p"
  [[ "$name" == *"$filter"* ]] || continue
  measure "$name" clearbox java -Xmx2g -cp "$cp" dev.clearbox.cli.Main compare "$shipped" "$rebuilt" \
      --format json --out "$out/$name.clearbox.json"
  measure "$name" clearbox-c1 java -Xmx2g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" dev.clearbox.cli.Main \
      compare "$shipped" "$rebuilt" --format json --out "$out/$name.clearbox-c1.json"
  measure "$name" diffoscope timeout "$limit" diffoscope --no-progress --text "$out/$name.diffoscope.txt" \
      "$shipped" "$rebuilt"
  # verdicts side by side
  python3 - "$out/$name.clearbox.json" "$out/$name.diffoscope.txt" <<'PY'
import json, sys, collections
c = json.load(open(sys.argv[1]))
kinds = collections.Counter(d["kind"] for d in c["differences"])
sub = sum(1 for d in c["differences"] if not d["benign"])
print("  clearbox: %s, bit-identical %s, equivalent %s, %d differences (%d substantive): %s" % (
    c["verdict"], c["bitIdentical"], c["equivalent"], len(c["differences"]), sub,
    ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
try:
    lines = open(sys.argv[2], errors="replace").read().splitlines()
    files = [l for l in lines if l.startswith("├── ") or l.startswith("│   ├── ")]
    print("  diffoscope: %d report lines, %d sections" % (len(lines), len(files)))
except FileNotFoundError:
    print("  diffoscope: no report")
PY
done
