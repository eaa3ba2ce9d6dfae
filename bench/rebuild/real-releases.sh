#!/usr/bin/env bash
# Recipe-to-verdict on real releases from Maven Central: for each release below, fetches the released jar and its
# source-release zip with the Maven client (this checkout's wrapper, dependency:copy, strict checksums), makes the
# zip a git repository tagged as the recipe's gitTag (Central has no git history), and runs
#   clearbox rebuild --buildspec REL.buildspec --repo TREE --reference REL.jar [--newline crlf]
# once as recipe says (LF) and once as if on Windows (CRLF, git's own conversion). Prints verdict, reason and times.
# Usage: bench/rebuild/real-releases.sh [network policy, default fetch-first]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
network="${1:-fetch-first}"
work="$root/bench/.cache/real-releases"
mkdir -p "$work"
cd "$root"

# groupId artifactId version gitTag command
releases=(
  "org.apache.maven.shared maven-shared-utils 3.4.2 maven-shared-utils-3.4.2 mvn -B -Papache-release clean package -DskipTests -Dmaven.javadoc.skip -Dgpg.skip"
)

fetch() { # coords file
  [ -f "$work/$2" ] && return 0
  ./mvnw -B -q -N -C dependency:copy -Dartifact="$1" -DoutputDirectory="$work" >/dev/null
}

printf '%-40s %-4s %-18s %8s %8s %8s  %s\n' release nl verdict fetch run1 run2 reason
for r in "${releases[@]}"; do
  read -r g a v tag cmd <<<"$r"
  fetch "$g:$a:$v" "$a-$v.jar"
  fetch "$g:$a:$v:zip:source-release" "$a-$v-source-release.zip"
  src="$work/$a-$v-src"
  if [ ! -d "$src/.git" ]; then
    rm -rf "$src" "$work/unzip" && mkdir -p "$work/unzip"
    (cd "$work/unzip" && unzip -q "$work/$a-$v-source-release.zip")
    mv "$work/unzip/$a-$v" "$src"
    git -C "$src" init -q -b main
    git -C "$src" add -A
    GIT_COMMITTER_DATE="2024-01-01T00:00:00Z" git -C "$src" -c user.name=bench -c user.email=bench@example.org \
      commit -q -m "$a $v from its source-release zip"
    git -C "$src" tag "$tag"
  fi
  cat > "$work/$a-$v.buildspec" <<SPEC
groupId=$g
artifactId=$a
version=$v
gitRepo=https://example.org/$a.git
gitTag=$tag
tool=mvn
jdk=17
command="$cmd"
buildinfo=target/$a-$v.buildinfo
SPEC
  for nl in lf crlf; do
    out="$work/out-$a-$v-$nl"
    ./clearbox rebuild --buildspec "$work/$a-$v.buildspec" --repo "$src" --reference "$work/$a-$v.jar" --newline "$nl" \
      --network "$network" --out "$out" --format json -q > "$out.json" || true
    python3 - "$out.json" "$a-$v" "$nl" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
runs = {r["name"]: r["durationMillis"] for r in d["rebuild"]["runs"]}
v = d["verdicts"][0]
reason = v["reason"] or ", ".join(sorted({x["kind"] for x in v["differences"]})) or "bit-identical"
print("%-40s %-4s %-18s %7.0fs %7.0fs %7.0fs  %s" % (sys.argv[2], sys.argv[3], v["verdict"], runs.get("fetch", 0) / 1000,
      runs.get("build-1", 0) / 1000, runs.get("build-2", 0) / 1000, reason))
PY
  done
done
