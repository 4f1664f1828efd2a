#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 24-pptpdng-tshark: what pptpd-ng puts on the wire is well-formed PPTP and
# enhanced GRE as Wireshark's dissectors understand them, in the kernel and
# the user gre mode.  tshark captures the server's veth while two sessions
# run: the first ends from the client (CCRQ -> CDN), the second from the
# server (SIGTERM: CDN and StopCCRQ -> StopCCRP), with PPTP echoes every
# 5 s in between.  Then the capture is dissected: every control message type
# of such sessions is present (their counts are printed), both CDNs carry
# the call's summary in Call Statistics (with GRE loss in user mode), GRE
# flows both ways, and no frame is malformed or carries an expert error.
# timeout: 600
# shellcheck source=tests/vm/lib.sh
. "$(dirname "$0")/../lib.sh"
need pptp pppd tshark

private_etc_ppp
chap_secret alice pptpd s3cret-alice
ns_add srv
ns_add cli
veth_pair srv eth0 10.77.0.1/24 cli eth0 10.77.0.2/24

declare -A NAME=([1]=SCCRQ [2]=SCCRP [3]=StopCCRQ [4]=StopCCRP [5]=EchoRQ
    [6]=EchoRP [7]=OCRQ [8]=OCRP [9]=ICRQ [10]=ICRP [11]=ICCN [12]=CCRQ
    [13]=CDN [14]=WEN [15]=SLI)
# count AWK_CONDITION: rows of $WORK/fields.txt (one per frame: ip.src,
# control message types, gre.proto, gre call ID, gre payload length, TCP
# source port, malformed, expert severities, TCP payload) that match;
# tshark starts slowly under emulation, so it reads each capture once.
count() { awk -F'\t' "$1 { n++ } END { print n + 0 }" "$WORK/fields.txt"; }

# session TAG: connect, ping both ways, wait for two PPTP echoes.
session() {
	pptp_client cli "client-$1" 10.77.0.1 alice
	CPID=$LAST_PID
	wait_ppp cli ppp0 40
	ping_ok cli 192.168.77.1 10 || die "$1: client -> server ping"
	ping_ok srv "$(ppp_local cli ppp0)" 10 || die "$1: server -> client ping"
	sleep 11
}

# (the awk conditions given to count are in single quotes on purpose)
# shellcheck disable=SC2016
for mode in kernel user; do
	log "=== gre-mode $mode"
	f=$WORK/session-$mode.pcapng
	pptpdng_conf "$WORK/pptpd.conf" "$mode" "echo-interval 5"
	capture_start srv eth0 "$f"
	pptpdng_start srv "$WORK/pptpd.conf"

	session "$mode-1"
	kill "$CPID"
	wait_for 15 "client pppd to exit" bash -c "! kill -0 $CPID 2>/dev/null"
	wait_for 15 "the first connection to close" grep -q 'connection closed' "$WORK/pptpd-ng.log"

	session "$mode-2"
	kill "$PPTPDNG_PID"
	wait_for 15 "pptpd-ng to exit" bash -c "! kill -0 $PPTPDNG_PID 2>/dev/null"
	wait_for 15 "client pppd to exit" bash -c "! kill -0 $CPID 2>/dev/null"
	sleep 1
	capture_stop
	mv "$WORK/pptpd-ng.log" "$WORK/pptpd-ng-$mode.log.txt"

	tshark -n -r "$f" -T fields -E separator=/t -e ip.src \
	    -e pptp.control_message_type -e gre.proto -e gre.key.call_id \
	    -e gre.key.payload_length -e tcp.srcport -e _ws.malformed \
	    -e _ws.expert.severity -e tcp.payload \
	    >"$WORK/fields.txt" 2>/dev/null || die "$mode: tshark cannot read the capture"
	log "$mode: $(count 1) frames captured"
	declare -A N=()
	while read -r t; do
		N[$t]=$(( ${N[$t]:-0} + 1 ))
	done < <(cut -f2 "$WORK/fields.txt" | tr ',' '\n' | grep .)
	line=
	for t in $(printf '%s\n' "${!N[@]}" | sort -n); do
		line+=" ${NAME[$t]:-type$t}=${N[$t]}"
	done
	log "$mode: PPTP control messages:$line"
	if [ "${N[1]:-0}" -eq 0 ]; then
		log "$mode: no PPTP dissected; the capture's first frames:"
		head -n 15 "$WORK/fields.txt" | cut -c1-160
	fi
	# What the server sent over TCP, one segment per line, as hex.
	awk -F'\t' '$6 == "1723" && $9 != "" { print $9 }' "$WORK/fields.txt" |
	    tr -d ':' >"$WORK/srv-tcp.hex"
	# Our StopCCRQ rides in the TCP segment of the CDN before it, and
	# Wireshark 4.0's PPTP dissector shows one message per segment: find
	# its 16 bytes (length 16, control message, magic, type 3) in what
	# the server sent instead.
	if [ "${N[3]:-0}" -eq 0 ] && grep -q '001000011a2b3c4d0003' "$WORK/srv-tcp.hex"; then
		N[3]=1
		log "$mode: StopCCRQ found in the CDN's segment"
	fi
	for t in 1 2 7 8 12 13 3 4 5 6; do
		[ "${N[$t]:-0}" -gt 0 ] || die "$mode: no ${NAME[$t]} in the capture"
	done
	[[ ${N[1]} -eq 2 && ${N[7]} -eq 2 ]] ||
	    die "$mode: expected 2 SCCRQ and 2 OCRQ (two sessions)"
	# Both CDNs (after the CCRQ, at SIGTERM) carry the call's summary in
	# Call Statistics; Wireshark 4.0 dissects only 64 of its 128 octets,
	# so read them from the server's TCP payload (CDN: 148 bytes, 0x0094).
	python3 -c '
import sys
for line in sys.stdin:
    b = bytes.fromhex(line.strip())
    i = b.find(bytes.fromhex("009400011a2b3c4d000d"))
    if i >= 0:
        print(b[i + 20:i + 148].rstrip(b"\0").decode("ascii", "replace"))
' <"$WORK/srv-tcp.hex" >"$WORK/cdn-stats.txt"
	sed "s/^/    $mode: CDN Call Statistics: /" "$WORK/cdn-stats.txt"
	want='^duration [0-9]+:[0-5][0-9]:[0-5][0-9], rx [0-9]+ bytes [0-9]+ pkts, tx [0-9]+ bytes [0-9]+ pkts'
	[ "$mode" = user ] && want+=', GRE lost [0-9]+ reordered [0-9]+'
	[ "$(grep -Ec "$want\$" "$WORK/cdn-stats.txt")" -eq 2 ] ||
	    die "$mode: the CDNs' Call Statistics are not the call's summary"

	gs=$(count '$3 != "" && $1 == "10.77.0.1"')
	gc=$(count '$3 != "" && $1 == "10.77.0.2"')
	ga=$(count '$3 != "" && $1 == "10.77.0.1" && $5 == "0"')
	log "$mode: GRE frames: $gs from the server ($ga of them ack-only), $gc from the client"
	[[ $gs -gt 20 && $gc -gt 20 ]] || die "$mode: too little GRE in the capture"
	bad=$(count '$3 != "" && ($3 != "0x880b" && $3 != "34827" || $4 == "")')
	[ "$bad" -eq 0 ] || die "$mode: $bad GRE frames are not PPTP's enhanced GRE"

	# Malformed (column 7) or an expert item of severity error (PI_ERROR,
	# 0x800000, in column 8).
	errs=$(awk -F'\t' '$7 != "" || $8 ~ /(^|,)8388608(,|$)/ { print NR ": " substr($0, 1, 160) }' "$WORK/fields.txt")
	if [ -n "$errs" ]; then
		echo "$errs" | head -n 20
		die "$mode: malformed frames or expert errors in the capture"
	fi
	log "$mode: no malformed frames, no expert errors"
done
pass "PPTP and GRE dissect cleanly in kernel and user mode"
