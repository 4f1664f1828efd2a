#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2317 # functions run through wait_for
#
# 50-monitoring-snmp: the control socket, pptpctl and pptpd-ng-snmp with a
# real snmpd (AgentX master on a unix socket, SNMP on 127.0.0.1:16161) and
# a real snmptrapd (127.0.0.1:16162).  The subagent runs as nobody in
# group pptpd-ng.  Two pptp-linux calls (alice, bob, two control
# connections): the tunnel and call tables agree with `pptpctl --json`;
# call-up traps arrive; `pptpctl disconnect user bob` ends bob's call, its
# row goes and a call-down trap arrives; three failed logins raise the
# auth-failure-storm trap and fill the auth-failure table; the subagent
# survives a restart of snmpd and of pptpd-ng.
# timeout: 420
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd snmpd snmptrapd snmpwalk snmpget setpriv python3

ROOT=.1.3.6.1.4.1.8072.9999.9999.1723
SNMP=(-v2c -c public -On -t 2 -r 1 127.0.0.1:16161)
export MIBS='' MIBDIRS=/nonexistent SNMP_PERSISTENT_DIR=$WORK/persist
mkdir -p "$WORK/persist/cert_indexes"
chmod 755 "$WORK"
ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret bob pptpd s3cret-bob
chap_secret mallory pptpd s3cret-mallory
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
nsx cli sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
groupadd -f pptpd-ng || die "groupadd pptpd-ng"
gid=$(getent group pptpd-ng | cut -d: -f3)

pptpdng_conf "$WORK/pptpd.conf" user
pptpdng_start srv "$WORK/pptpd.conf"
stat -c '%a %G' "$WORK/control.sock" | grep -q '^660 pptpd-ng$' ||
    die "control socket is not 0660 group pptpd-ng: $(stat -c '%a %G' "$WORK/control.sock")"
out=$(setpriv --reuid nobody --regid nogroup --clear-groups "$BUILD/pptpctl" \
    -s "$WORK/control.sock" show stats 2>&1) && die "pptpctl worked for nobody"
log "nobody without the group: $out"
grep -q 'permission denied' <<<"$out" || die "unclear error for nobody: $out"

cat >"$WORK/snmptrapd.conf" <<CONF
disableAuthorization yes
CONF
host_bg snmptrapd snmptrapd -f -Lf "$WORK/traps.log" -C -c "$WORK/snmptrapd.conf" \
    -On udp:127.0.0.1:16162
cat >"$WORK/snmpd.conf" <<CONF
master agentx
agentXSocket unix:$WORK/agentx.sock
agentXPerms 0777 0777
rocommunity public 127.0.0.1
trap2sink 127.0.0.1:16162 public
CONF
start_snmpd() {
	host_bg snmpd snmpd -f -r -Lf "$WORK/snmpd.out" -C -c "$WORK/snmpd.conf" \
	    -p "$WORK/snmpd.pid" udp:127.0.0.1:16161
	SNMPD_PID=$LAST_PID
}
start_snmpd
wait_for 10 "snmpd's AgentX socket" test -S "$WORK/agentx.sock"
host_bg pptpd-ng-snmp setpriv --reuid nobody --regid nogroup --groups "$gid" \
    "$BUILD/pptpd-ng-snmp" -f -x "unix:$WORK/agentx.sock" \
    -s "$WORK/control.sock" -c 1 -p 1 -t 2 -w 120
SA_PID=$LAST_PID
reachable() { snmpget "${SNMP[@]}" "$ROOT.1.1.16.0" 2>/dev/null | grep -q 'INTEGER: 1$'; }
wait_for 20 "the subagent to serve pptpdNgDaemonReachable = true" reachable

pptp_client cli alice 10.77.0.1 alice unit 0
apid=$LAST_PID
wait_ppp cli ppp0 40
PPTP_ARGS="--localbind 10.77.0.2" pptp_client cli bob 10.77.0.1 bob unit 1
bpid=$LAST_PID
wait_ppp cli ppp1 40
ping_ok cli 192.168.77.1 10 -I ppp0 || die "alice's tunnel"
ping_ok cli 192.168.77.1 10 -I ppp1 || die "bob's tunnel"
both_up() { [ "$(ctl --json show sessions | grep -o '"state":"up"' | wc -l)" -eq 2 ]; }
wait_for 20 "both calls up in pptpctl" both_up
ctl show sessions
ctl show tunnels
# Counters arrive every 5 s from the plugin; let them settle.
sleep 6

# compare: pptpctl's calls and tunnels == the SNMP tables (users, client
# and framed addresses, ifIndex, octets, data path and user-mode channel),
# read back to back.
compare() {
	ctl --json show all >"$WORK/ctl.json"
	snmpwalk "${SNMP[@]}" "$ROOT.1" >"$WORK/walk.txt"
	python3 - "$WORK/ctl.json" "$WORK/walk.txt" "$ROOT" <<'PY'
import json, sys
ctl = json.load(open(sys.argv[1]))
root = sys.argv[3]
rows = {}
for line in open(sys.argv[2]):
    oid, _, val = line.strip().partition(" = ")
    if not oid.startswith(root + ".1."):
        continue
    sub = oid[len(root) + 3:].split(".")
    typ, _, v = val.partition(": ")
    if typ == "Hex-STRING":
        v = ".".join(str(int(b, 16)) for b in v.split())
    elif typ == "STRING":
        v = v.strip('"')
    elif typ == "IpAddress" or typ == "":
        pass
    rows[tuple(sub)] = v
def col(t, c, idx):
    return rows.get((t, "1", str(c)) + tuple(str(i) for i in idx))
bad = []
for c in ctl["calls"]:
    idx = (c["tunnel"], c["call_id"])
    want = {3: c["user"], 5: c["peer"], 8: c["addr"], 9: c["ifname"],
            10: str(c["ifindex"]), 14: str(c["rx_bytes"]),
            15: str(c["tx_bytes"]),
            11: {"kernel": "2", "user": "3"}.get(c["mode"], "1"),
            24: {"l2tp": "2", "pty": "3", "tap": "4"}.get(c.get("channel", ""), "1")}
    # gre-mode user on a kernel with tun and pppoe: the tap channel.
    if c.get("channel") != "tap":
        bad.append("call %s: channel %r, not tap" % (idx, c.get("channel")))
    for k, w in want.items():
        if col("3", k, idx) != w:
            bad.append("call %s col %d: snmp %r, pptpctl %r" % (idx, k, col("3", k, idx), w))
    if c["ifindex"] and col("4", 2, (c["ifindex"],)) != str(c["call_id"]):
        bad.append("ifmap %s: %r" % (c["ifindex"], col("4", 2, (c["ifindex"],))))
for t in ctl["tunnels"]:
    if col("2", 3, (t["id"],)) != t["peer"] or col("2", 11, (t["id"],)) != str(t["calls"]):
        bad.append("tunnel %s: %r %r" % (t["id"], col("2", 3, (t["id"],)), col("2", 11, (t["id"],))))
st = ctl["stats"]
for sub, key in ((7, "calls_total"), (17, "callid_kernel_busy"),
                 (18, "dae_rx"), (20, "dae_ack")):
    if rows.get(("1", str(sub), "0")) != str(st[key]):
        bad.append("scalar %d: snmp %r, pptpctl %s=%r" % (sub, rows.get(("1", str(sub), "0")), key, st[key]))
ncalls = len({k[3:] for k in rows if k[0] == "3" and k[1] == "1"})
if ncalls != len(ctl["calls"]):
    bad.append("snmp has %d calls, pptpctl %d" % (ncalls, len(ctl["calls"])))
print("users:", sorted(c["user"] for c in ctl["calls"]), "tunnels:", len(ctl["tunnels"]))
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
}
ok=0
for _ in 1 2 3 4 5; do
	if compare; then ok=1; break; fi
	sleep 1
done
[ $ok -eq 1 ] || die "the SNMP tables disagree with pptpctl --json"
log "SNMP tunnel and call tables agree with pptpctl --json"
if ! grep -q '"user":"alice"' "$WORK/ctl.json" ||
    ! grep -q '"user":"bob"' "$WORK/ctl.json"; then
	die "pptpctl does not show alice and bob"
fi
ntraps() { grep -c -- "$1" "$WORK/traps.log" 2>/dev/null || true; }
wait_for 10 "two call-up traps" bash -c "[ \$(grep -c -- '$ROOT.0.1' '$WORK/traps.log') -ge 2 ]"
log "call-up traps: $(ntraps "$ROOT.0.1")"

# disconnect bob by name: his pppd ends, his row goes, a call-down trap.
ctl disconnect user bob || die "pptpctl disconnect user bob"
wait_for 20 "bob's client pppd to exit" bash -c "! kill -0 $bpid 2>/dev/null"
bob_gone() { ! snmpwalk "${SNMP[@]}" "$ROOT.1.3.1.3" | grep -q '"bob"'; }
wait_for 15 "bob's row to leave the call table" bob_gone
snmpwalk "${SNMP[@]}" "$ROOT.1.3.1.3" | grep -q '"alice"' || die "alice's row went too"
wait_for 10 "a call-down trap" grep -q -- "$ROOT.0.2" "$WORK/traps.log"
log "bob disconnected; call table: $(snmpwalk "${SNMP[@]}" "$ROOT.1.3.1.3" | wc -l) row(s)"

# three failed logins from 10.77.0.2: storm trap and auth-failure table.
for i in 1 2 3; do
	pptp_client cli "mallory-$i" 10.77.0.1 mallory unit $((5 + i)) password wrong-one
	mpid=$LAST_PID
	wait_for 40 "mallory's attempt $i to fail" bash -c "! kill -0 $mpid 2>/dev/null"
done
wait_for 20 "the auth-failure-storm trap" grep -q -- "$ROOT.0.3" "$WORK/traps.log"
ctl show authfail
snmpwalk "${SNMP[@]}" "$ROOT.1.5" | tee "$WORK/authfail.txt"
# The client may hang up before the server's pppd reports the failure
# (exit 5, not 11): at least two of the three count.
grep -Eq "$ROOT.1.5.1.3.1.4.10.77.0.2 = Counter32: [23]$" "$WORK/authfail.txt" ||
    die "the auth-failure table does not count the failures from 10.77.0.2"

# snmpd restarts: the subagent registers again by itself.
kill "$SNMPD_PID"
wait_for 10 "snmpd to exit" bash -c "! kill -0 $SNMPD_PID 2>/dev/null"
start_snmpd
wait_for 30 "the subagent back in the restarted snmpd" reachable
log "subagent survived an snmpd restart"

# pptpd-ng restarts: the subagent notices, then serves the new daemon.
kill "$PPTPDNG_PID"
wait_for 15 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
unreachable() { snmpget "${SNMP[@]}" "$ROOT.1.1.16.0" 2>/dev/null | grep -q 'INTEGER: 2$'; }
wait_for 15 "pptpdNgDaemonReachable = false" unreachable
mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-1.log.txt"
pptpdng_start srv "$WORK/pptpd.conf"
wait_for 15 "the subagent to reach the new pptpd-ng" reachable
# (an empty walk prints "No Such Object" for the table OID itself)
! snmpwalk "${SNMP[@]}" "$ROOT.1.3" | grep -q "$ROOT.1.3.1." ||
    die "calls of the old daemon still in the table"
kill -0 "$SA_PID" 2>/dev/null || die "the subagent died"
log "traps received: up $(ntraps "$ROOT.0.1"), down $(ntraps "$ROOT.0.2"), storm $(ntraps "$ROOT.0.3")"
kill "$apid" 2>/dev/null
pass "SNMP tables == pptpctl, traps, disconnect, restarts survived"
