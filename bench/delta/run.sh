#!/bin/sh
# Release-delta benchmark: `clearbox diff` between two consecutive releases of a real project, JGit
# 7.7.1.202607240634-r and 7.8.0.202609011348-r (OLD_VERSION and NEW_VERSION override them).
#
# For each release: fetches the -sources.jar from Maven Central with the Maven client (bench/lib/fetch.sh) into
# bench/.cache/delta (gitignored; nothing fetched is committed), makes a git repository of the unpacked tree (one
# commit with a fixed identity and date, tagged vVERSION) and a bundle of it, and a session manifest whose one
# package is the sources jar itself (a manifest needs at least one package; it holds no class files, so the
# binary analysis has nothing to analyse) and whose build is `true` (no artifact: the verdicts are INCONCLUSIVE,
# which the delta reports like any result). Then audits both with one key (`clearbox audit`, the new one
# also with --baseline), and times `clearbox diff` in text, JSON and HTML.
# Usage: bench/delta/run.sh
set -eu
cd "$(dirname "$0")/../.."
ROOT="$PWD"
OLD="${OLD_VERSION:-7.7.1.202607240634-r}"
NEW="${NEW_VERSION:-7.8.0.202609011348-r}"
CACHE="$ROOT/bench/.cache/delta"
mkdir -p "$CACHE/jars"
CLEARBOX_ROOT="$ROOT"
. "$ROOT/bench/lib/fetch.sh"

./mvnw -B -q -o -DskipTests package -pl cli -am >&2
# the command line as a file, so that /usr/bin/time can run it
CB="$CACHE/clearbox"
printf '#!/bin/sh\nexec java -cp "%s/cli/target/clearbox-cli.jar:%s/cli/target/lib/*" dev.clearbox.cli.Main "$@"\n' \
    "$ROOT" "$ROOT" > "$CB"
chmod +x "$CB"
cb() {
    "$CB" "$@"
}

# submission VERSION: $CACHE/sub-VERSION with jgit.bundle, the sources jar and session.json
submission() {
    v=$1
    sub="$CACHE/sub-$v"
    jar=$(fetch_artifact "org.eclipse.jgit:org.eclipse.jgit:$v:jar:sources" "$CACHE/jars")
    if [ ! -f "$sub/session.json" ]; then
        rm -rf "$sub" && mkdir -p "$sub/repo"
        (cd "$sub/repo" && unzip -q "$jar" && rm -rf META-INF \
            && git init -q -b main . \
            && git add -A \
            && GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
               git -c user.name=bench -c user.email=bench@clearbox.invalid -c commit.gpgsign=false \
                   commit -q -m "JGit $v sources" \
            && git -c user.name=bench -c user.email=bench@clearbox.invalid -c tag.gpgsign=false \
                   tag -a "v$v" -m "JGit $v" \
            && git bundle create -q ../jgit.bundle main "v$v")
        cp "$jar" "$sub/"
        commit=$(git -C "$sub/repo" rev-parse HEAD)
        sha=$(sha256sum "$jar" | cut -d' ' -f1)
        cat > "$sub/session.json" <<JSON
{
  "vendor": "Eclipse Foundation",
  "product": "org.eclipse.jgit",
  "version": "$v",
  "source": {"bundle": "jgit.bundle", "ref": "refs/tags/v$v", "commit": "$commit"},
  "packages": [{"path": "$(basename "$jar")", "sha256": "$sha"}],
  "build": {"command": ["sh", "-c", "true"], "jdk": "17", "timeoutSeconds": 120, "artifacts": []}
}
JSON
    fi
    echo "$sub"
}

OLD_SUB=$(submission "$OLD")
NEW_SUB=$(submission "$NEW")
KEYS="$CACHE/keys"
[ -f "$KEYS/clearbox-signing.pem" ] || cb keygen --out "$KEYS" >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$CACHE/work-$OLD" "$CACHE/work-$NEW"
/usr/bin/time -f "audit $OLD: %e s, max RSS %M KiB" "$CB" audit -q "$OLD_SUB/session.json" --workspace "$CACHE/work-$OLD" \
    --key "$KEYS/clearbox-signing.pem" >/dev/null
/usr/bin/time -f "audit $NEW --baseline: %e s, max RSS %M KiB" "$CB" audit -q "$NEW_SUB/session.json" \
    --workspace "$CACHE/work-$NEW" --key "$KEYS/clearbox-signing.pem" \
    --baseline "$CACHE/work-$OLD/report" --baseline-key "$KEYS/clearbox-signing.pub.pem" >/dev/null

OUT="$CACHE/out"
mkdir -p "$OUT"
for i in 1 2 3; do
    /usr/bin/time -f "diff (text + HTML), run $i: %e s, max RSS %M KiB" "$CB" diff "$CACHE/work-$OLD/report" \
        "$CACHE/work-$NEW/report" --key "$KEYS/clearbox-signing.pub.pem" --html "$OUT/delta.html" > "$OUT/delta.txt"
done
/usr/bin/time -f "diff (JSON): %e s, max RSS %M KiB" "$CB" diff "$CACHE/work-$OLD/report" "$CACHE/work-$NEW/report" \
    --key "$KEYS/clearbox-signing.pub.pem" --format json > "$OUT/delta.json"
echo "report.json: $(wc -c < "$CACHE/work-$OLD/report/report.json") bytes ($OLD), $(wc -c < "$CACHE/work-$NEW/report/report.json") bytes ($NEW, with its delta)"
echo "delta: $(wc -c < "$OUT/delta.json") bytes JSON, $(wc -c < "$OUT/delta.txt") bytes text, $(wc -c < "$OUT/delta.html") bytes HTML"
sed -n '1,/^$/p' "$OUT/delta.txt" | sed -n '4,$p'
python3 - "$OUT/delta.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
flows = [c for c in d["changes"] if c["category"] == "FLOW"]
print("flows: %d added, %d removed, %d changed" % tuple(sum(1 for c in flows if c["change"] == k) for k in ("ADDED", "REMOVED", "CHANGED")))
for c in [c for c in d["changes"] if c["change"] == "ADDED" and c["category"] == "CAPABILITY" and c["scope"] == "package"][:10]:
    print("  + %s [%s] %s" % (c["subject"], c.get("severity", ""), c["detail"]))
PY
