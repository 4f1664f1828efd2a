#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 63-valgrind: pptpd-ng under valgrind (memcheck, --leak-check=full) for
# a whole life: start, a pptp-linux call with MS-CHAPv2 and MPPE-128 and
# pings, 30 control-plane call setups and teardowns (tests/vm/churn.py),
# pptpctl show and reload, SIGHUP, then SIGTERM.  Both processes (the root
# one and the chrooted network process, which valgrind follows across the
# fork) must end with "definitely lost: 0" and no memory error.  pppd is
# not traced (it is exec'd; --trace-children=no).
# timeout: 900
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd valgrind
[ -x /usr/bin/python3 ] || skip "python3 is missing"
[ -z "${SAN_PRELOAD:-}" ] || skip "not with an ASan build"

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
pptpdng_conf "$WORK/pptpd.conf" kernel
ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }
# shellcheck disable=SC2317 # called through wait_for
gone() { ! kill -0 "$1" 2>/dev/null; }

PPTPD_NG_PLUGIN=$BUILD/pptp-gre.so start_bg srv pptpd-ng \
    valgrind --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite --trace-children=no \
    --child-silent-after-fork=no --log-file="$WORK/vg.%p" \
    "$BUILD/pptpd-ng" -f -d -c "$WORK/pptpd.conf"
vpid=$LAST_PID
wait_for 300 "pptpd-ng under valgrind to start" grep -q 'pptpd-ng .* started' \
    "$WORK/pptpd-ng.log"
net=$(pgrep -P "$vpid" | head -n 1) || die "no network process"
log "valgrind: root process $vpid, network process $net"

pptp_client cli client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 120
grep -q 'MPPE 128-bit' "$WORK/client.pppd.log" || die "no MPPE-128"
ping_ok cli 192.168.77.1 5 || die "ping"
ctl show calls >/dev/null || die "pptpctl show calls"
kill "$cpid"
wait_for 60 "the call to end" grep -q 'call ended' "$WORK/pptpd-ng.log"
nsx cli /usr/bin/python3 "$(dirname "$0")/../churn.py" 10.77.0.1 30 30 true \
    >"$WORK/churn.txt" 2>&1 || die "churn: $(tail -n 1 "$WORK/churn.txt")"
log "churn: $(tail -n 1 "$WORK/churn.txt")"
ctl reload >/dev/null || die "pptpctl reload"
kill -HUP "$vpid"
wait_for 60 "two reloads" bash -c "[ \$(grep -c 'reloaded ' '$WORK/pptpd-ng.log') -ge 2 ]"
kill "$vpid"
wait_for 240 "pptpd-ng under valgrind to exit" gone "$vpid"
bad=0
for p in "$vpid" "$net"; do
	f=$WORK/vg.$p
	[ -f "$f" ] || die "no valgrind log for $p"
	log "process $p: $(grep -E 'definitely lost:|All heap blocks' "$f" | sed 's/^==[0-9]*== *//')," \
	    "$(grep 'ERROR SUMMARY' "$f" | sed 's/^==[0-9]*== *//')"
	grep -q 'ERROR SUMMARY: 0 errors' "$f" || { sed -n '/HEAP SUMMARY/,$p' "$f"; bad=1; }
	if grep -q 'definitely lost:' "$f" &&
	    ! grep -q 'definitely lost: 0 bytes' "$f"; then
		bad=1
	fi
done
[ $bad = 0 ] || die "valgrind found leaks or errors"
pass "pptpd-ng under valgrind: definitely lost 0 and no errors in both processes"
