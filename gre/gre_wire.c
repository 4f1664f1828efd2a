/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_wire.c: enhanced-GRE header codec (RFC 2637 §4.1) and the IPv4
 * header strip for raw-socket input.  Owns bit-exact validation of every
 * header field.  Must not keep state, allocate, log or touch sockets: the
 * same object links into the plugin, the Check suites and the fuzzers.
 */
#include <assert.h>
#include <string.h>

#include "bytes.h"
#include "gre_wire.h"

/* Byte 0: C R K S s Recur(3); byte 1: A Flags(4) Ver(3).  RFC 2637 §4.1. */
#define GRE_F_C		0x80
#define GRE_F_R		0x40
#define GRE_F_K		0x20
#define GRE_F_S		0x10
#define GRE_F_SSR	0x08
#define GRE_F_RECUR	0x07
#define GRE_F_A		0x80
#define GRE_F_FLAGS	0x78
#define GRE_F_VER	0x07
#define GRE_VERSION	1

#define IP4_HDR_MIN	20

static const char *const gre_err_names[] = {
	[GRE_OK] = "ok",
	[GRE_ERR_RUNT] = "runt",
	[GRE_ERR_C] = "checksum bit set",
	[GRE_ERR_R] = "routing bit set",
	[GRE_ERR_K] = "key bit clear",
	[GRE_ERR_SSR] = "strict source route bit set",
	[GRE_ERR_RECUR] = "recursion control set",
	[GRE_ERR_FLAGS] = "reserved flags set",
	[GRE_ERR_VER] = "bad version",
	[GRE_ERR_PROTO] = "bad protocol",
	[GRE_ERR_NO_SEQ_ACK] = "neither sequence nor ack",
	[GRE_ERR_HDR_TRUNC] = "truncated header",
	[GRE_ERR_PAYLOAD_TRUNC] = "truncated payload",
	[GRE_ERR_IP_RUNT] = "ip runt",
	[GRE_ERR_IP_VER] = "ip version not 4",
	[GRE_ERR_IP_IHL] = "ip bad header length",
	[GRE_ERR_IP_PROTO] = "ip protocol not gre",
};
static_assert(sizeof(gre_err_names) / sizeof(gre_err_names[0]) ==
    GRE_ERR_COUNT, "gre_err_names out of step with enum gre_err");

const char *
gre_err_str(enum gre_err e)
{
	if ((unsigned)e >= GRE_ERR_COUNT)
		return "unknown";
	return gre_err_names[e];
}

/* RFC 2637 §4.1: 8 fixed bytes, +4 if S (sequence), +4 if A (ack). */
size_t
gre_hdr_len(int has_seq, int has_ack)
{
	return GRE_HDR_MIN + (has_seq ? 4 : 0) + (has_ack ? 4 : 0);
}

/*
 * Decode and validate one GRE packet (IP header already stripped).  Checks
 * in the order of the study's §a.3: runt, each fixed bit, protocol, S/A
 * combination, header length, payload length.  Trailing bytes beyond the
 * Payload Length are padding and trimmed.  With S=0 the packet is ack-only
 * and any payload bytes and Payload Length are ignored.
 */
enum gre_err
gre_parse(const uint8_t *buf, size_t len, struct gre_hdr *h)
{
	struct rd	 r;
	uint8_t		 f0, f1;
	uint16_t	 proto, plen;

	memset(h, 0, sizeof(*h));
	if (len < GRE_HDR_MIN)
		return GRE_ERR_RUNT;
	rd_init(&r, buf, len);
	f0 = rd_u8(&r);
	f1 = rd_u8(&r);
	proto = rd_u16(&r);
	plen = rd_u16(&r);
	h->call_id = rd_u16(&r);

	/* RFC 2637 §4.1: C=0, R=0, K=1, s=0, Recur=0, Flags=0, Ver=1. */
	if (f0 & GRE_F_C)
		return GRE_ERR_C;
	if (f0 & GRE_F_R)
		return GRE_ERR_R;
	if ((f0 & GRE_F_K) == 0)
		return GRE_ERR_K;
	if (f0 & GRE_F_SSR)
		return GRE_ERR_SSR;
	if (f0 & GRE_F_RECUR)
		return GRE_ERR_RECUR;
	if (f1 & GRE_F_FLAGS)
		return GRE_ERR_FLAGS;
	if ((f1 & GRE_F_VER) != GRE_VERSION)
		return GRE_ERR_VER;
	if (proto != GRE_PROTO_PPP)
		return GRE_ERR_PROTO;
	h->has_seq = (f0 & GRE_F_S) != 0;
	h->has_ack = (f1 & GRE_F_A) != 0;
	if (!h->has_seq && !h->has_ack)
		return GRE_ERR_NO_SEQ_ACK;

	/* The ack sits at offset 8 when S=0 and at 12 when S=1. */
	if (h->has_seq)
		h->seq = rd_u32(&r);
	if (h->has_ack)
		h->ack = rd_u32(&r);
	if (r.err)
		return GRE_ERR_HDR_TRUNC;
	if (!h->has_seq)
		return GRE_OK;

	/* Payload Length counts PPP bytes only; more present is padding. */
	if (plen > rd_left(&r))
		return GRE_ERR_PAYLOAD_TRUNC;
	h->payload_len = plen;
	h->payload = r.p;
	return GRE_OK;
}

/*
 * Encode the header for h into buf: 12 or 16 bytes for data, 12 for an
 * ack-only packet (Payload Length 0, RFC 2637 §4.1).  The payload itself is
 * not written, so a caller can build in front of a frame already in place.
 * Returns the header length, or 0 if h is not encodable or cap too small.
 */
size_t
gre_build_hdr(uint8_t *buf, size_t cap, const struct gre_hdr *h)
{
	struct wr	 w;

	if (!h->has_seq && !h->has_ack)
		return 0;
	wr_init(&w, buf, cap);
	wr_u8(&w, GRE_F_K | (h->has_seq ? GRE_F_S : 0));
	wr_u8(&w, GRE_VERSION | (h->has_ack ? GRE_F_A : 0));
	wr_u16(&w, GRE_PROTO_PPP);
	wr_u16(&w, h->has_seq ? h->payload_len : 0);
	wr_u16(&w, h->call_id);
	if (h->has_seq)
		wr_u32(&w, h->seq);
	if (h->has_ack)
		wr_u32(&w, h->ack);
	if (w.err)
		return 0;
	return gre_hdr_len(h->has_seq, h->has_ack);
}

/* Header plus a copy of h->payload_len bytes of payload (none if S=0). */
size_t
gre_build(uint8_t *buf, size_t cap, const struct gre_hdr *h,
    const uint8_t *payload)
{
	size_t		 hlen, plen;

	hlen = gre_build_hdr(buf, cap, h);
	if (hlen == 0)
		return 0;
	plen = h->has_seq ? h->payload_len : 0;
	if (plen > cap - hlen || (plen > 0 && payload == NULL))
		return 0;
	if (plen > 0)
		memcpy(buf + hlen, payload, plen);
	return hlen + plen;
}

/*
 * Strip the IPv4 header a raw IPPROTO_GRE socket delivers in front of the
 * GRE packet.  The GRE length is taken from the bytes received, not from
 * ip_len, whose raw-socket convention differs between systems.  *src gets
 * the source address in host order, for the caller's peer check.
 */
enum gre_err
gre_ip4_strip(const uint8_t *buf, size_t len, const uint8_t **gre,
    size_t *grelen, uint32_t *src)
{
	struct rd	 r;
	uint8_t		 vihl, proto;
	size_t		 ihl;

	*gre = NULL;
	*grelen = 0;
	*src = 0;
	if (len < IP4_HDR_MIN)
		return GRE_ERR_IP_RUNT;
	rd_init(&r, buf, len);
	vihl = rd_u8(&r);
	if (vihl >> 4 != 4)
		return GRE_ERR_IP_VER;
	ihl = (size_t)(vihl & 0x0f) * 4;
	if (ihl < IP4_HDR_MIN || ihl > len)
		return GRE_ERR_IP_IHL;
	rd_skip(&r, 8);			/* tos, len, id, frag, ttl */
	proto = rd_u8(&r);
	if (proto != GRE_IPPROTO)
		return GRE_ERR_IP_PROTO;
	rd_skip(&r, 2);			/* checksum: the kernel checked it */
	*src = rd_u32(&r);
	*gre = buf + ihl;
	*grelen = len - ihl;
	return GRE_OK;
}
