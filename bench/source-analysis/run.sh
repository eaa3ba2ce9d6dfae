#!/bin/sh
# Source-analysis benchmark: downloads the -sources.jar of Guava (newest 33.x-jre) and JGit (the version
# the parent pom pins) from Maven Central into bench/.cache (gitignored), unpacks them, and runs
# dev.clearbox.analyzers.source.bench.SourceBench on each tree and on both together: JavaParser parse
# only versus the full analysis (with taint analysis), both in the same JVM on both cores, alternating
# ROUNDS times per tree; medians are reported (other processes may share the machine).
# When the wanted version's sources jar is not on the mirror, the newest one that is (same major line)
# is used and the script says so.
# Usage: bench/source-analysis/run.sh [max-heap, default 2g] [rounds, default 3]
set -eu
cd "$(dirname "$0")/../.."
HEAP="${1:-2g}"
ROUNDS="${2:-3}"
CENTRAL="${CENTRAL:-https://repo1.maven.org/maven2}"
CACHE=bench/.cache/source-analysis
mkdir -p "$CACHE/jars" "$CACHE/src"

# fetch GROUP_PATH ARTIFACT VERSION_PATTERN PREFERRED -> prints the version used
fetch() {
    group=$1 artifact=$2 pattern=$3 preferred=$4
    versions=$(curl -fsS "$CENTRAL/$group/$artifact/maven-metadata.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p' \
        | grep -E "$pattern" | sort -r -V)
    for v in $preferred $versions; do
        jar="$CACHE/jars/$artifact-$v-sources.jar"
        if [ -s "$jar" ] || curl -fsS -o "$jar.part" "$CENTRAL/$group/$artifact/$v/$artifact-$v-sources.jar" 2>/dev/null; then
            [ -s "$jar" ] || mv "$jar.part" "$jar"
            echo "$v"
            return 0
        fi
        rm -f "$jar.part"
        echo "no sources jar for $artifact $v on $CENTRAL, trying an older one" >&2
    done
    echo "no sources jar found for $artifact" >&2
    return 1
}

unpack() {
    dest="$CACHE/src/all/$1"
    if [ ! -d "$dest" ]; then
        mkdir -p "$dest"
        (cd "$dest" && unzip -q "../../../jars/$2")
    fi
}

JGIT_WANTED=$(sed -n 's:.*<jgit.version>\(.*\)</jgit.version>.*:\1:p' pom.xml)
GUAVA=$(fetch com/google/guava guava '^33\..*-jre$' "")
JGIT=$(fetch org/eclipse/jgit org.eclipse.jgit "^${JGIT_WANTED%%.*}\." "$JGIT_WANTED")
unpack guava "guava-$GUAVA-sources.jar"
unpack jgit "org.eclipse.jgit-$JGIT-sources.jar"
echo "guava $GUAVA, jgit $JGIT (pom pins $JGIT_WANTED)"

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
