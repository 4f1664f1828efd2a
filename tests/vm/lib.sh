# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# lib.sh: helpers for end-to-end scenarios (sourced).  Namespaces and veth
# pairs, background daemons with their logs, bounded waits, ping and iperf3,
# a private /etc/ppp, and a cleanup trap that kills what the scenario
# started and shows every log when the scenario fails.  Scenarios only ever
# address hosts inside the namespaces they created.
set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
WORK=$(mktemp -d /tmp/pptpng-scn.XXXXXX)
T0=$(date +%s.%N)
_NETNS=()
_PIDS=()
_OK=0

log() { printf '[%6.2f] %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$*"; }
die() { log "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; _OK=1; exit 77; }
pass() { log "PASS${1:+: $1}"; _OK=1; exit 0; }

_cleanup() {
	local st=$? ns p
	if [ $_OK -ne 1 ] && [ $st -ne 0 ] && [ $st -ne 77 ]; then
		for f in "$WORK"/*.log; do
			[ -f "$f" ] || continue
			echo "==== $(basename "$f") (last 60 lines) ===="
			tail -n 60 "$f"
		done
	fi
	for p in "${_ATEXIT[@]}"; do eval "$p"; done
	for p in "${_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	sleep 0.3
	for ns in "${_NETNS[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	for p in "${_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$WORK"
	exit $st
}
trap _cleanup EXIT
# at_exit CMD: run CMD (eval) at the scenario's end, whatever the outcome:
# for host-wide state a scenario changes (sysctls, kernel modules).
_ATEXIT=()
at_exit() { _ATEXIT+=("$1"); }
trap 'exit 130' INT TERM

# need CMD...: skip the scenario when a program is missing.
need() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "$c is not installed"
	done
}

# ns_add NAME: a network namespace with loopback up, removed at exit.
ns_add() {
	ip netns add "$1" || die "ip netns add $1"
	_NETNS+=("$1")
	ip -n "$1" link set lo up
}

# nsx NS CMD...: run CMD inside namespace NS.
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# veth_pair NS1 IF1 ADDR1/LEN NS2 IF2 ADDR2/LEN: a veth pair between two namespaces.
veth_pair() {
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4" ||
	    die "veth $1:$2 - $4:$5"
	ip -n "$1" addr add "$3" dev "$2"
	ip -n "$4" addr add "$6" dev "$5"
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
}

# start_bg NS NAME CMD...: start CMD in NS in the background, output in
# $WORK/NAME.log; its pid is in $LAST_PID and killed at exit.
start_bg() {
	local ns=$1 name=$2
	shift 2
	ip netns exec "$ns" "$@" >"$WORK/$name.log" 2>&1 &
	LAST_PID=$!
	_PIDS+=("$LAST_PID")
	disown "$LAST_PID"	# no "Killed" job notice at cleanup
}

# wait_for SECONDS DESCRIPTION CMD...: poll CMD every 0.2 s until it
# succeeds; fail the scenario with DESCRIPTION when time runs out.
wait_for() {
	local limit=$1 what=$2 end
	shift 2
	end=$(( $(date +%s) + limit ))
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || die "timed out after ${limit}s waiting for $what"
		sleep 0.2
	done
}

# ppp_up NS IF: IF in NS exists and has an IPv4 address.
ppp_up() { ip -n "$1" -4 addr show dev "$2" 2>/dev/null | grep -q 'inet '; }

# wait_ppp NS IF SECONDS
wait_ppp() { wait_for "$3" "$2 in namespace $1" ppp_up "$1" "$2"; }

# ppp_local NS IF / ppp_peer NS IF: the two ends of a point-to-point link.
ppp_local() {
	ip -n "$1" -4 addr show dev "$2" | sed -n 's/.*inet \([0-9.]*\) peer.*/\1/p'
}
ppp_peer() {
	ip -n "$1" -4 addr show dev "$2" | sed -n 's/.*peer \([0-9.]*\).*/\1/p'
}

# ping_ok NS ADDR COUNT [PING_OPTION...]: COUNT pings, all answered
# (options such as "-I ppp1" pick the interface when routes overlap).
ping_ok() {
	local ns=$1 addr=$2 n=$3 out
	shift 3
	out=$(nsx "$ns" ping -n -q -c "$n" -i 0.2 -W 2 "$@" "$addr" 2>&1)
	log "ping $ns -> $addr${1:+ ($*)}: $(grep -o '[0-9]* received.*loss' <<<"$out")"
	grep -q " $n received" <<<"$out"
}

# iperf_bps CLIENT_NS SERVER_NS SERVER_ADDR SECONDS [-R]: one TCP stream;
# prints bits/s received (iperf3 -J, end.sum_received), 0 on failure.
# A run that fails to start (seen once in a loaded VM: the client never
# reached a listening server) is logged and tried once more.
iperf_bps() {
	local try bps
	for try in 1 2; do
		if bps=$(_iperf_once "$@"); then
			echo "$bps"
			return 0
		fi
		log "iperf3 attempt $try failed: $(tail -c 300 "$WORK/iperf3-last.json" | tr '\n' ' ')" >&2
	done
	echo 0
	return 1
}

_iperf_once() {
	local cns=$1 sns=$2 addr=$3 secs=$4 rev=${5:-} port=$((5201 + RANDOM % 500))
	nsx "$sns" iperf3 -s -1 -p $port >"$WORK/iperf3-server-$port.log" 2>&1 &
	_PIDS+=("$!")
	disown "$!"
	wait_for 5 "iperf3 server" nsx "$sns" ss -ltn "sport = :$port" -H
	sleep 0.2
	# shellcheck disable=SC2086
	nsx "$cns" iperf3 -J -c "$addr" -p $port -t "$secs" $rev \
	    >"$WORK/iperf3-$port.json" 2>&1
	cp "$WORK/iperf3-$port.json" "$WORK/iperf3-last.json"
	python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"]))' \
	    "$WORK/iperf3-$port.json" 2>/dev/null
}

# mbit BPS: bits/s as Mbit/s with one decimal.
mbit() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

# private_etc_ppp: a scratch copy of /etc/ppp bind-mounted over it (the
# scenario runs in its own mount namespace), so secrets and scripts written
# by the scenario never touch the host's files.
private_etc_ppp() {
	mkdir -p "$WORK/etc-ppp"
	cp -a /etc/ppp/. "$WORK/etc-ppp/" 2>/dev/null
	mount --bind "$WORK/etc-ppp" /etc/ppp || die "cannot bind-mount /etc/ppp"
	: >/etc/ppp/chap-secrets
	chmod 600 /etc/ppp/chap-secrets
	# The distribution's ip-up.d hooks are not ours to test.
	rm -rf /etc/ppp/ip-up.d/* /etc/ppp/ip-down.d/* 2>/dev/null
	mkdir -p /var/run /var/lock
}

# chap_secret CLIENT SERVER SECRET
chap_secret() { printf '%s %s "%s" *\n' "$1" "$2" "$3" >>/etc/ppp/chap-secrets; }

# pptp_client NS NAME SERVER USER [extra pppd options...]: pptp-linux
# driven by pppd, MS-CHAPv2 + MPPE-128 required, log in $WORK/NAME.log.
# PPTP_ARGS, when set, is appended to pptp's command line (for example
# "--localbind ADDR", which also gives the client its own call manager).
pptp_client() {
	local ns=$1 name=$2 server=$3 user=$4
	shift 4
	start_bg "$ns" "$name" pppd nodetach \
	    pty "pptp $server --nolaunchpppd${PPTP_ARGS:+ $PPTP_ARGS}" \
	    name "$user" remotename pptpd noauth refuse-pap refuse-chap \
	    refuse-mschap refuse-eap require-mppe-128 nodefaultroute \
	    nobsdcomp nodeflate novj lcp-echo-interval 5 lcp-echo-failure 3 \
	    logfile "$WORK/$name.pppd.log" debug "$@"
}

# server_options FILE: the pppd options an HQ server uses (as Debian's
# /etc/ppp/pptpd-options, tightened to MS-CHAPv2 + MPPE-128 only).
server_options() {
	cat >"$1" <<-EOF
	name pptpd
	refuse-pap
	refuse-chap
	refuse-mschap
	require-mschap-v2
	require-mppe-128
	nobsdcomp
	nodeflate
	novj
	nodefaultroute
	lock
	lcp-echo-interval 5
	lcp-echo-failure 3
	logfile $WORK/pppd-server.log
	debug
	EOF
}

# pptpdng_conf FILE MODE [extra lines...]: a pptpd.conf for pptpd-ng
# with the pppd options of server_options and pool 192.168.77.1 /
# 192.168.77.10-20.
pptpdng_conf() {
	local f=$1 mode=$2
	shift 2
	server_options "$WORK/pptpd-options"
	{
		echo "option $WORK/pptpd-options"
		echo "localip 192.168.77.1"
		echo "remoteip 192.168.77.10-20"
		echo "pidfile $WORK/pptpd-ng.pid"
		echo "gre-mode $mode"
		echo "control-socket $WORK/control.sock"
		printf '%s\n' "$@"
	} >"$f"
}

# pptpdng_start NS CONF [NAME]: pptpd-ng from the build tree, in the
# foreground, log in $WORK/NAME.log (pptpd-ng.log; started afresh); waits
# for its start line.
pptpdng_start() {
	local name=${3:-pptpd-ng}
	[ -x "$BUILD/pptpd-ng" ] || die "build/pptpd-ng is missing (run make)"
	[ -f "$BUILD/pptp-gre.so" ] || die "build/pptp-gre.so is missing (run make)"
	PPTPD_NG_PLUGIN=$BUILD/pptp-gre.so start_bg "$1" "$name" \
	    "$BUILD/pptpd-ng" -f -d -c "$2"
	# shellcheck disable=SC2034 # read by the scenarios
	PPTPDNG_PID=$LAST_PID
	wait_for 20 "pptpd-ng to start" grep -q 'pptpd-ng .* started' "$WORK/$name.log"
}

# capture_start NS IF FILE [CAPTURE_FILTER]: dumpcap (tshark's capture
# engine, quick to start) writes what IF in NS sees to FILE, log in
# $WORK/dumpcap-FILE.log, until capture_stop; returns once it captures.
# Dissect FILE with tshark -r afterwards (slow to start under emulation).
capture_start() {
	local name
	name=dumpcap-$(basename "$3")
	start_bg "$1" "$name" dumpcap -n -i "$2" -w "$3" ${4:+-f "$4"}
	CAPTURE_PID=$LAST_PID
	wait_for 20 "dumpcap capturing on $2" grep -q 'Capturing on' "$WORK/$name.log"
}

# capture_stop: end the last capture_start; returns once FILE is complete.
capture_stop() {
	kill -INT "$CAPTURE_PID" 2>/dev/null
	wait_for 15 "dumpcap to finish" bash -c "! kill -0 $CAPTURE_PID 2>/dev/null"
}

# ipup_recorder: an ip-up.d hook that appends "ifname ipparam" to
# $WORK/ipup.txt (the drop-in contract: $6 is the client's address).
ipup_recorder() {
	mkdir -p /etc/ppp/ip-up.d
	cat >/etc/ppp/ip-up.d/00-record <<HOOK
#!/bin/sh
echo "\$PPP_IFACE \$PPP_IPPARAM" >>$WORK/ipup.txt
HOOK
	chmod 755 /etc/ppp/ip-up.d/00-record
}

# host_bg NAME CMD...: start CMD outside any namespace created here, in the
# background, output in $WORK/NAME.log; pid in $LAST_PID, killed at exit.
host_bg() {
	local name=$1
	shift
	"$@" >"$WORK/$name.log" 2>&1 &
	LAST_PID=$!
	_PIDS+=("$LAST_PID")
	disown "$LAST_PID"
}

# radius_server NS NAME AUTHPORT ACCTPORT SECRET USERSFILE: FreeRADIUS 3.2
# (contrib/radius/freeradius-minimal.conf) on 127.0.0.1 in namespace NS,
# config in $WORK/radius-NAME, log $WORK/radius-NAME.log, accounting in
# $WORK/radius-NAME/acct/detail; waits until it is ready.  Sets RADIUS_PID.
radius_server() {
	local ns=$1 name=$2 aport=$3 cport=$4 secret=$5 users=$6
	local d=$WORK/radius-$name
	mkdir -p "$d/log" "$d/run" "$d/acct"
	sed -e "s#@DIR@#$d#g" -e "s#@AUTHPORT@#$aport#" \
	    -e "s#@ACCTPORT@#$cport#" -e "s#@SECRET@#$secret#" \
	    "$TOP/contrib/radius/freeradius-minimal.conf" >"$d/radiusd.conf"
	cp "$users" "$d/users"
	start_bg "$ns" "radius-$name" freeradius -X -d "$d"
	# shellcheck disable=SC2034 # read by the scenarios
	RADIUS_PID=$LAST_PID
	wait_for 20 "FreeRADIUS $name ready" \
	    grep -q 'Ready to process requests' "$WORK/radius-$name.log"
}

# radcli_conf DIR AUTHSERVERS ACCTSERVERS: a radcli radiusclient.conf in
# DIR (servers as host:port:secret, comma separated), 2 s x 2 tries.
radcli_conf() {
	mkdir -p "$1"
	cat >"$1/radiusclient.conf" <<-EOF
	nas-identifier pptpd-ng-test
	authserver $2
	acctserver $3
	servers $1/servers
	dictionary /etc/radcli/dictionary
	radius_timeout 2
	radius_retries 1
	bindaddr *
	EOF
	: >"$1/servers"
}

# radius_plugin_options FILE CONF SPOOL: load pptp-radius.so from the
# build tree in a pppd options file.
radius_plugin_options() {
	[ -f "$BUILD/pptp-radius.so" ] || die "build/pptp-radius.so is missing"
	printf 'plugin %s\nradius-config-file %s\nradius-acct-spool %s\n' \
	    "$BUILD/pptp-radius.so" "$2" "$3" >>"$1"
}

# detail_count FILE TYPE: Accounting records of Acct-Status-Type TYPE.
detail_count() {
	[ -f "$1" ] || { echo 0; return; }
	grep -c "Acct-Status-Type = $2\$" "$1"
}

# detail_has FILE TYPE N: true once FILE holds at least N such records
# (for wait_for, which runs its command again on every poll).
detail_has() { [ "$(detail_count "$1" "$2")" -ge "$3" ]; }

# spool_count DIR: records in a pptp-radius.so spool; spool_has DIR N:
# true when it holds exactly N (for wait_for).
spool_count() { find "$1" -maxdepth 1 -name '*.acct' 2>/dev/null | wc -l; }
spool_has() { [ "$(spool_count "$1")" -eq "$2" ]; }

# ping_avg NS ADDR COUNT [PING_OPTION...]: the average round-trip time in
# ms of COUNT pings 0.2 s apart (empty when none was answered).
ping_avg() {
	local ns=$1 addr=$2 n=$3
	shift 3
	nsx "$ns" ping -n -q -c "$n" -i 0.2 -W 2 "$@" "$addr" 2>/dev/null |
	    sed -n 's|^rtt .* = [0-9.]*/\([0-9.]*\)/.*|\1|p'
}

# rss_kb NS COMM...: the summed VmRSS in KiB of the processes in NS whose
# command name is one of COMM.
rss_kb() {
	local ns=$1 p c t=0 kb
	shift
	for p in $(ip netns pids "$ns" 2>/dev/null); do
		c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		case " $* " in *" $c "*) ;; *) continue ;; esac
		kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null)
		t=$((t + ${kb:-0}))
	done
	echo "$t"
}

# ppp_count NS: PPP interfaces in NS that have an IPv4 address.
ppp_count() { ip -n "$1" -4 -o addr show 2>/dev/null | grep -c ' ppp[0-9]* '; }

# branch_client NS NAME SERVER USER MODE [extra pppd options...]: pppd
# with pptp-gre.so in the client role (a branch router dialing HQ),
# MS-CHAPv2 + MPPE-128 required, pptp-gre-mode MODE, log in
# $WORK/NAME.pppd.log; its pid is in $LAST_PID.
branch_client() {
	local ns=$1 name=$2 server=$3 user=$4 mode=$5
	shift 5
	[ -f "$BUILD/pptp-gre.so" ] || die "build/pptp-gre.so is missing (run make)"
	start_bg "$ns" "$name" pppd nodetach \
	    plugin "$BUILD/pptp-gre.so" pptp-server "$server" \
	    pptp-gre-mode "$mode" pptp-echo-interval 10 \
	    name "$user" remotename pptpd noauth refuse-pap refuse-chap \
	    refuse-mschap refuse-eap require-mppe-128 nodefaultroute \
	    nobsdcomp nodeflate novj lcp-echo-interval 5 lcp-echo-failure 3 \
	    logfile "$WORK/$name.pppd.log" debug "$@"
}

# tunnel_traffic CLI_NS SRV_NS SRV_ADDR LABEL: ten pings each way through
# the client's ppp0 and one iperf3 stream each way; the line for the
# scenario's summary goes to $TRAFFIC_RESULT.
tunnel_traffic() {
	local cns=$1 sns=$2 addr=$3 label=$4 up down
	ping_ok "$cns" "$addr" 10 || die "$label: client -> server ping"
	ping_ok "$sns" "$(ppp_local "$cns" ppp0)" 10 || die "$label: server -> client ping"
	up=$(iperf_bps "$cns" "$sns" "$addr" 5)
	down=$(iperf_bps "$cns" "$sns" "$addr" 5 -R)
	log "$label: iperf3 client->server $(mbit "$up") Mbit/s, server->client $(mbit "$down") Mbit/s"
	if [ "${up%.*}" -le 0 ] || [ "${down%.*}" -le 0 ]; then
		die "$label: iperf3 failed"
	fi
	# shellcheck disable=SC2034 # read by the scenarios
	TRAFFIC_RESULT="$label: up $(mbit "$up") down $(mbit "$down") Mbit/s;"
}

# Under `make sanitize` (SAN_PRELOAD: the ASan runtime, passed in by
# run.sh): pptpd-ng, built with ASan+UBSan, starts with the runtime
# preloaded, and so does every pppd it starts, which can then load the
# ASan-built pptp-gre.so.  No other program of the scenario gets it.
# Reports go to stderr: the daemon's log, and pppd's stderr is logged by
# the daemon too.  Leak checking is off (LeakSanitizer cannot stop the
# world from inside the network process's empty chroot: no /proc); the
# valgrind scenario checks leaks.  At exit any report fails the scenario.
if [ -n "${SAN_PRELOAD:-}" ]; then
	eval "_plain_$(declare -f start_bg)"
	start_bg() {
		if [ "$2" = pptpd-ng ]; then
			local ns=$1 name=$2
			shift 2
			_plain_start_bg "$ns" "$name" env LD_PRELOAD="$SAN_PRELOAD" \
			    ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 \
			    UBSAN_OPTIONS=print_stacktrace=1 "$@"
		else
			_plain_start_bg "$@"
		fi
	}
	_san_exit() {
		local st=$?
		if grep -l -E 'AddressSanitizer|runtime error:' \
		    "$WORK"/pptpd-ng* 2>/dev/null; then
			grep -h -A30 -E 'AddressSanitizer|runtime error:' \
			    "$WORK"/pptpd-ng*
			echo "sanitizer: reports above"
			st=1
		else
			echo "sanitizer: no ASan/UBSan report from pptpd-ng or pppd"
		fi
		grep -h -o 'started: .*plugin .*' "$WORK"/pptpd-ng* 2>/dev/null |
		    sed 's/^/sanitizer: pptpd-ng /' | sort -u
		(exit $st)
		_cleanup
	}
	trap _san_exit EXIT
fi
