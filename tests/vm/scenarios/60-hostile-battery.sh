#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 60-hostile-battery: tests/vm/hostile.py's hostile inputs against a live
# pptpd-ng (gre-mode user, so every GRE drop has a counter) while a
# legitimate pptp-linux call pings through it, plus the source-address
# limits (allow/deny, connection rate, auth-failure ban).  The attacker
# namespace holds its own addresses (10.78.0.0/24) and also spoofs the
# legit client's address for the GRE header cases.  Passes when every case
# shows in a counter with few log lines, the daemon is alive, the legit
# call lost no ping over the whole battery, and its memory stayed bounded.
# timeout: 300
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd nft

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret mallory pptpd s3cret-mallory
ns_add srv
ns_add cli
ns_add atk
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
veth_pair srv eth1 10.78.0.1/24 atk eth0 10.78.0.2/24
for a in 3 4 5 6 7 8 200; do
	ip -n atk addr add 10.78.0.$a/24 dev eth0
done
ip -n atk route add 10.77.0.0/24 via 10.78.0.1
# Spoofed packets (source 10.77.0.2 arriving on eth1) must reach the engine.
nsx srv sysctl -qw net.ipv4.conf.all.rp_filter=0 \
    net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.eth1.rp_filter=0
# GRE from the attacker's own addresses, and GRE spoofed from the client's
# address through the attacker's link: counted here, then it goes on (to
# the kernel's address match and the plugin's socket filter).
nsx srv nft -f - <<'NFT'
table inet hostile {
	counter gre_other { }
	counter gre_spoofed { }
	chain in {
		type filter hook input priority 0;
		ip saddr 10.78.0.0/24 ip protocol gre counter name gre_other
		iifname "eth1" ip saddr 10.77.0.2 ip protocol gre counter name gre_spoofed
	}
}
NFT
DLOG=$WORK/pptpd-ng.log
ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$PPTPDNG_PID/status"; }
stat_of() { ctl --json show stats | /usr/bin/python3 -c \
    "import json,sys; print(json.load(sys.stdin)['stats'].get('$1', 0))"; }

pptpdng_conf "$WORK/pptpd.conf" user \
    "connections 11" \
    "handshake-timeout 3" \
    "calls-per-connection 4" \
    "max-connections-per-source 8" \
    "max-connection-rate-per-source 40/10" \
    "auth-failure-limit 2" \
    "auth-failure-window 60" \
    "auth-failure-ban 600" \
    "allow 10.77.0.0/24, 10.78.0.0/25" \
    "deny 10.78.0.3/32"
# Without -d: debug lines (the per-message trace) would hide whether a
# hostile peer can make the daemon log a line per message.
PPTPD_NG_PLUGIN=$BUILD/pptp-gre.so start_bg srv pptpd-ng \
    "$BUILD/pptpd-ng" -f -c "$WORK/pptpd.conf"
PPTPDNG_PID=$LAST_PID
wait_for 10 "pptpd-ng listening on 1723" nsx srv ss -ltn 'sport = :1723' -H

pptp_client cli alice 10.77.0.1 alice
wait_ppp cli ppp0 40
ping_ok cli 192.168.77.1 3 || die "the legit call passes no traffic"
rss0=$(rss)
log "pptpd-ng VmRSS at start: $rss0 kB"

log "two failed logins from 10.78.0.4: the second bans it"
for i in 1 2; do
	PPTP_ARGS="--localbind 10.78.0.4" pptp_client atk "mallory-$i" \
	    10.78.0.1 mallory unit $((5 + i)) password wrong-one maxfail 1
	mpid=$LAST_PID
	wait_for 40 "mallory's attempt $i to fail" \
	    bash -c "! kill -0 $mpid 2>/dev/null"
done
wait_for 10 "the ban line" grep -q 'refusing its connections for 600 s' "$DLOG"
[ "$(stat_of auth_bans)" = 1 ] || die "auth_bans is not 1"

log "battery, with the legit call pinging every 0.2 s"
start_bg cli ping ping -n -D -i 0.2 192.168.77.1
ping_pid=$LAST_PID
sleep 1
nsx atk /usr/bin/python3 "$(dirname "$0")/../hostile.py" \
    --server 10.78.0.1 --gre-dst 10.77.0.1 \
    --sock "$WORK/control.sock" \
    --log "$DLOG" --pid "$PPTPDNG_PID" --srv-ns srv --legit-user alice \
    --spoof 10.77.0.2 --me 10.78.0.2 --halfopen-src 10.78.0.8 \
    --limit-srcs 10.78.0.6 10.78.0.7 --rate-src 10.78.0.5 --rate-n 80 \
    --denied-src 10.78.0.3 --unlisted-src 10.78.0.200 \
    --banned-src 10.78.0.4 --handshake 3 | tee "$WORK/battery.txt"
battery=${PIPESTATUS[0]}
sleep 1
kill -INT "$ping_pid" 2>/dev/null
sleep 1
summary=$(grep -E 'packets transmitted' "$WORK/ping.log")
log "legit ping over the battery: $summary"
# The request in flight at SIGINT is not a loss: every earlier one must
# have its reply.
sent=$(awk '/packets transmitted/ { print $1 }' "$WORK/ping.log")
lost=$(awk -v n="$sent" '/bytes from/ { sub(/.*icmp_seq=/, ""); got[$1 + 0] = 1 }
    END { for (i = 1; i < n; i++) if (!(i in got)) printf "%d ", i }' "$WORK/ping.log")
rss1=$(rss)
log "pptpd-ng VmRSS after: $rss1 kB (start $rss0 kB)"
ctl show stats
ctl show calls

kill -0 "$PPTPDNG_PID" || die "pptpd-ng died"
ppp_up cli ppp0 || die "the legit call went down"
[ "$battery" = 0 ] || die "battery: $(grep -c FAIL "$WORK/battery.txt") case(s) failed"
[ "${sent:-0}" -gt 100 ] || die "the legit ping did not run: $summary"
[ -z "$lost" ] || die "the legit call lost pings (icmp_seq $lost): $summary"
[ "$rss1" -le $((2 * rss0 + 4096)) ] || die "VmRSS grew from $rss0 to $rss1 kB"
pass "$(grep -c ' pass ' "$WORK/battery.txt") hostile cases, legit call: $summary"
