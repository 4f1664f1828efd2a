#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 33-site-to-site: two branch offices and HQ, LAN to LAN.  Namespaces
# blan1 - br1 - hq - hlan and blan2 - br2 - hq: br1 and br2 are branch
# routers running pppd with pptp-gre.so in the client role (br1 kernel
# mode, br2 user mode) with persist; hq runs pptpd-ng.  The pptp-site hook
# (contrib/site-to-site) routes each branch's LAN at HQ from the map file
# and the HQ LAN (and the other branch, through the hub) at the branches.
#  (a) split tunnel: LAN-to-LAN pings both ways between every pair, an
#      iperf3 stream blan1 -> hlan, and HQ's egress to branch2 shaped to
#      the map's 2mbit (measured with iperf3).
#  (b) full tunnel on br1: everything but the server's address goes into
#      the tunnel; LAN to LAN still works.
#  (c) pptpd-ng is restarted: both branches come back by themselves and
#      the pings resume, with each route present exactly once.
# timeout: 900
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pppd iperf3 nft tc flock

private_etc_ppp
chap_secret branch1 pptpd s3cret-b1
chap_secret branch2 pptpd s3cret-b2
for d in ip-up.d ip-down.d; do
	mkdir -p /etc/ppp/$d
	cp "$TOP/contrib/site-to-site/pptp-site" /etc/ppp/$d/pptp-site
done
SLOG=$WORK/site.log

for n in blan1 br1 blan2 br2 hq hlan; do ns_add $n; done
veth_pair blan1 eth0 10.1.0.2/24 br1 lan0 10.1.0.1/24
veth_pair blan2 eth0 10.2.0.2/24 br2 lan0 10.2.0.1/24
veth_pair br1 wan0 10.77.1.2/24 hq wan1 10.77.1.1/24
veth_pair br2 wan0 10.77.2.2/24 hq wan2 10.77.2.1/24
veth_pair hq lan0 10.50.0.1/24 hlan eth0 10.50.0.2/24
ip -n blan1 route add default via 10.1.0.1
ip -n blan2 route add default via 10.2.0.1
ip -n hlan route add default via 10.50.0.1
ip -n br1 route add default via 10.77.1.1
ip -n br2 route add default via 10.77.2.1
ip -n hq addr add 198.51.100.1/32 dev lo	# "the internet", at HQ
for n in br1 br2 hq; do nsx $n sysctl -qw net.ipv4.ip_forward=1; done

cat >/etc/ppp/pptp-site.conf <<EOF2
role server
map /etc/ppp/pptp-site.map
state-dir $WORK/state-hq
log-file $SLOG
EOF2
cat >/etc/ppp/pptp-site.map <<'EOF2'
# user   LAN subnets   shaping of HQ -> branch
branch1  10.1.0.0/24   rate=50mbit
branch2  10.2.0.0/24   rate=2mbit
EOF2
# site_conf NAME HQ_SUBNETS TUNNEL: the branch router's hook config.
site_conf() {
	cat >"/etc/ppp/pptp-site.$1.conf" <<-EOF2
	role branch
	hq-subnets $2
	tunnel $3
	state-dir $WORK/state-$1
	log-file $SLOG
	EOF2
}
site_conf b1 10.50.0.0/24,10.2.0.0/24 split
site_conf b2 10.50.0.0/24,10.1.0.0/24 split

pptpdng_conf "$WORK/pptpd.conf" kernel
pptpdng_start hq "$WORK/pptpd.conf"
# branch NS NAME SERVER USER MODE: the branch router's pppd, redialing
# forever, its hook config chosen by ipparam site:NAME.
branch() {
	branch_client "$1" "$2" "$3" "$4" "$5" ipparam "site:$2" \
	    persist maxfail 0 holdoff 2 pptp-connect-timeout 5
}
branch br1 b1 10.77.1.1 branch1 kernel
B1=$LAST_PID
branch br2 b2 10.77.2.1 branch2 user

# routed NS CIDR: CIDR is routed to a ppp interface exactly once.
# shellcheck disable=SC2317 # called through wait_for
routed() {
	[ "$(ip -n "$1" -4 route show "$2" | grep -c ' dev ppp')" = 1 ] &&
	    [ "$(ip -n "$1" -4 route show "$2" | grep -c .)" = 1 ]
}
# all_routed: every route of the design is in place.
# shellcheck disable=SC2317
all_routed() {
	routed hq 10.1.0.0/24 && routed hq 10.2.0.0/24 &&
	    routed br1 10.50.0.0/24 && routed br1 10.2.0.0/24 &&
	    routed br2 10.50.0.0/24 && routed br2 10.1.0.0/24
}
# lan_pings LABEL: every LAN reaches every other LAN.
lan_pings() {
	ping_ok blan1 10.50.0.2 5 || die "$1: blan1 -> hlan"
	ping_ok hlan 10.1.0.2 5 || die "$1: hlan -> blan1"
	ping_ok blan2 10.50.0.2 5 || die "$1: blan2 -> hlan"
	ping_ok hlan 10.2.0.2 5 || die "$1: hlan -> blan2"
	ping_ok blan1 10.2.0.2 5 || die "$1: blan1 -> blan2 (through HQ)"
	ping_ok blan2 10.1.0.2 5 || die "$1: blan2 -> blan1 (through HQ)"
}

log "--- (a) split tunnel, two branches"
wait_ppp br1 ppp0 60
wait_ppp br2 ppp0 60
wait_for 120 "the site routes" all_routed
ip -n hq -4 route show | grep ppp | sed 's/^/    hq: /'
ip -n br1 -4 route show | grep ppp | sed 's/^/    br1: /'
lan_pings split
ip -n br1 route get 198.51.100.1 | grep -q 'dev wan0' || die "split: br1 sends the internet into the tunnel"
bps=$(iperf_bps blan1 hlan 10.50.0.2 4)
log "split: iperf3 blan1 -> hlan $(mbit "$bps") Mbit/s"
[ "${bps%.*}" -gt 0 ] || die "iperf3 blan1 -> hlan"
shaped=$(iperf_bps blan2 hlan 10.50.0.2 6 -R)
log "split: iperf3 hlan -> blan2 (map rate 2mbit) $(mbit "$shaped") Mbit/s"
if [ "${shaped%.*}" -le 0 ] || [ "${shaped%.*}" -gt 2600000 ]; then
	die "HQ -> branch2 is not shaped to 2mbit"
fi
SUMMARY="blan1->hlan $(mbit "$bps") Mbit/s; hlan->blan2 shaped $(mbit "$shaped") Mbit/s"

log "--- (b) full tunnel on br1"
site_conf b1 10.50.0.0/24,10.2.0.0/24 full
kill "$B1"
wait_for 20 "br1's pppd to exit" bash -c "! kill -0 $B1 2>/dev/null"
wait_for 20 "br1's routes to go" bash -c "! ip -n br1 -4 route show | grep -q ppp"
branch br1 b1 10.77.1.1 branch1 kernel
wait_ppp br1 ppp0 60
wait_for 120 "the site routes" all_routed
wait_for 30 "the full-tunnel routes" bash -c "ip -n br1 route get 198.51.100.1 | grep -q 'dev ppp0'"
ip -n br1 route get 10.77.1.1 | grep -q 'dev wan0' || die "full: the server is not pinned outside the tunnel"
ip -n br1 -4 route show | sed 's/^/    br1: /'
ping_ok blan1 198.51.100.1 5 || die "full: blan1 -> the internet through HQ"
lan_pings full

log "--- (c) pptpd-ng restarts"
kill "$PPTPDNG_PID"
wait_for 20 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
wait_for 30 "HQ routes to go" bash -c "! ip -n hq -4 route show | grep -q ppp"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-1.log.txt"
t_restart=$(date +%s)
pptpdng_start hq "$WORK/pptpd.conf"
wait_for 90 "both branches back with their routes" all_routed
log "both branches back $(( $(date +%s) - t_restart )) s after the restart"
wait_for 30 "br1's full tunnel back" bash -c "ip -n br1 route get 198.51.100.1 | grep -q 'dev ppp0'"
lan_pings restart
[ "$(find "$WORK/state-hq" -type f ! -name '.*' | wc -l)" = 2 ] || die "HQ does not record exactly two links"
grep -c 'error' "$SLOG" | grep -qx 0 || { grep error "$SLOG"; die "the hook logged errors"; }
grep -c 'call up: user=branch' "$WORK/pptpd-ng.log" | grep -qx 2 || die "not two calls after the restart"
pass "site-to-site: 2 branches, split+full tunnel, restart recovered; $SUMMARY"
