#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mib-check.sh: snmp/PPTPD-NG-MIB.txt parses with net-snmp (against the
# project's stub base MIBs in tests/mibstub, since Debian main ships no
# IETF MIBs), and every name/OID that pptpd-ng-snmp serves (its -O list,
# from snmp/snmp_rows.c) resolves to the same OID in the MIB.  Exit 0 ok,
# 1 mismatch, 77 when snmptranslate or the agent is missing.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
agent=${1:-$top/build/pptpd-ng-snmp}
command -v snmptranslate >/dev/null || { echo "SKIP: no snmptranslate"; exit 77; }
[ -x "$agent" ] || { echo "SKIP: $agent not built"; exit 77; }
tmp=$(mktemp -d)
mkdir -p "$tmp/cert_indexes"
trap 'rm -rf "$tmp"' EXIT
export MIBS='' SNMP_PERSISTENT_DIR=$tmp SNMPCONFPATH=$tmp
mibs="$top/tests/mibstub:$top/snmp:/usr/share/snmp/mibs"
st=0
err=$(snmptranslate -M "$mibs" -m PPTPD-NG-MIB -Pe -Tp PPTPD-NG-MIB::pptpdNgMIB 2>&1 >/dev/null)
if [ -n "$err" ]; then
	echo "mib-check: the MIB does not parse cleanly:"
	echo "$err"
	st=1
fi
n=0
while read -r name oid; do
	got=$(snmptranslate -M "$mibs" -m PPTPD-NG-MIB -On "PPTPD-NG-MIB::$name" 2>&1)
	if [ "$got" != "$oid" ]; then
		echo "mib-check: $name: the agent serves $oid, the MIB says $got"
		st=1
	fi
	n=$((n + 1))
done < <("$agent" -O)
[ $st -eq 0 ] && echo "mib-check: $n objects of pptpd-ng-snmp match PPTPD-NG-MIB"
exit $st
