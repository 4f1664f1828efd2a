#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 42-radius-disconnect: RFC 5176 Disconnect-Request to pptpd-ng
# (dae-listen) from FreeRADIUS's radclient, with two pptp-linux calls
# (alice, bob) authenticated by a real FreeRADIUS through pptp-radius.so.
# The daemon learns each call's Acct-Session-Id from the plugin (shown by
# `pptpctl --json show sessions`, equal to the one in accounting); a
# Disconnect-Request by that Acct-Session-Id is ACKed, ends alice's call
# (her pppd exits, the Stop says Acct-Terminate-Cause Admin-Reset) while
# bob keeps pinging; one by User-Name + Framed-IP-Address that do not
# belong to one session gets NAK 503, one that does ends bob's call while
# alice (reconnected) keeps pinging; an unknown session gets NAK 503
# Session-Context-Not-Found, a CoA-Request NAK 405, a wrong secret, a
# stale Event-Timestamp or an unknown client no answer at all, a
# retransmission the same answer again; every outcome is counted in
# `pptpctl show stats`; after `pptpctl reload` with a new dae-clients
# secret (the chrooted network process gets the file from the privileged
# one) only the new secret is answered.
# timeout: 480
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd freeradius radclient

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret bob pptpd s3cret-bob
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24
# Both client tunnels have the peer 192.168.77.1.
nsx cli sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0

cat >"$WORK/users" <<'USERS'
alice	Cleartext-Password := "s3cret-alice"
	Framed-IP-Address = 192.168.77.42
bob	Cleartext-Password := "s3cret-bob"
	Framed-IP-Address = 192.168.77.43
USERS
radius_server srv a 18120 18130 s3cret-radius "$WORK/users"
radcli_conf "$WORK/radcli" 127.0.0.1:18120:s3cret-radius \
    127.0.0.1:18130:s3cret-radius
printf '# address secret\n127.0.0.1 dae-s3cret\n' >"$WORK/dae-clients"
chmod 600 "$WORK/dae-clients"
pptpdng_conf "$WORK/pptpd.conf" kernel "dae-listen 127.0.0.1" \
    "dae-clients $WORK/dae-clients"
radius_plugin_options "$WORK/pptpd-options" "$WORK/radcli/radiusclient.conf" \
    "$WORK/spool"
pptpdng_start srv "$WORK/pptpd.conf"
detail=$WORK/radius-a/acct/detail
grep -q 'RFC 5176 Disconnect/CoA on 127.0.0.1:3799' "$WORK/pptpd-ng.log" ||
    die "pptpd-ng does not listen for RFC 5176 requests"

ctl() { "$BUILD/pptpctl" -s "$WORK/control.sock" "$@"; }
# dae NAME SECRET CODE ATTRS...: radclient from the server namespace to
# pptpd-ng's port 3799, one try; its output in $WORK/dae-NAME.txt.
dae() {
	local name=$1 secret=$2 code=$3 rc=0
	shift 3
	printf '%s\n' "$@" "Event-Timestamp = $(date +%s)" |
	    nsx srv radclient -x -r 1 -t 3 127.0.0.1:3799 "$code" "$secret" \
	    >"$WORK/dae-$name.txt" 2>&1 || rc=$?
	sed 's/^/    /' "$WORK/dae-$name.txt"
	return $rc
}
# got NAME CODE [ERROR-CAUSE]: radclient received CODE (and that cause).
got() {
	grep -q "Received $2 " "$WORK/dae-$1.txt" || return 1
	[ -z "${3:-}" ] || grep -q "Error-Cause = $3" "$WORK/dae-$1.txt"
}
# sid USER: the Acct-Session-Id pptpd-ng shows for USER's call.
sid() {
	ctl --json show sessions | python3 -c '
import json, sys
for c in json.load(sys.stdin).get("calls", []):
    if c.get("user") == sys.argv[1]:
        print(c.get("acct_session_id", ""))' "$1"
}
# ncalls: calls pptpd-ng shows.
ncalls() { ctl --json show sessions |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["calls"]))'; }
# stop_of SID: the detail file's Stop record of session SID.
stop_of() { awk -v RS= -v s="Acct-Session-Id = \"$1\"" \
    'index($0, s) && /Acct-Status-Type = Stop/' "$detail"; }
# stat KEY: one counter of `pptpctl --json show stats`.
stat() { ctl --json show stats | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
# shellcheck disable=SC2317 # run by wait_for
gone() { ! kill -0 "$1" 2>/dev/null; }

log "=== two calls through RADIUS"
pptp_client cli alice 10.77.0.1 alice unit 0
apid=$LAST_PID
wait_ppp cli ppp0 40
pptp_client cli bob 10.77.0.1 bob unit 1
bpid=$LAST_PID
wait_ppp cli ppp1 40
[ "$(ppp_local cli ppp0)" = 192.168.77.42 ] || die "alice's Framed-IP"
[ "$(ppp_local cli ppp1)" = 192.168.77.43 ] || die "bob's Framed-IP"
wait_for 20 "two Accounting Starts" detail_has "$detail" Start 2
asid=$(sid alice)
bsid=$(sid bob)
log "Acct-Session-Id: alice '$asid', bob '$bsid'"
[[ -n $asid && -n $bsid && $asid != "$bsid" ]] ||
    die "pptpctl does not show two distinct Acct-Session-Ids"
grep -qF "Acct-Session-Id = \"$asid\"" "$detail" ||
    die "alice's Acct-Session-Id is not the one in accounting"
ping_ok cli 192.168.77.1 3 || die "ping before any Disconnect"

log "=== wrong secret: no answer, counted"
dae badsecret not-the-secret disconnect "Acct-Session-Id = \"$asid\"" &&
    die "radclient got an answer with a wrong secret"
got badsecret Disconnect-ACK && die "answered a wrong secret"
got badsecret Disconnect-NAK && die "answered a wrong secret"
[ "$(stat dae_drop_auth)" = 1 ] || die "the wrong secret is not counted"
kill -0 "$apid" || die "alice's call ended on a wrong secret"

log "=== unknown session: NAK 503"
dae unknown dae-s3cret disconnect 'Acct-Session-Id = "0000000000000000"'
got unknown Disconnect-NAK Session-Context-Not-Found ||
    die "no NAK 503 for an unknown session"

log "=== CoA-Request: NAK 405"
dae coa dae-s3cret coa "Acct-Session-Id = \"$asid\"" 'Session-Timeout = 60'
got coa CoA-NAK Unsupported-Service || die "no CoA-NAK 405"

log "=== User-Name and Framed-IP of two different calls: NAK 503"
dae mixed dae-s3cret disconnect 'User-Name = "alice"' \
    'Framed-IP-Address = 192.168.77.43'
got mixed Disconnect-NAK Session-Context-Not-Found ||
    die "attributes of two sessions matched"
{ kill -0 "$apid" && kill -0 "$bpid"; } || die "a call ended on a mismatch"

log "=== Disconnect by Acct-Session-Id (with Message-Authenticator)"
dae bysid dae-s3cret disconnect "Acct-Session-Id = \"$asid\"" \
    'Message-Authenticator = 0x00'
got bysid Disconnect-ACK || die "no Disconnect-ACK by Acct-Session-Id"
wait_for 30 "alice's pppd to exit" gone "$apid"
wait_for 20 "alice's Accounting Stop" detail_has "$detail" Stop 1
stop_of "$asid" | grep -q 'Acct-Terminate-Cause = Admin-Reset' ||
    die "alice's Stop is not Admin-Reset: $(stop_of "$asid" | grep Terminate)"
kill -0 "$bpid" || die "bob's call ended with alice's"
ping_ok cli 192.168.77.1 5 || die "bob's tunnel stopped carrying pings"
wait_for 10 "pptpd-ng to show bob's call alone" test "$(ncalls)" = 1

log "=== alice again; Disconnect bob by User-Name + Framed-IP-Address"
pptp_client cli alice2 10.77.0.1 alice unit 0
apid=$LAST_PID
wait_ppp cli ppp0 40
wait_for 20 "alice's second Start" detail_has "$detail" Start 3
dae byname dae-s3cret disconnect 'User-Name = "bob"' \
    'Framed-IP-Address = 192.168.77.43'
got byname Disconnect-ACK || die "no Disconnect-ACK by User-Name + Framed-IP"
wait_for 30 "bob's pppd to exit" gone "$bpid"
wait_for 20 "bob's Accounting Stop" detail_has "$detail" Stop 2
stop_of "$bsid" | grep -q 'Acct-Terminate-Cause = Admin-Reset' ||
    die "bob's Stop is not Admin-Reset"
kill -0 "$apid" || die "alice's call ended with bob's"
ping_ok cli 192.168.77.1 5 || die "alice's tunnel stopped carrying pings"

log "=== retransmission, stale Event-Timestamp, unknown client"
# Raw requests, signed here (RFC 5176 section 2.3): a retransmission gets
# the same answer again; the others none.
nsx srv python3 - <<'PY' || die "raw RFC 5176 requests"
import hashlib, socket, struct, time
def attr(t, v):
    return bytes([t, len(v) + 2]) + v
def req(ident, attrs, secret=b"dae-s3cret"):
    hdr = struct.pack(">BBH", 40, ident, 20 + len(attrs))
    return hdr + hashlib.md5(hdr + bytes(16) + attrs + secret).digest() + attrs
def sock(src):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, 0))
    s.settimeout(3)
    return s
def ask(s, pkt):
    s.sendto(pkt, ("127.0.0.1", 3799))
    try:
        return s.recv(4096)
    except socket.timeout:
        return None
now = int(time.time())
s = sock("127.0.0.1")
p = req(77, attr(44, b"0000000000000000") + attr(55, struct.pack(">I", now)))
a, b = ask(s, p), ask(s, p)
assert a is not None and a[0] == 42 and a[1] == 77, a
assert a == b, "the retransmission got another answer"
p = req(78, attr(1, b"alice") + attr(55, struct.pack(">I", now - 1000)))
assert ask(s, p) is None, "a stale request was answered"
p = req(79, attr(1, b"alice") + attr(55, struct.pack(">I", now)))
assert ask(sock("127.0.0.2"), p) is None, "an unknown client was answered"
print("retransmission answered alike; stale and unknown client dropped")
PY
kill -0 "$apid" || die "alice's call ended on a dropped request"

log "=== counters"
ctl show stats | grep 'RFC 5176'
for kv in dae_ack=2 dae_nak_session=3 dae_nak_coa=1 dae_drop_auth=1 \
    dae_dup=1 dae_drop_stale=1 dae_drop_client=1; do
	[ "$(stat "${kv%=*}")" = "${kv#*=}" ] ||
	    die "${kv%=*} is $(stat "${kv%=*}"), expected ${kv#*=}"
done
log "=== reload with a new secret (read by the privileged process)"
printf '127.0.0.1 dae-n3w-s3cret\n' >"$WORK/dae-clients"
nreload=$(grep -c 'RFC 5176 Disconnect/CoA on' "$WORK/pptpd-ng.log")
ctl reload || die "pptpctl reload"
wait_for 15 "the DAE listener to reopen" test \
    "$(grep -c 'RFC 5176 Disconnect/CoA on' "$WORK/pptpd-ng.log")" -gt "$nreload"
dae oldsecret dae-s3cret disconnect 'Acct-Session-Id = "0000000000000000"' &&
    die "the old secret is still answered after the reload"
dae newsecret dae-n3w-s3cret disconnect \
    'Acct-Session-Id = "0000000000000000"'
got newsecret Disconnect-NAK Session-Context-Not-Found ||
    die "the new secret is not answered after the reload"
kill -0 "$apid" || die "alice's call ended on the reload"
kill "$apid"
wait_for 20 "alice's last Stop" detail_has "$detail" Stop 3
[ -z "$(ls -A "$WORK/spool" 2>/dev/null)" ] || die "records left in the spool"
pass "Disconnect-Request by Acct-Session-Id and by User-Name+Framed-IP, NAK 503/405, wrong secret dropped"
