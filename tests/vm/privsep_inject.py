#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# privsep_inject.py find PID: prints the inode of the one SOCK_SEQPACKET
# socket of pptpd-ng's network process PID before any call (its
# privilege-separation socket; each call adds one more).
# privsep_inject.py send PID INODE NOTOURS CALLID: plays a compromised pptpd-ng
# network process.  Takes a copy of its privilege-separation socket (the
# one whose inode is INODE) with pidfd_getfd(2) and sends the privileged
# process hostile messages; each must be refused and counted.  NOTOURS is
# the pid of a process that is not a pppd (it must survive); CALLID is the
# ID of a live call (a second pppd for it must be refused).  Prints one
# line per case.  Needs root (PTRACE_MODE_ATTACH over the target).
import ctypes
import os
import socket
import struct
import sys

SYS_PIDFD_GETFD = 438


def getfd(pid, inode):
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            link = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if link == f"socket:[{inode}]":
            fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                sys.exit(f"pidfd_getfd: {os.strerror(ctypes.get_errno())}")
            return fd
    sys.exit(f"no socket:[{inode}] in process {pid}")


def msg(t, body=b"", ver=1, magic=0x5053, length=None):
    n = len(body) if length is None else length
    return struct.pack(">HBBH", magic, ver, t, n) + body


def spawn(call_id):
    return msg(1, struct.pack(">HHIIII", call_id, 1, 0xC0A84D01,
                              0xC0A84D13, 0x0A4D0002, 0x0A4D0001))


def find(pid):
    libc = ctypes.CDLL(None, use_errno=True)
    pidfd = os.pidfd_open(pid)
    found = []
    for name in os.listdir(f"/proc/{pid}/fd"):
        try:
            link = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue
        if not link.startswith("socket:["):
            continue
        fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(name), 0)
        if fd < 0:
            sys.exit(f"pidfd_getfd: {os.strerror(ctypes.get_errno())}")
        s = socket.socket(fileno=fd)
        if s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == \
                socket.SOCK_SEQPACKET:
            found.append(link[8:-1])
        s.close()
    if len(found) != 1:
        sys.exit(f"expected one SOCK_SEQPACKET socket, found {found}")
    print(found[0])


def main():
    if sys.argv[1] == "find":
        find(int(sys.argv[2]))
        return
    pid, inode, notours, callid = (int(a) for a in sys.argv[2:6])
    s = socket.socket(fileno=getfd(pid, inode))
    null = os.open("/dev/null", os.O_RDWR)
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    r, w = os.pipe()
    cases = [
        ("garbage", b"hello, privileged process", []),
        ("empty", b"", []),
        ("bad magic", msg(3, magic=0x4141), []),
        ("bad version", msg(3, ver=9), []),
        ("unknown type", msg(77), []),
        ("parent-only type", msg(17, struct.pack(">II", 4242, 0)), []),
        ("length lies", msg(2, struct.pack(">IB", 4242, 15), length=900), []),
        ("kill init", msg(2, struct.pack(">IB", 1, 9)), []),
        ("kill SIGSTOP", msg(2, struct.pack(">IB", notours, 19)), []),
        ("kill not a pppd", msg(2, struct.pack(">IB", notours, 9)), []),
        ("spawn call ID 0", spawn(0), [b.fileno(), w]),
        ("spawn without fds", spawn(4321), []),
        ("spawn /dev/null fds", spawn(4321), [null, null]),
        ("spawn 3 fds", spawn(4321), [b.fileno(), w, null]),
        ("spawn a live call ID", spawn(callid), [b.fileno(), w]),
        ("fds on a reload", msg(3), [null]),
    ]
    for name, data, fds in cases:
        anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                struct.pack(f"{len(fds)}i", *fds))] if fds else []
        s.sendmsg([data], anc)
        print(f"sent: {name}", flush=True)
    print(f"cases: {len(cases)}")


main()
