#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# demo.sh: the README's first command.  One PPTP session end to end in
# network namespaces (inside the bench VM when this kernel has no PPP),
# printing what an admin wants to see: the session up with MS-CHAPv2 and
# MPPE-128, the addresses, a ping and a throughput figure.  Until the
# pptpd-ng server lands (issue 3) the server here is poptop's pptpd.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need pptpd pptp pppd iperf3

private_etc_ppp
chap_secret alice pptpd demo-secret
ns_add hq
ns_add branch
veth_pair hq eth0 10.77.0.1/24 branch eth0 10.77.0.2/24
server_options "$WORK/pptpd-options"
cat >"$WORK/pptpd.conf" <<CONF
option $WORK/pptpd-options
localip 192.168.77.1
remoteip 192.168.77.10-20
pidfile $WORK/pptpd.pid
CONF
log "server: poptop pptpd on 10.77.0.1:1723 (namespace hq)"
start_bg hq pptpd pptpd -f -c "$WORK/pptpd.conf"
wait_for 10 "pptpd listening" nsx hq ss -ltn 'sport = :1723' -H
log "client: pptp-linux + pppd in namespace branch, user alice"
pptp_client branch client 10.77.0.1 alice
wait_ppp branch ppp0 40
echo
log "session up: $(grep -m1 -o 'MS-CHAP.*succeeded\|CHAP authentication succeeded' "$WORK/client.pppd.log")"
log "encryption: $(grep -m1 -o 'MPPE 128-bit[a-z ]*compression enabled' "$WORK/client.pppd.log")"
log "addresses:  client $(ppp_local branch ppp0), server $(ppp_peer branch ppp0)"
ping_ok branch 192.168.77.1 5 || die "ping through the tunnel"
bps=$(iperf_bps branch hq 192.168.77.1 5)
log "throughput: $(mbit "$bps") Mbit/s (one TCP stream, client -> server, iperf3, software-emulated VM)"
pass "demo session complete"
