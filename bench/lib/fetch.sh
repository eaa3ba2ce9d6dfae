# Shared by the bench scripts (source it; POSIX sh, so /bin/sh and bash scripts can both use it): fetches one
# artifact from Maven Central with the Maven client, through the project's wrapper and the
# maven-dependency-plugin version that the parent pom pins in pluginManagement (`dependency-plugin.version`).
#
#   CLEARBOX_ROOT=/path/to/checkout      # the repository root (where mvnw is); set it before sourcing
#   . "$CLEARBOX_ROOT/bench/lib/fetch.sh"
#   file=$(fetch_artifact GROUP:ARTIFACT:VERSION[:PACKAGING[:CLASSIFIER]] DIR)
#
# fetch_artifact copies the artifact into DIR (created if missing) as
# ARTIFACT-VERSION[-CLASSIFIER].PACKAGING (PACKAGING defaults to jar) and prints that file's path on stdout;
# Maven's own output goes to stderr. A non-empty file already there is reused without asking Maven. It
# returns non-zero, leaving nothing in DIR, when the artifact cannot be resolved.
#
# Maven checks every download against the repository's checksums itself, and --strict-checksums makes a
# mismatch fatal, so the callers keep no sha1 or sha256 check of their own for the transfer. The artifact
# also lands in the local repository (~/.m2), so a second fetch into another directory needs no network.
fetch_artifact() {
    _fa_coords=$1
    _fa_dir=$2
    if [ -z "${CLEARBOX_ROOT:-}" ] || [ ! -x "$CLEARBOX_ROOT/mvnw" ]; then
        echo "fetch_artifact: set CLEARBOX_ROOT to the repository root (the directory with mvnw)" >&2
        return 2
    fi
    IFS=: read -r _fa_g _fa_a _fa_v _fa_p _fa_c _fa_rest <<EOF
$_fa_coords
EOF
    if [ -z "$_fa_g" ] || [ -z "$_fa_a" ] || [ -z "$_fa_v" ] || [ -n "$_fa_rest" ]; then
        echo "fetch_artifact: want GROUP:ARTIFACT:VERSION[:PACKAGING[:CLASSIFIER]], got '$_fa_coords'" >&2
        return 2
    fi
    _fa_name="$_fa_a-$_fa_v${_fa_c:+-$_fa_c}.${_fa_p:-jar}"
    mkdir -p "$_fa_dir" || return 1
    _fa_dir=$(cd "$_fa_dir" && pwd) || return 1
    if [ ! -s "$_fa_dir/$_fa_name" ]; then
        # Into a private directory first, so that an interrupted copy never leaves a file that looks fetched.
        _fa_tmp="$_fa_dir/.fetch.$$"
        rm -rf "$_fa_tmp"
        # -N: only the parent pom, not once per module; -C: a checksum mismatch fails the fetch.
        if ! (cd "$CLEARBOX_ROOT" && ./mvnw -B -q -N -C dependency:copy -Dartifact="$_fa_coords" \
                -DoutputDirectory="$_fa_tmp") >&2 || [ ! -s "$_fa_tmp/$_fa_name" ]; then
            rm -rf "$_fa_tmp"
            echo "fetch_artifact: could not fetch $_fa_coords" >&2
            return 1
        fi
        mv "$_fa_tmp/$_fa_name" "$_fa_dir/$_fa_name" && rmdir "$_fa_tmp" || return 1
    fi
    echo "$_fa_dir/$_fa_name"
}
