#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2317 # call_row runs through wait_for
#
# demo.sh: the README's first command.  One PPTP session end to end in
# network namespaces (inside the bench VM when this kernel has no PPP):
# pptpd-ng at "hq" serves a pptp-linux client at "branch"; shows the
# session up with MS-CHAPv2 and MPPE-128, the addresses, a ping, the
# throughput, `pptpctl show sessions`, the call's row in PPTPD-NG-MIB read
# with snmpwalk from a real snmpd (AgentX master on a private socket, with
# pptpd-ng-snmp as its subagent) and what pptpd-ng logged about the call.
# timeout: 300
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/lib.sh"
need pptp pppd iperf3 snmpd snmpwalk

# The MIB with the project's stub base MIBs (Debian main ships no IETF
# MIBs), so the walk prints names; nothing read from /etc/snmp.
SNMP=(-v2c -c public -t 2 -r 1 -Os -M "$TOP/tests/mibstub:$TOP/snmp:/usr/share/snmp/mibs"
    -m PPTPD-NG-MIB 127.0.0.1:16161)
export MIBS='' SNMPCONFPATH=$WORK SNMP_PERSISTENT_DIR=$WORK/persist
mkdir -p "$WORK/persist/cert_indexes"

private_etc_ppp
chap_secret alice pptpd demo-secret
ns_add hq
ns_add branch
veth_pair hq eth0 10.77.0.1/24 branch eth0 10.77.0.2/24
pptpdng_conf "$WORK/pptpd.conf" kernel
log "server: pptpd-ng on 10.77.0.1:1723 (namespace hq), gre-mode kernel"
pptpdng_start hq "$WORK/pptpd.conf"
cat >"$WORK/snmpd.conf" <<CONF
master agentx
agentXSocket unix:$WORK/agentx.sock
rocommunity public 127.0.0.1
CONF
host_bg snmpd snmpd -f -r -Lf "$WORK/snmpd.out" -C -c "$WORK/snmpd.conf" \
    -p "$WORK/snmpd.pid" udp:127.0.0.1:16161
wait_for 10 "snmpd's AgentX socket" test -S "$WORK/agentx.sock"
host_bg pptpd-ng-snmp "$BUILD/pptpd-ng-snmp" -f -x "unix:$WORK/agentx.sock" \
    -s "$WORK/control.sock" -c 1 -p 1
log "monitoring: snmpd on 127.0.0.1:16161 (AgentX master), pptpd-ng-snmp subagent"
log "client: pptp-linux + pppd in namespace branch, user alice"
pptp_client branch client 10.77.0.1 alice
wait_ppp branch ppp0 40
echo
log "session up: $(grep -m1 -o 'CHAP authentication succeeded' "$WORK/client.pppd.log") (MS-CHAPv2)"
log "encryption: $(grep -m1 -o 'MPPE 128-bit[a-z ]*compression enabled' "$WORK/client.pppd.log")"
log "addresses:  client $(ppp_local branch ppp0), server $(ppp_peer branch ppp0)"
ping_ok branch 192.168.77.1 5 || die "ping through the tunnel"
bps=$(iperf_bps branch hq 192.168.77.1 5)
log "throughput: $(mbit "$bps") Mbit/s (one TCP stream, client -> server, iperf3, software-emulated VM)"
echo
log "pptpctl show sessions:"
"$BUILD/pptpctl" -s "$WORK/control.sock" show sessions | sed 's/^/    /' ||
    die "pptpctl show sessions"
echo
# The plugin reports the counters every 5 s; the subagent polls every 1 s.
call_row() {
	snmpwalk "${SNMP[@]}" pptpdNgCallTable 2>/dev/null |
	    grep -q '^pptpdNgCallTxOctets\.[0-9.]* = Counter64: [1-9]'
}
wait_for 20 "the call's counters in pptpdNgCallTable" call_row
log "snmpwalk PPTPD-NG-MIB::pptpdNgCallTable (some columns; index tunnel.call):"
snmpwalk "${SNMP[@]}" pptpdNgCallTable |
    grep -E '^pptpdNgCall(UserName|PeerAddr|FramedAddr|IfName|DataPath|State|Uptime|RxOctets|TxOctets)\.' |
    awk 'function d(c) { return index("0123456789ABCDEF", c) - 1 }
	function h(x) { return d(substr(x, 1, 1)) * 16 + d(substr(x, 2, 1)) }
	/Hex-STRING: [0-9A-F][0-9A-F] [0-9A-F][0-9A-F] [0-9A-F][0-9A-F] [0-9A-F][0-9A-F] $/ {
		$0 = sprintf("%s(%d.%d.%d.%d)", $0, h($(NF - 3)), h($(NF - 2)),
		    h($(NF - 1)), h($NF))
	} { print "    " $0 }'
echo
log "pptpd-ng's log for the call:"
grep -E 'connection opened|recv SCCRQ|recv OCRQ|call started|authenticated|call up' \
    "$WORK/pptpd-ng.log" | sed 's/^/    /'
pass "demo session complete"
