#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 30-client-pptpdng: the branch side.  pppd with pptp-gre.so in the client
# role dials pptpd-ng (SCCRQ, OCRQ done by the plugin), MS-CHAPv2 +
# MPPE-128, once with the kernel data path on both ends and once with the
# user-space GRE engine on both ends; ping both ways, iperf3 both
# directions; on hang-up the keeper clears the call (CCRQ) and the daemon
# logs the call's end.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pppd iperf3

private_etc_ppp
chap_secret branch1 pptpd s3cret-b1
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
summary=""

for mode in kernel user; do
	log "=== gre-mode $mode (both ends)"
	pptpdng_conf "$WORK/pptpd.conf" "$mode"
	pptpdng_start srv "$WORK/pptpd.conf"
	branch_client cli "branch-$mode" 10.77.0.1 branch1 "$mode"
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	plog=$WORK/branch-$mode.pppd.log
	log "branch ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
	grep -q "pptp-gre: $mode mode" "$plog" || die "$mode: client not in $mode mode"
	grep -q 'pptp-gre: call up' "$plog" || die "$mode: no call up in the client log"
	grep -q 'MPPE 128-bit' "$plog" || die "$mode: no MPPE-128 on the client"
	grep -q 'CHAP authentication succeeded' "$plog" || die "$mode: no MS-CHAPv2"
	tunnel_traffic cli srv 192.168.77.1 "$mode"
	summary="$summary $TRAFFIC_RESULT"
	grep -q 'call up: user=branch1' "$WORK/pptpd-ng.log" ||
	    die "$mode: the daemon did not log the call"
	kill "$cpid"
	wait_for 15 "client pppd to exit" bash -c "! kill -0 $cpid 2>/dev/null"
	wait_for 15 "the call to end in the daemon" grep -q 'call ended' "$WORK/pptpd-ng.log"
	grep 'call ended' "$WORK/pptpd-ng.log" | tail -n 1
	# The keeper's clean close: CCRQ, then StopCCRQ (no lost connection).
	wait_for 10 "the keeper's CCRQ" grep -q 'sent CCRQ' "$plog"
	wait_for 10 "the keeper's StopCCRQ" grep -q 'sent StopCCRQ' "$plog"
	kill "$PPTPDNG_PID"
	wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$mode.log.txt"
done
pass "pptp-gre.so client <-> pptpd-ng:$summary"
