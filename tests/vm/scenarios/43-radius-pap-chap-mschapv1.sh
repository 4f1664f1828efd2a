#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 43-radius-pap-chap-mschapv1: the other three authentication methods of
# pptp-radius.so, end to end with pptp-linux and a real FreeRADIUS: PAP
# (User-Password), CHAP-MD5 (CHAP-Password/CHAP-Challenge) and MS-CHAPv1
# with MPPE-128 keyed from MS-CHAP-MPPE-Keys.  For each: the method
# negotiated is the one required, the ping crosses the tunnel (for
# MS-CHAPv1 that proves the MPPE keys), the FreeRADIUS log shows the
# method's module accepting, and a wrong password is rejected.  PAP and
# CHAP carry no MPPE keys, so the server's options allow them for this
# test only (each call's pppd reads the options file when it starts);
# the defaults elsewhere stay MS-CHAPv2 with MPPE-128 required.
# timeout: 480
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd freeradius

private_etc_ppp
chap_secret alice pptpd s3cret-alice
chap_secret mallory pptpd not-her-password
# PAP clients read pap-secrets.
printf 'alice pptpd "s3cret-alice" *\nmallory pptpd "not-her-password" *\n' \
    >/etc/ppp/pap-secrets
chmod 600 /etc/ppp/pap-secrets
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

cat >"$WORK/users" <<'USERS'
alice	Cleartext-Password := "s3cret-alice"
	Framed-IP-Address = 192.168.77.42
mallory	Cleartext-Password := "the-right-one"
USERS
radius_server srv a 18120 18130 s3cret-radius "$WORK/users"
radcli_conf "$WORK/radcli" 127.0.0.1:18120:s3cret-radius \
    127.0.0.1:18130:s3cret-radius
pptpdng_conf "$WORK/pptpd.conf" kernel
opts=$WORK/pptpd-options

# server_opts METHOD MPPE: the server's pppd options for one method
# (pap, chap or mschap), with or without required MPPE-128.
server_opts() {
	{
		echo "name pptpd"
		echo "require-$1"
		[ "$2" = mppe ] && echo "require-mppe-128"
		echo "nobsdcomp"
		echo "nodeflate"
		echo "novj"
		echo "nodefaultroute"
		echo "lcp-echo-interval 5"
		echo "lcp-echo-failure 3"
		echo "logfile $WORK/pppd-server.log"
		echo "debug"
	} >"$opts"
	radius_plugin_options "$opts" "$WORK/radcli/radiusclient.conf" \
	    "$WORK/spool"
}
# client NAME USER OPTION...: pptp-linux with pppd, the given
# authentication options only (pptp_client's refuse everything but
# MS-CHAPv2); pid in $LAST_PID, log in $WORK/NAME.pppd.log.
client() {
	local name=$1 user=$2
	shift 2
	start_bg cli "$name" pppd nodetach \
	    pty "pptp 10.77.0.1 --nolaunchpppd" name "$user" \
	    remotename pptpd noauth refuse-eap nodefaultroute nobsdcomp \
	    nodeflate novj lcp-echo-interval 5 lcp-echo-failure 3 \
	    logfile "$WORK/$name.pppd.log" debug "$@"
}
# shellcheck disable=SC2317 # run by wait_for
gone() { ! kill -0 "$1" 2>/dev/null; }

pptpdng_start srv "$WORK/pptpd.conf"
detail=$WORK/radius-a/acct/detail
n=0
for m in pap chap mschap; do
	case $m in
	pap)	mppe=none
		copts=(refuse-chap refuse-mschap refuse-mschap-v2 nomppe)
		lcp='<auth pap>'
		authtype=PAP ;;
	chap)	mppe=none
		copts=(refuse-pap refuse-mschap refuse-mschap-v2 nomppe)
		lcp='<auth chap MD5>'
		authtype=CHAP ;;
	mschap)	mppe=mppe
		copts=(refuse-pap refuse-chap refuse-mschap-v2 require-mppe-128)
		lcp='<auth chap MS>'
		authtype=MS-CHAP ;;
	esac
	log "=== $m through RADIUS"
	server_opts "$m" "$mppe"
	lines=$(wc -l <"$WORK/radius-a.log")

	client "bad-$m" mallory "${copts[@]}"
	bad=$LAST_PID
	wait_for 40 "mallory's $m client to give up" gone "$bad"
	grep -q 'mallory rejected' "$WORK/pppd-server.log" ||
	    die "$m: the server did not log the RADIUS reject"
	[ "$(detail_count "$detail" Start)" = "$n" ] ||
	    die "$m: accounting Start for a rejected user"
	: >"$WORK/pppd-server.log"

	client "$m" alice "${copts[@]}"
	cpid=$LAST_PID
	wait_ppp cli ppp0 40
	addr=$(ppp_local cli ppp0)
	[ "$addr" = 192.168.77.42 ] || die "$m: Framed-IP-Address not applied ($addr)"
	grep -qF "$lcp" "$WORK/$m.pppd.log" ||
	    die "$m: LCP did not agree on $lcp"
	# pppd's auth-up notifier fired: the server authenticated alice.
	grep -q 'event auth user=alice ' "$WORK/pppd-server.log" ||
	    die "$m: the server did not authenticate alice"
	if [ $m = mschap ]; then
		grep -q 'MPPE 128-bit' "$WORK/$m.pppd.log" || die "mschap: no MPPE-128"
	elif grep -q 'MPPE .*-bit' "$WORK/$m.pppd.log"; then
		die "$m: MPPE without MS-CHAP keys?"
	fi
	ping_ok cli 192.168.77.1 5 || die "$m: ping through the tunnel"
	tail -n +"$((lines + 1))" "$WORK/radius-a.log" >"$WORK/radius-$m.log"
	grep -q "Auth-Type $authtype {" "$WORK/radius-$m.log" ||
	    die "$m: FreeRADIUS did not run Auth-Type $authtype"
	grep -q 'Sent Access-Accept' "$WORK/radius-$m.log" ||
	    die "$m: FreeRADIUS sent no Access-Accept"
	n=$((n + 1))
	wait_for 20 "$m: Accounting Start" detail_has "$detail" Start "$n"
	kill "$cpid"
	wait_for 30 "$m: Accounting Stop" detail_has "$detail" Stop "$n"
	wait_for 20 "$m: the client to exit" gone "$cpid"
	wait_for 20 "$m: the server's ppp0 to go" bash -c \
	    "! ip -n srv -o link show | grep -q ppp"
	log "$m: $lcp, Auth-Type $authtype accepted, a wrong password rejected"
done
[ -z "$(ls -A "$WORK/spool" 2>/dev/null)" ] || die "records left in the spool"
pass "PAP, CHAP-MD5 and MS-CHAPv1 (MPPE-128) through RADIUS"
