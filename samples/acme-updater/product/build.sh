#!/bin/sh
# Builds the Acme agent: build/acme-agent.jar.
# Reproducible on the same JDK when SOURCE_DATE_EPOCH is set (seconds since the epoch, UTC).
set -eu

cd "$(dirname "$0")"

if [ -n "${JAVA_HOME:-}" ]; then
    JAVAC="$JAVA_HOME/bin/javac"
    JAR="$JAVA_HOME/bin/jar"
else
    JAVAC=javac
    JAR=jar
fi

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    BUILD_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null \
        || date -u -r "$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
else
    BUILD_DATE=2024-01-01T00:00:00Z
fi

rm -rf build
mkdir -p build/classes

# shellcheck disable=SC2046
"$JAVAC" --release 17 -encoding UTF-8 -d build/classes \
    $(find src/main/java -name '*.java' | LC_ALL=C sort)

"$JAR" --create --date="$BUILD_DATE" --file build/acme-agent.jar \
    --main-class com.acme.agent.AgentMain -C build/classes .

echo "built build/acme-agent.jar ($BUILD_DATE)"
