#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 10-plugin-bare-kernel: pptp-gre.so in kernel mode (PX_PROTO_PPTP) on both
# ends of a veth, mirrored call IDs, no control connection; MS-CHAPv2 +
# MPPE-128; ping and iperf3 both ways; A's events on pptp-ctrl-fd.
# timeout: 240
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=tests/vm/plugin-pair.sh
. "$(dirname "$0")/../plugin-pair.sh"
need pppd iperf3 python3

pair_start kernel kernel
pair_traffic kernel
pair_events kernel
pass "$PAIR_RESULT"
