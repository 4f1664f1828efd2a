#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 23-pptpdng-faults: pptpd-ng cleans up after the usual failures, in the
# kernel and the user gre mode.
#  (a) a wrong password is rejected, the daemon's log gives an
#      authentication cause, and the failed call's address and call ID are
#      released: the next good client gets the pool's first address
#      192.168.77.10 again, and a shutdown then counts exactly 1 call.
#  (d) the server's ip-up sees the client's address as $6 (PPP_IPPARAM in
#      ip-up.d), once, for the good call only.
#  (b) the server-side pppd is killed with SIGKILL: the daemon logs the
#      call's end and sends a CDN, and the client's pppd ends (modem hangup)
#      well before its own LCP echo could have noticed.
#  (c) the client goes silent (every packet of its namespace dropped):
#      with echo-interval 5 and echo-failures 2 the daemon's PPTP echo
#      declares the connection dead within 20 s, closes it and the call,
#      and the server-side pppd is gone.  The server pppd's own LCP echo
#      is slowed to 60 s so that it cannot be what notices.
# timeout: 480
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd nft

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ipup_recorder
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

DLOG=$WORK/pptpd-ng.log
SOFT=()
# soft MSG: a failed check that need not stop the others; fails at the end.
soft() { log "FAIL (continuing): $*"; SOFT+=("$*"); }
# gone PID: the process no longer exists (called through wait_for).
# shellcheck disable=SC2317
gone() { ! kill -0 "$1" 2>/dev/null; }
# since T0: seconds from T0 (date +%s.%N) to now, one decimal.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
# srv_pppd: the pid of the daemon's (only) pppd child.
srv_pppd() { pgrep -P "$PPTPDNG_PID" -x pppd; }
# start MODE: a fresh daemon with the echo settings (c) needs.
start() {
	pptpdng_conf "$WORK/pptpd.conf" "$1" "echo-interval 5" "echo-failures 2"
	sed -i 's/^lcp-echo-interval .*/lcp-echo-interval 60/' "$WORK/pptpd-options"
	pptpdng_start srv "$WORK/pptpd.conf"
}
# stop_expect CONNS CALLS: SIGTERM the daemon; its shutdown line must count
# CONNS connections and CALLS calls; it exits within 15 s.
stop_expect() {
	kill "$PPTPDNG_PID"
	wait_for 15 "pptpd-ng to exit" gone "$PPTPDNG_PID"
	grep 'shutting down:' "$DLOG"
	grep -q "shutting down: $1 connections, $2 calls" "$DLOG" ||
	    die "shutdown did not count $1 connections and $2 calls"
}
# blackhole on|off: drop every packet in and out of the client namespace.
blackhole() {
	if [ "$1" = on ]; then
		nsx cli nft -f - <<-'NFT'
		table inet blackhole {
			chain in { type filter hook input priority -300; policy drop; }
			chain out { type filter hook output priority -300; policy drop; }
		}
		NFT
	else
		nsx cli nft delete table inet blackhole
	fi
}

for mode in kernel user; do
	log "=== gre-mode $mode"
	: >"$WORK/ipup.txt"

	# (a) wrong password, then a good client.
	start "$mode"
	pptp_client cli "bad-$mode" 10.77.0.1 alice password not-the-secret
	bad=$LAST_PID
	wait_for 30 "the rejected client's pppd to exit" gone "$bad"
	wait_for 10 "the failed call to end in the daemon" grep -q 'call ended' "$DLOG"
	grep 'call ended' "$DLOG"
	grep -q 'call ended: .*cause: .*authentication' "$DLOG" ||
	    soft "(a) $mode: the call's end names no authentication cause"
	grep -q 'address=192.168.77.10 ' "$DLOG" ||
	    die "(a) $mode: the failed call did not hold 192.168.77.10"
	pptp_client cli "good-$mode" 10.77.0.1 alice
	good=$LAST_PID
	wait_ppp cli ppp0 40
	[ "$(ppp_local cli ppp0)" = 192.168.77.10 ] ||
	    die "(a) $mode: the good client got $(ppp_local cli ppp0), not 192.168.77.10 again"
	ping_ok cli 192.168.77.1 3 || die "(a) $mode: ping after the rejection"
	log "(a) $mode: rejected, cause logged, 192.168.77.10 given out again"

	# (d) ip-up's $6 is the client's address, for the good call only.
	wait_for 5 "the server's ip-up" grep -q '^ppp[0-9]* 10\.77\.0\.2$' "$WORK/ipup.txt"
	n=$(grep -c ' 10\.77\.0\.2$' "$WORK/ipup.txt")
	[ "$n" -eq 1 ] || die "(d) $mode: $n ip-up runs with ipparam 10.77.0.2, expected 1"
	log "(d) $mode: ip-up saw \$6 = $(grep ' 10\.77\.0\.2$' "$WORK/ipup.txt")"

	# Only the good call is left: the failed one's call ID is free.
	stop_expect 1 1
	wait_for 15 "the good client to be hung up by the shutdown" gone "$good"
	mv "$DLOG" "$WORK/pptpd-ng-$mode-a.log.txt"

	# (b) the server-side pppd is killed.
	start "$mode"
	pptp_client cli "killed-$mode" 10.77.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	spid=$(srv_pppd)
	[ -n "$spid" ] || die "(b) $mode: no pppd child of pptpd-ng"
	t0=$(date +%s.%N)
	kill -9 "$spid"
	wait_for 10 "the client's pppd to end after the server pppd was killed" gone "$cpid"
	log "(b) $mode: client pppd ended $(since "$t0") s after the kill"
	grep -q 'Modem hangup' "$WORK/killed-$mode.pppd.log" ||
	    die "(b) $mode: the client's pppd did not end on a hangup"
	wait_for 5 "the daemon to log the call's end" grep -q 'call ended:.*signal 9' "$DLOG"
	grep 'call ended' "$DLOG"
	sed -n '/call ended/,$p' "$DLOG" | grep -q 'send CDN' ||
	    die "(b) $mode: no CDN sent after the call ended"
	wait_for 5 "the server's ppp interface to go" \
	    bash -c "! ip -n srv -o link show | grep -q ppp"

	# (c) the client goes silent.
	pptp_client cli "silent-$mode" 10.77.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	spid=$(srv_pppd)
	[ -n "$spid" ] || die "(c) $mode: no pppd child of pptpd-ng"
	ctrl=$(grep 'connection opened' "$DLOG" | tail -n 1 | grep -o 'ctrl=[0-9]*')
	blackhole on || die "(c) cannot install the nft drop rules"
	t0=$(date +%s.%N)
	wait_for 25 "the daemon's echo timeout" grep -q "$ctrl .*echo-timeout" "$DLOG"
	dt=$(since "$t0")
	grep "$ctrl .*echo-timeout" "$DLOG"
	log "(c) $mode: echo timeout $dt s after the client went silent"
	[ "${dt%.*}" -lt 20 ] || die "(c) $mode: the echo timeout took $dt s"
	wait_for 5 "$ctrl to close" grep -q "$ctrl .*connection closed" "$DLOG"
	wait_for 20 "the server pppd to be gone" gone "$spid"
	wait_for 5 "the daemon to log the call's end" \
	    bash -c "[ \$(grep -c 'call ended' '$DLOG') -ge 2 ]"
	grep 'call ended' "$DLOG" | tail -n 1
	log "(c) $mode: server pppd gone $(since "$t0") s after the client went silent"
	kill "$cpid"
	wait_for 20 "the silent client's pppd to exit" gone "$cpid"
	blackhole off
	stop_expect 0 0
	mv "$DLOG" "$WORK/pptpd-ng-$mode-bc.log.txt"
done
[ ${#SOFT[@]} -eq 0 ] || die "${#SOFT[@]} checks failed: ${SOFT[*]}"
pass "wrong password, killed pppd, silent client and ip-up \$6, kernel and user mode"
