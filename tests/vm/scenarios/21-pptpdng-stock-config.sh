#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 21-pptpdng-stock-config: the drop-in promise.  pptpd-ng runs on Debian's
# poptop files as shipped: /etc/pptpd.conf copied unchanged with only the
# localip/remoteip lines appended (its "option /etc/ppp/pptpd-options",
# "logwtmp" and the default pidfile /var/run/pptpd.pid stay), and
# /etc/ppp/pptpd-options as shipped (checked against dpkg's md5).
# pptp-linux connects with MS-CHAPv2 + MPPE-128, gets the pool's first
# address and pings both ways; the logwtmp plugin poptop ships
# (/usr/lib/pptpd/pptpd-logwtmp.so) loads into pppd and records the login
# with the client's address.  The stock file names no gre-mode, so this runs
# in the daemon's default (auto) mode.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd utmpdump dpkg-query md5sum

if [ ! -f /etc/pptpd.conf ] || [ ! -f /etc/ppp/pptpd-options ]; then
	skip "Debian's pptpd package (the stock files) is not installed"
fi
# stock_conffile PKG PATH: PATH is byte for byte what PKG shipped.
stock_conffile() {
	local want
	want=$(dpkg-query -W -f='${Conffiles}\n' "$1" |
	    awk -v f="$2" '$1 == f { print $2 }')
	[ -n "$want" ] && [ "$(md5sum <"$2" | cut -d' ' -f1)" = "$want" ]
}
for f in /etc/pptpd.conf /etc/ppp/pptpd-options; do
	stock_conffile pptpd "$f" || skip "$f differs from what pptpd shipped"
done

private_etc_ppp
chap_secret alice pptpd s3cret-alice
cmp -s /etc/ppp/pptpd-options "$WORK/etc-ppp/pptpd-options" ||
    die "the private /etc/ppp lost pptpd-options"
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

# The stock file's paths are used as they are; scratch files are mounted
# over the ones that already exist (this mount namespace only), so a real
# server's pidfile, socket or wtmp is never touched.
pid_mounted=0
if [ -e /var/run/pptpd.pid ]; then
	: >"$WORK/pidfile"
	mount --bind "$WORK/pidfile" /var/run/pptpd.pid && pid_mounted=1
fi
[ -d /run/pptpd-ng ] && mount -t tmpfs none /run/pptpd-ng
[ -e /var/log/wtmp ] || skip "no /var/log/wtmp to mount a scratch one over"
: >"$WORK/wtmp"
mount --bind "$WORK/wtmp" /var/log/wtmp || die "cannot mount a scratch wtmp"

cp /etc/pptpd.conf "$WORK/pptpd.conf"
printf 'localip 192.168.77.1\nremoteip 192.168.77.10-20\n' >>"$WORK/pptpd.conf"
log "pptpd.conf in effect: $(grep -v '^#' "$WORK/pptpd.conf" | grep . | paste -sd ';')"

pptpdng_start srv "$WORK/pptpd.conf"
grep 'started:' "$WORK/pptpd-ng.log" | tail -n 1
wait_for 5 "the stock pidfile" test -s /var/run/pptpd.pid
[ "$(cat /var/run/pptpd.pid)" = "$PPTPDNG_PID" ] ||
    die "/var/run/pptpd.pid holds $(cat /var/run/pptpd.pid), not $PPTPDNG_PID"

pptp_client cli client 10.77.0.1 alice
cpid=$LAST_PID
wait_ppp cli ppp0 40
log "client ppp0: $(ppp_local cli ppp0) -> $(ppp_peer cli ppp0)"
[ "$(ppp_local cli ppp0)" = 192.168.77.10 ] || die "not the pool's first address"
[ "$(ppp_peer cli ppp0)" = 192.168.77.1 ] || die "not the stock localip"
grep -q 'MPPE 128-bit stateless compression enabled' "$WORK/client.pppd.log" ||
    die "no MPPE-128 on the client"
ping_ok cli 192.168.77.1 5 || die "client -> server ping"
ping_ok srv 192.168.77.10 5 || die "server -> client ping"
grep -q 'call up: user=alice' "$WORK/pptpd-ng.log" ||
    die "the daemon did not log the call"
grep 'call started:' "$WORK/pptpd-ng.log" | tail -n 1

# pptpd-logwtmp.so: a login record (user, client address) on ip-up.
wtmp() { utmpdump "$WORK/wtmp" 2>/dev/null; }
wait_for 5 "a wtmp login record" bash -c "utmpdump '$WORK/wtmp' 2>/dev/null | grep -q alice"
log "wtmp after login: $(wtmp | paste -sd '|')"
wtmp | grep -q '^\[7\].*\[alice *\].*\[10\.77\.0\.2 *\]' ||
    die "no USER_PROCESS record for alice from 10.77.0.2 in wtmp"

kill "$cpid"
wait_for 15 "client pppd to exit" bash -c "! kill -0 $cpid 2>/dev/null"
wait_for 15 "the call to end in the daemon" grep -q 'call ended' "$WORK/pptpd-ng.log"
grep 'call ended' "$WORK/pptpd-ng.log" | tail -n 1
# No logout record is asserted: poptop's own pptpd writes none either in
# this bench (pptpd-logwtmp.so's ip-down hook), so it is only shown.
sleep 2
log "wtmp after logout: $(wtmp | paste -sd '|')"
kill "$PPTPDNG_PID"
wait_for 10 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
if [ $pid_mounted -eq 0 ] && [ -e /var/run/pptpd.pid ]; then
	die "the pidfile outlived the daemon"
fi
pass "stock /etc/pptpd.conf + /etc/ppp/pptpd-options: MS-CHAPv2, MPPE-128, logwtmp"
