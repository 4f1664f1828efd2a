#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pptp_id_hog.py STEP: another user of the kernel's pptp module, as a
# branch client or a second daemon on the same host would be.  Binds a
# PX_PROTO_PPTP socket to every call ID that is a multiple of STEP (the
# module's call-ID table is one for the whole host), prints "held N" and
# keeps them until SIGTERM.  Then it closes them from 64 threads: each
# close waits for an RCU grace period in the module, which one by one
# would take minutes.  Needs root for the descriptor limit.
import concurrent.futures
import ctypes
import resource
import signal
import socket
import struct
import sys
import time

AF_PPPOX = 24
PX_PROTO_PPTP = 2
# struct sockaddr_pppox is packed: family u16, protocol u32, then the
# 24-byte union whose PPTP member is call_id u16, 2 bytes of padding,
# sin_addr.
SOCKADDR_LEN = 2 + 4 + 24


def sockaddr(call_id):
    addr = struct.pack("=HI", AF_PPPOX, PX_PROTO_PPTP)
    addr += struct.pack("=H2x4s", call_id, bytes(4))
    return addr.ljust(SOCKADDR_LEN, b"\0")


def main():
    step = int(sys.argv[1])
    ids = range(step, 65536, step)
    need = len(ids) + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, max(hard, need)))
    libc = ctypes.CDLL(None, use_errno=True)
    held = []
    busy = 0
    for i in ids:
        s = socket.socket(AF_PPPOX, socket.SOCK_STREAM, PX_PROTO_PPTP)
        a = sockaddr(i)
        if libc.bind(s.fileno(), a, len(a)) != 0:
            busy += 1
            s.close()
            continue
        held.append(s)
    signal.signal(signal.SIGTERM, lambda *_: None)
    print(f"held {len(held)} (already taken {busy})", flush=True)
    signal.pause()
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(64) as pool:
        pool.map(socket.socket.close, held)
    print(f"released in {time.monotonic() - t0:.1f} s", flush=True)


main()
