#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# churn.py SERVER N EVERY CMD: control-plane call churn against pptpd-ng.
# One control connection (SCCRQ), then N times: OCRQ, wait for the OCRP
# (pptpd-ng has spawned pppd by then), CCRQ, wait for the CDN (pppd has
# been hung up and reaped); then StopCCRQ.  Runs the shell command CMD
# after WARMUP calls and after the last one (the scenario prints the
# daemon's memory and descriptors there).  Answers Echo-Requests.  Exits
# 1 when a call is refused or a reply does not come within 30 s.
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from hostile import ccrq, ctrl, ocrq, sccrq  # noqa: E402


def read_msg(s):
    hdr = b""
    while len(hdr) < 2:
        d = s.recv(2 - len(hdr))
        if not d:
            sys.exit("the server closed the connection")
        hdr += d
    n = struct.unpack("!H", hdr)[0]
    body = b""
    while len(body) < n - 2:
        d = s.recv(n - 2 - len(body))
        if not d:
            sys.exit("the server closed the connection")
        body += d
    msg = hdr + body
    return struct.unpack("!H", msg[8:10])[0], msg


def wait_for(s, want):
    while True:
        t, m = read_msg(s)
        if t == 5:
            s.sendall(ctrl(6, m[12:16] + b"\1\0\0\0"))
            continue
        if t == want:
            return m


def main():
    server, n, every, cmd = sys.argv[1], int(sys.argv[2]), \
        int(sys.argv[3]), sys.argv[4]
    s = socket.create_connection((server, 1723), timeout=30)
    s.sendall(sccrq(b"churn", b"churn"))
    wait_for(s, 2)
    t0 = time.time()
    busy = 0
    for i in range(1, n + 1):
        cid = i % 60000 + 1
        while True:
            s.sendall(ocrq(cid))
            m = wait_for(s, 8)
            if m[16] != 4 or busy > 100 * n:
                break
            # Every address is with a pppd still exiting: back off.
            busy += 1
            time.sleep(0.05)
        if m[16] != 1:
            sys.exit(f"call {i}: OCRP result {m[16]}")
        s.sendall(ccrq(cid))
        wait_for(s, 13)
        if i % every == 0:
            print(f"after {i} calls ({time.time() - t0:.0f} s):",
                  flush=True)
            subprocess.run(cmd, shell=True, check=False)
    s.sendall(ctrl(3, b"\1\0\0\0"))
    wait_for(s, 4)
    print(f"{n} calls in {time.time() - t0:.0f} s, {busy} busy retries")


main()
