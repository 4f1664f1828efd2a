#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 10-plugin-bare-kernel: pptp-gre.so in kernel mode (PX_PROTO_PPTP) on both
# ends of a veth, mirrored call IDs, no control connection; MS-CHAPv2 +
# MPPE-128; ping and iperf3 both ways; A's events on pptp-ctrl-fd.  Then
# the same pair over tests/bench/bare-pptp.so, the bench's PPTP ceiling
# (none of our code): it must carry pings, or make bench measures nothing.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$(dirname "$0")/../plugin-pair.sh"
need pppd iperf3 python3

pair_start kernel kernel
pair_traffic kernel
pair_events kernel
pair_stop
pair_start bare bare
ping_ok a $B_PPP 5 || die "A -> B ping over bare-pptp.so"
ping_ok b $A_PPP 5 || die "B -> A ping over bare-pptp.so"
pass "$PAIR_RESULT; the bare-pptp.so pair carries pings"
