/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_frame.c: decode and build the L2TPv2 data messages the user-mode
 * pump exchanges with the kernel's L2TP PPP channel (see l2tp_frame.h).
 */
#include <assert.h>
#include <string.h>

#include "../gre/bytes.h"
#include "l2tp_frame.h"

/* RFC 2661 §3.1 header bits (first 16-bit word). */
#define F_TYPE		0x8000	/* T: control message */
#define F_LENGTH	0x4000	/* L: Length field present */
#define F_SEQ		0x0800	/* S: Ns and Nr present */
#define F_OFFSET	0x0200	/* O: Offset Size present */
#define F_VER_MASK	0x000f

#define PPP_ADDRESS	0xff
#define PPP_CONTROL	0x03

static const char *const rx_names[] = {
	[L2TP_RX_OK] = "ok",
	[L2TP_RX_SHORT] = "short",
	[L2TP_RX_VERSION] = "version",
	[L2TP_RX_CONTROL] = "control",
	[L2TP_RX_ID] = "id",
	[L2TP_RX_EMPTY] = "empty",
};
static_assert(sizeof(rx_names) / sizeof(rx_names[0]) == L2TP_RX_COUNT,
    "one name per l2tp_rx");

const char *
l2tp_rx_str(enum l2tp_rx v)
{
	return (unsigned)v < L2TP_RX_COUNT ? rx_names[v] : "?";
}

/*
 * A data message of (tunnel, session) as the kernel sends it: *ppp and
 * *len are the PPP frame that follows the header (and the offset pad).
 * The optional Length field, when present, bounds the message.
 */
enum l2tp_rx
l2tp_frame_decode(const uint8_t *buf, size_t len, uint16_t tunnel,
    uint16_t session, const uint8_t **ppp, size_t *plen)
{
	struct rd	 r;
	uint16_t	 flags, t, s, mlen;

	rd_init(&r, buf, len);
	flags = rd_u16(&r);
	if (r.err)
		return L2TP_RX_SHORT;
	if ((flags & F_VER_MASK) != L2TP_VER2)
		return L2TP_RX_VERSION;
	if (flags & F_TYPE)
		return L2TP_RX_CONTROL;
	if (flags & F_LENGTH) {
		/* Length counts from the first byte; past it is padding. */
		mlen = rd_u16(&r);
		if (r.err || mlen < 4)
			return L2TP_RX_SHORT;
		r = rd_sub(&r, mlen - 4);
	}
	t = rd_u16(&r);
	s = rd_u16(&r);
	if (flags & F_SEQ)
		rd_skip(&r, 4);
	if (flags & F_OFFSET)
		rd_skip(&r, rd_u16(&r));
	if (r.err)
		return L2TP_RX_SHORT;
	if (t != tunnel || s != session)
		return L2TP_RX_ID;
	if (rd_left(&r) == 0)
		return L2TP_RX_EMPTY;
	*plen = rd_left(&r);
	*ppp = rd_take(&r, *plen);
	return L2TP_RX_OK;
}

/*
 * Header, then the PPP frame with its address and control fields (RFC
 * 1662 §3.2: a peer may drop them after ACFC) and a two-byte protocol
 * field (RFC 1661 §6.5: odd first byte = compressed): the kernel's L2TP
 * channel hands frames to ppp_generic, which expands neither.  Returns
 * the bytes written, 0 if the frame is empty or cap is too small.
 */
size_t
l2tp_frame_encode(uint8_t *out, size_t cap, uint16_t tunnel, uint16_t session,
    const uint8_t *ppp, size_t len)
{
	struct wr	 w;

	if (len == 0)
		return 0;
	wr_init(&w, out, cap);
	wr_u16(&w, L2TP_VER2);
	wr_u16(&w, tunnel);
	wr_u16(&w, session);
	if (len >= 2 && ppp[0] == PPP_ADDRESS && ppp[1] == PPP_CONTROL) {
		ppp += 2;
		len -= 2;
		if (len == 0)
			return 0;
	}
	wr_u8(&w, PPP_ADDRESS);
	wr_u8(&w, PPP_CONTROL);
	if (ppp[0] & 1)
		wr_u8(&w, 0);
	wr_bytes(&w, ppp, len);
	return w.err ? 0 : (size_t)(w.p - out);
}
