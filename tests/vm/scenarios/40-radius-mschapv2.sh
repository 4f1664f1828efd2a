#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 40-radius-mschapv2: pptpd-ng with pptp-radius.so against a real
# FreeRADIUS in the server namespace.  pptp-linux authenticates with
# MS-CHAPv2 through RADIUS and gets MPPE-128 from MS-MPPE-Send/Recv-Key
# (ping through the tunnel proves the keys), Framed-IP-Address is applied,
# Framed-Route/Filter-Id/Class reach ip-up, a wrong password is rejected,
# and Start / Interim-Update / Stop land in the detail file with the
# session's attributes and byte counters equal to the interface's.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd freeradius

private_etc_ppp
# Client-side secrets only: the server has none, RADIUS decides.
chap_secret alice pptpd s3cret-alice
chap_secret mallory pptpd wrong-password
mkdir -p /etc/ppp/ip-up.d
# Both ends' pppd run this hook (one /etc/ppp): only the server's has
# RADIUS_ variables, so append, and the client's run adds nothing.
cat >/etc/ppp/ip-up.d/00-radius <<HOOK
#!/bin/sh
env | grep '^RADIUS_' | sort >>$WORK/ipup-env.txt
HOOK
chmod 755 /etc/ppp/ip-up.d/00-radius

ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
# No IPv6 on the ppp links: the kernel's own router solicitations (48
# bytes, seconds apart) would move the counters between the read below
# and the Stop, as one did in a full run.
for ns in srv cli; do
	nsx "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
	    net.ipv6.conf.default.disable_ipv6=1
done

cat >"$WORK/users" <<'USERS'
alice	Cleartext-Password := "s3cret-alice"
	Service-Type = Framed-User,
	Framed-Protocol = PPP,
	Framed-IP-Address = 192.168.77.42,
	Framed-Route = "10.99.0.0/24 0.0.0.0 1",
	Filter-Id = "std.in",
	Class = "pptp-test-class",
	Acct-Interim-Interval = 60,
	Session-Timeout = 3600
mallory	Cleartext-Password := "the-right-one"
USERS
radius_server srv a 18120 18130 s3cret-radius "$WORK/users"
radcli_conf "$WORK/radcli" 127.0.0.1:18120:s3cret-radius \
    127.0.0.1:18130:s3cret-radius
pptpdng_conf "$WORK/pptpd.conf" kernel
radius_plugin_options "$WORK/pptpd-options" "$WORK/radcli/radiusclient.conf" \
    "$WORK/spool"
pptpdng_start srv "$WORK/pptpd.conf"
detail=$WORK/radius-a/acct/detail

log "=== wrong password"
pptp_client cli client-bad 10.77.0.1 mallory
bad=$LAST_PID
wait_for 30 "the rejected client to exit" bash -c "! kill -0 $bad 2>/dev/null"
grep -q 'mallory rejected' "$WORK/pppd-server.log" ||
    die "the server did not log the RADIUS reject"
grep -q 'Access-Reject' "$WORK/radius-a.log" || die "no Access-Reject sent"
grep -E 'E=691' "$WORK/client-bad.pppd.log" | head -n 1
grep -q 'E=691' "$WORK/client-bad.pppd.log" ||
    die "the client did not get an MS-CHAP E=691 failure"
[ "$(detail_count "$detail" Start)" = 0 ] || die "Start for a rejected user"

log "=== MS-CHAPv2 + MPPE-128 through RADIUS"
pptp_client cli client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 40
addr=$(ppp_local cli ppp0)
log "client ppp0: $addr -> $(ppp_peer cli ppp0)"
[ "$addr" = 192.168.77.42 ] || die "Framed-IP-Address not applied ($addr)"
grep -q 'MPPE 128-bit' "$WORK/client.pppd.log" || die "no MPPE-128"
ping_ok cli 192.168.77.1 5 || die "ping through the tunnel (MPPE keys?)"
wait_for 30 "ip-up environment" test -s "$WORK/ipup-env.txt"
cat "$WORK/ipup-env.txt"
grep -q '^RADIUS_FRAMED_ROUTE=10.99.0.0/24 0.0.0.0 1$' "$WORK/ipup-env.txt" ||
    die "Framed-Route not exported"
grep -q '^RADIUS_FILTER_ID=std.in$' "$WORK/ipup-env.txt" ||
    die "Filter-Id not exported"

wait_for 15 "Accounting Start" detail_has "$detail" Start 1
for want in 'Calling-Station-Id = "10.77.0.2"' \
    'Called-Station-Id = "10.77.0.1"' 'NAS-Port-Type = Virtual' \
    'Tunnel-Type:0 = PPTP' 'Tunnel-Medium-Type:0 = IPv4' \
    'Framed-IP-Address = 192.168.77.42' 'Acct-Session-Id = ' \
    'Class = 0x707074702d746573742d636c617373' 'User-Name = "alice"'; do
	grep -qF "$want" "$detail" || die "Start lacks: $want"
done
sid=$(grep -m1 'Acct-Session-Id' "$detail" | sed 's/.*= "\(.*\)"/\1/')
log "Acct-Session-Id $sid"
grep -q "Acct-Session-Id = \"$sid\"" "$WORK/radius-a.log" ||
    die "Acct-Session-Id was not in the Access-Request"

nsx cli ping -q -c 50 -i 0.05 -s 1200 192.168.77.1 >/dev/null ||
    die "bulk ping"
wait_for 75 "Accounting Interim-Update" \
    detail_has "$detail" Interim-Update 1
sif=$(ip -n srv -o link show | awk -F': ' '/ppp/ { print $2; exit }')
# The counters Stop must carry: read them once they have stopped moving
# (a late echo reply would otherwise land between the read and the Stop).
counters() {
	local c
	for c in rx_bytes tx_bytes rx_packets tx_packets; do
		nsx srv cat "/sys/class/net/$sif/statistics/$c"
	done | tr '\n' ' '
}
prev=$(counters)
for _ in $(seq 10); do
	sleep 1
	cur=$(counters)
	[ "$cur" = "$prev" ] && break
	prev=$cur
done
read -r rx tx rxp txp <<<"$cur"
log "server $sif: rx $rx tx $tx bytes, $rxp/$txp packets"
kill "$cpid"
wait_for 20 "Accounting Stop" detail_has "$detail" Stop 1
stop=$(awk -v RS= '/Acct-Status-Type = Stop/' "$detail")
echo "$stop"
echo "$stop" | grep -q "Acct-Input-Octets = $rx\$" ||
    die "Stop Acct-Input-Octets != interface rx_bytes $rx"
echo "$stop" | grep -q "Acct-Output-Octets = $tx\$" ||
    die "Stop Acct-Output-Octets != interface tx_bytes $tx"
echo "$stop" | grep -q "Acct-Input-Packets = $rxp\$" ||
    die "Stop Acct-Input-Packets != interface rx_packets $rxp"
echo "$stop" | grep -q "Acct-Output-Packets = $txp\$" ||
    die "Stop Acct-Output-Packets != interface tx_packets $txp"
echo "$stop" | grep -q 'Acct-Input-Gigawords = 0' || die "no Gigawords"
echo "$stop" | grep -q 'Acct-Terminate-Cause = ' || die "no terminate cause"
echo "$stop" | grep -q "Acct-Session-Id = \"$sid\"" || die "Stop session id"
[ -z "$(ls -A "$WORK/spool" 2>/dev/null)" ] || die "records left in the spool"
pass "MS-CHAPv2 + MPPE-128 via RADIUS, Framed-IP, reject, Start/Interim/Stop"
