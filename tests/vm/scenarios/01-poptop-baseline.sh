#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 01-poptop-baseline: the reference every other scenario and benchmark is
# measured against.  poptop's pptpd serves a pptp-linux client across two
# namespaces; MS-CHAPv2 + MPPE-128; pings through the tunnel both ways.
# timeout: 180
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptpd pptp pppd

private_etc_ppp
chap_secret alice pptpd s3cret-alice
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
start_bg srv pptpd pptpd -f -c "$WORK/pptpd.conf"
wait_for 10 "poptop listening on 1723" nsx srv ss -ltn 'sport = :1723' -H

pptp_client cli client 10.77.0.1 alice
wait_ppp cli ppp0 40
log "client ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
[ "$(ppp_local cli ppp0)" = 192.168.77.10 ] || die "client address is not the pool's first"
grep -q 'MPPE 128-bit' "$WORK/client.pppd.log" || die "no MPPE-128 in the client's pppd log"
grep -q 'MS-CHAP' "$WORK/pppd-server.log" || grep -q 'CHAP authentication succeeded' \
    "$WORK/client.pppd.log" || die "no CHAP success logged"

ping_ok cli 192.168.77.1 5 || die "client -> server ping through the tunnel"
srv_if=$(ip -n srv -o -4 addr show | awk '/192.168.77.1 peer/ {print $2}')
[ -n "$srv_if" ] || die "server has no ppp interface"
ping_ok srv 192.168.77.10 5 || die "server -> client ping through the tunnel"
pass "poptop + pptp-linux, MS-CHAPv2 + MPPE-128, ping both ways"
