#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 62-privsep-faults: pptpd-ng's faults leave nothing behind (issue 7).
#  (a) the root process is killed with SIGKILL while a call is up: the
#      kernel's parent-death signal ends the server pppd, the network
#      process goes too, and no ppp interface or route to the client
#      stays; a restarted pptpd-ng takes a new client, which gets the
#      pool's first address again.
#  (b) the network process is killed with SIGKILL while a call is up: the
#      root process hangs the call up, exits, and leaves no pppd,
#      interface or route; a restart works.
#  (c) the network process runs out of file descriptors (prlimit: 12 more
#      than it has with one call up) under a flood of 40 connections: each refusal is counted (accept errors),
#      one clear line is logged, the live call keeps passing pings, the
#      loop does not spin, and once the flood is gone new calls work.
#  (d) 1000 control-plane call setups and teardowns in a row
#      (tests/vm/churn.py: OCRQ, OCRP, CCRQ, CDN; a real pppd spawned and
#      hung up each time): the RSS and descriptor count of both processes
#      are taken every 100 calls; descriptors never change, and RSS, once
#      the heap has settled, stays flat over the last 500 calls.
#  (e) the descriptor limit at start: a soft limit too low for
#      "connections" is raised (3 per call + 64), and a hard limit too
#      low is reported once with how many calls fit.
# timeout: 1500
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd prlimit
[ -x /usr/bin/python3 ] || skip "python3 is missing"

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
pptpdng_conf "$WORK/pptpd.conf" kernel
here=$(dirname "$0")/..

# shellcheck disable=SC2317 # called through wait_for
gone() { ! kill -0 "$1" 2>/dev/null; }
# shellcheck disable=SC2317
no_ppp() { ! ip -n srv -o link show | grep -q ' ppp[0-9]*:'; }
no_route() { ! ip -n srv route show | grep -q '^192\.168\.77\.1[0-9] '; }
n_pppd() { pgrep -c -x pppd -P "$PPTPDNG_PID"; }
fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }
ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }

# start: pptpd-ng, its network process in $NET.
start() {
	pptpdng_start srv "$WORK/pptpd.conf"
	NET=$(pgrep -P "$PPTPDNG_PID" -x pptpd-ng) || die "no network process"
}

# call NAME: a pptp-linux call up; client pppd in $CPID, server's in $SPPPD.
call() {
	pptp_client cli "$1" 10.77.0.1 alice
	CPID=$LAST_PID
	wait_ppp cli ppp0 40
	ping_ok cli 192.168.77.1 3 || die "$1: ping"
	SPPPD=$(pgrep -P "$PPTPDNG_PID" -x pppd) || die "$1: no server pppd"
	log "$1: client address $(ppp_local cli ppp0), server pppd $SPPPD"
}

# clean WHAT: nothing of pptpd-ng's is left.
clean() {
	wait_for 20 "$1: server pppd $SPPPD to exit" gone "$SPPPD"
	wait_for 10 "$1: network process to exit" gone "$NET"
	wait_for 10 "$1: the server's ppp interface to go" no_ppp
	no_route || die "$1: a route to the client is left"
	wait_for 30 "$1: the client's pppd to end" gone "$CPID"
	log "$1: no pppd, network process, interface or route left"
}

log "=== (a) SIGKILL to the root process"
start
call a1
kill -KILL "$PPTPDNG_PID"
clean "(a)"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-a.log.txt"
start
call a2
[ "$(ppp_local cli ppp0)" = 192.168.77.10 ] ||
    die "(a) the restarted daemon gave $(ppp_local cli ppp0), not the first address"

log "=== (b) SIGKILL to the network process"
kill -KILL "$NET"
wait_for 20 "(b) the root process to exit" gone "$PPTPDNG_PID"
clean "(b)"
grep -q 'privsep: hanging up the 1 calls it left' "$WORK/pptpd-ng.log" ||
    die "(b) the root process did not say it hung up the call"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-b.log.txt"

log "=== (c) out of file descriptors"
start
call c1
limit=$(( $(fds "$NET") + 12 ))
orig=$(prlimit --pid "$NET" --nofile --raw --noheadings -o SOFT,HARD |
    awk '{ print $1 ":" $2 }')
prlimit --pid "$NET" --nofile="$limit:$limit" || die "prlimit"
log "(c) network process: $(fds "$NET") descriptors, limit now $limit"
nsx cli /usr/bin/python3 - 10.77.0.1 40 8 >"$WORK/flood.txt" 2>&1 <<-'EOF' &
	import socket, sys, time
	held = []
	for _ in range(int(sys.argv[2])):
	    s = socket.socket()
	    s.settimeout(5)
	    try:
	        s.connect((sys.argv[1], 1723))
	        held.append(s)
	    except OSError:
	        pass
	time.sleep(float(sys.argv[3]))
	print("connected", len(held))
	EOF
flood=$!
wait_for 20 "(c) the refusal line" grep -q 'out of file descriptors' "$WORK/pptpd-ng.log"
cpu0=$(awk '{ print $14 + $15 }' "/proc/$NET/stat")
ping_ok cli 192.168.77.1 5 || die "(c) the live call lost pings during the flood"
sleep 2
cpu1=$(awk '{ print $14 + $15 }' "/proc/$NET/stat")
wait "$flood"
log "(c) flood: $(cat "$WORK/flood.txt"); $(grep -m1 'out of file descriptors' "$WORK/pptpd-ng.log")"
log "(c) network process CPU during 5 pings and 2 s: $((cpu1 - cpu0)) ticks"
[ $((cpu1 - cpu0)) -lt 100 ] || die "(c) the network process spins when out of descriptors"
errs=$(ctl show stats | sed -n 's/.*accept errors: \([0-9]*\).*/\1/p')
log "(c) accept errors counted: $errs"
[ "${errs:-0}" -gt 0 ] || die "(c) the refusals were not counted"
wait_for 20 "(c) the flood's connections to close" bash -c \
    "[ \$(ls /proc/$NET/fd | wc -l) -lt $limit ]"
nsx cli /usr/bin/python3 "$here/churn.py" 10.77.0.1 3 3 true >"$WORK/churn-c.txt" ||
    die "(c) no new call after the flood: $(cat "$WORK/churn-c.txt");" \
	"$(grep 'cannot start' "$WORK/pptpd-ng.log" | tail -n 1)"
log "(c) recovered: $(tail -n 1 "$WORK/churn-c.txt")"
ping_ok cli 192.168.77.1 3 || die "(c) the live call is gone"
prlimit --pid "$NET" --nofile="$orig" || die "prlimit back to $orig"
kill "$CPID"
wait_for 20 "(c) the call to end" gone "$SPPPD"

log "=== (d) 1000 call setups and teardowns"
cat >"$WORK/measure.sh" <<-EOF
	#!/bin/bash
	for _ in \$(seq 100); do
		"$BUILD/pptpctl" -s "$WORK/control.sock" show stats |
		    grep -q '^calls: 0 active' && break
		sleep 0.2
	done
	echo "\$(awk '/^VmRSS:/ { print \$2 }' /proc/$NET/status)" \
	    "\$(ls /proc/$NET/fd | wc -l)" \
	    "\$(awk '/^VmRSS:/ { print \$2 }' /proc/$PPTPDNG_PID/status)" \
	    "\$(ls /proc/$PPTPDNG_PID/fd | wc -l)" >>"$WORK/measure.txt"
	EOF
chmod +x "$WORK/measure.sh"
: >"$WORK/measure.txt"
nsx cli /usr/bin/python3 "$here/churn.py" 10.77.0.1 1000 100 "$WORK/measure.sh" \
    >"$WORK/churn.txt" 2>&1 || die "(d) churn failed: $(tail -n 1 "$WORK/churn.txt")"
log "(d) $(tail -n 1 "$WORK/churn.txt")"
log "(d) after every 100 calls, network RSS kB: $(awk '{ printf "%s ", $1 }' "$WORK/measure.txt")"
read -r nr0 nf0 rr0 rf0 < <(sed -n 1p "$WORK/measure.txt")
read -r nr5 nf5 rr5 rf5 < <(sed -n 5p "$WORK/measure.txt")
read -r nr1 nf1 rr1 rf1 < <(sed -n 10p "$WORK/measure.txt")
log "(d) network process: RSS ${nr0} -> ${nr5} -> ${nr1} kB, fds $nf0 -> $nf5 -> $nf1 (after 100, 500, 1000 calls)"
log "(d) root process:    RSS ${rr0} -> ${rr5} -> ${rr1} kB, fds $rf0 -> $rf5 -> $rf1"
total=$(ctl show stats | sed -n 's/^calls: [0-9]* active, \([0-9]*\) total.*/\1/p')
log "(d) calls total: $total"
[ "${total:-0}" -ge 1000 ] || die "(d) only $total calls"
if [ "$(cut -d' ' -f2 "$WORK/measure.txt" | sort -u | wc -l)" != 1 ] ||
    [ "$(cut -d' ' -f4 "$WORK/measure.txt" | sort -u | wc -l)" != 1 ]; then
	die "(d) descriptor count changed"
fi
# The heap settles in the first few hundred calls (malloc keeps what the
# pool's worth of calls at once needed); after that it must stay flat.
if [ "$nr1" -gt $((nr5 + 32)) ] || [ "$rr1" -gt $((rr5 + 32)) ]; then
	die "(d) RSS grew by more than 32 kB over the last 500 calls"
fi
[ "$(n_pppd)" = 0 ] || die "(d) pppd left after the churn"
kill "$PPTPDNG_PID"
wait_for 20 "pptpd-ng to exit" gone "$PPTPDNG_PID"
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-d.log.txt"

log "=== (e) the descriptor limit at start"
# start_limited SOFT:HARD: pptpd-ng under prlimit (which execs it, so
# the pid is the daemon's), its network process in $NET.
start_limited() {
	PPTPD_NG_PLUGIN=$BUILD/pptp-gre.so start_bg srv pptpd-ng \
	    prlimit --nofile="$1" "$BUILD/pptpd-ng" -f -d -c "$WORK/pptpd.conf"
	PPTPDNG_PID=$LAST_PID
	wait_for 20 "pptpd-ng to start" grep -q 'pptpd-ng .* started' "$WORK/pptpd-ng.log"
	NET=$(pgrep -P "$PPTPDNG_PID" -x pptpd-ng) || die "(e) no network process"
}
soft() { awk '/^Max open files/ { print $4 }' "/proc/$1/limits"; }
pptpdng_conf "$WORK/pptpd.conf" kernel "connections 100"
# 100 connections x 3 descriptors + 64 spare = 364, within a hard 4096.
start_limited 150:4096
log "(e) soft 150, hard 4096: root $(soft "$PPTPDNG_PID"), network $(soft "$NET")"
[ "$(soft "$NET")" = 364 ] || die "(e) the soft limit was not raised to 364"
call e1
kill "$PPTPDNG_PID"
wait_for 20 "pptpd-ng to exit" gone "$PPTPDNG_PID"
wait_for 30 "(e) the client's pppd to end" gone "$CPID"
# A hard limit of 150 fits (150 - 64) / 3 = 28 calls: said once, at start.
start_limited 150:150
grep -q 'connections 100 needs about 364 file descriptors but the hard limit is 150: calls beyond about 28 will be refused' \
    "$WORK/pptpd-ng.log" || die "(e) no warning about the hard limit"
log "(e) $(grep -m1 'hard limit is 150' "$WORK/pptpd-ng.log")"
[ "$(soft "$NET")" = 150 ] || die "(e) the soft limit is not the hard one"
kill "$PPTPDNG_PID"
wait_for 20 "pptpd-ng to exit" gone "$PPTPDNG_PID"
pass "SIGKILL of either process leaves nothing; fd exhaustion refused and counted; 1000 calls: network RSS ${nr0}/${nr5}/${nr1} kB after 100/500/1000, fds $nf0->$nf1; descriptor limit raised and a low hard limit reported"
