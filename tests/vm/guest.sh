#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# guest.sh: PID 1 inside the bench VM after switch_root.  Finishes the
# root's mounts, points /lib/modules at the unpacked kernel's tree, loads
# the PPP/PPTP/netem modules, runs the scenarios listed in RESULTS/jobs
# through run-scenarios.sh and powers the VM off.
results=$1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
# shellcheck source=/dev/null
. "$results/env"

mkdir -p /dev/pts /dev/shm
# devtmpfs has no /dev/fd: bash's process substitution needs it.
ln -sfn /proc/self/fd /dev/fd
ln -sfn /proc/self/fd/0 /dev/stdin
ln -sfn /proc/self/fd/1 /dev/stdout
ln -sfn /proc/self/fd/2 /dev/stderr
mount -t devpts -o ptmxmode=666,gid=5,mode=620 devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/lock /run/netns /run/pptpd-ng
mount -t tmpfs tmpfs /var/tmp
mkdir -p /lib/modules
ln -sfn "$KDIR/root/lib/modules/$KVER" "/lib/modules/$KVER"
hostname pptpng-vm
ip link set lo up

for m in ppp_generic ppp_async ppp_synctty ppp_mppe pptp l2tp_ppp pppoe tun gre veth \
    sch_netem sch_tbf nf_conntrack_pptp nf_nat_pptp nft_ct nft_nat \
    nft_masq nft_chain_nat; do
	modprobe -q "$m" 2>/dev/null || echo "pptpng: note: modprobe $m failed"
done
[ -c /dev/ppp ] || echo "pptpng: warning: /dev/ppp is missing"

PPTPNG_IN_VM=1 "$TOP/tests/vm/run-scenarios.sh" "$results"
sync
touch "$results/done"
sync
echo o >/proc/sysrq-trigger
sleep 30
