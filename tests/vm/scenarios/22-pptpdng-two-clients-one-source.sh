#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 22-pptpdng-two-clients-one-source: two pptp-linux clients in ONE
# namespace, so one source address, are connected to pptpd-ng at once: two
# client pppd (ppp0 and ppp1), two distinct tunnel addresses from the pool,
# two server-side interfaces, and both tunnels carry pings at the same time
# in both directions (each server interface counts the other's packets).
# Twice per gre mode: first both calls on one control connection
# (pptp-linux shares its call manager per server), then two control
# connections from the same address (--localbind gives the second client
# its own call manager): GRE for both calls comes from one address and
# must be told apart by call ID alone.
# timeout: 480
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret bob pptpd s3cret-bob
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
# Both client tunnels have the peer 192.168.77.1: keep rp_filter from
# judging one tunnel's packets by the other's route.
nsx cli sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0

# srv_if ADDR: the server's ppp interface whose peer is ADDR.
srv_if() { ip -n srv -o -4 addr show | awk -v a="$1" '$0 ~ "peer " a "/" { print $2 }'; }
# rx IF: packets received on the server's IF.
rx() { nsx srv cat "/sys/class/net/$1/statistics/rx_packets"; }
# conns_opened: control connections the daemon accepted from the client.
conns_opened() { grep -c 'peer=10\.77\.0\.2:[0-9]* connection opened' "$WORK/pptpd-ng.log"; }

for mode in kernel user; do
	for shape in shared separate; do
		log "=== gre-mode $mode, $shape control connection"
		tag=$mode-$shape
		pptpdng_conf "$WORK/pptpd.conf" "$mode"
		pptpdng_start srv "$WORK/pptpd.conf"
		pptp_client cli "alice-$tag" 10.77.0.1 alice unit 0
		apid=$LAST_PID
		wait_ppp cli ppp0 40
		args=
		[ $shape = separate ] && args="--localbind 10.77.0.2"
		PPTP_ARGS=$args pptp_client cli "bob-$tag" 10.77.0.1 bob unit 1
		bpid=$LAST_PID
		wait_ppp cli ppp1 40
		a=$(ppp_local cli ppp0)
		b=$(ppp_local cli ppp1)
		log "$tag: ppp0 $a -> $(ppp_peer cli ppp0), ppp1 $b -> $(ppp_peer cli ppp1)"
		[[ -n $a && -n $b && $a != "$b" ]] ||
		    die "$tag: the two calls do not have distinct addresses"
		kill -0 "$apid" 2>/dev/null || die "$tag: alice's pppd died when bob connected"
		sa=$(srv_if "$a")
		sb=$(srv_if "$b")
		log "$tag: server interfaces $sa (alice) and $sb (bob)"
		[[ -n $sa && -n $sb && $sa != "$sb" ]] ||
		    die "$tag: the server lacks one interface per call"
		want=1
		[ $shape = separate ] && want=2
		[ "$(conns_opened)" -eq $want ] ||
		    die "$tag: $(conns_opened) control connections, expected $want"
		grep -q 'call up: user=alice' "$WORK/pptpd-ng.log" ||
		    die "$tag: no call up for alice"
		grep -q 'call up: user=bob' "$WORK/pptpd-ng.log" ||
		    die "$tag: no call up for bob"

		# Both tunnels at once, both ways: 25 pings each, 4 streams.
		capture_start srv eth0 "$WORK/gre-$tag.pcapng" 'ip proto 47'
		ra=$(rx "$sa")
		rb=$(rx "$sb")
		# Both client routes to 192.168.77.1 overlap: source routing
		# sends each client's pings into its own tunnel.
		ip -n cli rule add from "$a" table 100
		ip -n cli rule add from "$b" table 101
		ip -n cli route replace 192.168.77.1 dev ppp0 table 100
		ip -n cli route replace 192.168.77.1 dev ppp1 table 101
		ping_ok cli 192.168.77.1 25 -I "$a" & p1=$!
		ping_ok cli 192.168.77.1 25 -I "$b" & p2=$!
		ping_ok srv "$a" 25 & p3=$!
		ping_ok srv "$b" 25 & p4=$!
		fails=0
		for p in $p1 $p2 $p3 $p4; do wait "$p" || fails=$((fails + 1)); done
		[ $fails -eq 0 ] || die "$tag: $fails of 4 concurrent ping streams lost packets"
		da=$(( $(rx "$sa") - ra ))
		db=$(( $(rx "$sb") - rb ))
		capture_stop
		log "$tag: client sent $(nsx cli cat /sys/class/net/ppp0/statistics/tx_packets) packets on ppp0, $(nsx cli cat /sys/class/net/ppp1/statistics/tx_packets) on ppp1 (since up)"
		log "$tag: server received $da packets on $sa, $db on $sb"
		log "$tag: GRE on the wire meanwhile (packets, src, dst, call ID):"
		tshark -n -r "$WORK/gre-$tag.pcapng" -T fields -e ip.src -e ip.dst \
		    -e gre.key.call_id 2>/dev/null | sort | uniq -c
		grep -E 'call=[0-9]+/[0-9]+ call started' "$WORK/pptpd-ng.log" |
		    sed 's/.*\(call=[0-9/]*\).*\(addresses [0-9.:]*\).*/    \1 \2/'
		[[ $da -ge 50 && $db -ge 50 ]] ||
		    die "$tag: a tunnel carried less than its 50 packets"

		ip -n cli rule del table 100
		ip -n cli rule del table 101
		kill "$apid" "$bpid"
		wait_for 20 "both client pppd to exit" \
		    bash -c "! kill -0 $apid 2>/dev/null && ! kill -0 $bpid 2>/dev/null"
		wait_for 15 "both calls to end in the daemon" \
		    bash -c "[ \$(grep -c 'call ended' '$WORK/pptpd-ng.log') -ge 2 ]"
		grep 'call ended' "$WORK/pptpd-ng.log"
		kill "$PPTPDNG_PID"
		wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
		mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$tag.log.txt"
	done
done
pass "two clients from one address, one and two control connections, kernel and user mode"
