#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh: the README's first command.  One PPTP session end to end in
# network namespaces (inside the bench VM when this kernel has no PPP):
# pptpd-ng at "hq" serves a pptp-linux client at "branch"; shows the
# session up with MS-CHAPv2 and MPPE-128, the addresses, a ping, the
# throughput, `pptpctl show sessions` and what pptpd-ng logged about the
# call.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need pptp pppd iperf3

private_etc_ppp
chap_secret alice pptpd demo-secret
ns_add hq
ns_add branch
veth_pair hq eth0 10.77.0.1/24 branch eth0 10.77.0.2/24
pptpdng_conf "$WORK/pptpd.conf" kernel
log "server: pptpd-ng on 10.77.0.1:1723 (namespace hq), gre-mode kernel"
pptpdng_start hq "$WORK/pptpd.conf"
log "client: pptp-linux + pppd in namespace branch, user alice"
pptp_client branch client 10.77.0.1 alice
wait_ppp branch ppp0 40
echo
log "session up: $(grep -m1 -o 'CHAP authentication succeeded' "$WORK/client.pppd.log") (MS-CHAPv2)"
log "encryption: $(grep -m1 -o 'MPPE 128-bit[a-z ]*compression enabled' "$WORK/client.pppd.log")"
log "addresses:  client $(ppp_local branch ppp0), server $(ppp_peer branch ppp0)"
ping_ok branch 192.168.77.1 5 || die "ping through the tunnel"
bps=$(iperf_bps branch hq 192.168.77.1 5)
log "throughput: $(mbit "$bps") Mbit/s (one TCP stream, client -> server, iperf3, software-emulated VM)"
echo
log "pptpctl show sessions:"
"$BUILD/pptpctl" -s "$WORK/control.sock" show sessions | sed 's/^/    /' ||
    die "pptpctl show sessions"
echo
log "pptpd-ng's log for the call:"
grep -E 'connection opened|recv SCCRQ|recv OCRQ|call started|authenticated|call up' \
    "$WORK/pptpd-ng.log" | sed 's/^/    /'
pass "demo session complete"
