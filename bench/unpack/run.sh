#!/usr/bin/env bash
# Unpack-and-inventory throughput: `clearbox unpack` next to plain `unzip` and `tar` on the same large real
# distribution archive from Maven Central, timed in the same run (the machine is shared, so only ratios
# measured together are meaningful). The archives come from Maven Central with the Maven client
# (bench/lib/fetch.sh) into bench/.cache/ (gitignored); Maven checks them against the repository's
# checksums itself, so this script keeps no sha1 check of its own.
#
#   bench/unpack/run.sh            # WildFly 39.0.1.Final dist, zip and tar.gz, 3 repetitions
#   REPS=5 bench/unpack/run.sh
#   SKIP_BUILD=1 bench/unpack/run.sh
#   SKIP_DEFAULT=1 bench/unpack/run.sh    # only the like-for-like runs (baseline and depth-0)
#   ONLY=tar.gz bench/unpack/run.sh        # only the archives whose name contains this
#
# For each archive it prints the median wall and CPU (user + sys) time of REPS runs of:
#   baseline    unzip -q -o FILE -d DIR   |   tar xzf FILE -C DIR
#   depth-0     clearbox unpack FILE --out DIR --max-depth 0   (same work as the baseline: extract every file,
#               plus sha256, type and jar identity/signature of each entry; no nested archive opened)
#   default     clearbox unpack FILE --out DIR                  (default --max-depth 3: every jar is also unpacked
#               and inventoried; --max-entries raised since WildFly's jars hold more than 100,000 entries)
# with MB/s computed over the archive's size (wall time), and the ratios to the baseline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/bench/.cache"
work="$cache/unpack-work"
reps="${REPS:-3}"
version="39.0.1.Final"
artifacts=("org.wildfly:wildfly-dist:$version:zip"
           "org.wildfly:wildfly-dist:$version:tar.gz")

mkdir -p "$cache"
CLEARBOX_ROOT="$root"
. "$root/bench/lib/fetch.sh"

if [ -z "${SKIP_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package -pl cli -am)
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
clearbox=("$java" -cp "$root/cli/target/clearbox-cli.jar:$root/cli/target/lib/*" dev.clearbox.cli.Main)

# time_it DIR CMD... : runs CMD with DIR fresh; sets RESULT to "wall cpu" in seconds (cpu = user + sys)
time_it() {
  local dir="$1"; shift
  rm -rf "$dir"
  if ! /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"; then
    echo "failed: $*" >&2
    cat "$work/stderr.txt" >&2
    exit 2
  fi
  rm -rf "$dir"
  RESULT="$(awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time.txt")"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { local k="$1"; shift; for x in "$@"; do echo "$x" | cut -d' ' -f"$k"; done; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "java: $("$java" -version 2>&1 | head -1); unzip: $(unzip -v | head -1 | cut -c1-40); tar: $(tar --version | head -1)"
echo "repetitions: $reps (median shown)"
printf '\n%-34s %-9s %8s %8s %7s %8s %7s\n' archive run "wall s" "MB/s" "x base" "cpu s" "x base"
for coords in "${artifacts[@]}"; do
  case "wildfly-dist-$version.${coords##*:}" in *"${ONLY:-}"*) ;; *) continue ;; esac
  file="$(fetch_artifact "$coords" "$cache")"
  name="$(basename "$file")"
  mb="$(echo "$(stat -c %s "$file") / 1000000" | bc -l)"
  mkdir -p "$work"
  base=(); d0=(); d3=()
  for ((i = 0; i < reps; i++)); do
    case "$name" in
      *.zip) time_it "$work/base" unzip -q -o "$file" -d "$work/base" ;;
      *) time_it "$work/base" bash -c "mkdir -p '$work/base' && tar xzf '$file' -C '$work/base'" ;;
    esac
    base+=("$RESULT")
    time_it "$work/cb0" "${clearbox[@]}" unpack "$file" --out "$work/cb0" -q --max-depth 0
    d0+=("$RESULT")
    if [ -z "${SKIP_DEFAULT:-}" ]; then
      time_it "$work/cb3" "${clearbox[@]}" unpack "$file" --out "$work/cb3" -q --max-entries 2000000 --max-total-bytes 16G
      d3+=("$RESULT")
    fi
  done
  bw="$(median $(col 1 "${base[@]}"))"; bc_="$(median $(col 2 "${base[@]}"))"
  for run in baseline depth-0 ${SKIP_DEFAULT:+skip}default; do
    [ "$run" = skipdefault ] && continue
    case "$run" in baseline) set -- "${base[@]}" ;; depth-0) set -- "${d0[@]}" ;; default) set -- "${d3[@]}" ;; esac
    w="$(median $(col 1 "$@"))"; c="$(median $(col 2 "$@"))"
    printf '%-34s %-9s %8.2f %8.1f %7.2f %8.2f %7.2f\n' "$name" "$run" "$w" "$(echo "$mb / $w" | bc -l)" \
        "$(echo "$w / $bw" | bc -l)" "$c" "$(echo "$c / $bc_" | bc -l)"
  done
done
rm -rf "$work"
