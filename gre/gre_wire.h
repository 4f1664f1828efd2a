/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_wire.h: the enhanced-GRE codec of RFC 2637 §4.1 (parse, build, and
 * the IPv4 header strip in front of raw-socket input).  Pure functions over
 * caller buffers: no sockets, no allocation, no logging, no global state.
 * Sequencing policy lives in gre_session.c, never here.
 */
#ifndef PPTPNG_GRE_WIRE_H
#define PPTPNG_GRE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define GRE_PROTO_PPP	0x880b	/* RFC 2637 §4.1 Protocol Type */
#define GRE_HDR_MIN	8	/* flags, protocol, payload length, call ID */
#define GRE_HDR_MAX	16	/* ... + sequence + acknowledgment */
#define GRE_IPPROTO	47	/* IP protocol number of GRE */

/* Every reason the codec refuses a buffer; names in gre_err_str(). */
enum gre_err {
	GRE_OK = 0,
	GRE_ERR_RUNT,		/* fewer than 8 bytes of GRE */
	GRE_ERR_C,		/* C (checksum present) set */
	GRE_ERR_R,		/* R (routing present) set */
	GRE_ERR_K,		/* K (key present) clear */
	GRE_ERR_SSR,		/* s (strict source route) set */
	GRE_ERR_RECUR,		/* recursion control non-zero */
	GRE_ERR_FLAGS,		/* reserved flag bits non-zero */
	GRE_ERR_VER,		/* version != 1 */
	GRE_ERR_PROTO,		/* protocol != 0x880B */
	GRE_ERR_NO_SEQ_ACK,	/* S=0 and A=0: nothing to process */
	GRE_ERR_HDR_TRUNC,	/* fewer than 8+4S+4A bytes */
	GRE_ERR_PAYLOAD_TRUNC,	/* payload length > bytes present */
	GRE_ERR_IP_RUNT,	/* fewer than 20 bytes of IPv4 */
	GRE_ERR_IP_VER,		/* IP version != 4 */
	GRE_ERR_IP_IHL,		/* IHL < 5 or IHL*4 > bytes present */
	GRE_ERR_IP_PROTO,	/* IP protocol != 47 */
	GRE_ERR_COUNT
};

/*
 * One decoded header in host order.  On parse, payload points into the
 * caller's buffer and payload_len has been checked against the bytes
 * present; for an ack-only packet (S=0) payload is NULL and payload_len 0.
 */
struct gre_hdr {
	uint16_t	 payload_len;
	uint16_t	 call_id;	/* the receiver's call ID */
	uint8_t		 has_seq;	/* S bit */
	uint8_t		 has_ack;	/* A bit */
	uint32_t	 seq;
	uint32_t	 ack;
	const uint8_t	*payload;
};

const char	*gre_err_str(enum gre_err);
size_t		 gre_hdr_len(int, int);
enum gre_err	 gre_parse(const uint8_t *, size_t, struct gre_hdr *);
size_t		 gre_build_hdr(uint8_t *, size_t, const struct gre_hdr *);
size_t		 gre_build(uint8_t *, size_t, const struct gre_hdr *,
		    const uint8_t *);
enum gre_err	 gre_ip4_strip(const uint8_t *, size_t, const uint8_t **,
		    size_t *, uint32_t *);

#endif /* PPTPNG_GRE_WIRE_H */
