#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# hostile.py: the hostile-input battery of scenario 60.  Run from an
# attacker namespace against a live pptpd-ng; sends each named case (bad
# control framing, every message in every wrong state, call-ID abuse,
# hostile strings, GRE with bad headers, wrong or spoofed call IDs,
# sequence and ack abuse, connection floods and silence) and, for each,
# reads the daemon's counters through pptpctl before and after and counts
# the log lines it caused.  Prints one table row per case and exits 1 when
# a case was not seen in any counter or log line, logged too much, or the
# daemon died.  Needs root: GRE goes out through a raw IPPROTO_RAW socket
# (the kernel fills in the checksum and length), which starts far faster
# than scapy under emulation.

import argparse
import json
import os
import random
import re
import socket
import struct
import subprocess
import sys
import time

MAGIC = 0x1A2B3C4D
SIZES = {1: 156, 2: 156, 3: 16, 4: 16, 5: 16, 6: 20, 7: 168, 8: 32,
         9: 220, 10: 24, 11: 28, 12: 16, 13: 148, 14: 40, 15: 24}
NAMES = {1: "SCCRQ", 2: "SCCRP", 3: "StopCCRQ", 4: "StopCCRP", 5: "EchoRQ",
         6: "EchoRP", 7: "OCRQ", 8: "OCRP", 9: "ICRQ", 10: "ICRP",
         11: "ICCN", 12: "CCRQ", 13: "CDN", 14: "WEN", 15: "SLI"}
# Per case: a connection may log its first 2 * calls-per-connection + 4
# peer-caused lines (12 here), then one per 10 s; more than 16 means a
# line per message sent.
LOG_LINES_MAX = 16
# The OCRQ flood starts calls-per-connection (4) real calls: their
# start, address and end lines come on top of the 12 free trace lines.
LOG_MAX = {"ocrq-flood-40": 30}


def ctrl(t, body=b"", length=None, mtype=1, magic=MAGIC, res0=0):
    """One control message; body padded to the type's size."""
    size = SIZES.get(t, 12 + len(body))
    body = body.ljust(size - 12, b"\0")
    if length is None:
        length = 12 + len(body)
    return struct.pack("!HHIHH", length & 0xffff, mtype, magic, t,
                       res0) + body


def sccrq(host=b"hostile", vendor=b"battery", version=0x0100):
    return ctrl(1, struct.pack("!HHIIHH", version, 0, 1, 1, 0, 1) +
                host.ljust(64, b"\0")[:64] + vendor.ljust(64, b"\0")[:64])


def ocrq(cid, phone=b"", sub=b""):
    return ctrl(7, struct.pack("!HHIIIIHHHH", cid, cid, 300, 100000000, 3,
                               3, 64, 0, len(phone), 0) +
                phone.ljust(64, b"\0")[:64] + sub.ljust(64, b"\0")[:64])


def ccrq(cid):
    return ctrl(12, struct.pack("!HH", cid, 0))


def cdn(cid):
    return ctrl(13, struct.pack("!HBBHH", cid, 3, 0, 0, 0))


class Env:
    def __init__(self, a):
        self.a = a
        self.server = a.server
        self.port = 1723

    def snap(self):
        """Daemon counters, flat, and the call records: one exchange on
        the control socket (pptpctl's protocol; no process to start)."""
        flat, calls, buf = {}, [], b""
        u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        u.settimeout(5)
        try:
            u.connect(self.a.sock)
            u.sendall(b'{"v":1,"type":"request","cmd":"show",'
                      b'"what":"all"}\n')
            while b'"type":"result"' not in buf:
                b = u.recv(65536)
                if not b:
                    break
                buf += b
        except OSError:
            return flat, calls
        finally:
            u.close()
        for line in buf.splitlines():
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("type") == "stats":
                flat.update((k, v) for k, v in r.items()
                            if isinstance(v, int) and
                            not isinstance(v, bool))
            elif r.get("type") == "call":
                calls.append(r)
                for k, v in r.items():
                    if k.startswith("gre_") and isinstance(v, int):
                        flat[k] = flat.get(k, 0) + v
        return flat, calls

    def legit(self):
        _, calls = self.snap()
        for c in calls:
            if c.get("user") == self.a.legit_user:
                return c
        return None

    def conn(self, src=None, timeout=2.0):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(timeout)
        if src:
            s.bind((src, 0))
        s.connect((self.server, self.port))
        return s


def drain(s, secs=0.4):
    """What the server sent within secs; (bytes, closed)."""
    got = b""
    end = time.time() + secs
    s.settimeout(0.1)
    while time.time() < end:
        try:
            b = s.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            return got, True
        if not b:
            return got, True
        got += b
    return got, False


def one_shot(*msgs, first=None, wait=0.4, close=True):
    """A case: connect, optionally SCCRQ first, send msgs, read."""
    def run(env):
        s = env.conn()
        try:
            if first is not None:
                s.sendall(first)
                drain(s, 0.4)
            for m in msgs:
                s.sendall(m)
            got, closed = drain(s, wait)
            return "closed" if closed else "open, %d bytes back" % len(got)
        finally:
            if close:
                s.close()
    return run


def established(*msgs, wait=0.4):
    return one_shot(*msgs, first=sccrq(), wait=wait)


def truncated(data):
    def run(env):
        s = env.conn()
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        _, closed = drain(s, 0.6)
        s.close()
        return "closed" if closed else "open"
    return run


def cid_reuse(env):
    s = env.conn()
    s.sendall(sccrq())
    drain(s, 0.4)
    s.sendall(ocrq(4242))
    drain(s, 1.0)
    s.sendall(ocrq(4242))
    got, closed = drain(s, 1.0)
    s.close()
    return "second OCRQ: %d bytes back%s" % (len(got),
                                             ", closed" if closed else "")


def ocrq_flood(env):
    s = env.conn()
    s.sendall(sccrq())
    drain(s, 0.4)
    for i in range(40):
        s.sendall(ocrq(5000 + i))
    got, closed = drain(s, 2.0)
    s.close()
    return "%d OCRPs back%s" % (len(got) // 32, ", closed" if closed else "")


def echo_flood(env):
    s = env.conn()
    s.sendall(sccrq())
    drain(s, 0.4)
    s.sendall(b"".join(ctrl(5, struct.pack("!I", i)) for i in range(500)))
    got, closed = drain(s, 1.5)
    s.close()
    return "%d bytes back (500 EchoRP = 10000)" % len(got)


def garbage(env):
    s = env.conn()
    s.sendall(bytes(random.getrandbits(8) for _ in range(4096)))
    _, closed = drain(s, 0.6)
    s.close()
    return "closed" if closed else "open"


def hold_many(src_list, n, secs):
    def run(env):
        socks, refused = [], 0
        for src in src_list:
            for _ in range(n):
                try:
                    socks.append(env.conn(src))
                except OSError:
                    refused += 1
        time.sleep(0.5)
        closed = 0
        for s in socks:
            _, c = drain(s, 0.01)
            closed += c
        time.sleep(secs)
        for s in socks:
            s.close()
        return "%d opened, %d closed at once by the server" % (
            len(socks), closed)
    return run


def silent(env):
    s = env.conn(timeout=10)
    t = time.time()
    _, closed = drain(s, env.a.handshake + 3)
    s.close()
    return ("closed after %.1f s" % (time.time() - t) if closed
            else "still open after %d s" % (env.a.handshake + 3))


def quick_connects(src, n):
    def run(env):
        closed = 0
        for _ in range(n):
            try:
                s = env.conn(src)
            except OSError:
                closed += 1
                continue
            _, c = drain(s, 0.05)
            closed += c
            s.close()
        return "%d of %d closed at once" % (closed, n)
    return run


# ---------------------------------------------------------------- GRE

def gre(cid, flags=0x3001, proto=0x880B, plen=None, seq=None, ack=None,
        payload=b"\xff\x03\x00\x21\x45" + b"\0" * 19):
    """Enhanced GRE; flags word as on the wire (K=0x2000, S=0x1000,
    A=0x0080, version 1).  The payload is a bogus PPP IPv4 frame, not
    LCP: a late LCP echo would be delivered on purpose (rx_late_lcp)."""
    if seq is not None:
        flags |= 0x1000
    if ack is not None:
        flags |= 0x0080
    h = struct.pack("!HHHH", flags, proto,
                    len(payload) if plen is None else plen, cid)
    if flags & 0x1000:
        h += struct.pack("!I", (seq or 0) & 0xffffffff)
    if flags & 0x0080:
        h += struct.pack("!I", (ack or 0) & 0xffffffff)
    return h + payload


def gre_case(build, src_attr="spoof", count=1):
    def run(env):
        c = env.legit()
        if c is None:
            return "no legit call"
        src = env.a.spoof if src_attr == "spoof" else env.a.me
        pkt = build(c)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(pkt), 0, 0,
                         64, 47, 0, socket.inet_aton(src),
                         socket.inet_aton(env.a.gre_dst))
        r = socket.socket(socket.AF_INET, socket.SOCK_RAW,
                          socket.IPPROTO_RAW)
        for _ in range(count):
            r.sendto(ip + pkt, (env.a.gre_dst, 0))
        r.close()
        time.sleep(0.5)
        return "%d sent from %s" % (count, src)
    return run


def cid(c):
    return c["call_id"]


FLAG_CASES = [
    ("gre-C-checksum-bit", 0x8000 | 0x3001),
    ("gre-R-routing-bit", 0x4000 | 0x3001),
    ("gre-K-key-bit-clear", 0x1001),
    ("gre-s-strict-route-bit", 0x0800 | 0x3001),
    ("gre-recur-nonzero", 0x0300 | 0x3001),
    ("gre-reserved-flags", 0x0078 | 0x3001),
    ("gre-S-and-A-both-clear", 0x2001),
]


def cases(a):
    L = []

    def add(name, fn, expect):
        L.append((name, fn, expect))

    FE = ["ctrl_frame_err", "ctrl_rx_bad_msg"]
    # Framing.
    add("len-zero", one_shot(ctrl(1, length=0)), FE)
    add("len-11-short", one_shot(ctrl(1, length=11)), FE)
    add("len-65535", one_shot(ctrl(1, length=0xffff)), FE)
    add("len-221-over-max", one_shot(ctrl(9, length=221) + b"\0"), FE)
    add("len-wrong-for-type", one_shot(ctrl(1, length=160) + b"\0" * 4), FE)
    add("truncated-header-eof", truncated(sccrq()[:6]), ["tunnels_total"])
    add("truncated-sccrq-eof", truncated(sccrq()[:100]), ["tunnels_total"])
    add("bad-magic", one_shot(ctrl(1, magic=0xdeadbeef)), FE)
    add("message-type-2", one_shot(sccrq()[:2] + b"\0\2" + sccrq()[4:]), FE)
    add("message-type-0", one_shot(sccrq()[:2] + b"\0\0" + sccrq()[4:]), FE)
    add("reserved0-nonzero", one_shot(ctrl(1, res0=7)),
        FE + ["ctrl_rx_reserved_nonzero"])
    add("unknown-type-0", one_shot(ctrl(0, b"\0" * 4)), FE)
    add("unknown-type-16", one_shot(ctrl(16, b"\0" * 4)), FE)
    add("unknown-type-65535", one_shot(ctrl(0xffff, b"\0" * 4)), FE)
    add("sccrq-version-2", one_shot(sccrq(version=0x0200)),
        ["ctrl_sccrq_bad_version"])
    add("garbage-4k", garbage, FE)
    # Every other message before SCCRQ.
    UN = ["ctrl_rx_unexpected", "ctrl_rx_not_for_pac", "ctrl_rx_bad_msg",
          "ctrl_call_unexpected"]
    # Tolerated before SCCRQ: StopCCRQ is answered, EchoRQ too, OCRQ gets
    # a refusing OCRP; everything else is dropped and counted.
    before = {3: ["ctrl_rx_msg"], 5: ["ctrl_rx_msg"],
              7: ["ctrl_ocrq_refused"]}
    for t in range(2, 16):
        add("before-sccrq-%s" % NAMES[t], one_shot(ctrl(t)),
            before.get(t, UN))
    # After SCCRQ, in the wrong state.
    add("dup-sccrq", established(sccrq()), ["ctrl_sccrq_duplicate"] + UN)
    after = {6: ["ctrl_echo_bad_id"] + UN, 9: ["ctrl_icrq_refused"] + UN}
    for t in (2, 4, 6, 8, 9, 10, 11):
        add("established-%s" % NAMES[t], established(ctrl(t)),
            after.get(t, UN))
    add("ccrq-unknown-call", established(ccrq(999)),
        ["ctrl_ccrq_unknown_call"] + UN)
    add("cdn-unknown-call", established(cdn(999)), UN)
    add("wen-unknown-call", established(ctrl(14, b"\x03\xe7")),
        ["ctrl_sli_wen_unknown_call"] + UN)
    add("sli-unknown-call", established(ctrl(15, b"\x03\xe7")),
        ["ctrl_sli_wen_unknown_call"] + UN)
    add("ocrq-before-sccrq-then-sccrq", one_shot(ocrq(77), sccrq()),
        ["ctrl_ocrq_refused"])
    add("stopccrq-then-ocrq", established(ctrl(3, b"\1"), ocrq(78)),
        ["ctrl_rx_msg"])
    add("echo-flood-500", echo_flood, ["ctrl_rx_msg"])
    bad = sccrq()[:2] + b"\0\2" + sccrq()[4:]
    add("bad-msg-flood-300", established(bad * 300, wait=1.0),
        ["ctrl_rx_bad_msg"])
    add("ccrq-unknown-flood-300",
        established(b"".join(ccrq(900 + i) for i in range(300)), wait=1.0),
        ["ctrl_ccrq_unknown_call"] + UN)
    add("call-id-reuse", cid_reuse, ["ctrl_ocrq_dup_callid"])
    add("ocrq-flood-40", ocrq_flood, ["ctrl_ocrq_busy",
                                      "ctrl_ocrq_refused"])
    # Hostile strings.
    meta = b"$(reboot);`id`|&>/tmp/x%n%n%s%s%99999d'\"\\\n\x1b[2J"
    add("host-vendor-no-nul", one_shot(sccrq(b"H" * 64, b"V" * 64)),
        ["ctrl_rx_msg"])
    add("host-vendor-shell-%n", one_shot(sccrq(meta, meta)), ["ctrl_rx_msg"])
    add("phone-sub-shell-%n-no-nul",
        established(ocrq(6001, meta + b"P" * 64, b"S" * 64), wait=1.5),
        ["ctrl_rx_msg"])
    # GRE: header checks (spoofed from the legit client's address).
    for name, fl in FLAG_CASES:
        add(name, gre_case(lambda c, fl=fl: gre(cid(c), flags=fl, seq=None)
                           if not fl & 0x1000 else
                           gre(cid(c), flags=fl & ~0x1000, seq=1)),
            ["gre_rx_invalid_hdr"])
    # The plugin's socket filter (pptp_gre_user.c) drops these in the
    # kernel, before the engine: only the server's nft counter sees them.
    BPF = ["nft_gre_spoofed"]
    add("gre-version-0", gre_case(lambda c: gre(cid(c), flags=0x2000,
                                                seq=1)), BPF)
    add("gre-version-7", gre_case(lambda c: gre(cid(c), flags=0x2007,
                                                seq=1)), BPF)
    add("gre-protocol-ipv4", gre_case(lambda c: gre(cid(c), proto=0x0800,
                                                    seq=1)), BPF)
    add("gre-runt-4-bytes", gre_case(lambda c: gre(cid(c), seq=1)[:4]), BPF)
    add("gre-payload-len-65535", gre_case(lambda c: gre(cid(c), plen=0xffff,
                                                        seq=1)),
        ["gre_rx_truncated"])
    add("gre-S-with-len-0", gre_case(lambda c: gre(cid(c), seq=1,
                                                   payload=b"")),
        ["gre_rx_empty", "gre_rx_truncated"])
    add("gre-wrong-call-id", gre_case(lambda c: gre(cid(c) ^ 0x5555, seq=1)),
        BPF)
    add("gre-seq-far-ahead", gre_case(
        lambda c: gre(cid(c), seq=c.get("gre_rx_pkts", 0) + 1000000)),
        ["gre_rx_far"])
    add("gre-seq-two-far-apart", gre_case(
        lambda c: gre(cid(c), seq=random.getrandbits(31) + 2000000), count=2),
        ["gre_rx_far"])
    add("gre-seq-behind", gre_case(
        lambda c: gre(cid(c), seq=c.get("gre_rx_pkts", 0) - (1 << 30))),
        ["gre_rx_late_or_dup"])
    add("gre-ack-beyond-sent", gre_case(
        lambda c: gre(cid(c), flags=0x2001,
                      ack=c.get("gre_tx_pkts", 0) + 100000, payload=b"")),
        ["gre_rx_bad_ack"])
    add("gre-ack-far-behind", gre_case(
        lambda c: gre(cid(c), flags=0x2001,
                      ack=c.get("gre_tx_pkts", 0) - (1 << 30), payload=b"")),
        ["gre_rx_old_ack", "gre_rx_bad_ack"])
    add("gre-legit-cid-from-other-address",
        gre_case(lambda c: gre(cid(c), seq=c.get("gre_rx_pkts", 0) + 1),
                 src_attr="me", count=20), ["nft_gre_other"])
    add("gre-seq-jump-from-other-address",
        gre_case(lambda c: gre(cid(c), seq=c.get("gre_rx_pkts", 0) + 100),
                 src_attr="me", count=20), ["nft_gre_other"])
    # Connections.
    add("half-open-over-per-source", hold_many([a.halfopen_src], 20, 1),
        ["tunnels_refused_source"])
    add("half-open-over-connections", hold_many(a.limit_srcs, 8, 1),
        ["tunnels_refused_limit"])
    add("silent-handshake-timeout", silent, ["ctrl_handshake_timeout"])
    add("rate-over-limit", quick_connects(a.rate_src, a.rate_n),
        ["tunnels_refused_rate"])
    add("denied-source", quick_connects(a.denied_src, 3),
        ["tunnels_refused_acl"])
    add("not-allowed-source", quick_connects(a.unlisted_src, 3),
        ["tunnels_refused_acl"])
    if a.banned_src:
        add("auth-banned-source", quick_connects(a.banned_src, 3),
            ["tunnels_refused_banned"])
    return L


def nft_count(name):
    out = subprocess.run(["ip", "netns", "exec", ARGS.srv_ns, "nft", "list",
                          "counter", "inet", "hostile", name],
                         capture_output=True, text=True).stdout
    for w in out.split("packets ")[1:]:
        return int(w.split()[0])
    return 0


# Per-connection bookkeeping (one line each when a connection opens,
# changes state or closes) and the -d message trace are not counted: a
# case must not add lines beyond those, whatever it sends.
QUIET = re.compile(rb"connection opened|connection closed|state change: |"
                   rb"(recv|send) [A-Za-z]+$")


def log_lines():
    try:
        with open(ARGS.log, "rb") as f:
            lines = f.read().splitlines()
    except OSError:
        return 0, []
    return len(lines), lines


def new_lines(l0):
    n, lines = log_lines()
    return [x for x in lines[l0:] if not QUIET.search(x)]


def alive():
    try:
        os.kill(ARGS.pid, 0)
        return True
    except OSError:
        return False


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--server", required=True)
    p.add_argument("--gre-dst", required=True, help="the legit call's server address")
    p.add_argument("--sock", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--srv-ns", required=True)
    p.add_argument("--legit-user", required=True)
    p.add_argument("--spoof", required=True, help="the legit client's address")
    p.add_argument("--me", required=True, help="our own address")
    p.add_argument("--halfopen-src", required=True)
    p.add_argument("--limit-srcs", required=True, nargs="+")
    p.add_argument("--rate-src", required=True)
    p.add_argument("--rate-n", type=int, default=80)
    p.add_argument("--denied-src", required=True)
    p.add_argument("--unlisted-src", required=True)
    p.add_argument("--banned-src")
    p.add_argument("--handshake", type=int, default=3)
    p.add_argument("--only", help="run the cases whose name has this")
    p.add_argument("--skip", default="", help="comma-separated: skip the "
                   "cases whose name has one of these")
    ARGS = a = p.parse_args()
    random.seed(60)
    env = Env(a)
    rows, bad = [], 0
    for name, fn, expect in cases(a):
        if a.only and a.only not in name:
            continue
        if any(w and w in name for w in a.skip.split(",")):
            continue
        before, _ = env.snap()
        nft = [k for k in expect if k.startswith("nft_")]
        for k in nft:
            before[k] = nft_count(k[4:])
        l0, _ = log_lines()
        try:
            what = fn(env)
        except Exception as e:     # a case that cannot even run fails
            what = "error: %s" % e
        # GRE counters reach the daemon in the plugin's 5 s stats report
        # (a report can come late under load: wait up to two).
        end = time.time() + (11 if any(k.startswith("gre_")
                                         for k in expect) else 0.2)
        while True:
            time.sleep(0.2)
            after, _ = env.snap()
            if time.time() >= end or any(after.get(k, 0) > before.get(k, 0)
                                         for k in expect):
                break
        for k in nft:
            after[k] = nft_count(k[4:])
        extra = new_lines(l0)
        nlog = len(extra)
        lmax = LOG_MAX.get(name, LOG_LINES_MAX)
        if nlog > lmax:
            for x in extra[:3]:
                print("    log: %s" % x.decode(errors="replace"))
        moved = [k for k in expect if after.get(k, 0) > before.get(k, 0)]
        up = alive()
        ok = up and bool(moved) and nlog <= lmax
        bad += not ok
        seen = ",".join("%s+%d" % (k, after[k] - before.get(k, 0))
                        for k in moved)
        if not moved:
            seen = "NONE of %s; moved: %s" % ("|".join(expect), ",".join(
                k for k in after if k not in ("uptime",) and
                after[k] != before.get(k, 0)))
        rows.append((name, "pass" if ok else "FAIL", seen, nlog, what))
        print("%-34s %-4s log=%-2d %s  [%s]" % (name, rows[-1][1], nlog,
                                                 seen, what), flush=True)
        if not up:
            print("pptpd-ng died", flush=True)
            break
    print("\n%d cases, %d failed" % (len(rows), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
