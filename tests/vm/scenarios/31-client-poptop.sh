#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 31-client-poptop: interoperability of the branch side with the server
# everyone already runs: pppd with pptp-gre.so in the client role dials
# poptop's pptpd, MS-CHAPv2 + MPPE-128, with the kernel and the user-space
# GRE data path; ping both ways, iperf3 both directions, hang-up with
# CCRQ.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptpd pppd iperf3

private_etc_ppp
chap_secret branch1 pptpd s3cret-b1
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
server_options "$WORK/pptpd-options"
cat >"$WORK/pptpd.conf" <<CONF
option $WORK/pptpd-options
localip 192.168.77.1
remoteip 192.168.77.10-20
pidfile $WORK/pptpd.pid
CONF
summary=""

for mode in kernel user; do
	log "=== client gre-mode $mode, poptop server"
	start_bg srv pptpd pptpd -f -c "$WORK/pptpd.conf"
	spid=$LAST_PID
	wait_for 10 "poptop listening on 1723" nsx srv ss -ltn 'sport = :1723' -H
	branch_client cli "branch-$mode" 10.77.0.1 branch1 "$mode" \
	    persist maxfail 0 holdoff 2
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	plog=$WORK/branch-$mode.pppd.log
	log "branch ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
	grep -q "pptp-gre: $mode mode" "$plog" || die "$mode: client not in $mode mode"
	grep -q 'MPPE 128-bit' "$plog" || die "$mode: no MPPE-128 on the client"
	grep -q 'CHAP authentication succeeded' "$plog" || die "$mode: no MS-CHAPv2"
	tunnel_traffic cli srv 192.168.77.1 "$mode"
	summary="$summary $TRAFFIC_RESULT"
	kill "$cpid"
	wait_for 15 "client pppd to exit" bash -c "! kill -0 $cpid 2>/dev/null"
	# The keeper clears the call; poptop answers a CCRQ by closing the
	# control connection itself (no CDN), which the keeper accepts.
	grep -q 'sent CCRQ' "$plog" || die "$mode: the keeper sent no CCRQ"
	wait_for 10 "the keeper to finish" grep -q 'keeper finished' "$plog"
	# poptop's pppd for the call must go away with the call.
	wait_for 20 "poptop's pppd to end" bash -c \
	    "! ip -n srv -o link show | grep -q ppp"
	kill "$spid"
	wait_for 10 "pptpd to exit" bash -c "! kill -0 $spid 2>/dev/null"
done
pass "pptp-gre.so client <-> poptop pptpd:$summary"
