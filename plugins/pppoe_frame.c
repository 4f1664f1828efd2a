/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppoe_frame.c: check and build the Ethernet + PPPoE session headers
 * the user-mode pump exchanges with the kernel's PPPoE PPP channel on
 * its tap device (see pppoe_frame.h).
 */
#include <assert.h>
#include <string.h>

#include "../gre/bytes.h"
#include "pppoe_frame.h"

#define ETHERTYPE_PPPOE_SESS	0x8864	/* RFC 2516 §4 */
#define PPPOE_VER_TYPE		0x11
#define PPPOE_CODE_SESS		0x00
#define PPPOE_LEN_MAX		(0xffff)

#define PPP_ADDRESS	0xff
#define PPP_CONTROL	0x03

static const char *const rx_names[] = {
	[PPPOE_RX_OK] = "ok",
	[PPPOE_RX_SHORT] = "short",
	[PPPOE_RX_ETHERTYPE] = "ethertype",
	[PPPOE_RX_ADDRESS] = "address",
	[PPPOE_RX_HEADER] = "header",
	[PPPOE_RX_SESSION] = "session",
	[PPPOE_RX_EMPTY] = "empty",
};
static_assert(sizeof(rx_names) / sizeof(rx_names[0]) == PPPOE_RX_COUNT,
    "one name per pppoe_rx");

const char *
pppoe_rx_str(enum pppoe_rx v)
{
	return (unsigned)v < PPPOE_RX_COUNT ? rx_names[v] : "?";
}

/*
 * A frame of n bytes read from the tap, whose first PPPOE_HDR_LEN bytes
 * are at hdr (the rest may lie elsewhere): a session frame the kernel
 * sent from the tap to us on our session.  *plen is the PPP frame's
 * length from the PPPoE length field (bytes past it are padding).
 */
enum pppoe_rx
pppoe_frame_decode(const uint8_t *hdr, size_t n, const struct pppoe_link *l,
    size_t *plen)
{
	struct rd	 r;
	const uint8_t	*dst, *src;
	uint16_t	 type, sid, len;
	uint8_t		 vt, code;

	rd_init(&r, hdr, n < PPPOE_HDR_LEN ? n : PPPOE_HDR_LEN);
	dst = rd_take(&r, PPPOE_ETH_ALEN);
	src = rd_take(&r, PPPOE_ETH_ALEN);
	type = rd_u16(&r);
	if (r.err)
		return PPPOE_RX_SHORT;
	if (type != ETHERTYPE_PPPOE_SESS)
		return PPPOE_RX_ETHERTYPE;
	if (memcmp(dst, l->pump, PPPOE_ETH_ALEN) != 0 ||
	    memcmp(src, l->kernel, PPPOE_ETH_ALEN) != 0)
		return PPPOE_RX_ADDRESS;
	vt = rd_u8(&r);
	code = rd_u8(&r);
	sid = rd_u16(&r);
	len = rd_u16(&r);
	if (r.err)
		return PPPOE_RX_SHORT;
	if (vt != PPPOE_VER_TYPE || code != PPPOE_CODE_SESS)
		return PPPOE_RX_HEADER;
	if (sid != l->sid)
		return PPPOE_RX_SESSION;
	if (len > n - PPPOE_HDR_LEN)
		return PPPOE_RX_SHORT;
	if (len == 0)
		return PPPOE_RX_EMPTY;
	*plen = len;
	return PPPOE_RX_OK;
}

/*
 * The headers for the PPP frame *ppp of *len bytes, written to hdr: the
 * frame loses its address and control fields (RFC 2516 §7: none on
 * PPPoE) and, when the peer compressed its protocol field (RFC 1661
 * §6.5: odd first byte), gets the leading zero back in the header, as
 * the kernel's PPPoE channel expands neither.  *ppp and *len are moved
 * past what was dropped.  Returns the header bytes (PPPOE_HDR_LEN or
 * one more), 0 if the frame is empty, too long or cap too small.
 */
size_t
pppoe_frame_encode(uint8_t *hdr, size_t cap, const struct pppoe_link *l,
    const uint8_t **ppp, size_t *len)
{
	struct wr	 w;
	const uint8_t	*p = *ppp;
	size_t		 n = *len, pad;

	if (n >= 2 && p[0] == PPP_ADDRESS && p[1] == PPP_CONTROL) {
		p += 2;
		n -= 2;
	}
	if (n == 0)
		return 0;
	pad = (p[0] & 1) ? 1 : 0;
	if (n + pad > PPPOE_LEN_MAX)
		return 0;
	wr_init(&w, hdr, cap);
	wr_bytes(&w, l->kernel, PPPOE_ETH_ALEN);
	wr_bytes(&w, l->pump, PPPOE_ETH_ALEN);
	wr_u16(&w, ETHERTYPE_PPPOE_SESS);
	wr_u8(&w, PPPOE_VER_TYPE);
	wr_u8(&w, PPPOE_CODE_SESS);
	wr_u16(&w, l->sid);
	wr_u16(&w, (uint16_t)(n + pad));
	if (pad)
		wr_u8(&w, 0);
	if (w.err)
		return 0;
	*ppp = p;
	*len = n;
	return (size_t)(w.p - hdr);
}
