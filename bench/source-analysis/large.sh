#!/bin/sh
# Source analysis at scale, through the command (issue 17): `./clearbox analyze TREE --format json -q` on two
# trees, timed with /usr/bin/time -v and with a GC log, and the report's counts read from its JSON.
#
#   pair   Guava 33.7.1-jre + JGit 7.8.0.202609011348-r, bench/.cache/source-analysis/src/all (the tree that
#          run.sh also uses; about 422k lines)
#   large  the same two and hibernate-core 6.6.4.Final, ecj 3.40.0 and tomcat-embed-core 10.1.34, side by
#          side in bench/.cache/source-analysis/src/large (only their .java files; about 1.7M lines)
#
# The sources jars come from Maven Central through the Maven client (bench/lib/fetch.sh) into
# bench/.cache (gitignored). The command is built once (`./clearbox --version`) before anything is timed.
#
# Usage: bench/source-analysis/large.sh [pair|large ...]        (default: pair large)
#        bench/source-analysis/run.sh large [pair|large ...]    (the same)
# Environment:
#   HEAP=10g      a maximum heap (-Xmx) for every run; default: the JVM's own (a quarter of the RAM)
#   FLAGS='|-XX:+UseParallelGC'
#                 JVM flag sets to compare, separated by '|'; an empty set is the launcher's own choice for
#                 analyze; a non-empty set is passed as CLEARBOX_JAVA_OPTS (which replaces that choice).
#                 Default: one empty set.
#   ROUNDS=2      how many times the flag sets alternate on each tree (default 1)
#   OUT=DIR       where the reports, GC logs and time outputs go (default bench/.cache/source-analysis/runs)
# The GC log (-Xlog:gc) and HEAP go in through JAVA_TOOL_OPTIONS, which adds to the launcher's flags rather
# than replacing them (the JVM then says "Picked up JAVA_TOOL_OPTIONS" on stderr; stderr goes to a file).
#
# Per run it prints: lines (all lines of the tree's .java files, and the report's linesAnalyzed), wall time,
# user+sys CPU (and lines per CPU second, which a shared machine's load moves less than lines/s), max RSS, the
# heap in use at the fullest collection and the largest heap left after one (from the GC log; the heap between
# the last collection and exit is not seen), GC pauses, lines/s (counted lines over wall time), findings, flow
# findings (one per group), flows in the groups (the sum of flow.grouped), source-sink pairs (distinct pairs of
# a source's file:line, through flow.source and flow.alsoFrom, and the sink's file:line, as in the earlier
# tables of docs/benchmarks.md), and the flow limits (count, and count per kind: the text without its method
# prefix). Every run also prints one machine-readable `RESULT key=value ...` line. At the end, per flag set, the
# ratio of the pair's lines/s to the large tree's (medians over the rounds; wall, RSS and lines per CPU second
# too); the issue wants it at most 1.5.
# Needs unzip, /usr/bin/time (GNU), awk, and jq or python3. The machine may be shared: the load average
# before and after each run is printed too; compare runs only when they were alternated at similar load.
set -eu
cd "$(dirname "$0")/../.."
CLEARBOX_ROOT="$PWD"
. "$CLEARBOX_ROOT/bench/lib/fetch.sh"

GUAVA="${GUAVA_VERSION:-33.7.1-jre}"
JGIT="${JGIT_VERSION:-7.8.0.202609011348-r}"
HIBERNATE=6.6.4.Final
ECJ=3.40.0
TOMCAT=10.1.34
CACHE=bench/.cache/source-analysis
OUT="${OUT:-$CACHE/runs}"
ROUNDS="${ROUNDS:-1}"
FLAGS="${FLAGS:-}"
HEAP="${HEAP:-}"
TREES="${*:-pair large}"

die() { echo "large.sh: $*" >&2; exit 2; }
for tree in $TREES; do
    case "$tree" in pair|large) ;; *) die "unknown tree '$tree' (want pair or large)" ;; esac
done
case "$ROUNDS" in ''|*[!0-9]*|0) die "ROUNDS must be a positive number, got '$ROUNDS'" ;; esac
[ -x /usr/bin/time ] || die "needs GNU time as /usr/bin/time (apt-get install time)"
command -v unzip >/dev/null 2>&1 || die "needs unzip"
if command -v jq >/dev/null 2>&1; then JSON=jq
elif command -v python3 >/dev/null 2>&1; then JSON=python3
else die "needs jq or python3 to read the report"; fi
mkdir -p "$CACHE/jars" "$OUT"

jar() {  # GROUP:ARTIFACT:VERSION -> the sources jar's path
    fetch_artifact "$1:jar:sources" "$CACHE/jars"
}

# Unpacks a jar's .java files (or everything, for the pair tree that run.sh shares) into a fresh directory.
unpack() {  # dest jar [pattern]
    if [ ! -d "$1" ]; then
        rm -rf "$1.tmp" && mkdir -p "$1.tmp"
        if [ $# -gt 2 ]; then unzip -q "$2" "$3" -d "$1.tmp"; else unzip -q "$2" -d "$1.tmp"; fi
        mv "$1.tmp" "$1"
    fi
}

guava=$(jar "com.google.guava:guava:$GUAVA")
jgit=$(jar "org.eclipse.jgit:org.eclipse.jgit:$JGIT")
case " $TREES " in *" pair "*)
    unpack "$CACHE/src/all/guava" "$guava"
    unpack "$CACHE/src/all/jgit" "$jgit" ;;
esac
case " $TREES " in *" large "*)
    hibernate=$(jar "org.hibernate.orm:hibernate-core:$HIBERNATE")
    ecj=$(jar "org.eclipse.jdt:ecj:$ECJ")
    tomcat=$(jar "org.apache.tomcat.embed:tomcat-embed-core:$TOMCAT")
    unpack "$CACHE/src/large/guava" "$guava" '*.java'
    unpack "$CACHE/src/large/jgit" "$jgit" '*.java'
    unpack "$CACHE/src/large/hibernate-core" "$hibernate" '*.java'
    unpack "$CACHE/src/large/ecj" "$ecj" '*.java'
    unpack "$CACHE/src/large/tomcat-embed-core" "$tomcat" '*.java' ;;
esac
echo "guava $GUAVA, jgit $JGIT, hibernate-core $HIBERNATE, ecj $ECJ, tomcat-embed-core $TOMCAT"

# Build the command (if its sources changed) outside the timed runs.
./clearbox --version >/dev/null
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"

tree_dir() { if [ "$1" = pair ]; then echo "$CACHE/src/all"; else echo "$CACHE/src/large"; fi; }
java_lines() { find "$1" -name '*.java' -type f -exec cat {} + | wc -l | tr -d ' '; }

# The report's counts, as "findings groups flows pairs limits linesAnalyzed", then the limit kinds, one a line
# as "count<TAB>text".
report_counts() {
    if [ "$JSON" = jq ]; then
        jq -r '
          def loc: "\(.file):\(.line)";
          [.findings[] | select(.flow != null)] as $f
          | ([$f[] | . as $x | ([$x.flow.source] + ($x.flow.alsoFrom // []))[]
                | "\(loc) -> \($x.location | loc)"] | unique | length) as $pairs
          | "\(.findings | length) \($f | length) \([$f[].flow.grouped] | add // 0) \($pairs)" +
            " \(.coverage.flowLimits | length) \(.coverage.linesAnalyzed)",
            (.coverage.flowLimits | map(sub("^.*\\): "; "")) | group_by(.) | map("\(length)\t\(.[0])") | .[])
        ' "$1"
    else
        python3 - "$1" <<'EOF'
import collections, json, re, sys
r = json.load(open(sys.argv[1]))
loc = lambda l: "%s:%s" % (l["file"], l["line"])
f = [x for x in r["findings"] if x.get("flow") is not None]
pairs = {(loc(s), loc(x["location"])) for x in f for s in [x["flow"]["source"]] + (x["flow"].get("alsoFrom") or [])}
lim = r["coverage"]["flowLimits"]
print(len(r["findings"]), len(f), sum(x["flow"]["grouped"] for x in f), len(pairs), len(lim), r["coverage"]["linesAnalyzed"])
for text, n in sorted(collections.Counter(re.sub(r"^.*\): ", "", l) for l in lim).items()):
    print("%d\t%s" % (n, text))
EOF
    fi
}

# From a -Xlog:gc log: "peak_MiB after_max_MiB pauses pause_ms" (the log's sizes, K, M or G, read as MiB).
gc_summary() {
    awk '
      function mb(v,  u, n) { u = substr(v, length(v)); n = substr(v, 1, length(v) - 1) + 0
                              return u == "G" ? n * 1024 : u == "K" ? n / 1024 : n }
      /Pause/ && match($0, /[0-9]+[KMG]->[0-9]+[KMG]\(/) {
          s = substr($0, RSTART, RLENGTH - 1); split(s, p, "->")
          if (mb(p[1]) > peak) peak = mb(p[1]); if (mb(p[2]) > after) after = mb(p[2])
          n++; if (match($0, /[0-9.]+ms$/)) ms += substr($0, RSTART, RLENGTH - 2)
      }
      END { printf "%d %d %d %d\n", peak, after, n, ms }' "$1"
}

RESULTS="$OUT/results.txt"
: > "$RESULTS"
run_one() {  # tree flags round
    dir=$(tree_dir "$1")
    tag="$1-$(printf '%s' "${2:-default}" | tr -c 'A-Za-z0-9=.+-' '_')-$3"
    gclog="$OUT/$tag.gc.log"; timing="$OUT/$tag.time"; report="$OUT/$tag.json"; err="$OUT/$tag.err"
    rm -f "$gclog"
    lines=$(java_lines "$dir")
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    tool_opts="-Xlog:gc:file=$gclog${HEAP:+ -Xmx$HEAP}"
    if [ -n "$2" ]; then
        set +e; JAVA_TOOL_OPTIONS="$tool_opts" CLEARBOX_JAVA_OPTS="$2" /usr/bin/time -v -o "$timing" \
            ./clearbox analyze "$dir" --format json -q > "$report" 2> "$err"; rc=$?; set -e
    else
        set +e; JAVA_TOOL_OPTIONS="$tool_opts" /usr/bin/time -v -o "$timing" \
            ./clearbox analyze "$dir" --format json -q > "$report" 2> "$err"; rc=$?; set -e
    fi
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    if [ "$rc" != 0 ]; then
        echo "large.sh: analyze of $1 with flags '${2:-}' exited $rc; see $err" >&2
        tail -3 "$err" >&2
        exit 1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0
                       for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$timing")
    user=$(awk -F': ' '/User time/ { print $2 }' "$timing")
    sys=$(awk -F': ' '/System time/ { print $2 }' "$timing")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timing")
    set -- "$1" "$2" "$3" $(gc_summary "$gclog")
    peak=$4 after=$5 pauses=$6 pause_ms=$7
    counts=$(report_counts "$report")
    set -- "$1" "$2" "$3" $(echo "$counts" | head -1)
    findings=$4 groups=$5 flows=$6 pairs=$7 limits=$8 analysed=$9
    kinds=$(echo "$counts" | tail -n +2 | grep -c . || true)
    rate=$(awk -v l="$lines" -v w="$wall" 'BEGIN { printf "%d", l / w }')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    cpu_rate=$(awk -v l="$lines" -v c="$cpu" 'BEGIN { printf "%d", l / c }')
    echo "== $1, round $3, flags: ${2:-(the launcher's own)}${HEAP:+, -Xmx$HEAP}"
    echo "   $lines lines ($analysed analysed); wall ${wall} s, CPU ${cpu} s (user $user + sys $sys)," \
        "max RSS $((rss / 1024)) MiB; heap at the fullest collection $peak MiB, after a collection at most $after MiB," \
        "$pauses pauses, $pause_ms ms; load $load_before -> $load_after"
    echo "   $rate lines/s ($cpu_rate per CPU second); $findings findings, $groups flow findings (groups), $flows flows in groups," \
        "$pairs source-sink pairs, $limits flow limits ($kinds kinds)"
    echo "$counts" | tail -n +2 | sed 's/^/      /'
    line="RESULT tree=$1 round=$3 flags=\"$2\" heap=\"$HEAP\" lines=$lines analysed=$analysed wall_s=$wall user_s=$user"
    line="$line sys_s=$sys max_rss_kb=$rss heap_peak_mb=$peak heap_after_max_mb=$after gc_pauses=$pauses"
    line="$line gc_pause_ms=$pause_ms lines_per_s=$rate lines_per_cpu_s=$cpu_rate findings=$findings groups=$groups flows=$flows pairs=$pairs"
    line="$line flow_limits=$limits limit_kinds=$kinds load_before=$load_before load_after=$load_after"
    echo "$line"
    echo "$line" >> "$RESULTS"
}

round=1
while [ "$round" -le "$ROUNDS" ]; do
    for tree in $TREES; do
        # Each flag set once per round, in order; '|' separates the sets (so a set has no '|' of its own).
        rest="$FLAGS|"
        while [ -n "$rest" ]; do
            flags=${rest%%|*}
            rest=${rest#*|}
            run_one "$tree" "$flags" "$round"
        done
    done
    round=$((round + 1))
done

# Medians of lines/s per tree and flag set, and the pair/large ratio.
echo "== summary (medians over $ROUNDS round(s); reports, GC logs and times in $OUT)"
awk '
  { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) v[kv[1]] = kv[2]
    f = $0; sub(/.*flags="/, "", f); sub(/".*/, "", f)
    k = v["tree"] SUBSEP f; n[k]++; r[k, n[k]] = v["lines_per_s"]; w[k, n[k]] = v["wall_s"]; c[k, n[k]] = v["lines_per_cpu_s"]; m[k, n[k]] = v["max_rss_kb"] / 1024; sets[f] = 1 }
  function median(a, k, m,   i, j, t, x) {
      for (i = 1; i <= m; i++) x[i] = a[k, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
      return m % 2 ? x[(m + 1) / 2] : (x[m / 2] + x[m / 2 + 1]) / 2 }
  END {
      for (f in sets) {
          name = f == "" ? "(the launcher'"'"'s own)" : f
          p = "pair" SUBSEP f; l = "large" SUBSEP f
          if (n[p]) printf "   pair,  %s: %d lines/s (%d per CPU second), wall %.1f s, max RSS %d MiB\n", name, median(r, p, n[p]), median(c, p, n[p]), median(w, p, n[p]), median(m, p, n[p])
          if (n[l]) printf "   large, %s: %d lines/s (%d per CPU second), wall %.1f s, max RSS %d MiB\n", name, median(r, l, n[l]), median(c, l, n[l]), median(w, l, n[l]), median(m, l, n[l])
          if (n[p] && n[l]) {
              ratio = median(r, p, n[p]) / median(r, l, n[l])
              printf "   ratio pair/large lines/s, %s: %.2f (%s 1.5); per CPU second %.2f\n", name, ratio, ratio <= 1.5 ? "within" : "outside", median(c, p, n[p]) / median(c, l, n[l])
              printf "RATIO flags=\"%s\" pair_lines_per_s=%d large_lines_per_s=%d ratio=%.2f\n", f, median(r, p, n[p]), median(r, l, n[l]), ratio
          }
      }
  }' "$RESULTS"
