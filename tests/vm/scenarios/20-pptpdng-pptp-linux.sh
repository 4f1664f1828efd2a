#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 20-pptpdng-pptp-linux: the core capability.  pptp-linux connects to
# pptpd-ng, authenticates with MS-CHAPv2, gets MPPE-128 and an address
# and passes traffic, once with the kernel data path and twice with the
# user-space GRE engine (user-channel auto, which is the tap, and l2tp:
# pptpctl shows the channel the call uses); ping both ways, iperf3 both
# directions, the daemon's log shows the call, ip-up sees the client's
# address as $6.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd iperf3

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ipup_recorder
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

for run in kernel user/tap user/l2tp; do
	mode=${run%/*} chan=
	[ "$mode" = "$run" ] || chan=${run#*/}
	log "=== gre-mode $mode${chan:+, user-channel $chan}"
	: >"$WORK/ipup.txt"
	case $run in
	user/l2tp) pptpdng_conf "$WORK/pptpd.conf" "$mode" "user-channel l2tp" ;;
	*) pptpdng_conf "$WORK/pptpd.conf" "$mode" ;;
	esac
	pptpdng_start srv "$WORK/pptpd.conf"
	pptp_client cli "client-$mode" 10.77.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	log "client ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
	grep -q 'MPPE 128-bit' "$WORK/client-$mode.pppd.log" ||
	    die "no MPPE-128 on the client"
	ping_ok cli 192.168.77.1 5 || die "$mode: client -> server ping"
	ping_ok srv "$(ppp_local cli ppp0)" 5 || die "$mode: server -> client ping"
	up=$(iperf_bps cli srv 192.168.77.1 4)
	down=$(iperf_bps cli srv 192.168.77.1 4 -R)
	log "$mode: iperf3 client->server $(mbit "$up") Mbit/s, server->client $(mbit "$down") Mbit/s"
	if [ "${up%.*}" -le 0 ] || [ "${down%.*}" -le 0 ]; then
		die "$mode: iperf3 failed"
	fi
	grep -q 'call up: user=alice' "$WORK/pptpd-ng.log" ||
	    die "$mode: the daemon did not log the call"
	if [ "$mode" = user ]; then
		wait_for 15 "pptpctl to show the call's channel" sh -c \
		    "'$BUILD/pptpctl' -s '$WORK/control.sock' show sessions | grep -q ' user/$chan '"
		log "pptpctl: $("$BUILD/pptpctl" -s "$WORK/control.sock" show sessions | tail -n 1)"
	fi
	wait_for 5 "ip-up hook" grep -q ' 10.77.0.2$' "$WORK/ipup.txt"
	kill "$cpid"
	wait_for 15 "client pppd to exit" bash -c "! kill -0 $cpid 2>/dev/null"
	wait_for 15 "the call to end in the daemon" grep -q 'call ended' "$WORK/pptpd-ng.log"
	grep 'call ended' "$WORK/pptpd-ng.log" | tail -n 1
	kill "$PPTPDNG_PID"
	wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$mode${chan:+-$chan}.log.txt"
done
pass "pptp-linux <-> pptpd-ng in kernel and user mode (tap and L2TP channels)"
