#!/usr/bin/env bash
# Recipe-to-verdict on real releases from Maven Central: for each release below, fetches the released jar and its
# source-release zip with the Maven client (this checkout's wrapper, dependency:copy, strict checksums), makes the
# zip a git repository tagged as the recipe's gitTag (Central has no git history), and runs
#   clearbox rebuild --buildspec REL.buildspec --repo TREE --reference REL.jar
# with the recipe's own line endings (newline=crlf: as if on Windows, git's own conversion), tool (mvn-3.9.1: that
# Maven, fetched by MavenDistributions when missing), umask and command. Prints one line a release: Reproducible
# Central's verdict on the same jar (ok/ko: its .buildcompare okFiles/koFiles), Clearbox's verdict, reason, times.
# When the two build runs differ (NOT_REBUILT), it also compares each run's jar with the reference.
# The recipe fields are copied from Reproducible Central's content/GROUP/ARTIFACT/*.buildspec (2026-08 snapshot).
# Usage: bench/rebuild/real-releases.sh [network policy, default fetch-first] [artifactId or artifactId-version...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
network="${1:-fetch-first}"
shift || true
only=" $* "
work="$root/bench/.cache/real-releases"
mkdir -p "$work"
cd "$root"

apache="-Papache-release clean package -DskipTests -Dmaven.javadoc.skip -Dgpg.skip"
mojo="-Pmojo-release clean package -DskipTests -Dmaven.javadoc.skip -Dgpg.skip"
# groupId artifactId version gitTag tool newline umask reproducible-central's-verdict-on-the-jar command
releases=(
  "org.apache.maven.shared maven-shared-utils 3.4.2 maven-shared-utils-3.4.2 mvn lf 0002 ok mvn -B $apache"
  "org.apache.maven.shared maven-filtering 3.3.1 maven-filtering-3.3.1 mvn lf 0002 ok mvn -B $apache"
  "org.apache.maven.shared maven-shared-resources 4 maven-shared-resources-4 mvn crlf 0002 ok mvn -B $apache"
  "org.codehaus.mojo build-helper-maven-plugin 3.4.0 3.4.0 mvn-3.9.1 lf 0002 ok mvn -B $mojo"
  "org.codehaus.mojo extra-enforcer-rules 1.7.0 1.7.0 mvn-3.9.2 lf 022 ok mvn -B $mojo"
  "org.codehaus.mojo flatten-maven-plugin 1.4.0 1.4.0 mvn-3.9.1 lf 0002 ko mvn -B $mojo"
  "org.codehaus.mojo flatten-maven-plugin 1.4.1 1.4.1 mvn-3.9.1 lf 0002 ko mvn -B $mojo"
  "org.codehaus.mojo jaxb2-maven-plugin 3.1.0 jaxb2-maven-plugin-3.1.0 mvn crlf 0002 ko mvn -B $mojo"
  "org.apache.maven.shared file-management 3.1.0 file-management-3.1.0 mvn lf 0002 ok mvn -B $apache"
)

fetch() { # coords file
  [ -f "$work/$2" ] && return 0
  ./mvnw -B -q -N -C dependency:copy -Dartifact="$1" -DoutputDirectory="$work" >/dev/null
}

printf '%-36s %-2s %-4s %-9s %-16s %7s %7s %7s  %s\n' release rc nl tool verdict fetch run1 run2 reason
for r in "${releases[@]}"; do
  read -r g a v tag tool nl umask rc cmd <<<"$r"
  [ "$only" = "  " ] || [[ "$only" == *" $a "* || "$only" == *" $a-$v "* ]] || continue
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
tool=$tool
jdk=17
newline=$nl
umask=$umask
command="$cmd"
buildinfo=target/$a-$v.buildinfo
SPEC
  out="$work/out-$a-$v"
  rm -rf "$out"
  ./clearbox rebuild --buildspec "$work/$a-$v.buildspec" --repo "$src" --reference "$work/$a-$v.jar" \
    --network "$network" --out "$out" --format json -q > "$out.json" || true
  # A build whose runs differ gives no verdict against the reference ("neither run is trusted"); compare each run's
  # output with it as well, so the line shows how far each run is from the release.
  for i in 1 2; do
    dir="$out/artifacts"; [ "$i" = 1 ] || dir="$out/artifacts-$i"
    rm -f "$out.run$i.json"
    if [ -f "$dir/$a-$v.jar" ] && grep -q '"NON_DETERMINISTIC"' "$out.json"; then
      ./clearbox compare --format json "$work/$a-$v.jar" "$dir/$a-$v.jar" > "$out.run$i.json" || true
    fi
  done
  python3 "$here/real-release-line.py" "$out.json" "$a-$v" "$rc" "$nl" "$tool" "$out.run1.json" "$out.run2.json"
done
