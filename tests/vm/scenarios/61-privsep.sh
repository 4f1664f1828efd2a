#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 61-privsep: pptpd-ng's privilege separation.  With a pptpd-ng user the
# network-facing process runs as that uid, with no capabilities
# (CapEff/CapPrm/CapBnd 0, NoNewPrivs), chrooted into an empty directory,
# while the root process only spawns pppd; a pptp-linux call still works
# end to end (MS-CHAPv2, MPPE-128, ping both ways) with pppd a child of the
# root process.  Then tests/vm/privsep_inject.py plays a compromised
# network process (pidfd_getfd on its privsep socket) and sends 16 hostile
# messages: the root process refuses each (a garbage line is logged, the
# exit line counts them by reason), the process it was asked to kill
# lives on, and the call keeps passing traffic.  SIGTERM ends everything:
# no pppd or network process left.
# timeout: 300
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd useradd
[ -x /usr/bin/python3 ] || skip "python3 is missing"

private_etc_ppp
chap_secret alice pptpd s3cret-alice
if ! id pptpd-ng >/dev/null 2>&1; then
	grp=()
	getent group pptpd-ng >/dev/null && grp=(-g pptpd-ng)
	useradd --system --no-create-home --shell /usr/sbin/nologin \
	    "${grp[@]}" pptpd-ng || die "cannot create the pptpd-ng user"
fi
uid=$(id -u pptpd-ng)
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

pptpdng_conf "$WORK/pptpd.conf" kernel
pptpdng_start srv "$WORK/pptpd.conf"
net=$(pgrep -P "$PPTPDNG_PID" -x pptpd-ng) || die "no network process"
field() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
log "root process $PPTPDNG_PID: uid $(field "$PPTPDNG_PID" Uid)," \
    "CapEff $(field "$PPTPDNG_PID" CapEff)"
log "network process $net: uid $(field "$net" Uid) gid $(field "$net" Gid)," \
    "CapEff $(field "$net" CapEff) CapPrm $(field "$net" CapPrm)" \
    "CapBnd $(field "$net" CapBnd) NoNewPrivs $(field "$net" NoNewPrivs)," \
    "root $(readlink "/proc/$net/root")"
[ "$(field "$net" Uid)" = "$uid" ] || die "network process uid is not pptpd-ng's $uid"
for c in CapEff CapPrm CapBnd CapAmb; do
	[ "$(field "$net" $c)" = 0000000000000000 ] ||
	    die "network process has $c $(field "$net" $c)"
done
[ "$(field "$net" NoNewPrivs)" = 1 ] || die "network process may gain privileges"
root=$(readlink "/proc/$net/root")
[ "$root" = /run/pptpd-ng/empty ] || die "network process root is $root"
[ -z "$(ls -A "$root")" ] || die "$root is not empty"
grep -q "privsep: network process $net runs as uid $uid" "$WORK/pptpd-ng.log" ||
    die "no privsep line in the log"
inode=$(/usr/bin/python3 "$(dirname "$0")/../privsep_inject.py" find "$net") ||
    die "cannot find the privsep socket"

pptp_client cli client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 40
grep -q 'MPPE 128-bit' "$WORK/client.pppd.log" || die "no MPPE-128 on the client"
ping_ok cli 192.168.77.1 5 || die "client -> server ping"
ping_ok srv "$(ppp_local cli ppp0)" 5 || die "server -> client ping"
pppd_pid=$(pgrep -P "$PPTPDNG_PID" -x pppd) || die "pppd is not a child of the root process"
log "pppd $pppd_pid: parent $PPTPDNG_PID, uid $(field "$pppd_pid" Uid)"
callid=$(sed -n 's/.*call=\([0-9]*\)\/[0-9]* call started.*/\1/p' \
    "$WORK/pptpd-ng.log" | tail -n 1)
[ -n "$callid" ] || die "no call ID in the log"

# A process the network process must not be able to signal.
sleep 300 &
victim=$!
_PIDS+=("$victim")
/usr/bin/python3 "$(dirname "$0")/../privsep_inject.py" send "$net" "$inode" \
    "$victim" "$callid" >"$WORK/inject.txt" || die "the injector failed"
log "injected: $(tail -n 1 "$WORK/inject.txt")"
wait_for 10 "a refusal line" grep -q 'privsep: refused a message' "$WORK/pptpd-ng.log"
grep 'privsep: refused a message' "$WORK/pptpd-ng.log"
kill -0 "$victim" || die "the root process killed a process that is not its pppd"
[ "$(pgrep -c -P "$PPTPDNG_PID" -x pppd)" = 1 ] || die "a second pppd was started"
ping_ok cli 192.168.77.1 5 || die "ping after the hostile messages"
kill -0 "$net" || die "the network process is gone"

kill "$PPTPDNG_PID"
wait_for 20 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
wait_for 5 "client pppd to exit" bash -c "! kill -0 $cpid 2>/dev/null"
kill -0 "$net" 2>/dev/null && die "the network process outlived the root process"
kill -0 "$pppd_pid" 2>/dev/null && die "pppd outlived pptpd-ng"
line=$(grep 'messages from the network process were refused' "$WORK/pptpd-ng.log") ||
    die "no refusal count at exit"
log "${line#* }"
n=$(echo "$line" | sed -n 's/.*privsep: \([0-9]*\) messages.*/\1/p')
[ "$n" = 16 ] || die "$n of 16 hostile messages refused"
pass "network process uid $uid, no capabilities, chrooted; call works; 16/16 hostile privsep messages refused"
