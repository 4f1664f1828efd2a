#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 12-plugin-user-kernel-interop: pptp-gre.so in user mode on A against
# kernel mode on B (our GRE engine against Linux's pptp.ko), MS-CHAPv2 +
# MPPE-128; ping and iperf3 both ways; A's events on pptp-ctrl-fd.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$(dirname "$0")/../plugin-pair.sh"
need pppd iperf3 python3

pair_start user kernel
pair_traffic user-vs-kernel
pair_events user
pass "$PAIR_RESULT"
