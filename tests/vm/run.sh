#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run.sh: the end-to-end bench's host side.  Runs scenario scripts either
# directly (this kernel has PPP: /dev/ppp or a loadable ppp_generic, and we
# are root) or inside one qemu VM booting Debian's stock kernel with the host
# root shared read-only under an overlay (see tests/vm/README.md).  All the
# scenarios of one call share one boot.
#
#   run.sh [--vm|--direct] [--results FILE] [--keep] [-v] --all | --demo | --bench | SCENARIO...
#
# Prints each scenario's log when it fails (always with --demo/--bench) and
# one "RESULT <name> pass|fail|skip <reason>" line per scenario, also
# appended to FILE.  Exit status: 0 when nothing failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=auto results_file="" keep=0 verbose=0
jobs=()

usage() {
	sed -n 's/^#   //p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--vm) mode=vm ;;
	--direct) mode=direct ;;
	--results) results_file=$2; shift ;;
	--keep) keep=1 ;;
	-v|--verbose) verbose=1 ;;
	--all) for f in "$here"/scenarios/*.sh; do jobs+=("$f"); done ;;
	--demo) jobs+=("$here/demo.sh"); verbose=1 ;;
	--bench) for f in "$top"/tests/bench/scenarios/*.sh; do jobs+=("$f"); done
		verbose=1 ;;
	-h|--help) usage ;;
	-*) usage ;;
	*) case $1 in
	   /*) jobs+=("$1") ;;
	   */*) jobs+=("$PWD/$1") ;;
	   *) jobs+=("$here/scenarios/$1") ;;
	   esac ;;
	esac
	shift
done
[ ${#jobs[@]} -gt 0 ] || usage
for j in "${jobs[@]}"; do
	[ -f "$j" ] || { echo "run.sh: no such scenario: $j" >&2; exit 2; }
done

host_has_ppp() {
	[ "$(id -u)" -eq 0 ] || return 1
	[ -c /dev/ppp ] && return 0
	modprobe -q ppp_generic 2>/dev/null && [ -c /dev/ppp ]
}

if [ $mode = auto ]; then
	if host_has_ppp; then mode=direct; else mode=vm; fi
fi

resdir=$(mktemp -d /tmp/pptpng-vm.XXXXXX)
chmod 755 "$resdir"
cleanup() { [ $keep -eq 1 ] || rm -rf "$resdir"; }
trap cleanup EXIT
printf '%s\n' "${jobs[@]}" >"$resdir/jobs"

start=$(date +%s)
if [ $mode = direct ]; then
	echo "bench: running ${#jobs[@]} scenario(s) directly on this kernel ($(uname -r))"
	"$here/run-scenarios.sh" "$resdir"
else
	if ! kdir=$("$here/kernel.sh"); then
		echo "bench: cannot prepare the VM kernel" >&2
		exit 1
	fi
	kver=$(basename "$kdir")
	printf 'KDIR=%s\nKVER=%s\nTOP=%s\n' "$kdir" "$kver" "$top" >"$resdir/env"
	# make sanitize: the scenarios use its build tree and ASan runtime.
	for v in BUILD SAN_PRELOAD; do
		[ -n "${!v:-}" ] && printf 'export %s=%q\n' "$v" "${!v}" >>"$resdir/env"
	done
	mem=${PPTPNG_VM_MEM:-2048}
	budget=${PPTPNG_VM_TIMEOUT:-4800}
	echo "bench: booting $kver under qemu for ${#jobs[@]} scenario(s) (${mem} MiB, limit ${budget}s)"
	# Software emulation by default: nested KVM on these machines exists
	# but hangs while the kernel decompresses.  PPTPNG_VM_ACCEL=kvm to try.
	accel=${PPTPNG_VM_ACCEL:-tcg} cpu=max
	[ "$accel" = kvm ] && cpu=host
	timeout --foreground -k 10 "$budget" qemu-system-x86_64 \
	    -machine "q35,accel=$accel" -cpu "$cpu" -smp 2 -m "$mem" \
	    -nographic -no-reboot -nic none \
	    -kernel "$kdir/root/boot/vmlinuz-$kver" -initrd "$kdir/initrd.gz" \
	    -append "console=ttyS0 quiet panic=-1 loglevel=3 pptpng.guest=$here/guest.sh pptpng.results=$resdir" \
	    -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
	    -virtfs local,path="$resdir",mount_tag=results,security_model=none,multidevs=remap \
	    </dev/null 2>&1 | tee "$resdir/console.log" |
	    sed -n 's/^pptpng: /  /p'
	[ -f "$resdir/done" ] || {
		echo "bench: the VM did not finish; last console lines:"
		tail -n 30 "$resdir/console.log"
	}
fi
echo "bench: finished in $(( $(date +%s) - start ))s"

nfail=0
for j in "${jobs[@]}"; do
	name=$(basename "$j" .sh)
	st=$(cat "$resdir/$name.status" 2>/dev/null || echo none)
	reason=""
	case $st in
	0) res=pass ;;
	77) res=skip; reason=$(grep -m1 '^SKIP: ' "$resdir/$name.log" | cut -c7-) ;;
	none) res=fail; reason="did not run (VM died or timed out)" ;;
	124) res=fail; reason="timed out" ;;
	*) res=fail; reason="exit $st" ;;
	esac
	if [ $verbose -eq 1 ] || [ $res = fail ]; then
		echo "---- $name: log ----"
		cat "$resdir/$name.log" 2>/dev/null
		echo "---- $name: end of log ----"
	fi
	line="RESULT $name $res ${reason:-}"
	echo "$line"
	[ -n "$results_file" ] && echo "$line" >>"$results_file"
	[ $res = fail ] && nfail=$((nfail + 1))
done
[ $nfail -eq 0 ]
