#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 12-plugin-user-kernel-interop: pptp-gre.so in user mode on A against
# kernel mode on B (our GRE engine against Linux's pptp.ko), MS-CHAPv2 +
# MPPE-128; ping and iperf3 both ways; A's events on pptp-ctrl-fd.  A's
# pppd reaches its pump through the default channel, the tap: its device
# is up without addresses during the call, nothing else is sent on it,
# and it is gone with the call.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$(dirname "$0")/../plugin-pair.sh"
need pppd iperf3 python3

pair_start user kernel
grep -q 'user mode (tap channel)' "$WORK/pppd-server.log" ||
    die "A does not use the tap channel"
tap=$(sed -n 's/.*call 100\/200, tap \(pptptap[0-9]*\)$/\1/p' "$WORK/pppd-server.log")
[ -n "$tap" ] || die "no tap device in A's log"
nsx a ip -d addr show dev "$tap" >"$WORK/tap.txt" || die "no $tap in namespace a"
log "A's tap: $(tr -s ' \n' ' ' <"$WORK/tap.txt")"
grep -q 'NOARP,UP' "$WORK/tap.txt" || die "$tap is not up without ARP"
# 3: NET_ADDR_SET, the address set from user space (udev leaves it alone).
[ "$(nsx a cat "/sys/class/net/$tap/addr_assign_type")" = 3 ] ||
    die "$tap's Ethernet address was not set by the plugin"
! grep -q 'inet' "$WORK/tap.txt" || die "$tap has an address"
pair_traffic user-vs-kernel
pair_events user
grep -Eq '^stats .* tap_bad=0 channel=tap$' "$WORK/events.txt" ||
    die "stats events do not say channel=tap with tap_bad=0"
grep -q "tap channel $tap, call end: 0 frames on it refused (not the call's session, or too long)" \
    "$WORK/pppd-server.log" || die "no tap call-end line in A's pppd log"
wait_for 10 "$tap to go away" sh -c "! ip -n a link show dev $tap 2>/dev/null"
pass "$PAIR_RESULT (tap channel)"
