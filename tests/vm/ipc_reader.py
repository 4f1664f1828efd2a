#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ipc_reader.py: stands in for pptpd-ng's end of pptp-ctrl-fd in the VM
# scenarios.  Makes a SOCK_SEQPACKET socketpair, runs pppd with one end as
# `pptp-ctrl-fd N` (pass_fds keeps the number), writes each datagram it
# receives as one line to OUT (repr() of anything that is not one clean
# line) until pppd exits, then exits with pppd's status.
#   ipc_reader.py OUT pppd ARGS...
import socket
import subprocess
import sys

out_path, argv = sys.argv[1], sys.argv[2:]
ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
fd = theirs.fileno()
proc = subprocess.Popen(argv + ["pptp-ctrl-fd", str(fd)], pass_fds=[fd])
theirs.close()
with open(out_path, "w", buffering=1) as out:
    while True:
        d = ours.recv(4096)
        if not d:
            break
        ok = (d.endswith(b"\n") and d.count(b"\n") == 1 and
              all(0x20 <= c < 0x7f for c in d[:-1]))
        out.write(d.decode() if ok else "BAD " + repr(d) + "\n")
sys.exit(proc.wait())
