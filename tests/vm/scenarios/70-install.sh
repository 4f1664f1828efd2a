#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 70-install: what `make install` puts on a system works from where it was
# put.  Installs the built tree into $WORK/root (PREFIX=/usr), then runs
# only installed files: pptpd-ng started with the ExecStartPre/ExecStart
# lines of the installed systemd unit (binary moved into DESTDIR, -c at a
# config made from the installed server examples), the installed
# pptp-gre.so; a pptp-linux client gets MS-CHAPv2 + MPPE-128 and pings;
# the installed pptpctl lists the call; ExecReload keeps it up; every
# installed example pptpd.conf passes `pptpd-ng -n`; the installed man
# pages are mandoc-clean; `make uninstall` leaves no file behind.
# timeout: 300
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd mandoc make

R=$WORK/root
PLUGINDIR=/usr/lib/pppd/2.4.9
make -s -C "$TOP" install DESTDIR="$R" PREFIX=/usr PLUGINDIR="$PLUGINDIR" \
    >"$WORK/install.log" 2>&1 || die "make install (see install.log)"
EX=$R/usr/share/doc/pptpd-ng/examples
UNIT=$(find "$R" -path '*/systemd/system/pptpd-ng.service' | head -n 1)
for f in "$R/usr/sbin/pptpd-ng" "$R/usr/sbin/pptpctl" \
    "$R$PLUGINDIR/pptp-gre.so" "$R$PLUGINDIR/pptp-radius.so" \
    "$R/usr/share/snmp/mibs/PPTPD-NG-MIB.txt" \
    "$R/usr/share/man/man5/pptpd.conf.5" "$R/usr/share/man/man8/pptpd-ng.8" \
    "$EX/server/pptpd.conf" "$EX/server/pptpd-options" \
    "$EX/server/chap-secrets" "$R/etc/logrotate.d/pptpd-ng" "$UNIT"; do
	[ -e "$f" ] || die "not installed: ${f#"$R"}"
done
log "installed $(find "$R" -type f | wc -l) files; unit ${UNIT#"$R"}"

# unit_cmd KEY: the unit's KEY= line as words, binary inside DESTDIR and
# -c at the test config.
unit_cmd() {
	local line i
	line=$(sed -n "s/^$1=//p" "$UNIT")
	[ -n "$line" ] || die "no $1= in ${UNIT#"$R"}"
	read -r -a CMD <<<"$line"
	CMD[0]=$R${CMD[0]}
	for i in "${!CMD[@]}"; do
		[ "${CMD[$i]}" = -c ] && CMD[i + 1]=$WORK/pptpd.conf
	done
	return 0
}

private_etc_ppp
chap_secret alice pptpd s3cret-alice

# Every installed example pptpd.conf passes the check, with Debian's
# layout: our pptpd-options where `option` names it.
cp "$EX/server/pptpd-options" /etc/ppp/pptpd-options
while IFS= read -r f; do
	grep -Eq '^(option|localip|remoteip|delegate)( |$)' "$f" || continue
	"$R/usr/sbin/pptpd-ng" -n -c "$f" >"$WORK/check.out" 2>"$WORK/check.err" ||
	    die "pptpd-ng -n ${f#"$EX/"}: $(cat "$WORK/check.err")"
	if [ "$f" = "$EX/server/pptpd.conf" ] && [ -s "$WORK/check.err" ]; then
		die "the server example warns: $(cat "$WORK/check.err")"
	fi
	log "pptpd-ng -n ${f#"$EX/"}: ok"
done < <(find "$EX" -type f | sort)

# The test config: the installed examples, with a scratch pidfile and
# control socket (the first occurrence of a keyword wins).
{ cat "$EX/server/pptpd-options"; echo "logfile $WORK/pppd-server.log"; echo debug; } \
    >"$WORK/pptpd-options"
{
	sed "s#^option .*#option $WORK/pptpd-options#" "$EX/server/pptpd.conf"
	echo "pidfile $WORK/pptpd-ng.pid"
	echo "control-socket $WORK/control.sock"
} >"$WORK/pptpd.conf"

ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

unit_cmd ExecStartPre
log "ExecStartPre: ${CMD[*]#"$R"}"
nsx srv "${CMD[@]}" >"$WORK/execstartpre.log" 2>&1 || die "ExecStartPre failed"
unit_cmd ExecStart
log "ExecStart: ${CMD[*]#"$R"}"
start_bg srv pptpd-ng env PPTPD_NG_PLUGIN="$R$PLUGINDIR/pptp-gre.so" "${CMD[@]}"
DPID=$LAST_PID
wait_for 10 "pptpd-ng listening on 1723" nsx srv ss -ltn 'sport = :1723' -H

pptp_client cli client 10.77.0.1 alice
wait_ppp cli ppp0 40
log "client ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
grep -q 'MPPE 128-bit' "$WORK/client.pppd.log" || die "no MPPE-128 on the client"
grep -qF "Plugin $R$PLUGINDIR/pptp-gre.so loaded" "$WORK/pppd-server.log" ||
    die "pppd did not load the installed pptp-gre.so"
ping_ok cli 192.168.0.1 5 || die "client -> server ping"

"$R/usr/sbin/pptpctl" -s "$WORK/control.sock" show sessions \
    >"$WORK/pptpctl.out" 2>&1 || die "pptpctl show sessions: $(cat "$WORK/pptpctl.out")"
cat "$WORK/pptpctl.out"
grep -q alice "$WORK/pptpctl.out" || die "pptpctl does not list alice's call"

# ExecReload, as systemd would run it.
reload=$(sed -n 's/^ExecReload=//p' "$UNIT")
read -r -a CMD <<<"${reload//\$MAINPID/$DPID}"
log "ExecReload: ${CMD[*]}"
"${CMD[@]}" || die "ExecReload failed"
sleep 1
kill -0 "$DPID" 2>/dev/null || die "pptpd-ng died on SIGHUP"
ping_ok cli 192.168.0.1 3 || die "the call did not survive the reload"

mandoc -Tlint -Wwarning "$R"/usr/share/man/man*/* || die "mandoc -Tlint on the installed pages"

kill "$DPID"
wait_for 15 "pptpd-ng to exit" bash -c "! kill -0 $DPID 2>/dev/null"
make -s -C "$TOP" uninstall DESTDIR="$R" PREFIX=/usr PLUGINDIR="$PLUGINDIR" \
    >"$WORK/uninstall.log" 2>&1 || die "make uninstall"
left=$(find "$R" -type f)
[ -z "$left" ] || die "make uninstall left: $left"
pass "installed files serve a call; uninstall removes them all"
