#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# deps.sh: installs every Debian package that building, testing, the VM
# bench and the demo need.  Idempotent: asks apt only for what is missing.
# Both README commands call it.  Needs root (or sudo) when anything is
# missing.  The VM kernel itself is fetched by tests/vm/kernel.sh.
set -eu

PKGS="
make gcc clang llvm libclang-rt-14-dev pkg-config
check libevent-dev libssl-dev libradcli-dev libsnmp-dev ppp ppp-dev
qemu-system-x86 busybox-static cpio kmod
iproute2 iputils-ping iperf3 procps psmisc nftables bc file
pptp-linux pptpd
tshark python3 python3-scapy
snmp snmpd snmptrapd freeradius freeradius-utils
mandoc shellcheck valgrind passwd util-linux
"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null |
	    grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "deps: all packages present"
	exit 0
fi

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; the default (no) is fine.
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
# The Debian packages start daemons we only ever run ourselves, inside
# test namespaces; stop the system copies so ports and files stay free.
for s in pptpd snmpd snmptrapd freeradius; do
	$SUDO systemctl stop "$s" 2>/dev/null || true
	$SUDO systemctl disable "$s" 2>/dev/null || true
done
echo "deps: done"
