#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 11-plugin-bare-user: pptp-gre.so in user mode (raw GRE + pump) on both ends
# of a veth, mirrored call IDs, no control connection: A's pppd reaches its
# pump through the kernel's L2TP PPP channel, B's through a pty (both ways
# pppd can, against each other); MS-CHAPv2 + MPPE-128; ping and iperf3 both
# ways, with no MPPE error on B and at most one on A (A's channel is
# numbered both ways; the one is a kernel race, below); A's events on
# pptp-ctrl-fd.  Then, with pppoe and l2tp_ppp
# unloaded and autoloading off, the default channel (auto) falls back
# past the tap and the L2TP channel to the pty with one line each that
# says why, and pptp-user-channel tap or l2tp refuses the call.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$(dirname "$0")/../plugin-pair.sh"
need pppd iperf3 python3

# A's L2TP channel may show one MPPE error: the kernel's L2TP reorder
# queue hands a frame on after dropping its lock, so when two CPUs take
# the pump's datagrams from loopback at once, two frames can still reach
# ppp_generic swapped (once in five runs on 26 Nov; pptp-gre(8)).  The
# unnumbered channel had 4-21 per 10 s round (8 here with the old
# plugin); the tap channel (scenario 12) and the pty (B) must have none.
# shellcheck disable=SC2034 # read by pair_traffic (plugin-pair.sh)
PAIR_RXERR_MAX_A=1
PAIR_CHAN_A=l2tp PAIR_CHAN_B=pty pair_start user user
grep -q 'user mode (L2TP channel)' "$WORK/pppd-server.log" ||
    die "A does not use the L2TP channel"
grep -q 'user mode (pty)' "$WORK/pppd-b.log" || die "B does not use the pty"
# A's private tunnel is the kernel's, visible to ip l2tp (pptp-gre(8)).
tid=$(sed -n 's/.*call 100\/200, L2TP tunnel \([0-9]*\)$/\1/p' "$WORK/pppd-server.log")
[ -n "$tid" ] || die "no L2TP tunnel ID in A's log"
ip -n a l2tp show tunnel >"$WORK/l2tp-tunnels.txt" 2>&1 ||
    die "ip l2tp show tunnel: $(cat "$WORK/l2tp-tunnels.txt")"
grep -q "^Tunnel $tid," "$WORK/l2tp-tunnels.txt" ||
    die "ip l2tp show tunnel does not list A's tunnel $tid"
log "A's L2TP tunnel: $(tr -s ' \n' ' ' <"$WORK/l2tp-tunnels.txt")"
# The pump's sockets (the loopback UDP pair, the raw GRE socket) get
# their 1 MiB buffers past net.core.rmem_max (the kernel shows twice that):
# capped, a TCP burst into ppp0 overflowed the sending pump's channel.
rmax=$(cat /proc/sys/net/core/rmem_max)
for kind in u w; do
	ip netns exec a ss -H -${kind}amn >"$WORK/ss-$kind.txt"
	rbs=$(grep -o 'rb[0-9]*' "$WORK/ss-$kind.txt" | tr -d rb | sort -n | tr '\n' ' ')
	[ -n "$rbs" ] || die "ss -${kind}am in A: no socket: $(cat "$WORK/ss-$kind.txt")"
	for rb in $rbs; do
		[ "$rb" -ge 2097152 ] ||
		    die "a pump socket's receive buffer is $rb bytes (rmem_max $rmax): not raised past the cap"
	done
	log "pump sockets ($kind) receive buffers: $rbs(rmem_max $rmax)"
done
pair_traffic user

# Socket drops are counted: with A's pump stopped, a burst of pings from
# B overflows A's raw GRE socket; the pump's count (stats event, then
# pppd's call-end line) is the kernel's (/proc/net/raw, drops column).
# 1500 pings: the socket takes about 450, and losing more than 2048 in a
# row would end the call (stateless MPPE takes a coherency count that
# far ahead for a late packet and discards everything after it).
pump=$(ip netns pids a | while read -r p; do
	pp=$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null)
	[ "$(cat "/proc/$p/comm" 2>/dev/null)" = pppd ] &&
	    [ "$(cat "/proc/$pp/comm" 2>/dev/null)" = pppd ] && echo "$p"
done | head -n 1)
[ -n "$pump" ] || die "no GRE pump (pppd's child) in namespace a"
kill -STOP "$pump"
nsx b ping -n -q -f -l 1500 -c 1500 -s 1400 -w 8 $A_PPP >/dev/null 2>&1 || true
# shellcheck disable=SC2016 # awk fields, not shell
kdrops=$(ip netns exec a awk 'NR > 1 && $2 ~ /:002F$/ { d += $NF } END { print d + 0 }' /proc/net/raw)
kill -CONT "$pump"
log "A's raw GRE socket: $kdrops datagrams dropped by the kernel while the pump was stopped"
[ "$kdrops" -gt 0 ] || die "the burst did not overflow A's raw socket (test set-up)"
wait_for 15 "a stats event with A's socket drops" \
    grep -q "^stats .*pump_gre_drops=$kdrops " "$WORK/events.txt"
ping_ok a $B_PPP 5 || die "no ping after the pump went on"
pair_events user
grep -q "user mode, call end: GRE in [0-9]* (lost [0-9]*, reordered [0-9]*), out [0-9]*; dropped by full socket buffers: GRE $kdrops, from pppd [0-9]*" \
    "$WORK/pppd-server.log" || die "no call-end line with the drops in A's pppd log"
log "A's pppd: $(grep -o 'user mode, call end: .*' "$WORK/pppd-server.log")"
# A's channel is numbered both ways (pair_traffic found no MPPE errors).
! grep -q 'L2TP channel without sequence numbers' "$WORK/pppd-server.log" ||
    die "A's L2TP channel is not numbered"
grep -Eq 'L2TP channel, call end: frames loopback swapped: from pppd [0-9]+ \(late, dropped\), to pppd [0-9]+ put back in order, [0-9]+ discarded by the kernel' \
    "$WORK/pppd-server.log" || die "no L2TP call-end line in A's pppd log"
log "A's pppd: $(grep -o 'L2TP channel, call end: .*' "$WORK/pppd-server.log")"
pair_stop

modprobe_was=$(cat /proc/sys/kernel/modprobe)
at_exit "echo '$modprobe_was' >/proc/sys/kernel/modprobe; modprobe l2tp_ppp; modprobe pppoe"
echo /bin/false >/proc/sys/kernel/modprobe
wait_for 20 "the l2tp_ppp module to unload" rmmod l2tp_ppp 2>/dev/null
wait_for 20 "the pppoe module to unload" rmmod pppoe 2>/dev/null
rm -f "$WORK/pppd-server.log" "$WORK/pppd-b.log" "$WORK/events.txt"
pair_start user user
for f in "$WORK/pppd-server.log" "$WORK/pppd-b.log"; do
	grep -q 'user mode (pty)' "$f" || die "auto without pppoe and l2tp_ppp: not the pty in $f"
	grep -q 'no tap channel (.*); trying the L2TP channel (modprobe tun pppoe for the tap)' "$f" ||
	    die "auto without pppoe: no line saying why in $f"
	grep -q 'no kernel L2TP PPP channel (.*); pppd talks to the pump through a pty' "$f" ||
	    die "auto without l2tp_ppp: no line saying why in $f"
done
ping_ok a $B_PPP 5 || die "auto without pppoe and l2tp_ppp: no ping through the pty"
pair_stop

# Forced tap or l2tp without the module: pppd ends with the fix in its log.
for chan in tap l2tp; do
	rm -f "$WORK/pppd-server.log"
	ns_add a
	ns_add b
	veth_pair a eth0 $A_IP/24 b eth0 $B_IP/24
	rc=0
	timeout 60 ip netns exec a pppd local file "$WORK/opt-a" 115200 \
	    $A_PPP:$B_PPP nodetach plugin "$PLUGIN" pptp-role server \
	    pptp-local $A_IP pptp-peer $B_IP pptp-call-id 100 \
	    pptp-peer-call-id 200 pptp-gre-mode user pptp-user-channel $chan \
	    >"$WORK/pppd-$chan-only.out" 2>&1 || rc=$?
	if [ $rc -eq 0 ] || [ $rc -eq 124 ]; then
		die "pptp-user-channel $chan without its module: pppd exit $rc"
	fi
	case $chan in
	tap) fix='no tap channel (.*): the kernel needs tun and pppoe (modprobe tun pppoe), or use pptp-user-channel l2tp' ;;
	l2tp) fix='no kernel L2TP PPP channel (.*): load l2tp_ppp or use pptp-user-channel pty' ;;
	esac
	grep -q "$fix" "$WORK/pppd-server.log" ||
	    die "pptp-user-channel $chan: no actionable line"
	log "pptp-user-channel $chan refused: $(grep -o 'no .* channel (.*' "$WORK/pppd-server.log")"
	pair_stop
done
pass "$PAIR_RESULT (L2TP channel against pty); without pppoe and l2tp_ppp auto used the pty, tap and l2tp refused"
