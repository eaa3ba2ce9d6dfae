#!/bin/sh
# Source-analysis benchmark: fetches the -sources.jar of Guava and JGit, at the pinned versions below, from
# Maven Central with the Maven client (bench/lib/fetch.sh) into bench/.cache (gitignored), unpacks them, and
# runs dev.clearbox.analyzers.source.bench.SourceBench on each tree and on both together: JavaParser parse
# only versus the full analysis (with taint analysis), both in the same JVM on both cores, alternating
# ROUNDS times per tree; medians are reported (other processes may share the machine).
# The versions are those of the runs recorded in docs/benchmarks.md, so that a new run measures the same
# code: Guava 33.7.1-jre, and JGit 7.8.0.202609011348-r (the parent pom pins 7.8.1.202611041320-r, whose
# sources jar Maven Central does not serve). GUAVA_VERSION and JGIT_VERSION override them.
# Usage: bench/source-analysis/run.sh [max-heap, default 2g] [rounds, default 3]
#        bench/source-analysis/run.sh large [pair|large ...]: the trees through the command instead, with
#        more jars (large.sh; its usage is at its top)
set -eu
if [ "${1:-}" = large ]; then
    shift
    exec "$(dirname "$0")/large.sh" "$@"
fi
cd "$(dirname "$0")/../.."
HEAP="${1:-2g}"
ROUNDS="${2:-3}"
GUAVA="${GUAVA_VERSION:-33.7.1-jre}"
JGIT="${JGIT_VERSION:-7.8.0.202609011348-r}"
CACHE=bench/.cache/source-analysis
mkdir -p "$CACHE/jars" "$CACHE/src"
CLEARBOX_ROOT="$PWD"
. "$CLEARBOX_ROOT/bench/lib/fetch.sh"

unpack() {
    dest="$CACHE/src/all/$1"
    if [ ! -d "$dest" ]; then
        mkdir -p "$dest"
        (cd "$dest" && unzip -q "../../../jars/$2")
    fi
}

fetch_artifact "com.google.guava:guava:$GUAVA:jar:sources" "$CACHE/jars" >/dev/null
fetch_artifact "org.eclipse.jgit:org.eclipse.jgit:$JGIT:jar:sources" "$CACHE/jars" >/dev/null
unpack guava "guava-$GUAVA-sources.jar"
unpack jgit "org.eclipse.jgit-$JGIT-sources.jar"
echo "guava $GUAVA, jgit $JGIT"

# One invocation, so that core resolves from the reactor (the analyzers module is built last and writes the file last).
./mvnw -B -q -o -pl analyzers -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$CACHE/classpath.txt" -Dmdep.includeScope=test
CP="analyzers/target/classes:analyzers/target/test-classes:core/target/classes:$(cat "$CACHE/classpath.txt")"

echo "load before the run: $(cat /proc/loadavg)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
/usr/bin/time -f "max RSS %M KiB, elapsed %e s" \
    java -Xmx"$HEAP" -Xss16m -XX:+UseG1GC -cp "$CP" dev.clearbox.analyzers.source.bench.SourceBench 2 "$ROUNDS" \
    "$CACHE/src/all/guava" "$CACHE/src/all/jgit" "$CACHE/src/all"
echo "load after the run: $(cat /proc/loadavg)"
