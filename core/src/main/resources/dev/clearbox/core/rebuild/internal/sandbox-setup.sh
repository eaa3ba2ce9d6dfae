# Clearbox build sandbox without bubblewrap: runs as root of a fresh user namespace, inside fresh mount,
# PID, IPC, UTS (and, unless the run may use the network, network) namespaces made by util-linux unshare.
# It builds the build's root file system in memory from the steps Clearbox passes as arguments
# (SandboxLayout: ro/rw SOURCE TARGET, link TARGET PATH, mask PATH, tmpfs BYTES PATH, dev, proc), moves into
# it with pivot_root, detaches the machine's root, makes the new root read-only, drops every capability and
# runs the build as a child of this PID 1: when the build's main process ends, PID 1 ends and the kernel
# kills everything left in the namespace.
# Arguments: ROOT_MOUNTPOINT STEP... -- WORKDIR COMMAND...
set -eu
build_path=$PATH
PATH=/usr/sbin:/usr/bin:/sbin:/bin
R=$1
shift
mount -t tmpfs -o mode=0755,size=16m,nosuid,nodev clearbox-root "$R"
while [ "$1" != "--" ]; do
  step=$1
  case "$step" in
    ro|rw)
      if [ -d "$2" ]; then mkdir -p "$R$3"; else mkdir -p "$(dirname "$R$3")"; : > "$R$3"; fi
      mount --bind "$2" "$R$3" 2>/dev/null || mount --rbind "$2" "$R$3"
      if [ "$step" = ro ]; then
        mount -o remount,bind,ro,nosuid,nodev "$R$3"
      else
        mount -o remount,bind,nosuid,nodev "$R$3"
      fi
      shift 3;;
    link)
      mkdir -p "$(dirname "$R$3")"
      ln -s "$2" "$R$3"
      shift 3;;
    mask)
      if [ -d "$R$2" ] && [ ! -L "$R$2" ]; then
        mount -t tmpfs -o ro,size=4k,mode=0755,nosuid,nodev clearbox-mask "$R$2"
      elif [ -e "$R$2" ] && [ ! -L "$R$2" ]; then
        mount --bind /dev/null "$R$2"
      fi
      shift 2;;
    tmpfs)
      mkdir -p "$R$3"
      mode=0700
      [ "$3" = /tmp ] && mode=1777
      mount -t tmpfs -o "size=$2,mode=$mode,nosuid,nodev" clearbox-tmp "$R$3"
      shift 3;;
    dev)
      mkdir -p "$R/dev"
      mount -t tmpfs -o mode=0755,size=64k,nosuid clearbox-dev "$R/dev"
      for d in null zero full random urandom tty; do
        : > "$R/dev/$d"
        mount --bind "/dev/$d" "$R/dev/$d"
      done
      ln -s /proc/self/fd "$R/dev/fd"
      ln -s /proc/self/fd/0 "$R/dev/stdin"
      ln -s /proc/self/fd/1 "$R/dev/stdout"
      ln -s /proc/self/fd/2 "$R/dev/stderr"
      mkdir "$R/dev/shm"
      mount -t tmpfs -o mode=1777,size=64m,nosuid,nodev clearbox-shm "$R/dev/shm"
      mount -o remount,bind,ro,nosuid "$R/dev"
      shift;;
    proc)
      mkdir -p "$R/proc"
      mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
      shift;;
    *)
      echo "clearbox sandbox: unknown step $step" >&2
      exit 125;;
  esac
done
shift
mkdir "$R/.old-root"
cd "$R"
pivot_root . .old-root
cd /
umount -l /.old-root
rmdir /.old-root
mount -o remount,bind,ro,nosuid,nodev /
cd "$1"
shift
PATH=$build_path
export PATH
exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- /bin/sh -c '"$@" & wait $!' clearbox-init "$@"
