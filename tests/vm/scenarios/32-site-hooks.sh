#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 32-site-hooks: contrib/site-to-site/pptp-site on its own, run as ip-up
# and ip-down would run it, on dummy interfaces standing in for ppp links.
# HQ role: each user's subnets from the map routed to its link exactly
# once (a rerun and a reconnect on another link leave no duplicate or
# stale route), tc shaping at the map's rate, the MSS clamp in nftables,
# and refusals with a log line for overlaps (with another branch, within
# a list, with a connected network), bad user names, bad CIDRs, bad rates
# and trailing words.  Branch role: split and full tunnel, and ip-down
# removes everything it added.
# timeout: 180
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need nft tc flock

HOOK=$TOP/contrib/site-to-site/pptp-site
SLOG=$WORK/site.log
ns_add hq
ns_add br
veth_pair hq eth0 10.77.0.1/24 br eth0 10.77.0.2/24
ip -n hq link add eth1 type dummy
ip -n hq addr add 10.50.0.1/24 dev eth1
ip -n hq link set eth1 up
ip -n br route add default via 10.77.0.1
for i in ppp7 ppp8; do
	ip -n hq link add $i type dummy
	ip -n hq link set $i mtu 1400 up
done
ip -n br link add ppp0 type dummy
ip -n br link set ppp0 mtu 1400 up

mkdir -p "$WORK/conf"
cat >"$WORK/conf/pptp-site.conf" <<EOF2
# HQ
role server
map $WORK/map
state-dir $WORK/state-hq
log-file $SLOG
EOF2
cat >"$WORK/map" <<'EOF2'
# user     subnets                       options
branch1    10.1.0.0/24,10.1.1.0/24       rate=20mbit
branch2    10.2.0.0/24
branch3    10.1.0.128/25
twice      10.6.0.0/16,10.6.1.0/24
hqclash    10.50.0.0/25
hostbits   10.4.0.1/24
badrate    10.5.0.0/24                   rate=20;reboot
evil       10.3.0.0/24;touch${IFS}/tmp/pwned
trailing   10.7.0.0/24                   rate=1mbit extra
EOF2

# hook NS ACTION IFACE PEERNAME [IPPARAM]: run the hook as pppd would.
hook() {
	nsx "$1" env -i PATH="$PATH" PPTP_SITE_CONF_DIR="$WORK/conf" \
	    PPP_IFACE="$3" PEERNAME="$4" PPP_IPPARAM="${5:-10.77.0.2}" \
	    PPTP_SERVER_IP="${6:-}" "$HOOK" "$2"
}
# nroutes NS CIDR DEV: how many routes to CIDR via DEV.
nroutes() { ip -n "$1" -4 route show "$2" dev "$3" 2>/dev/null | grep -c .; }
logged() { grep -qF -- "$1" "$SLOG" || die "no log line: $1"; }

log "--- HQ: branch1 on ppp7, twice"
hook hq up ppp7 branch1 || die "up branch1"
hook hq up ppp7 branch1 || die "up branch1 again"
for c in 10.1.0.0/24 10.1.1.0/24; do
	[ "$(nroutes hq $c ppp7)" = 1 ] || die "$c is not routed to ppp7 exactly once"
done
ip -n hq -4 route show | grep -c 'dev ppp7' | grep -qx 2 || die "extra routes on ppp7"
tc -n hq class show dev ppp7 | grep -q 'rate 20Mbit' || die "ppp7 not shaped to 20mbit"
log "tc: $(tc -n hq class show dev ppp7 | head -n 1)"
nsx hq nft list chain inet pptp_site forward >"$WORK/nft.txt" || die "no nft chain"
[ "$(grep -c 'maxseg size set 1360 comment "ppp7"' "$WORK/nft.txt")" = 2 ] ||
    die "MSS clamp for ppp7 is not exactly two rules"

log "--- HQ: refusals"
hook hq up ppp8 branch3 && die "branch3 accepted"
logged "refusing branch3 on ppp8: 10.1.0.128/25 overlaps 10.1.0.0/24 of branch1 on ppp7"
hook hq up ppp8 twice && die "twice accepted"
logged "10.6.0.0/16 overlaps 10.6.1.0/24 in its own list"
hook hq up ppp8 hqclash && die "hqclash accepted"
logged "10.50.0.0/25 overlaps the connected network 10.50.0.0/24"
hook hq up ppp8 hostbits && die "hostbits accepted"
logged "bad subnets '10.4.0.1/24' for hostbits"
hook hq up ppp8 badrate && die "badrate accepted"
logged "bad option 'rate=20;reboot' for badrate"
hook hq up ppp8 evil && die "evil accepted"
logged "bad subnets"
[ ! -e /tmp/pwned ] || die "the map's words were evaluated"
hook hq up ppp8 trailing && die "trailing accepted"
logged "trailing words for trailing"
hook hq up ppp8 'x;reboot' && die "a bad user name was accepted"
logged "peer name 'x;reboot' is not a valid user name"
hook hq up 'ppp8;x' branch2 && die "a bad interface name was accepted"
ip -n hq -4 route show | grep -q 'dev ppp8' && die "a refused user got routes"

log "--- HQ: branch2 alongside, then branch1 reconnects on ppp8 without ip-down"
hook hq up ppp8 branch2 || die "up branch2"
[ "$(nroutes hq 10.2.0.0/24 ppp8)" = 1 ] || die "branch2 not routed"
hook hq down ppp8 branch2 || die "down branch2"
hook hq up ppp8 branch1 || die "branch1 on ppp8"
for c in 10.1.0.0/24 10.1.1.0/24; do
	[ "$(nroutes hq $c ppp8)" = 1 ] || die "$c not moved to ppp8"
	[ "$(nroutes hq $c ppp7)" = 0 ] || die "stale $c on ppp7"
done
logged "ppp7: stale state of branch1, cleaning"
nsx hq nft list chain inet pptp_site forward | grep -q '"ppp7"' && die "stale clamp for ppp7"
hook hq down ppp8 branch1 || die "down"
ip -n hq -4 route show | grep -q 'ppp[78]' && die "routes left after ip-down"
tc -n hq qdisc show dev ppp8 | grep -q htb && die "shaping left after ip-down"
nsx hq nft list chain inet pptp_site forward | grep -q 'comment' && die "clamp left after ip-down"

log "--- branch: split then full tunnel"
cat >"$WORK/conf/pptp-site.b1.conf" <<EOF2
role branch
hq-subnets 10.50.0.0/24,10.60.0.0/16
state-dir $WORK/state-b1
log-file $SLOG
EOF2
hook br up ppp0 hq site:b1 || die "branch split up"
[ "$(nroutes br 10.50.0.0/24 ppp0)" = 1 ] || die "HQ LAN not routed"
[ "$(nroutes br 10.60.0.0/16 ppp0)" = 1 ] || die "HQ 10.60/16 not routed"
ip -n br route get 8.8.8.8 | grep -q 'dev eth0' || die "split tunnel took the default"
hook br down ppp0 hq site:b1 || die "branch split down"
ip -n br -4 route show | grep -q ppp0 && die "split routes left"
echo "tunnel full" >>"$WORK/conf/pptp-site.b1.conf"
echo "rate 5mbit" >>"$WORK/conf/pptp-site.b1.conf"
hook br up ppp0 hq site:b1 10.77.0.1 || die "branch full up"
ip -n br route get 8.8.8.8 | grep -q 'dev ppp0' || die "full tunnel: the internet is not via ppp0"
ip -n br route get 10.77.0.1 | grep -q 'dev eth0' || die "full tunnel: the server is not pinned to eth0"
tc -n br class show dev ppp0 | grep -q 'rate 5Mbit' || die "branch not shaped"
log "full: 8.8.8.8 $(ip -n br route get 8.8.8.8 | head -n 1)"
hook br up ppp0 hq site:b1 10.77.0.1 || die "branch full up again"
[ "$(ip -n br -4 route show | grep -c '^0.0.0.0/1 dev ppp0')" = 1 ] || die "duplicate /1 route"
hook br down ppp0 hq site:b1 || die "branch full down"
ip -n br -4 route show | grep -qE 'ppp0|^10.77.0.1 ' && die "full-tunnel routes left"
ip -n br -4 route show | grep -q '^default via 10.77.0.1' || die "the default route was touched"
log "log lines:"
sed 's/^/    /' "$SLOG"
pass "pptp-site hooks: routes, refusals, reconnect, shaping, clamp, split and full tunnel"
