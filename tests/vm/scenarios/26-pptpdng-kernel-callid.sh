#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 26-pptpdng-kernel-callid: the kernel's pptp module has one call-ID
# table for the whole host, shared with every other program that uses it.
# A stand-in for such a program (pptp_id_hog.py, in its own namespace)
# binds every even call ID; then six pptp-linux calls in a row reach
# pptpd-ng in kernel mode.  Each call's ID is bound by the privileged
# process before the Outgoing-Call-Reply and inherited by pppd as fd 4,
# so every call must come up with an odd ID, carry pings, and the
# daemon counts the IDs it had to draw again.  (Before this, pppd bound
# the ID itself and half of these calls failed with "call ID in use?".)
# Then without the module (unloaded, autoloading off): gre-mode auto
# logs that once and runs two calls in user mode; gre-mode kernel logs it
# once and refuses the call; after modprobe the daemon says the module is
# back and the next call is a kernel one again.
# timeout: 600
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd python3

CALLS=6
ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
ns_add hog
veth_pair srv eth0 10.78.0.1/24 cli eth0 10.78.0.2/24
modprobe pptp 2>/dev/null || true

start_bg hog hog python3 "$(dirname "$0")/../pptp_id_hog.py" 2
hog=$LAST_PID
wait_for 120 "the hog to bind its call IDs" grep -q '^held' "$WORK/hog.log"
log "hog: $(cat "$WORK/hog.log")"
grep -q '^held 32767 ' "$WORK/hog.log" || die "the hog holds fewer than 32767 IDs"

pptpdng_conf "$WORK/pptpd.conf" kernel
pptpdng_start srv "$WORK/pptpd.conf"
for i in $(seq 1 $CALLS); do
	pptp_client cli "alice-$i" 10.78.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	ping_ok cli 192.168.77.1 3 || die "call $i: no pings through the tunnel"
	line=$(grep 'call started' "$WORK/pptpd-ng.log" | tail -1)
	id=$(sed -n 's/.*call=\([0-9]*\)\/[0-9]* call started.*/\1/p' <<<"$line")
	spid=$(sed -n 's/.*pppd pid \([0-9]*\),.*/\1/p' <<<"$line")
	[[ -n $id && -n $spid ]] || die "call $i: no 'call started' line"
	# The server pppd got the bound socket as fd 4 and was told so.
	tr '\0' ' ' <"/proc/$spid/cmdline" | grep -q 'pptp-kernel-fd 4' ||
	    die "call $i: pppd $spid was not given pptp-kernel-fd 4"
	[[ $(readlink "/proc/$spid/fd/4") == socket:* ]] ||
	    die "call $i: pppd $spid has no socket on fd 4"
	[ $((id % 2)) -eq 1 ] || die "call $i: call ID $id is one the hog holds"
	log "call $i: up with call ID $id (server pppd $spid, fd 4 $(readlink "/proc/$spid/fd/4"))"
	kill "$cpid"
	wait_for 20 "client pppd $i to exit" bash -c "! kill -0 $cpid 2>/dev/null"
	wait_for 20 "call $i to end in the daemon" \
	    bash -c "[ \$(grep -c 'call ended' '$WORK/pptpd-ng.log') -ge $i ]"
done
kill -0 "$hog" 2>/dev/null || die "the hog died"
ctl show stats | grep '^calls:'
redrawn=$(ctl --json show stats | python3 -c \
    'import json, sys; print(json.load(sys.stdin)["stats"]["callid_kernel_busy"])')
drawn=$(grep -c 'call ID held in pptp.ko by another program' "$WORK/pptpd-ng.log" || true)
[ "$redrawn" = "$drawn" ] ||
    die "stats say $redrawn IDs redrawn, the log $drawn"
if grep -q 'call ID in use' "$WORK/pppd-server.log"; then
	die "a server pppd could not bind its call ID"
fi
kill "$hog" "$PPTPDNG_PID"
wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
wait_for 120 "the hog to release its call IDs" bash -c "! kill -0 $hog 2>/dev/null"
log "hog: $(tail -1 "$WORK/hog.log")"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-held.log.txt"

# call_once NAME: one pptp-linux call; 0 when it came up (and pinged).
call_once() {
	local pid ok=1
	pptp_client cli "$1" 10.78.0.1 alice
	pid=$LAST_PID
	for _ in $(seq 1 200); do
		ppp_up cli ppp0 && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	if ppp_up cli ppp0 && ping_ok cli 192.168.77.1 3; then
		ok=0
	fi
	kill "$pid" 2>/dev/null
	wait_for 20 "client pppd $1 to exit" bash -c "! kill -0 $pid 2>/dev/null"
	return $ok
}
modprobe_was=$(cat /proc/sys/kernel/modprobe)
at_exit "echo '$modprobe_was' >/proc/sys/kernel/modprobe; modprobe pptp"
echo /bin/false >/proc/sys/kernel/modprobe
wait_for 20 "the pptp module to unload" rmmod pptp 2>/dev/null
log "pptp module unloaded, autoloading off"
: >"$WORK/pppd-server.log"
pptpdng_conf "$WORK/pptpd.conf" auto
pptpdng_start srv "$WORK/pptpd.conf"
for i in 1 2; do
	call_once "auto-$i" || die "auto call $i did not come up without the module"
	grep -q 'pptp-gre: user mode' "$WORK/pppd-server.log" ||
	    die "auto call $i: the server pppd did not run in user mode"
done
n=$(grep -c 'gre-mode auto: no kernel PPTP socket' "$WORK/pptpd-ng.log" || true)
log "auto: $(grep 'no kernel PPTP socket' "$WORK/pptpd-ng.log" | sed 's/.*pptpd-ng[^:]*: //')"
[ "$n" -eq 1 ] || die "auto: 'no kernel PPTP socket' logged $n times for 2 calls"
kill "$PPTPDNG_PID"
wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-auto.log.txt"

pptpdng_conf "$WORK/pptpd.conf" kernel
pptpdng_start srv "$WORK/pptpd.conf"
if call_once kernel-absent; then
	die "gre-mode kernel: a call came up without the module"
fi
grep -q 'gre-mode kernel: no kernel PPTP socket .*modprobe pptp' "$WORK/pptpd-ng.log" ||
    die "gre-mode kernel: no actionable line about the missing module"
grep -q 'cannot start pppd' "$WORK/pptpd-ng.log" ||
    die "gre-mode kernel: the refused call was not logged"
log "kernel: $(grep 'no kernel PPTP socket' "$WORK/pptpd-ng.log" | sed 's/.*pptpd-ng[^:]*: //')"
echo "$modprobe_was" >/proc/sys/kernel/modprobe
modprobe pptp
: >"$WORK/pppd-server.log"
call_once kernel-back || die "gre-mode kernel: no call after modprobe pptp"
grep -q 'kernel PPTP is available again' "$WORK/pptpd-ng.log" ||
    die "gre-mode kernel: the module's return was not logged"
grep -q 'kernel mode, ' "$WORK/pppd-server.log" ||
    die "gre-mode kernel: the call after modprobe is not a kernel one"
pass "$CALLS calls up in kernel mode with every even call ID held by another pptp.ko user ($redrawn IDs drawn again); without the module auto ran 2 user-mode calls with one log line, kernel refused with one; kernel calls again after modprobe"
