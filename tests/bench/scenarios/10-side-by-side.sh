#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 10-side-by-side: issue [8], poptop + pptp-linux against pptpd-ng in the
# SAME boot, so the ratios are fair.  Measures: one TCP stream with
# MPPE-128 (iperf3 -J, BENCH_SECS s, both directions) through poptop,
# pptpd-ng kernel and user mode, the bare kernel path (pppd + pptp-gre.so
# on both ends, fixed call IDs: the PPTP ceiling) and the plain veth (the
# wire ceiling); ping RTT (average of 20); the call set-up rate of
# BENCH_CALLS pptp-linux clients started at once; the daemon's memory per
# call (VmRSS, pppd excluded); goodput under netem delay 5ms + reorder 1%
# on the client's veth; and a perf profile of the user-mode pump.  Prints
# one table "metric | poptop | pptpd-ng | ratio".  Never fails on time:
# it fails only when a tunnel does not come up.
# timeout: 1500
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../../vm/lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$TOP/tests/vm/plugin-pair.sh"
need pptpd pptp pppd iperf3 python3 tc

SECS=${BENCH_SECS:-5}
NCALLS=${BENCH_CALLS:-20}
declare -A R		# results, key -> value

log "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) vCPUs, kernel $(uname -r)"

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

# measure TAG SERVER_ADDR: iperf3 both ways and ping from cli into R.
measure() {
	local tag=$1 addr=$2
	R[$tag.up]=$(iperf_bps cli srv "$addr" "$SECS")
	R[$tag.down]=$(iperf_bps cli srv "$addr" "$SECS" -R)
	R[$tag.rtt]=$(ping_avg cli "$addr" 20)
	log "$tag: up $(mbit "${R[$tag.up]}") Mbit/s, down $(mbit "${R[$tag.down]}") Mbit/s, rtt ${R[$tag.rtt]} ms"
}

# netem_goodput TAG SERVER_ADDR: client->server goodput with 5 ms delay
# on the client's veth, then with 1% of the packets reordered as well.
netem_goodput() {
	local tag=$1 addr=$2
	nsx cli tc qdisc add dev eth0 root netem delay 5ms
	R[$tag.delay]=$(iperf_bps cli srv "$addr" "$SECS")
	nsx cli tc qdisc change dev eth0 root netem delay 5ms reorder 1%
	R[$tag.reorder]=$(iperf_bps cli srv "$addr" "$SECS")
	nsx cli tc qdisc del dev eth0 root
	log "$tag: netem delay 5ms $(mbit "${R[$tag.delay]}") Mbit/s, + reorder 1% $(mbit "${R[$tag.reorder]}") Mbit/s"
}

# calls_up: addressed PPP interfaces in the client namespaces c1..cN.
# shellcheck disable=SC2317 # called through all_up and none_up
calls_up() {
	local i t=0
	for i in $(seq 1 "$NCALLS"); do t=$((t + $(ppp_count "c$i"))); done
	echo "$t"
}
# shellcheck disable=SC2317 # called through wait_for
all_up() { [ "$(calls_up)" -ge "$NCALLS" ]; }
# shellcheck disable=SC2317 # called through wait_for
none_up() { [ "$(calls_up)" -eq 0 ]; }

# many_calls TAG SERVER_COMMS...: NCALLS pptp-linux clients, each in its
# own namespace cI with its own address 10.79.I.2 (poptop binds each call's
# GRE to its control connection's peer), started at once; calls/s until
# all are up, and the server daemon's RSS growth per call.
many_calls() {
	local tag=$1 i t0 t1 end up before after pids=()
	shift
	before=$(rss_kb srv "$@")
	t0=$(date +%s.%N)
	for i in $(seq 1 "$NCALLS"); do
		pptp_client "c$i" "$tag-m$i" "10.79.$i.1" alice
		pids+=("$LAST_PID")
	done
	# Not wait_for: a server that loses calls is measured, not failed.
	end=$(( $(date +%s) + 150 ))
	until all_up || [ "$(date +%s)" -ge "$end" ]; do sleep 0.2; done
	t1=$(date +%s.%N)
	up=$(calls_up)
	sleep 1
	after=$(rss_kb srv "$@")
	R[$tag.cps]=$(awk -v n="$up" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", n / (b - a) }')
	R[$tag.calls]="$up/$NCALLS"
	[ "$up" -gt 0 ] && R[$tag.rss]=$(( (after - before) / up ))
	log "$tag: $up of $NCALLS calls up after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s (${R[$tag.cps]} calls/s); $* RSS ${before} -> ${after} KiB, ${R[$tag.rss]:-?} KiB/call"
	kill "${pids[@]}" 2>/dev/null
	wait_for 60 "the $tag clients to go" none_up
}

# gone PID: true once PID has exited (for wait_for).
# shellcheck disable=SC2317 # called through wait_for
gone() { ! kill -0 "$1" 2>/dev/null; }

# pump_pid NS: the user-mode pump (a pppd child of pppd) in NS.
pump_pid() {
	local p pp
	for p in $(ip netns pids "$1"); do
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = pppd ] || continue
		pp=$(awk '/^PPid:/ {print $2}' "/proc/$p/status")
		[ "$(cat "/proc/$pp/comm" 2>/dev/null)" = pppd ] && { echo "$p"; return; }
	done
}

# profile TAG: a system-wide cpu-clock profile during one upload, by
# process, then the pump's hottest symbols.
profile() {
	local tag=$1 pid
	pid=$(pump_pid srv)
	if ! command -v perf >/dev/null ||
	    ! perf record -q -e cpu-clock -o "$WORK/probe.data" true >/dev/null 2>&1; then
		log "profile: perf does not work here"
		return
	fi
	log "profile: perf stat -e instructions: $(perf stat -x, -e instructions true 2>&1 >/dev/null | tail -n 1)"
	(iperf_bps cli srv 192.168.77.1 $((SECS + 2)) >/dev/null) &
	sleep 1.5
	perf record -q -a -e cpu-clock -o "$WORK/perf-$tag.data" -- sleep "$SECS" >/dev/null 2>&1
	wait
	log "profile $tag: CPU by process during one upload (pump pid ${pid:-?})"
	perf report -q -i "$WORK/perf-$tag.data" --stdio --sort comm,pid 2>/dev/null |
	    head -n 12 | sed 's/^/    /'
	[ -n "$pid" ] || return
	log "profile $tag: the pump's hottest symbols (share of all samples)"
	perf report -q -i "$WORK/perf-$tag.data" --stdio --pid "$pid" \
	    --sort dso,sym 2>/dev/null | head -n 25 | sed 's/^/    /'
}

for i in $(seq 1 "$NCALLS"); do
	ns_add "c$i"
	veth_pair srv "vc$i" "10.79.$i.1/24" "c$i" eth0 "10.79.$i.2/24"
done

log "=== plain veth (wire ceiling)"
measure veth 10.77.0.1

log "=== poptop + pptp-linux"
server_options "$WORK/pptpd-options"
cat >"$WORK/pptpd.conf" <<CONF
option $WORK/pptpd-options
localip 192.168.77.1
remoteip 192.168.77.10-250
pidfile $WORK/pptpd.pid
connections 250
CONF
start_bg srv pptpd pptpd -f -c "$WORK/pptpd.conf"
poptop=$LAST_PID
wait_for 10 "poptop listening on 1723" nsx srv ss -ltn 'sport = :1723' -H
pptp_client cli poptop-client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 60
measure poptop 192.168.77.1
netem_goodput poptop 192.168.77.1
kill "$cpid"
wait_for 30 "the poptop client to go" gone "$cpid"
wait_for 30 "the poptop call to end" bash -c "! ip -n cli -o link show | grep -q ' ppp'"
many_calls poptop pptpd pptpctrl
kill "$poptop"
wait_for 15 "poptop to exit" gone "$poptop"

for mode in kernel user; do
	log "=== pptpd-ng $mode + pptp-linux"
	pptpdng_conf "$WORK/pptpd-ng.conf" "$mode" "connections 250"
	sed -i 's/^remoteip .*/remoteip 192.168.77.10-250/' "$WORK/pptpd-ng.conf"
	pptpdng_start srv "$WORK/pptpd-ng.conf"
	pptp_client cli "ng-$mode-client" 10.77.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 60
	grep -q "$mode mode" "$WORK/pppd-server.log" || log "note: no '$mode mode' in the server's pppd log"
	measure "ng$mode" 192.168.77.1
	if [ "$mode" = user ]; then
		netem_goodput nguser 192.168.77.1
		profile nguser
	fi
	kill "$cpid"
	wait_for 30 "the pptpd-ng client to go" gone "$cpid"
	wait_for 30 "the pptpd-ng call to end" bash -c "! ip -n cli -o link show | grep -q ' ppp'"
	many_calls "ng$mode" pptpd-ng
	kill "$PPTPDNG_PID"
	wait_for 15 "pptpd-ng to exit" gone "$PPTPDNG_PID"
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$mode.log.txt"
done

# pair_stop: end both pppds of plugin-pair.sh and remove a and b.
pair_stop() {
	local ns
	for ns in a b; do ip netns pids "$ns" | xargs -r kill; done
	sleep 1
	for ns in a b; do
		ip netns pids "$ns" | xargs -r kill -9
		ip netns del "$ns"
	done
}

# The bare paths: pppd + pptp-gre.so on both ends (plugin-pair.sh), in
# namespaces a (server) and b (client).
for mode in kernel user; do
	log "=== bare pppd pair, $mode mode on both ends"
	rm -f "$WORK/pppd-server.log" "$WORK/pppd-b.log"
	pair_start "$mode" "$mode"
	R[pair$mode.up]=$(iperf_bps b a "$A_PPP" "$SECS")
	R[pair$mode.down]=$(iperf_bps b a "$A_PPP" "$SECS" -R)
	R[pair$mode.rtt]=$(ping_avg b "$A_PPP" 20)
	log "pair $mode: up $(mbit "${R[pair$mode.up]}") Mbit/s, down $(mbit "${R[pair$mode.down]}") Mbit/s, rtt ${R[pair$mode.rtt]} ms"
	pair_stop
done
# $BUILD/bench-base/pptp-gre.so, when present: a pptp-gre.so built from
# another commit (the pump before a change), measured on the bare user
# pair in this same boot (BENCH_BASE_PLUGIN elsewhere with --direct).
BENCH_BASE_PLUGIN=${BENCH_BASE_PLUGIN:-$BUILD/bench-base/pptp-gre.so}
if [ -f "$BENCH_BASE_PLUGIN" ]; then
	log "=== bare pppd pair, user mode, $BENCH_BASE_PLUGIN"
	rm -f "$WORK/pppd-server.log" "$WORK/pppd-b.log"
	PLUGIN=$BENCH_BASE_PLUGIN
	pair_start user user
	R[pairbase.up]=$(iperf_bps b a "$A_PPP" "$SECS")
	R[pairbase.down]=$(iperf_bps b a "$A_PPP" "$SECS" -R)
	log "pair user (base plugin): up $(mbit "${R[pairbase.up]}") Mbit/s, down $(mbit "${R[pairbase.down]}") Mbit/s"
	pair_stop
fi

# The table.  ratio = pptpd-ng / poptop (for RTT and KiB/call, lower is
# better; for the rest, higher).  Rows without a poptop figure are
# ratioed against poptop's figure of the same metric.
cell() { [ -n "${R[$1]:-}" ] && echo "${R[$1]}" || echo "-"; }
mb() { [ -n "${R[$1]:-}" ] && mbit "${R[$1]}" || echo "-"; }
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b != "-" && a !~ /\// && b !~ /\//)
	    printf "%.2f", b / a; else print "-" }'
}
row() { printf '%-46s | %9s | %9s | %6s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }

echo
echo "BENCH TABLE (one boot; load at end: $(cut -d' ' -f1-3 /proc/loadavg); ratio = pptpd-ng / poptop)"
printf '%-46s | %9s | %9s | %6s\n' metric poptop pptpd-ng ratio
for d in up down; do
	[ $d = up ] && dir="client->server" || dir="server->client"
	row "TCP $dir Mbit/s, pptpd-ng kernel" "$(mb poptop.$d)" "$(mb ngkernel.$d)"
	row "TCP $dir Mbit/s, pptpd-ng user" "$(mb poptop.$d)" "$(mb nguser.$d)"
	row "TCP $dir Mbit/s, bare pppd pair kernel" "$(mb poptop.$d)" "$(mb pairkernel.$d)"
	row "TCP $dir Mbit/s, bare pppd pair user" "$(mb poptop.$d)" "$(mb pairuser.$d)"
	[ -n "${R[pairbase.$d]:-}" ] &&
	    row "TCP $dir Mbit/s, bare pair user: base / new" "$(mb pairbase.$d)" "$(mb pairuser.$d)"
	row "TCP $dir Mbit/s, plain veth" "$(mb poptop.$d)" "$(mb veth.$d)"
done
row "ping RTT ms (avg of 20), pptpd-ng kernel" "$(cell poptop.rtt)" "$(cell ngkernel.rtt)"
row "ping RTT ms (avg of 20), pptpd-ng user" "$(cell poptop.rtt)" "$(cell nguser.rtt)"
row "ping RTT ms (avg of 20), bare pair kernel" "$(cell poptop.rtt)" "$(cell pairkernel.rtt)"
row "ping RTT ms (avg of 20), bare pair user" "$(cell poptop.rtt)" "$(cell pairuser.rtt)"
row "ping RTT ms (avg of 20), plain veth" "$(cell poptop.rtt)" "$(cell veth.rtt)"
row "calls up of $NCALLS started at once, kernel" "$(cell poptop.calls)" "$(cell ngkernel.calls)"
row "calls up of $NCALLS started at once, user" "$(cell poptop.calls)" "$(cell nguser.calls)"
row "call set-up calls/s ($NCALLS at once), kernel" "$(cell poptop.cps)" "$(cell ngkernel.cps)"
row "call set-up calls/s ($NCALLS at once), user" "$(cell poptop.cps)" "$(cell nguser.cps)"
row "daemon KiB RSS per call (pppd excl.), kernel" "$(cell poptop.rss)" "$(cell ngkernel.rss)"
row "daemon KiB RSS per call (pppd excl.), user" "$(cell poptop.rss)" "$(cell nguser.rss)"
row "up Mbit/s, netem delay 5ms, pptpd-ng user" "$(mb poptop.delay)" "$(mb nguser.delay)"
row "up Mbit/s, delay 5ms + reorder 1%, ng user" "$(mb poptop.reorder)" "$(mb nguser.reorder)"
row "reorder 1% / delay-only goodput, ng user" \
    "$(ratio "${R[poptop.delay]:-0}" "${R[poptop.reorder]:-0}")" \
    "$(ratio "${R[nguser.delay]:-0}" "${R[nguser.reorder]:-0}")"
pass "side-by-side benchmark done"
