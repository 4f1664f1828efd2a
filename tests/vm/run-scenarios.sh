#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-scenarios.sh: runs each scenario listed in RESULTS/jobs, in the VM or
# directly on a PPP-capable host.  Each gets its own private mount
# namespace (so it may bind-mount over /etc/ppp), a time limit (a
# "# timeout: N" line in the script, default 600 s), its log in
# RESULTS/<name>.log and its exit status in RESULTS/<name>.status.
results=$1
while read -r job; do
	[ -n "$job" ] || continue
	name=$(basename "$job" .sh)
	limit=$(sed -n 's/^# timeout: \([0-9]*\)$/\1/p' "$job" | head -n 1)
	t0=$(date +%s)
	echo "pptpng: $name: started"
	timeout -k 5 "${limit:-600}" unshare --mount --propagation private \
	    bash "$job" >"$results/$name.log" 2>&1 </dev/null
	st=$?
	echo "$st" >"$results/$name.status"
	case $st in 0) r=pass ;; 77) r=skip ;; *) r="FAIL ($st)" ;; esac
	echo "pptpng: $name: $r in $(( $(date +%s) - t0 ))s"
	# Leave nothing behind for the next scenario.  Only inside the VM:
	# on a real host these names may be the admin's own daemons.
	if [ "${PPTPNG_IN_VM:-0}" = 1 ]; then
		pkill -9 -x 'pppd|pptp|pptpd|pptpctrl|pptpd-ng|iperf3|snmpd|freeradius' \
		    2>/dev/null
	fi
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
done <"$results/jobs"
