#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 10-side-by-side: issue [8], poptop + pptp-linux against pptpd-ng in the
# SAME boot, so the ratios are fair.  Measures: one TCP stream with
# MPPE-128 (iperf3 -J, BENCH_SECS s, both directions) through poptop,
# pptpd-ng kernel and user mode with pptp-linux and with our own client
# (pptp-gre.so in the client role), the bare kernel path (pppd +
# tests/bench/bare-pptp.so on both ends: pptp.ko, fixed call IDs, none of
# our code: the PPTP ceiling), pppd + pptp-gre.so on both ends the same
# way (kernel and user mode) and the plain veth (the wire ceiling), with
# the VM's CPU per Mbit; ping RTT
# (median of 30; on the bare pairs also with everything on one vCPU); the
# call set-up rate of BENCH_CALLS pptp-linux clients started at once and
# where the CPU went; the daemon's memory per call (pppd excluded);
# goodput under netem delay 5ms + reorder 1% on the client's veth;
# BENCH_SCALE calls held at once; and where the CPU goes during an upload
# through the user-mode path, with the packets the pump moves per
# wake-up.  Prints
# one table "metric | poptop | pptpd-ng | ratio".  Never fails on time:
# it fails only when a tunnel does not come up.
# timeout: 5400
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../../vm/lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$TOP/tests/vm/plugin-pair.sh"
need pptpd pptp pppd iperf3 python3 tc

SECS=${BENCH_SECS:-5}
NCALLS=${BENCH_CALLS:-20}
CALLS_WAIT=${BENCH_CALLS_WAIT:-300}
REPEAT=${BENCH_REPEAT:-3}
ROUNDS=${BENCH_ROUNDS:-5}
# BENCH_PARTS: which parts run (all by default): tput (iperf3, ping),
# netem, calls (set-up rate, concurrency, memory), pairs (the bare pppd
# pairs), interleave (the headline paths up at once, measured round-robin
# BENCH_ROUNDS times), scale (BENCH_SCALE calls at once), profile.  In the
# VM, set it in a wrapper scenario that execs this one (the VM does not
# inherit the host's environment).
PARTS=" ${BENCH_PARTS:-tput netem calls pairs interleave scale profile} "
want() { [[ $PARTS == *" $1 "* ]]; }
declare -A R		# results, key -> value

log "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) vCPUs, kernel $(uname -r)"

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

# median VALUE...: the middle value (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# iperf_med CLIENT_NS SERVER_NS ADDR [-R]: the median of REPEAT iperf_bps
# runs of SECS s (a shared machine makes single runs noisy).
iperf_med() {
	local i v=()
	for i in $(seq 1 "$REPEAT"); do v+=("$(iperf_bps "$1" "$2" "$3" "$SECS" "${4:-}")"); done
	median "${v[@]}"
}

# ping_med NS ADDR: the median RTT in ms of 30 pings 0.1 s apart (the
# median, not the average: a loaded emulator adds rare long stalls).
ping_med() {
	# shellcheck disable=SC2046 # one word per RTT
	median $(nsx "$1" ping -n -c 30 -i 0.1 -W 2 "$2" 2>/dev/null |
	    sed -n 's/.* time=\([0-9.]*\) ms.*/\1/p')
}

# ping_pinned NS1 NS2 ADDR: ping_med with every process of NS1 and NS2,
# ping itself and the kernel's unbound work queues (the tty layer's
# flip-buffer work) on vCPU 0.  The difference from ping_med is what
# waking a process or worker on the other vCPU costs under emulation.
ping_pinned() {
	local p mask v
	mask=$(cat /sys/devices/virtual/workqueue/cpumask 2>/dev/null)
	for p in $(ip netns pids "$1") $(ip netns pids "$2"); do
		taskset -p 1 "$p" >/dev/null 2>&1
	done
	[ -n "$mask" ] && echo 1 >/sys/devices/virtual/workqueue/cpumask
	# shellcheck disable=SC2046 # one word per RTT
	v=$(median $(taskset 1 ip netns exec "$1" ping -n -c 30 -i 0.1 -W 2 "$3" 2>/dev/null |
	    sed -n 's/.* time=\([0-9.]*\) ms.*/\1/p'))
	[ -n "$mask" ] && echo "$mask" >/sys/devices/virtual/workqueue/cpumask
	for p in $(ip netns pids "$1") $(ip netns pids "$2"); do
		taskset -p 3 "$p" >/dev/null 2>&1
	done
	echo "$v"
}

# busy_jiffies: the VM's busy CPU time so far, in USER_HZ ticks (all
# CPUs; user, nice, system, irq, softirq, steal).
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# measure TAG SERVER_ADDR [CLIENT_NS SERVER_NS]: iperf3 both ways and
# ping from the client namespace (cli, server srv) into R;
# R[TAG.cpu]: the VM's busy CPU ms per Mbit moved during the uploads
# (both ends and iperf3 included; the bits are the median times
# SECS x REPEAT), the same yardstick for every path of one boot.
measure() {
	local tag=$1 addr=$2 c=${3:-cli} s=${4:-srv} j0 j1
	j0=$(busy_jiffies)
	R[$tag.up]=$(iperf_med "$c" "$s" "$addr")
	j1=$(busy_jiffies)
	R[$tag.cpu]=$(awk -v j=$((j1 - j0)) -v hz="$(getconf CLK_TCK)" \
	    -v b="${R[$tag.up]}" -v t=$((SECS * REPEAT)) \
	    'BEGIN { if (b > 0) printf "%.1f", j * 1000 / hz / (b * t / 1e6); }')
	R[$tag.down]=$(iperf_med "$c" "$s" "$addr" -R)
	R[$tag.rtt]=$(ping_med "$c" "$addr")
	log "$tag: up $(mbit "${R[$tag.up]}") Mbit/s, down $(mbit "${R[$tag.down]}") Mbit/s, rtt ${R[$tag.rtt]} ms (medians); ${R[$tag.cpu]:-?} CPU ms per Mbit up"
}

# netem_goodput TAG SERVER_ADDR: client->server goodput with 5 ms delay
# on the client's veth, then with 1% of the packets reordered as well.
netem_goodput() {
	local tag=$1 addr=$2
	nsx cli tc qdisc add dev eth0 root netem delay 5ms
	R[$tag.delay]=$(iperf_med cli srv "$addr")
	nsx cli tc qdisc change dev eth0 root netem delay 5ms reorder 1%
	R[$tag.reorder]=$(iperf_med cli srv "$addr")
	nsx cli tc qdisc del dev eth0 root
	log "$tag: netem delay 5ms $(mbit "${R[$tag.delay]}") Mbit/s, + reorder 1% $(mbit "${R[$tag.reorder]}") Mbit/s"
}

# calls_up: sets CALLS_UP to the clients of the current many_calls round
# whose pppd logged its address.  Bash reads the logs itself, each only
# until its call is up: the round's wait loop polls every 0.2 s while the
# VM is busy setting calls up, and under emulation every fork and exec
# costs 50-60 ms of CPU (process accounting, 26 Nov), so grep, wc, date
# and sleep there took a share of the CPU being measured (and polling 2N
# namespaces with ip(8) before them, tens of seconds per round).
declare -A CALLS_SEEN
calls_up() {
	local f l
	for f in "$WORK/$CALLS_TAG"-m*.pppd.log; do
		if [ -n "${CALLS_SEEN[$f]:-}" ] || [ ! -f "$f" ]; then
			continue
		fi
		while IFS= read -r l; do
			[[ $l == 'local  IP address'* ]] || continue
			CALLS_SEEN[$f]=1
			break
		done <"$f"
	done
	CALLS_UP=${#CALLS_SEEN[@]}
}
# nap: 0.2 s without a process (read times out on a FIFO nobody writes).
mkfifo "$WORK/nap.fifo" && exec {NAP_FD}<>"$WORK/nap.fifo"
nap() { read -r -t 0.2 -u "$NAP_FD" _ || :; }
# shellcheck disable=SC2317 # called through wait_for
# (pptp-linux's two processes call themselves pptpgw and pptpcm; -le: a
# client of the part before may have exited after the count was taken.)
none_left() { ! pgrep -x 'pptp(gw|cm)?' >/dev/null && [ "$(pgrep -xc pppd)" -le "$1" ]; }

# calls_traffic: clients whose call carries traffic, checked all at once:
# one of three pings from cI to the server's tunnel address answered.
calls_traffic() {
	local i n=0 pids=() peer
	for i in $(seq 1 "$NCALLS"); do
		peer=$(ppp_peer "c$i" ppp0 2>/dev/null)
		[ -n "$peer" ] || continue
		nsx "c$i" ping -n -q -c 3 -i 0.5 -W 5 -I ppp0 "$peer" >/dev/null 2>&1 &
		pids+=("$!")
	done
	for i in "${pids[@]}"; do wait "$i" && n=$((n + 1)); done
	echo "$n"
}

# anon_kb NS COMM...: like lib.sh's rss_kb, but RssAnon only (heap and
# stacks): VmRSS also grows by the daemon's code and library pages that
# the first concurrent calls fault in once, which is not a cost per call.
anon_kb() {
	local ns=$1 p c t=0 kb
	shift
	for p in $(ip netns pids "$ns" 2>/dev/null); do
		c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		case " $* " in *" $c "*) ;; *) continue ;; esac
		kb=$(awk '/^RssAnon:/ {print $2}' "/proc/$p/status" 2>/dev/null)
		t=$((t + ${kb:-0}))
	done
	echo "$t"
}

# calls_cpu TAG J0 J1 T0 T1 SERVER_COMMS...: where the VM's CPU went
# during a set-up round (busy share over the round; CPU seconds of the
# server daemon, of every pppd, of pptp-linux, of everything else),
# from $WORK/calls0.txt and calls1.txt (cpu_by_task before and after).
# Processes that exited during the round (ip-up scripts) are in "other"
# only through the busy total.
calls_cpu() {
	local tag=$1 j0=$2 j1=$3 t0=$4 t1=$5 hz
	shift 5
	hz=$(getconf CLK_TCK)
	cpu_delta "$WORK/calls0.txt" "$WORK/calls1.txt" |
	    awk -v hz="$hz" -v srv=" $* " -v busy=$((j1 - j0)) -v t0="$t0" -v t1="$t1" -v tag="$tag" '
	    { if (index(srv, " " $3 " ")) s += $1
	      else if ($3 == "pppd") p += $1
	      else if ($3 ~ /^pptp(gw|cm)?$/) q += $1
	      else o += $1 }
	    END { w = t1 - t0; if (w <= 0) w = 1
	      printf "%s: during the round (%.1f s) the VM was %.0f%% busy: %.1f CPU s in all; server daemon %.2f s, pppd %.1f s, pptp-linux %.1f s, other live tasks %.1f s, not in a live task (exited ones such as ip-up scripts, interrupts) %.1f s\n",
	        tag, w, 100 * busy / hz / w / 2, busy / hz, s / hz, p / hz, q / hz, o / hz, (busy - s - p - q - o) / hz }' |
	    while read -r line; do log "$line"; done
}

# many_calls TAG SERVER_COMMS...: NCALLS pptp-linux clients, each in its
# own namespace cI with its own address 10.79.I.2 (poptop binds each call's
# GRE to its control connection's peer), started at once; calls/s until
# the last one is up, how many carry traffic at once, and the server daemon's
# RSS growth per call.  The clients keep sending LCP Configure-Requests
# for 120 s (lcp-max-configure 40): pppd's default of 10 (30 s) gave up
# while a loaded VM was still setting up the control connections, with
# poptop and pptpd-ng alike; and no side drops a call for 3 unanswered
# LCP echoes (lcp-echo-failure 0 here and in the servers' options), which
# a loaded VM also caused ("Peer not responding").
many_calls() {
	local tag=$1 i t0 t1 end up before after abefore aafter pids=() npppd j0 j1 left
	shift
	CALLS_TAG=$tag
	CALLS_SEEN=()
	npppd=$(pgrep -xc pppd)
	before=$(rss_kb srv "$@")
	abefore=$(anon_kb srv "$@")
	cpu_by_task >"$WORK/calls0.txt"
	j0=$(busy_jiffies)
	t0=$EPOCHREALTIME
	for i in $(seq 1 "$NCALLS"); do
		pptp_client "c$i" "$tag-m$i" "10.79.$i.1" alice \
		    lcp-max-configure 40 lcp-echo-failure 0
		pids+=("$LAST_PID")
	done
	# Not wait_for: a server that loses calls is measured, not failed.
	end=$(( EPOCHSECONDS + CALLS_WAIT ))
	# t1: when the last call that came up did (a lost call must not
	# stretch the interval to the end of the wait).
	t1=$t0 up=0
	while [ "$EPOCHSECONDS" -lt "$end" ]; do
		calls_up
		[ "$CALLS_UP" -gt "$up" ] && { up=$CALLS_UP; t1=$EPOCHREALTIME; }
		[ "$up" -ge "$NCALLS" ] && break
		nap
	done
	j1=$(busy_jiffies)
	cpu_by_task >"$WORK/calls1.txt"
	calls_cpu "$tag" "$j0" "$j1" "$t0" "$t1" "$@"
	R[$tag.traffic]="$(calls_traffic)/$NCALLS"
	after=$(rss_kb srv "$@")
	aafter=$(anon_kb srv "$@")
	R[$tag.cps]=$(awk -v n="$up" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", n / (b - a) }')
	R[$tag.calls]="$up/$NCALLS"
	if [ "$up" -gt 0 ]; then
		R[$tag.rss]=$(( (after - before) / up ))
		R[$tag.anon]=$(( (aafter - abefore) / up ))
	fi
	log "$tag: $up of $NCALLS calls up after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s (${R[$tag.cps]} calls/s), ${R[$tag.traffic]} carry pings; $* RSS ${before} -> ${after} KiB, ${R[$tag.rss]:-?} KiB/call (RssAnon ${abefore} -> ${aafter} KiB, ${R[$tag.anon]:-?} KiB/call)"
	for i in $(seq 1 "$NCALLS"); do
		grep -q '^local  IP address' "$WORK/$tag-m$i.pppd.log" 2>/dev/null && continue
		log "$tag: client $i did not come up; its last lines:"
		tail -n 6 "$WORK/$tag-m$i.pppd.log" "$WORK/$tag-m$i.log" 2>/dev/null | sed 's/^/    /'
	done
	kill "${pids[@]}" 2>/dev/null
	# Not wait_for: a slow teardown must not cost the rest of the run.
	# pppds get 120 s; pptp-linux processes that outlive every pppd (a
	# few did, by minutes, with either server) then get 10 s.
	end=$(( $(date +%s) + 120 ))
	until [ "$(pgrep -xc pppd)" -le "$npppd" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 0.5; done
	[ "$(pgrep -xc pppd)" -le "$npppd" ] && end=$(( $(date +%s) + 10 ))
	until none_left "$npppd" || [ "$(date +%s)" -ge "$end" ]; do sleep 0.5; done
	if ! none_left "$npppd"; then
		# pppds of the round still there (never below zero: one of
		# the earlier parts' pppds may have ended meanwhile).
		left=$(( $(pgrep -xc pppd) - npppd ))
		[ "$left" -gt 0 ] || left=0
		log "$tag: teardown: killing what is left: $(pgrep -x 'pptp(gw|cm)?' | wc -l) pptp-linux processes (10 s after the last client pppd), $left pppd (120 s after their clients were told to go)"
		kill -9 "${pids[@]}" 2>/dev/null
		for i in $(ip netns pids srv); do
			[ "$(cat "/proc/$i/comm" 2>/dev/null)" = pppd ] && kill -9 "$i"
		done
		for i in $(seq 1 "$NCALLS"); do
			for j in $(ip netns pids "c$i"); do
				[[ $(cat "/proc/$j/comm" 2>/dev/null) =~ ^pptp(gw|cm)?$ ]] &&
				    kill -9 "$j"
			done
		done
		sleep 2
	fi
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

# cpu_by_task: "pid comm ticks" for every process in /proc (kernel
# threads included), utime + stime in USER_HZ ticks.
cpu_by_task() {
	# One awk for all (one per task costs seconds under emulation); cat
	# goes on past tasks that exit meanwhile.
	cat /proc/[0-9]*/stat 2>/dev/null | awk '{ c = $0; sub(/^[0-9]+ \(/, "", c);
	    sub(/\) .*/, "", c); gsub(/ /, "_", c); n = split($0, a, ") ");
	    split(a[n], b, " "); print $1, c, b[12] + b[13] }'
}

# cpu_delta BEFORE AFTER: "ticks pid comm" for every process in AFTER
# (cpu_by_task files) that used CPU since BEFORE; a process started in
# between counts from zero.
cpu_delta() {
	awk 'NR == FNR { a[$1] = $NF; next }
	    { d = $NF - a[$1]; if (d > 0) print d, $1, $2 }' "$1" "$2"
}

# pump_wakes PID: "sleeps rx tx preempted" - the pump's voluntary and
# involuntary context switches and the packets on srv's veth so far.
pump_wakes() {
	local v=0 nv=0
	[ -n "$1" ] && read -r v nv < <(awk '/^voluntary_ctxt/ { v = $2 }
	    /^nonvoluntary_ctxt/ { n = $2 } END { print v, n }' "/proc/$1/status" 2>/dev/null)
	echo "$v $(nsx srv cat /sys/class/net/eth0/statistics/rx_packets) $(nsx srv cat /sys/class/net/eth0/statistics/tx_packets) $nv"
}

# upload_start SECS: one iperf3 upload from cli to the server's tunnel
# address in the background; returns once it is sending (wait for it).
upload_start() {
	(iperf_bps cli srv 192.168.77.1 "$1" >/dev/null) &
	for _ in $(seq 1 300); do pgrep -f 'iperf3 -J -c' >/dev/null && break; sleep 0.2; done
	sleep 1
}

# profile TAG: where the VM's CPU goes during one upload through the
# user-mode path: the busy share of user, system and softirq time from
# /proc/stat, and the busiest tasks (utime + stime, kernel workers
# included) from /proc/PID/stat; then a perf profile of the pump when
# perf samples in this VM.
profile() {
	local tag=$1 pid s0 s1 w0 w1 secs=$((3 * SECS))
	pid=$(pump_pid srv)
	upload_start "$secs"
	cpu_by_task >"$WORK/tasks0.txt"
	w0=$(pump_wakes "$pid")
	s0=$(head -n 1 /proc/stat)
	sleep "$SECS"
	s1=$(head -n 1 /proc/stat)
	w1=$(pump_wakes "$pid")
	cpu_by_task >"$WORK/tasks1.txt"
	log "profile $tag: VM CPU during $SECS s of one upload (pump pid ${pid:-?})"
	awk -v a="$s0" -v b="$s1" 'BEGIN { split(a, x); split(b, y);
	    for (i = 2; i <= 9; i++) { d[i] = y[i] - x[i]; t += d[i] }
	    printf "    user %.0f%%, system %.0f%%, softirq %.0f%%, irq %.0f%%, idle %.0f%% of 2 vCPUs\n",
	        100 * (d[2] + d[3]) / t, 100 * d[4] / t, 100 * d[8] / t, 100 * d[7] / t, 100 * (d[5] + d[6]) / t }'
	# Each packet the pump moves costs a wake-up unless it shares one:
	# the lower this is, the less batching can save.
	awk -v a="$w0" -v b="$w1" 'BEGIN { split(a, x); split(b, y);
	    w = y[1] - x[1]; n = y[2] - x[2] + y[3] - x[3]; if (w > 0 && n > 0)
	    printf "    server pump: %d wake-ups (and %d preemptions), %d GRE packets in+out on its veth: %.2f packets per wake-up\n",
	        w, y[4] - x[4], n, n / w }'
	cpu_delta "$WORK/tasks0.txt" "$WORK/tasks1.txt" | sort -rn | head -n 12 |
	    awk -v hz="$(getconf CLK_TCK)" -v s="$SECS" '{ printf "    %5.1f%% of one vCPU  %s %s\n", 100 * $1 / hz / s, $2, $3 }'
	wait
	if command -v perf >/dev/null && [ -n "$pid" ] &&
	    perf record -q -e cpu-clock -o "$WORK/probe.data" true >/dev/null 2>&1; then
		upload_start "$secs"
		perf record -q -e cpu-clock -p "$pid" -o "$WORK/perf-$tag.data" -- sleep "$SECS" >/dev/null 2>&1
		wait
		log "profile $tag: the pump's hottest symbols (perf, cpu-clock, pump only)"
		perf report -q -i "$WORK/perf-$tag.data" --stdio --sort dso,sym 2>/dev/null |
		    head -n 20 | sed 's/^/    /'
	fi
}

# chan_note LOG...: which channel each user-mode pppd used (tap, L2TP, pty).
chan_note() {
	local f
	for f in "$@"; do
		log "$(basename "$f"): $(grep -om1 'user mode ([^)]*)' "$f" ||
		    echo 'no user mode line')"
	done
}

for i in $(seq 1 "$NCALLS"); do
	ns_add "c$i"
	veth_pair srv "vc$i" "10.79.$i.1/24" "c$i" eth0 "10.79.$i.2/24"
done

log "=== plain veth (wire ceiling)"
want tput && measure veth 10.77.0.1

log "=== poptop + pptp-linux"
server_options "$WORK/pptpd-options"
cat >"$WORK/pptpd.conf" <<CONF
option $WORK/pptpd-options
localip 192.168.77.1
remoteip 192.168.77.10-250
pidfile $WORK/pptpd.pid
connections 250
CONF
printf '%s\n' "lcp-max-configure 40" "lcp-echo-failure 0" >>"$WORK/pptpd-options"
start_bg srv pptpd pptpd -f -c "$WORK/pptpd.conf"
poptop=$LAST_PID
wait_for 10 "poptop listening on 1723" nsx srv ss -ltn 'sport = :1723' -H
pptp_client cli poptop-client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 60
want tput && measure poptop 192.168.77.1
want netem && netem_goodput poptop 192.168.77.1
kill "$cpid"
wait_for 30 "the poptop client to go" gone "$cpid"
wait_for 30 "the poptop call to end" bash -c "! ip -n cli -o link show | grep -q ' ppp'"
want calls && many_calls poptop pptpd pptpctrl
kill "$poptop"
wait_for 15 "poptop to exit" gone "$poptop"

for mode in kernel user; do
	log "=== pptpd-ng $mode + pptp-linux"
	pptpdng_conf "$WORK/pptpd-ng.conf" "$mode" "connections 250"
	sed -i 's/^remoteip .*/remoteip 192.168.77.10-250/' "$WORK/pptpd-ng.conf"
	printf '%s\n' "lcp-max-configure 40" "lcp-echo-failure 0" >>"$WORK/pptpd-options"
	pptpdng_start srv "$WORK/pptpd-ng.conf"
	pptp_client cli "ng-$mode-client" 10.77.0.1 alice
	cpid=$LAST_PID
	wait_ppp cli ppp0 60
	grep -q "$mode mode" "$WORK/pppd-server.log" || log "note: no '$mode mode' in the server's pppd log"
	[ "$mode" = user ] && chan_note "$WORK/pppd-server.log"
	want tput && measure "ng$mode" 192.168.77.1
	want netem && netem_goodput "ng$mode" 192.168.77.1
	kill "$cpid"
	wait_for 30 "the pptpd-ng client to go" gone "$cpid"
	wait_for 30 "the pptpd-ng call to end" bash -c "! ip -n cli -o link show | grep -q ' ppp'"
	if want tput; then
		# Our client role (pppd + pptp-gre.so dialing, the branch
		# router), the same data path mode on both ends.
		log "=== pptpd-ng $mode + pptp-gre.so client $mode"
		branch_client cli "ng-$mode-ours" 10.77.0.1 alice "$mode"
		cpid=$LAST_PID
		wait_ppp cli ppp0 60
		grep -q "pptp-gre: $mode mode" "$WORK/ng-$mode-ours.pppd.log" ||
		    die "our client is not in $mode mode"
		[ "$mode" = user ] && chan_note "$WORK/pppd-server.log" \
		    "$WORK/ng-$mode-ours.pppd.log"
		measure "ngours$mode" 192.168.77.1
		[ "$mode" = user ] && want profile && profile ngoursuser
		kill "$cpid"
		wait_for 30 "our client to go" gone "$cpid"
		wait_for 30 "the call to end" bash -c "! ip -n cli -o link show | grep -q ' ppp'"
	fi
	want calls && many_calls "ng$mode" pptpd-ng
	kill "$PPTPDNG_PID"
	wait_for 15 "pptpd-ng to exit" gone "$PPTPDNG_PID"
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$mode.log.txt"
done

# The bare paths: pppd + pptp-gre.so on both ends (plugin-pair.sh), in
# namespaces a (server) and b (client).
want pairs && for mode in bare kernel user; do
	if [ "$mode" = bare ]; then
		log "=== bare pppd pair over bare-pptp.so (pptp.ko, fixed call IDs, none of our code): the PPTP ceiling"
	else
		log "=== bare pppd pair, pptp-gre.so in $mode mode on both ends"
	fi
	rm -f "$WORK/pppd-server.log" "$WORK/pppd-b.log"
	pair_start "$mode" "$mode"
	[ "$mode" = user ] && chan_note "$WORK/pppd-server.log" "$WORK/pppd-b.log"
	measure "pair$mode" "$A_PPP" b a
	R[pair$mode.rttpin]=$(ping_pinned b a "$A_PPP")
	log "pair $mode: rtt all on vCPU 0 ${R[pair$mode.rttpin]} ms (median)"
	pair_stop
done
# $BUILD/bench-base/pptp-gre.so, when present: a pptp-gre.so built from
# another commit (the pump before a change), measured on the bare user
# pair in this same boot (BENCH_BASE_PLUGIN elsewhere with --direct).
BENCH_BASE_PLUGIN=${BENCH_BASE_PLUGIN:-$BUILD/bench-base/pptp-gre.so}
if want pairs && [ -f "$BENCH_BASE_PLUGIN" ]; then
	log "=== bare pppd pair, user mode, $BENCH_BASE_PLUGIN"
	rm -f "$WORK/pppd-server.log" "$WORK/pppd-b.log"
	PLUGIN=$BENCH_BASE_PLUGIN
	pair_start user user
	R[pairbase.up]=$(iperf_med b a "$A_PPP")
	R[pairbase.down]=$(iperf_med b a "$A_PPP" -R)
	log "pair user (base plugin): up $(mbit "${R[pairbase.up]}") Mbit/s, down $(mbit "${R[pairbase.down]}") Mbit/s (medians)"
	pair_stop
fi

# scale: BENCH_SCALE calls at once (500 by default) to pptpd-ng in
# BENCH_SCALE_MODE (kernel by default; user: a pump and a tap per call on
# the server) from pppd + pptp-gre.so clients (kernel mode; one process
# per call), 50 per client namespace sI (10.80.I.2) started in waves of
# BENCH_SCALE_WAVE (25); then three pings from the server to every client
# address at once, the daemon's memory and descriptors per call, and the
# teardown.  The clients redial (persist, as a branch router runs): under
# this load pppd's CCP sometimes ends a call during set-up (a Configure-
# Request retransmitted after 3 s reaches a slow server once CCP is up,
# CCP renegotiates and pppd, MPPE required, ends the call: "LCP
# terminated by peer (MPPE disabled)", 3 of 500 calls in one run
# without redial); how many needed it is counted.  Needs about 3 MiB of
# VM memory per call (both pppds): PPTPNG_VM_MEM=4096 or more for 500
# (make bench gives 6144).
SCALE=${BENCH_SCALE:-500}
SCALE_WAVE=${BENCH_SCALE_WAVE:-25}
SCALE_MODE=${BENCH_SCALE_MODE:-kernel}
# scale_pumps: in user mode, the server's pumps (pppd's children named
# pppd), their memory (RssAnon counts pages still shared with pppd after
# the fork, Pss shares them out) and the taps in srv.  Shell builtins
# only: a process per pid took 6 minutes with 500 calls under emulation.
scale_pumps() {
	local p pp c k v a s n=0 anon=0 pss=0
	for p in $(ip netns pids srv); do
		{ read -r c <"/proc/$p/comm"; } 2>/dev/null || continue
		[ "$c" = pppd ] || continue
		pp=0 a=0 s=0
		while read -r k v _; do
			case $k in PPid:) pp=$v ;; RssAnon:) a=$v ;; esac
		done 2>/dev/null <"/proc/$p/status"
		{ read -r c <"/proc/$pp/comm"; } 2>/dev/null || continue
		[ "$c" = pppd ] || continue
		while read -r k v _; do
			[ "$k" = Pss: ] && s=$v
		done 2>/dev/null <"/proc/$p/smaps_rollup"
		n=$((n + 1)) anon=$((anon + a)) pss=$((pss + s))
	done
	R[scale.pumps]=$n
	if [ "$n" -gt 0 ]; then
		R[scale.pumpanon]=$((anon / n))
		R[scale.pumppss]=$((pss / n))
	fi
	log "scale: $n pumps, on average RssAnon ${R[scale.pumpanon]:-?} KiB, Pss ${R[scale.pumppss]:-?} KiB each; $(ip -n srv -o link show | grep -c ': pptptap') taps in srv"
}
case $SCALE_MODE in
kernel|user) ;;
*) die "BENCH_SCALE_MODE: kernel or user, not '$SCALE_MODE'" ;;
esac
# idle_cpu SECS: the VM's busy share over SECS s and the three busiest
# processes (what established calls cost while nothing else happens).
idle_cpu() {
	local j0 j1 top
	cpu_by_task >"$WORK/idle0.txt"
	j0=$(busy_jiffies)
	sleep "$1"
	j1=$(busy_jiffies)
	cpu_by_task >"$WORK/idle1.txt"
	top=$(cpu_delta "$WORK/idle0.txt" "$WORK/idle1.txt" |
	    awk -v hz="$(getconf CLK_TCK)" '{ t[$3] += $1 }
	    END { for (k in t) printf "%.2f %s\n", t[k] / hz, k }' | sort -rn | head -n 4 |
	    awk '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $2, $1 }')
	awk -v hz="$(getconf CLK_TCK)" -v b=$((j1 - j0)) -v s="$1" -v top="$top" \
	    'BEGIN { printf "idle: VM %.0f%% busy over %d s (%s)\n", 100 * b / hz / s / 2, s, top }'
}

# scale_failed FIRST LAST MAX: the last lines of up to MAX clients in
# FIRST..LAST that did not come up, and what the daemon said about them.
scale_failed() {
	local i n=0
	for i in $(seq "$1" "$2"); do
		grep -q '^local  IP address' "$WORK/scale-$i.pppd.log" 2>/dev/null && continue
		n=$((n + 1))
		[ "$n" -le "$3" ] || continue
		log "scale: client $i did not come up; its PPP and control steps:"
		grep -E 'pptp-gre|LCP|CHAP|CCP|MPPE|IPCP|[Tt]ime.?out|[Tt]ermin|[Ff]ail' \
		    "$WORK/scale-$i.pppd.log" 2>/dev/null | grep -v 'event stats' |
		    head -n 40 | sed 's/^/    /'
		tail -n 4 "$WORK/scale-$i.log" 2>/dev/null | sed 's/^/    /'
		# The daemon's lines for this call: call=SERVER/CLIENT.
		ids=$(sed -n 's/.*pptp-gre: kernel mode, .* call \([0-9]*\) <-> .* call \([0-9]*\)$/\2\/\1/p' \
		    "$WORK/scale-$i.pppd.log" 2>/dev/null | head -n 1)
		[ -n "$ids" ] && grep "call=$ids " "$WORK/pptpd-ng.log" | sed 's/^/    daemon: /'
	done
	[ "$n" -gt "$3" ] && log "scale: ... and $((n - $3)) more"
	[ "$n" -gt 0 ] || return 0
	grep -vE 'call up|connection from|connection closed' "$WORK/pptpd-ng.log" |
	    grep -iE 'refus|fail|error|exit|ended|time' | tail -n 6 | sed 's/^/    daemon: /'
	grep -iE 'fail|time.?out|terminat|exit|hangup|Modem|bind call ID' "$WORK/pppd-server.log" |
	    tail -n 8 | sed 's/^/    server pppd: /'
}

# scale_gone: clients of the scale part whose pppd exited without
# coming up (their pids are in the caller's pids array, in order).
scale_gone() {
	local i k=0
	for i in "${pids[@]}"; do
		k=$((k + 1))
		kill -0 "$i" 2>/dev/null && continue
		grep -q '^local  IP address' "$WORK/scale-$k.pppd.log" 2>/dev/null || echo "$k"
	done | wc -l
}

# scale_up: clients of the scale part whose pppd logged its address.
scale_up() { grep -l '^local  IP address' "$WORK"/scale-*.pppd.log 2>/dev/null | wc -l; }
scale_calls() {
	local nns i n t0 t1 end up pids=() pings=() a0 a1 r0 r1 addrs=() ok=0 fd npppd
	nns=$(( (SCALE + 49) / 50 ))
	npppd=$(pgrep -xc pppd)
	# Waves of 25 and 60 s for each handshake step on both sides: while
	# 100 pppds start at once on the 2 emulated vCPUs, every process,
	# the daemon included, gets a few per cent of a CPU, and with the
	# default 10 s (poptop's stimeout on the server, the client's
	# reply time-out) about one call in a hundred from the second wave
	# of 50 on, and one in two by the fifth, was dropped in wait-sccrq,
	# wait-sccrp or wait-ocrp.  This part measures calls held at once,
	# not a set-up storm.
	pptpdng_conf "$WORK/pptpd-ng.conf" "$SCALE_MODE" "connections $((SCALE + 10))" \
	    "handshake-timeout 60"
	# 750 client addresses, poptop's list syntax.
	sed -i 's/^remoteip .*/remoteip 10.100.0.1-250,10.100.1.1-250,10.100.2.1-250/' "$WORK/pptpd-ng.conf"
	# 1000 pppds echoing every 5 s (lib.sh's setting) and logging every
	# packet kept a 2-vCPU emulated VM busy enough that later waves
	# timed out in LCP: the interval an HQ with many calls would use.
	sed -i -e '/^debug$/d' -e 's/^lcp-echo-interval .*/lcp-echo-interval 30/' "$WORK/pptpd-options"
	printf '%s\n' "lcp-max-configure 40" "lcp-echo-failure 0" >>"$WORK/pptpd-options"
	for i in $(seq 1 "$nns"); do
		ns_add "s$i"
		veth_pair srv "vs$i" "10.80.$i.1/24" "s$i" eth0 "10.80.$i.2/24"
	done
	rm -f "$WORK/pppd-server.log"	# the earlier parts' server pppds
	pptpdng_start srv "$WORK/pptpd-ng.conf"
	a0=$(anon_kb srv pptpd-ng)
	r0=$(rss_kb srv pptpd-ng)
	log "scale: $SCALE calls to pptpd-ng in $SCALE_MODE mode from $nns namespaces in waves of $SCALE_WAVE; VM memory available $(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) KiB"
	t0=$(date +%s.%N)
	n=0
	while [ "$n" -lt "$SCALE" ]; do
		for _ in $(seq 1 "$SCALE_WAVE"); do
			[ "$n" -ge "$SCALE" ] && break
			n=$((n + 1))
			i=$(( (n - 1) / 50 + 1 ))
			branch_client "s$i" "scale-$n" "10.80.$i.1" alice kernel \
			    lcp-max-configure 40 lcp-echo-failure 0 \
			    lcp-echo-interval 30 pptp-echo-interval 60 \
			    pptp-connect-timeout 60 persist holdoff 5 maxfail 3
			pids+=("$LAST_PID")
		done
		# Until every client so far is up or gone (a lost call must
		# not hold every later wave to the full wait).
		end=$(( $(date +%s) + 180 ))
		while [ $(( $(scale_up) + $(scale_gone) )) -lt "$n" ] &&
		    [ "$(date +%s)" -lt "$end" ]; do sleep 1; done
		log "scale: $(scale_up) of $n calls up; $(idle_cpu 5)"
		scale_failed $((n - SCALE_WAVE + 1)) "$n" 2
	done
	up=$(scale_up)
	t1=$(date +%s.%N)
	R[scale.calls]="$up/$SCALE"
	# Clients redial as a branch router would (persist): an up call
	# whose log has an earlier end came up on a later attempt.
	redial=$(grep -l '^local  IP address' "$WORK"/scale-*.pppd.log |
	    xargs -r grep -l '^Connection terminated' | wc -l)
	R[scale.redial]=$redial
	if [ "$redial" -gt 0 ]; then
		log "scale: $redial calls came up on a later attempt; what ended the first:"
		grep -l '^local  IP address' "$WORK"/scale-*.pppd.log |
		    xargs -r grep -l '^Connection terminated' | head -n 3 |
		    xargs -r grep -h -B 4 -m 1 '^Connection terminated' | sed 's/^/    /'
	fi
	R[scale.cps]=$(awk -v n="$up" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", n / (b - a) }')
	# Traffic on every call at once: three pings from the server to
	# each client's tunnel address.
	for i in $(seq 1 "$nns"); do
		mapfile -t -O "${#addrs[@]}" addrs < <(ip -n "s$i" -4 -o addr show |
		    awk '$2 ~ /^ppp/ { sub("/.*", "", $4); print $4 }')
	done
	for i in "${addrs[@]}"; do
		nsx srv ping -n -q -c 3 -i 0.5 -W 10 "$i" >/dev/null 2>&1 &
		pings+=("$!")
	done
	ok=0
	for i in "${pings[@]}"; do wait "$i" && ok=$((ok + 1)); done
	R[scale.traffic]="$ok/$SCALE"
	a1=$(anon_kb srv pptpd-ng)
	r1=$(rss_kb srv pptpd-ng)
	fd=0
	for i in $(ip netns pids srv); do
		[ "$(cat "/proc/$i/comm" 2>/dev/null)" = pptpd-ng ] || continue
		fd=$((fd + $(find "/proc/$i/fd" -mindepth 1 | wc -l)))
	done
	if [ "$up" -gt 0 ]; then
		R[scale.anon]=$(( (a1 - a0) / up ))
		R[scale.rss]=$(( (r1 - r0) / up ))
	fi
	log "scale: $up of $SCALE calls up ($redial after a redial) in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s, $ok answer pings at once; pptpd-ng RssAnon $a0 -> $a1 KiB (${R[scale.anon]:-?} KiB/call), VmRSS $r0 -> $r1 KiB, $fd descriptors; server pppd processes (with the pumps in user mode) $(ip netns pids srv | xargs -r ps -o comm= -p | grep -cx pppd); VM memory available $(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) KiB"
	[ "$SCALE_MODE" = user ] && scale_pumps
	"$BUILD/pptpctl" -s "$WORK/control.sock" show stats 2>&1 | head -n 12 | sed 's/^/    /'
	grep -c 'refus' "$WORK/pptpd-ng.log" | sed 's/^/    refusal lines in the daemon log: /'
	grep 'held in pptp.ko' "$WORK/pptpd-ng.log" | sed 's/^/    daemon: /'
	t0=$(date +%s.%N)
	for i in $(seq 1 "$nns"); do ip netns pids "s$i" | xargs -r kill; done
	end=$(( $(date +%s) + 300 ))
	until [ "$(pgrep -xc pppd)" -le "$npppd" ] || [ "$(date +%s)" -ge "$end" ]; do sleep 1; done
	log "scale: teardown took $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s, $(pgrep -xc pppd) pppd left (before: $npppd)"
	kill "$PPTPDNG_PID"
	wait_for 30 "pptpd-ng to exit" gone "$PPTPDNG_PID"
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-scale.log.txt"
}
want scale && scale_calls

# interleave: the paths of the headline ratios with their calls all up at
# once, each in its own namespaces (poptop + pptp-linux in i1s/i1c,
# pptpd-ng kernel + our client kernel in i2s/i2c, pptpd-ng user + our
# client user in i3s/i3c (the default channel to pppd, the tap), the same
# with the L2TP channel on both ends in i4s/i4c, the bare kernel pair in
# a/b), then one TCP
# stream each way per path and round, round-robin, the order rotated each
# round. Single runs of a path range over a third or more of their mean,
# and the emulated machine's speed drifts over a boot, so the parts above,
# which measure one path after the other, can skew a ratio; here every
# path sees the same drift.  R[il.PATH.DIR]: the mean,
# R[il.PATH.DIR.range]: min-max.
# il_server N WHAT [CHANNEL]: CHANNEL is pptp-user-channel on both ends.
il_server() {
	local n=$1 what=$2 chan=${3:-} conf=$WORK/il$1.conf
	local -a copt=()
	ns_add "i${n}s"
	ns_add "i${n}c"
	veth_pair "i${n}s" eth0 "10.81.$n.1/24" "i${n}c" eth0 "10.81.$n.2/24"
	if [ "$what" = poptop ]; then
		server_options "$WORK/il-options"
		printf '%s\n' "option $WORK/il-options" "localip 192.168.77.1" \
		    "remoteip 192.168.77.10-20" "pidfile $WORK/il$n.pid" >"$conf"
		start_bg "i${n}s" "il$n-pptpd" pptpd -f -c "$conf"
		wait_for 10 "poptop listening in i${n}s" nsx "i${n}s" ss -ltn 'sport = :1723' -H
		pptp_client "i${n}c" "il$n-client" "10.81.$n.1" alice
	else
		pptpdng_conf "$conf" "$what" ${chan:+"user-channel $chan"}
		sed -i -e "s|^pidfile .*|pidfile $WORK/il$n.pid|" \
		    -e "s|^control-socket .*|control-socket $WORK/il$n.sock|" "$conf"
		[ -z "$chan" ] || copt=(pptp-user-channel "$chan")
		pptpdng_start "i${n}s" "$conf" "il$n-pptpd-ng"
		branch_client "i${n}c" "il$n-client" "10.81.$n.1" alice "$what" "${copt[@]}"
	fi
	wait_ppp "i${n}c" ppp0 60
}
interleave() {
	local paths=(poptop ngkernel nguser nguserl2tp pairbare) np
	local r i k p d v cns sns addr
	declare -A runs
	np=${#paths[@]}
	log "=== interleaved: ${paths[*]} up at once, $ROUNDS rounds of $SECS s each way"
	il_server 1 poptop
	il_server 2 kernel
	il_server 3 user
	il_server 4 user l2tp
	chan_note "$WORK/il3-client.pppd.log" "$WORK/il4-client.pppd.log"
	pair_start bare bare
	for r in $(seq 1 "$ROUNDS"); do
		for i in $(seq 0 $((np - 1))); do
			p=${paths[$(( (i + r) % np ))]}
			case $p in
			poptop) cns=i1c sns=i1s addr=192.168.77.1 ;;
			ngkernel) cns=i2c sns=i2s addr=192.168.77.1 ;;
			nguser) cns=i3c sns=i3s addr=192.168.77.1 ;;
			nguserl2tp) cns=i4c sns=i4s addr=192.168.77.1 ;;
			pairbare) cns=b sns=a addr=$A_PPP ;;
			esac
			for d in up down; do
				k=""
				[ $d = down ] && k=-R
				v=$(iperf_bps "$cns" "$sns" "$addr" "$SECS" $k)
				runs[$p.$d]+="$v "
			done
		done
		log "interleaved round $r done"
	done
	for p in "${paths[@]}"; do
		for d in up down; do
			# shellcheck disable=SC2086 # one word per run
			R[il.$p.$d]=$(printf '%s\n' ${runs[$p.$d]} | awk '{ s += $1 } END { if (NR) printf "%.0f", s / NR }')
			# shellcheck disable=SC2086
			R[il.$p.$d.range]=$(printf '%s\n' ${runs[$p.$d]} | sort -g |
			    awk '{ v[NR] = $1 } END { printf "%.1f-%.1f", v[1] / 1e6, v[NR] / 1e6 }')
		done
		log "interleaved $p: up $(mbit "${R[il.$p.up]}") (${R[il.$p.up.range]}), down $(mbit "${R[il.$p.down]}") (${R[il.$p.down.range]}) Mbit/s, means of $ROUNDS"
	done
	pair_stop
	for i in 1 2 3 4; do
		for k in "i${i}c" "i${i}s"; do ip netns pids "$k" | xargs -r kill; done
	done
}
want interleave && interleave

# The table.  ratio = pptpd-ng / poptop (for RTT and KiB/call, lower is
# better; for the rest, higher).  Rows without a poptop figure are
# ratioed against poptop's figure of the same metric.
cell() { [ -n "${R[$1]:-}" ] && echo "${R[$1]}" || echo "-"; }
mb() { [ -n "${R[$1]:-}" ] && mbit "${R[$1]}" || echo "-"; }
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b != "-" && a !~ /\// && b !~ /\//)
	    printf "%.2f", b / a; else print "-" }'
}
row() { printf '%-52s | %9s | %9s | %6s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"; }

echo
echo "BENCH TABLE (one boot; load at end: $(cut -d' ' -f1-3 /proc/loadavg); ratio = pptpd-ng / poptop)"
echo "(il.: the interleave part, every call up at once, means of $ROUNDS round-robin runs)"
printf '%-52s | %9s | %9s | %6s\n' metric poptop pptpd-ng ratio
for d in up down; do
	[ $d = up ] && dir="client->server" || dir="server->client"
	row "TCP $dir Mbit/s, pptpd-ng kernel" "$(mb poptop.$d)" "$(mb ngkernel.$d)"
	row "TCP $dir Mbit/s, pptpd-ng user" "$(mb poptop.$d)" "$(mb nguser.$d)"
	row "TCP $dir Mbit/s, ng kernel + our client kernel" "$(mb poptop.$d)" "$(mb ngourskernel.$d)"
	row "TCP $dir Mbit/s, ng user + our client user" "$(mb poptop.$d)" "$(mb ngoursuser.$d)"
	row "TCP $dir Mbit/s, bare-pptp.so pair (PPTP ceiling)" "$(mb poptop.$d)" "$(mb pairbare.$d)"
	row "TCP $dir Mbit/s, bare pppd pair kernel" "$(mb poptop.$d)" "$(mb pairkernel.$d)"
	row "TCP $dir Mbit/s, bare pppd pair user" "$(mb poptop.$d)" "$(mb pairuser.$d)"
	[ -n "${R[pairbase.$d]:-}" ] &&
	    row "TCP $dir Mbit/s, bare pair user: base / new" "$(mb pairbase.$d)" "$(mb pairuser.$d)"
	row "TCP $dir Mbit/s, plain veth" "$(mb poptop.$d)" "$(mb veth.$d)"
	row "TCP $dir Mbit/s, il. kernel<->kernel (ours)" "$(mb il.poptop.$d)" "$(mb il.ngkernel.$d)"
	row "TCP $dir Mbit/s, il. user<->user (ours)" "$(mb il.poptop.$d)" "$(mb il.nguser.$d)"
	row "TCP $dir Mbit/s, il. user<->user, L2TP channel" "$(mb il.poptop.$d)" "$(mb il.nguserl2tp.$d)"
	row "TCP $dir Mbit/s, il. bare-pptp.so pair" "$(mb il.poptop.$d)" "$(mb il.pairbare.$d)"
	printf '%-52s | %9s | %9s | %6s\n' "  il. runs min-max, poptop / user<->user" \
	    "$(cell il.poptop.$d.range)" "$(cell il.nguser.$d.range)" "-"
done
row "ping RTT ms (median of 30), pptpd-ng kernel" "$(cell poptop.rtt)" "$(cell ngkernel.rtt)"
row "ping RTT ms (median of 30), pptpd-ng user" "$(cell poptop.rtt)" "$(cell nguser.rtt)"
row "ping RTT ms (median of 30), ng+our client kernel" "$(cell poptop.rtt)" "$(cell ngourskernel.rtt)"
row "ping RTT ms (median of 30), ng+our client user" "$(cell poptop.rtt)" "$(cell ngoursuser.rtt)"
row "ping RTT ms (median of 30), bare-pptp.so pair" "$(cell poptop.rtt)" "$(cell pairbare.rtt)"
row "ping RTT ms (median of 30), bare pair kernel" "$(cell poptop.rtt)" "$(cell pairkernel.rtt)"
row "ping RTT ms (median of 30), bare pair user" "$(cell poptop.rtt)" "$(cell pairuser.rtt)"
row "ping RTT ms (median of 30), plain veth" "$(cell poptop.rtt)" "$(cell veth.rtt)"
row "ping RTT ms all on vCPU 0, bare-pptp.so pair" "$(cell poptop.rtt)" "$(cell pairbare.rttpin)"
row "ping RTT ms all on vCPU 0, bare pair kernel" "$(cell poptop.rtt)" "$(cell pairkernel.rttpin)"
row "ping RTT ms all on vCPU 0, bare pair user" "$(cell poptop.rtt)" "$(cell pairuser.rttpin)"
for t in ngkernel nguser ngourskernel ngoursuser pairbare pairkernel pairuser veth; do
	row "VM CPU ms per Mbit up (iperf3 incl.), $t" "$(cell poptop.cpu)" "$(cell $t.cpu)"
done
row "calls up at once, pptpd-ng $SCALE_MODE + our client" "-" "$(cell scale.calls)"
row "  of those answering 3 pings at once" "-" "$(cell scale.traffic)"
row "  of those up on a later attempt (persist)" "-" "$(cell scale.redial)"
row "  set-up calls/s in waves of $SCALE_WAVE" "-" "$(cell scale.cps)"
row "  daemon KiB RssAnon / VmRSS per call" "-" "$(cell scale.anon) / $(cell scale.rss)"
if [ "$SCALE_MODE" = user ]; then
	row "  pumps up, KiB RssAnon / Pss per pump" "-" "$(cell scale.pumps), $(cell scale.pumpanon) / $(cell scale.pumppss)"
fi
row "calls up of $NCALLS started at once, kernel" "$(cell poptop.calls)" "$(cell ngkernel.calls)"
row "calls up of $NCALLS started at once, user" "$(cell poptop.calls)" "$(cell nguser.calls)"
row "call set-up calls/s ($NCALLS at once), kernel" "$(cell poptop.cps)" "$(cell ngkernel.cps)"
row "call set-up calls/s ($NCALLS at once), user" "$(cell poptop.cps)" "$(cell nguser.cps)"
row "calls carrying pings at once, kernel" "$(cell poptop.traffic)" "$(cell ngkernel.traffic)"
row "calls carrying pings at once, user" "$(cell poptop.traffic)" "$(cell nguser.traffic)"
row "daemon KiB RSS per call (pppd excl.), kernel" "$(cell poptop.rss)" "$(cell ngkernel.rss)"
row "daemon KiB RSS per call (pppd excl.), user" "$(cell poptop.rss)" "$(cell nguser.rss)"
row "daemon KiB RssAnon per call, kernel" "$(cell poptop.anon)" "$(cell ngkernel.anon)"
row "daemon KiB RssAnon per call, user" "$(cell poptop.anon)" "$(cell nguser.anon)"
row "up Mbit/s, netem delay 5ms, pptpd-ng user" "$(mb poptop.delay)" "$(mb nguser.delay)"
row "up Mbit/s, delay 5ms + reorder 1%, ng user" "$(mb poptop.reorder)" "$(mb nguser.reorder)"
row "up Mbit/s, netem delay 5ms, pptpd-ng kernel" "$(mb poptop.delay)" "$(mb ngkernel.delay)"
row "up Mbit/s, delay 5ms + reorder 1%, ng kernel" "$(mb poptop.reorder)" "$(mb ngkernel.reorder)"
row "reorder 1% / delay-only goodput, ng user" \
    "$(ratio "${R[poptop.delay]:-0}" "${R[poptop.reorder]:-0}")" \
    "$(ratio "${R[nguser.delay]:-0}" "${R[nguser.reorder]:-0}")"
row "reorder 1% / delay-only goodput, ng kernel" \
    "$(ratio "${R[poptop.delay]:-0}" "${R[poptop.reorder]:-0}")" \
    "$(ratio "${R[ngkernel.delay]:-0}" "${R[ngkernel.reorder]:-0}")"
echo
echo "RATIOS WITHIN pptpd-ng (same boot)"
rrow() { printf '%-64s | %6s\n' "$1" "$2"; }
rrow "bare pair user / bare-pptp.so pair, TCP up" "$(ratio "${R[pairbare.up]:-0}" "${R[pairuser.up]:-0}")"
rrow "bare pair user / bare-pptp.so pair, TCP down" "$(ratio "${R[pairbare.down]:-0}" "${R[pairuser.down]:-0}")"
rrow "pptp-gre.so kernel pair / bare-pptp.so pair, TCP up (the plugin's cost)" "$(ratio "${R[pairbare.up]:-0}" "${R[pairkernel.up]:-0}")"
rrow "pptp-gre.so kernel pair / bare-pptp.so pair, TCP down" "$(ratio "${R[pairbare.down]:-0}" "${R[pairkernel.down]:-0}")"
rrow "pptpd-ng user / poptop, TCP up (target >= 3)" "$(ratio "${R[poptop.up]:-0}" "${R[nguser.up]:-0}")"
rrow "pptpd-ng kernel / bare-pptp.so pair, TCP up" "$(ratio "${R[pairbare.up]:-0}" "${R[ngkernel.up]:-0}")"
for d in up down; do
	rrow "kernel<->kernel (our client) / bare-pptp.so pair, $d (>= 0.95)" "$(ratio "${R[pairbare.$d]:-0}" "${R[ngourskernel.$d]:-0}")"
	rrow "user<->user (our client) / poptop, $d (target >= 3)" "$(ratio "${R[poptop.$d]:-0}" "${R[ngoursuser.$d]:-0}")"
	rrow "user<->user (our client) / bare-pptp.so pair, $d (>= 0.5)" "$(ratio "${R[pairbare.$d]:-0}" "${R[ngoursuser.$d]:-0}")"
done
rrow "interleaved ($ROUNDS rounds, all up at once): kernel<->kernel / bare-pptp.so, up (>= 0.95)" "$(ratio "${R[il.pairbare.up]:-0}" "${R[il.ngkernel.up]:-0}")"
rrow "interleaved: kernel<->kernel / bare-pptp.so, down (>= 0.95)" "$(ratio "${R[il.pairbare.down]:-0}" "${R[il.ngkernel.down]:-0}")"
for d in up down; do
	rrow "interleaved: user<->user / poptop, $d (>= 3)" "$(ratio "${R[il.poptop.$d]:-0}" "${R[il.nguser.$d]:-0}")"
	rrow "interleaved: user<->user / bare-pptp.so, $d (>= 0.5)" "$(ratio "${R[il.pairbare.$d]:-0}" "${R[il.nguser.$d]:-0}")"
	rrow "interleaved: user<->user, L2TP channel / poptop, $d" "$(ratio "${R[il.poptop.$d]:-0}" "${R[il.nguserl2tp.$d]:-0}")"
	rrow "interleaved: tap / L2TP channel, user<->user, $d" "$(ratio "${R[il.nguserl2tp.$d]:-0}" "${R[il.nguser.$d]:-0}")"
done
rrow "ping RTT bare pair user / bare-pptp.so pair" "$(ratio "${R[pairbare.rtt]:-0}" "${R[pairuser.rtt]:-0}")"
rrow "ping RTT bare pair user / bare-pptp.so pair, all on vCPU 0" "$(ratio "${R[pairbare.rttpin]:-0}" "${R[pairuser.rttpin]:-0}")"
rrow "user mode under reorder 1% / clean (delay only) (target >= 0.9)" "$(ratio "${R[nguser.delay]:-0}" "${R[nguser.reorder]:-0}")"
rrow "calls/s pptpd-ng kernel / poptop (target >= 3)" "$(ratio "${R[poptop.cps]:-0}" "${R[ngkernel.cps]:-0}")"
rrow "calls/s pptpd-ng user / poptop (target >= 3)" "$(ratio "${R[poptop.cps]:-0}" "${R[nguser.cps]:-0}")"
pass "side-by-side benchmark done"
