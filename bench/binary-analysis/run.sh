#!/usr/bin/env bash
# Binary-analysis benchmark: time and peak memory of SpotBugs on large real jars (Guava, JGit from Maven
# Central) with (a) SpotBugs' default detectors, (b) Clearbox's capability detector alone, (c) Clearbox's
# detector with the carried FindSecBugs detectors. Each run is a fresh JVM; modes are interleaved and each
# is repeated REPEAT times (default 2), so ratios come from the same machine state.
# Usage: bench/binary-analysis/run.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEAT="${REPEAT:-2}"
CACHE=bench/.cache
mkdir -p "$CACHE"
# One invocation, so that core resolves from the reactor even when it was never installed.
./mvnw -B -q -pl analyzers -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$CACHE/analyzers.classpath" >/dev/null
for artifact in com.google.guava:guava:33.6.0-jre org.eclipse.jgit:org.eclipse.jgit:7.8.1.202611041320-r; do
  ./mvnw -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$PWD/$CACHE" >/dev/null
done
# Clearbox's own modules come from their target/ directories, never from the local repository.
DEPS="$(tr ':' '\n' < "$CACHE/analyzers.classpath" | grep -v '/dev/clearbox/' | paste -sd: -)"
CP="analyzers/target/classes:analyzers/target/test-classes:core/target/classes:$DEPS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
for jar in "$CACHE/guava-33.6.0-jre.jar" "$CACHE/org.eclipse.jgit-7.8.1.202611041320-r.jar"; do
  for i in $(seq "$REPEAT"); do
    for mode in SPOTBUGS_DEFAULT CLEARBOX CLEARBOX_AND_FINDSECBUGS; do
      /usr/bin/time -f "RSS $mode $(basename "$jar") %e s wall, max RSS %M KiB" \
        java -Xmx4g -cp "$CP" dev.clearbox.analyzers.bytecode.BinaryBench "$mode" "$jar" 2>&1 | grep -E '^(RESULT|RSS)'
    done
  done
done
