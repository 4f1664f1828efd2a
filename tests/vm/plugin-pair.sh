# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# plugin-pair.sh: helpers for the pptp-gre.so scenarios (sourced after
# lib.sh).  Two namespaces joined by a veth, pppd with our plugin in the
# server role on BOTH ends, mirrored fixed call IDs, no control connection.
# A (10.88.0.1, call 100/200) authenticates B (alice) with MS-CHAPv2 and
# both require MPPE-128.  A's events go to ipc_reader.py.

PLUGIN=$BUILD/pptp-gre.so
# The bench's PPTP ceiling: pppd over pptp.ko with none of our code.
BARE_PLUGIN=$BUILD/tests/bench/bare-pptp.so
A_IP=10.88.0.1 B_IP=10.88.0.2
A_PPP=192.168.88.1 B_PPP=192.168.88.2

# pair_start MODE_A MODE_B: both pppds up, A's events in $WORK/events.txt.
# PAIR_CHAN_A / PAIR_CHAN_B, when set, choose pptp-user-channel.  MODE
# bare (both ends): tests/bench/bare-pptp.so instead (no events).
pair_start() {
	local mode_a=$1 mode_b=$2 wrap_a=() args_a=() args_b=() mark_a mark_b
	if [ "$mode_a" = bare ] || [ "$mode_b" = bare ]; then
		[ "$mode_a" = "$mode_b" ] || die "pair_start: bare on both ends or neither"
		[ -f "$BARE_PLUGIN" ] || die "no $BARE_PLUGIN: run make bench first"
		args_a=(plugin "$BARE_PLUGIN" bare-local "$A_IP" bare-peer "$B_IP"
		    bare-call-id 100 bare-peer-call-id 200)
		args_b=(plugin "$BARE_PLUGIN" bare-local "$B_IP" bare-peer "$A_IP"
		    bare-call-id 200 bare-peer-call-id 100)
		mark_a='bare-pptp: ' mark_b='bare-pptp: '
	else
		[ -f "$PLUGIN" ] || die "no $PLUGIN: run make first"
		# A: the argv pptpd-ng builds, with the events to our reader.
		wrap_a=(python3 "$TOP/tests/vm/ipc_reader.py" "$WORK/events.txt")
		args_a=(ipparam "$B_IP" remotenumber "$B_IP" plugin "$PLUGIN"
		    pptp-role server pptp-local "$A_IP" pptp-peer "$B_IP"
		    pptp-call-id 100 pptp-peer-call-id 200 pptp-gre-mode "$mode_a")
		args_b=(plugin "$PLUGIN" pptp-role server pptp-local "$B_IP"
		    pptp-peer "$A_IP" pptp-call-id 200 pptp-peer-call-id 100
		    pptp-gre-mode "$mode_b")
		[ -z "${PAIR_CHAN_A:-}" ] || args_a+=(pptp-user-channel "$PAIR_CHAN_A")
		[ -z "${PAIR_CHAN_B:-}" ] || args_b+=(pptp-user-channel "$PAIR_CHAN_B")
		mark_a="$mode_a mode" mark_b="$mode_b mode"
	fi
	private_etc_ppp
	chap_secret alice pptpd s3cret-alice
	ns_add a
	ns_add b
	veth_pair a eth0 "$A_IP"/24 b eth0 "$B_IP"/24

	# A: lib.sh's HQ server options.  B: the same, turned into the
	# authenticated side (alice; MPPE-128 still required).
	server_options "$WORK/opt-a"
	sed -e 's/^name pptpd$/name alice\nremotename pptpd\nnoauth\nrefuse-eap/' \
	    -e '/^require-mschap-v2$/d' -e '/^lock$/d' \
	    -e "s|pppd-server.log|pppd-b.log|" "$WORK/opt-a" >"$WORK/opt-b"
	sed -i '/^lock$/d' "$WORK/opt-a"
	start_bg a pppd-a "${wrap_a[@]}" pppd local file "$WORK/opt-a" 115200 \
	    $A_PPP:$B_PPP nodetach "${args_a[@]}"
	start_bg b pppd-b pppd local file "$WORK/opt-b" 115200 \
	    $B_PPP:$A_PPP nodetach "${args_b[@]}"
	wait_ppp a ppp0 40
	wait_ppp b ppp0 40
	log "A ppp0: $(ppp_local a ppp0) -> $(ppp_peer a ppp0)"
	grep -q "$mark_a" "$WORK/pppd-server.log" || die "A's log lacks '$mark_a'"
	grep -q "$mark_b" "$WORK/pppd-b.log" || die "B's log lacks '$mark_b'"
	grep -q 'MPPE 128-bit' "$WORK/pppd-b.log" || die "no MPPE-128 on B"
	grep -q 'CHAP authentication succeeded' "$WORK/pppd-b.log" ||
	    die "B did not authenticate with MS-CHAPv2"
}

# pair_traffic LABEL: pings both ways, one TCP stream each way.
pair_traffic() {
	local up down
	ping_ok a $B_PPP 10 || die "A -> B ping through the tunnel"
	ping_ok b $A_PPP 10 || die "B -> A ping through the tunnel"
	up=$(iperf_bps b a $A_PPP 5) || die "iperf3 B -> A failed"
	down=$(iperf_bps b a $A_PPP 5 -R) || die "iperf3 A -> B failed"
	log "$1: iperf3 B->A $(mbit "$up") Mbit/s, A->B $(mbit "$down") Mbit/s"
	if [ "$up" -le 0 ] || [ "$down" -le 0 ]; then die "no throughput"; fi
	# A receive error on ppp0 is MPPE refusing a frame that overtook
	# another, after which the kernel decrypts nothing until a CCP reset
	# has crossed both pppds (pptp-gre(8)): a lossless veth has none.
	# PAIR_RXERR_MAX_A / _B: how many an end may have (default 0).
	local e max
	for ns in a b; do
		e=$(nsx $ns cat /sys/class/net/ppp0/statistics/rx_errors)
		max=PAIR_RXERR_MAX_${ns^^}
		max=${!max:-0}
		[ "$e" -le "$max" ] ||
		    die "$1: $e receive errors on $ns's ppp0 (MPPE got frames out of order; at most $max allowed)"
		[ "$e" = 0 ] || log "$1: $e receive error(s) on $ns's ppp0 (at most $max allowed)"
	done
	# shellcheck disable=SC2034 # read by the scenario
	PAIR_RESULT="$1: B->A $(mbit "$up") Mbit/s, A->B $(mbit "$down") Mbit/s"
}

# pair_events: stop A with SIGTERM (the daemon's hang-up) and check the
# events it reported on pptp-ctrl-fd.
pair_events() {
	local mode=$1 pid
	wait_for 15 "a stats event" grep -q '^stats ' "$WORK/events.txt"
	pid=$(ip netns pids a | while read -r p; do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = pppd ] && echo "$p"
	done | head -n 1)
	[ -n "$pid" ] || die "no pppd in namespace a"
	kill -TERM "$pid"
	wait_for 15 "the exit event" grep -q '^exit ' "$WORK/events.txt"
	log "events from A:"
	sed 's/^/    /' "$WORK/events.txt" | cut -c1-200
	! grep -q '^BAD ' "$WORK/events.txt" || die "malformed event"
	grep -q '^auth user=alice$' "$WORK/events.txt" || die "no auth event"
	grep -Eq "^ipup ifname=ppp0 local=$A_PPP remote=$B_PPP ifindex=[1-9][0-9]* mode=$mode$" \
	    "$WORK/events.txt" || die "no ipup event"
	grep -Eq "^stats secs=[0-9]+ rx_bytes=[1-9][0-9]* tx_bytes=[1-9][0-9]* .*mode=$mode" \
	    "$WORK/events.txt" || die "no stats event with traffic"
	grep -q '^exit status=5 cause=terminated%20by%20signal$' \
	    "$WORK/events.txt" || die "no exit event for SIGTERM"
	! grep -q '^nogre' "$WORK/events.txt" || die "unexpected nogre event"
	if [ "$mode" = user ]; then
		grep -Eq '^stats .* gre_rx_pkts=[1-9][0-9]* .*gre_rtt_us=' \
		    "$WORK/events.txt" || die "no GRE engine counters in stats"
	fi
}

# pair_stop: end both pppds and remove namespaces a and b.
pair_stop() {
	local ns
	for ns in a b; do ip netns pids "$ns" | xargs -r kill; done
	sleep 1
	for ns in a b; do
		ip netns pids "$ns" | xargs -r kill -9
		ip netns del "$ns"
	done
}
