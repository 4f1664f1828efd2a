#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 25-pptpdng-nogre-reload-stop: the operator's three everyday events.
#  (a) GRE blocked (the classic "TCP 1723 connects but nothing flows"):
#      the server's firewall lets TCP 1723 in but drops IP protocol 47;
#      the daemon logs the one line that says so within no-gre-timeout,
#      and no call comes up.
#  (b) SIGHUP with a call up: the call keeps passing traffic, the log says
#      the file was reloaded, and the next call uses the new gre-mode.
#  (c) SIGTERM with two calls up: each client gets its CDN and its pppd
#      ends, the daemon exits in bounded time and leaves no pppd behind.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd nft

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret bob pptpd s3cret-bob
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
DLOG=$WORK/pptpd-ng.log
# shellcheck disable=SC2317
gone() { ! kill -0 "$1" 2>/dev/null; }

pptpdng_conf "$WORK/pptpd.conf" kernel "no-gre-timeout 3"
pptpdng_start srv "$WORK/pptpd.conf"

log "(a) GRE dropped by the server's firewall"
nsx srv nft -f - <<'NFT'
table inet nogre {
	chain in { type filter hook input priority 0; ip protocol gre drop; }
}
NFT
pptp_client cli blocked 10.77.0.1 alice maxfail 1
bpid=$LAST_PID
wait_for 20 "the no-GRE line" grep -q 'no GRE (IP protocol 47) arrived from 10.77.0.2' "$DLOG"
grep -m1 'no GRE' "$DLOG"
ppp_up cli ppp0 && die "a call came up with GRE blocked"
kill "$bpid" 2>/dev/null
wait_for 30 "the blocked client's pppd to end" gone "$bpid"
wait_for 30 "the blocked call to end" grep -q 'call ended' "$DLOG"
nsx srv nft delete table inet nogre

log "(b) SIGHUP with a call up"
pptp_client cli alice 10.77.0.1 alice
apid=$LAST_PID
wait_ppp cli ppp0 40
sed -i 's/^gre-mode kernel$/gre-mode user/' "$WORK/pptpd.conf"
kill -HUP "$PPTPDNG_PID"
wait_for 10 "the reload line" grep -q "reloaded $WORK/pptpd.conf" "$DLOG"
ping_ok cli 192.168.77.1 5 || die "the call stopped passing traffic after SIGHUP"
pptp_client cli bob 10.77.0.1 bob
bpid=$LAST_PID
wait_ppp cli ppp1 40
grep 'call started' "$DLOG" | tail -n 1
grep 'call started' "$DLOG" | tail -n 1 | grep -q 'gre-mode user' ||
    die "the call after SIGHUP did not use the new gre-mode"
ping_ok cli 192.168.77.1 5 -I ppp1 || die "second call (user mode)"

log "(c) SIGTERM with two calls up"
t=$(date +%s)
kill "$PPTPDNG_PID"
wait_for 15 "pptpd-ng to exit" gone "$PPTPDNG_PID"
log "pptpd-ng exited after $(( $(date +%s) - t )) s"
grep -q 'shutting down: 1 connections, 2 calls\|shutting down: 2 connections, 2 calls' "$DLOG" ||
    die "the shutdown line does not count the two calls"
[ "$(grep -c 'send CDN' "$DLOG")" -ge 3 ] || die "not every call got its CDN"
grep -q 'send StopCCRQ' "$DLOG" || die "no StopCCRQ sent"
wait_for 20 "alice's pppd to end" gone "$apid"
wait_for 20 "bob's pppd to end" gone "$bpid"
if nsx srv pgrep -x pppd >/dev/null; then
	die "pppd left running in the server namespace"
fi
pass "no-GRE diagnosis, reload with a call up, clean shutdown"
