#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 34-client-nat: branch routers behind a Linux NAT router.  Two clients
# (pppd + pptp-gre.so in the client role, one in kernel and one in user
# mode) sit in two LANs of the namespace "nat", which loads
# contrib/nat/pptp-nat.nft (masquerade, PPTP conntrack helper assigned
# explicitly); pptpd-ng sees both calls from the one NAT address.  Both
# tunnels come up with MS-CHAPv2 + MPPE-128 and pass ping and iperf3 at
# the same time, and the helper rule counted the control connections.
# timeout: 480
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pppd iperf3 nft

private_etc_ppp
chap_secret nat1 pptpd s3cret-n1
chap_secret nat2 pptpd s3cret-n2
for n in cli1 cli2 nat srv; do ns_add $n; done
veth_pair cli1 eth0 10.9.1.2/24 nat lan1 10.9.1.1/24
veth_pair cli2 eth0 10.9.2.2/24 nat lan2 10.9.2.1/24
veth_pair nat wan0 10.77.0.2/24 srv eth0 10.77.0.1/24
ip -n cli1 route add default via 10.9.1.1
ip -n cli2 route add default via 10.9.2.1
nsx nat sysctl -qw net.ipv4.ip_forward=1
sed 's/^define WAN_IF = .*/define WAN_IF = "wan0"/' \
    "$TOP/contrib/nat/pptp-nat.nft" >"$WORK/pptp-nat.nft"
nsx nat nft -f "$WORK/pptp-nat.nft" || die "the contrib NAT rules do not load"

pptpdng_conf "$WORK/pptpd.conf" kernel
pptpdng_start srv "$WORK/pptpd.conf"
branch_client cli1 nat1 10.77.0.1 nat1 kernel
branch_client cli2 nat2 10.77.0.1 nat2 user
wait_ppp cli1 ppp0 60
wait_ppp cli2 ppp0 60
for c in 1 2; do
	grep -q 'MPPE 128-bit' "$WORK/nat$c.pppd.log" || die "cli$c: no MPPE-128"
done
grep 'call up:' "$WORK/pptpd-ng.log"
[ "$(grep 'call up:' "$WORK/pptpd-ng.log" | grep -c 'peer=10.77.0.2:')" = 2 ] ||
    die "the server did not see both calls from the NAT address"
a1=$(ppp_local cli1 ppp0) a2=$(ppp_local cli2 ppp0)
ping_ok cli1 192.168.77.1 10 || die "cli1 -> server through NAT"
ping_ok cli2 192.168.77.1 10 || die "cli2 -> server through NAT"
ping_ok srv "$a1" 5 || die "server -> cli1"
ping_ok srv "$a2" 5 || die "server -> cli2"
# Both at once: GRE of the two calls demultiplexed by the NAT.
nsx cli1 ping -q -c 40 -i 0.1 192.168.77.1 >"$WORK/bg-ping.txt" 2>&1 &
bgp=$!
up2=$(iperf_bps cli2 srv 192.168.77.1 4)
wait "$bgp"
grep -q ' 0% packet loss' "$WORK/bg-ping.txt" || { cat "$WORK/bg-ping.txt"; die "cli1 lost packets while cli2 was busy"; }
up1=$(iperf_bps cli1 srv 192.168.77.1 4)
log "through NAT: iperf3 cli1 (kernel) $(mbit "$up1") Mbit/s, cli2 (user) $(mbit "$up2") Mbit/s"
if [ "${up1%.*}" -le 0 ] || [ "${up2%.*}" -le 0 ]; then die "iperf3 through NAT"; fi
nsx nat nft list chain ip pptp_nat prerouting | tee "$WORK/nft.txt" | grep -q 'packets [1-9]' ||
    die "the helper rule saw no control connection"
nsx nat cat /proc/net/nf_conntrack 2>/dev/null | grep -E 'helper=pptp|proto=47|gre' | sed 's/^/    /' | head -n 6
pass "2 clients behind NAT (contrib rules): cli1 kernel $(mbit "$up1") Mbit/s, cli2 user $(mbit "$up2") Mbit/s"
