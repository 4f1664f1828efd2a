#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# gen_ctrl_seeds.py: writes the seed inputs for fuzz_ctrl_wire and
# fuzz_ctrl_frame (tests/fuzz/seeds/ctrl_{wire,frame}/*.bin).  The messages
# are packed here from the RFC 2637 §2 layouts independently of the C
# codec, so the seeds double as a second encoding.  Run from the repo root;
# the .bin files are committed, this script only regenerates them.
import os
import struct

MAGIC = 0x1A2B3C4D


def msg(ctype, body):
    length = 12 + len(body)
    return struct.pack(">HHIHH", length, 1, MAGIC, ctype, 0) + body


def s(text, width):
    return text.encode().ljust(width, b"\0")


MSGS = {
    "sccrq": msg(1, struct.pack(">HHIIHH", 0x0100, 0, 1, 1, 0, 0)
                 + s("client", 64) + s("vendor", 64)),
    "sccrp": msg(2, struct.pack(">HBBIIHH", 0x0100, 1, 0, 3, 3, 4, 1)
                 + s("pac", 64) + s("ng", 64)),
    "stopccrq": msg(3, struct.pack(">BBH", 1, 0, 0)),
    "stopccrp": msg(4, struct.pack(">BBH", 1, 0, 0)),
    "echorq": msg(5, struct.pack(">I", 1)),
    "echorp": msg(6, struct.pack(">IBBH", 1, 1, 0, 0)),
    "ocrq": msg(7, struct.pack(">HHIIIIHHHH", 0x1234, 1, 2400, 10000000,
                               3, 3, 64, 0, 3, 0)
                + s("555", 64) + s("", 64)),
    "ocrp": msg(8, struct.pack(">HHBBHIHHI", 0xabcd, 0x1234, 1, 0, 0,
                               10000000, 64, 0, 0)),
    "icrq": msg(9, struct.pack(">HHIIHH", 7, 2, 2, 9, 4, 4)
                + s("1234", 64) + s("5678", 64) + s("sub", 64)),
    "icrp": msg(10, struct.pack(">HHBBHHH", 1, 7, 3, 0, 64, 0, 0)),
    "iccn": msg(11, struct.pack(">HHIHHI", 1, 0, 9600, 16, 0, 1)),
    "ccrq": msg(12, struct.pack(">HH", 0x1234, 0)),
    "cdn": msg(13, struct.pack(">HBBHH", 0xabcd, 4, 0, 0, 0)
               + s("stats", 128)),
    "wen": msg(14, struct.pack(">HHIIIIII", 0xabcd, 0, 1, 2, 3, 4, 5, 6)),
    "sli": msg(15, struct.pack(">HHII", 0xabcd, 0, 0xffffffff, 0)),
}


def segments(stream, size):
    """fuzz_ctrl_frame script: op byte (size - 1) then size bytes."""
    out = b""
    for i in range(0, len(stream), size):
        chunk = stream[i:i + size]
        out += bytes([len(chunk) - 1]) + chunk
    return out


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name + ".bin"), "wb") as f:
        f.write(data)


def main():
    for name, data in MSGS.items():
        assert len(data) <= 220
        write("tests/fuzz/seeds/ctrl_wire", name, data)
    m = MSGS
    call_up = bytes([0xe2, 0x00])           # shell: CALL_UP handle 0
    tick = bytes([0xe0, 0x00])              # jump to the deadline
    scripts = {
        "handshake": segments(m["sccrq"], 37),
        "call": segments(m["sccrq"] + m["ocrq"], 37) + call_up
        + segments(m["echorq"] + m["ccrq"], 5),
        "merged": segments(m["sccrq"] + m["ocrq"] + m["ocrq"]
                           + m["sli"] + m["wen"] + m["stopccrq"], 37),
        "echo_timeout": segments(m["sccrq"], 37) + tick * 5,
        "admin": segments(m["sccrq"] + m["ocrq"], 37) + call_up
        + bytes([0xe5, 0x00]) + segments(m["stopccrp"], 3),
        "zero_length": segments(b"\0" * 16, 16),
        "bad_magic": segments(m["echorq"][:4] + b"\0\0\0\0"
                              + m["echorq"][8:], 16),
    }
    for name, data in scripts.items():
        write("tests/fuzz/seeds/ctrl_frame", name, data)


if __name__ == "__main__":
    main()
