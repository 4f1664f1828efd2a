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

/* How far behind the first frame seen the order may start. */
#define L2TP_SEQ_START_SLACK	256

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
 * *len are the PPP frame that follows the header (and the offset pad),
 * *ns (when ns is not NULL) its Ns or L2TP_NO_SEQ.  The optional Length
 * field, when present, bounds the message.
 */
enum l2tp_rx
l2tp_frame_decode(const uint8_t *buf, size_t len, uint16_t tunnel,
    uint16_t session, const uint8_t **ppp, size_t *plen, int32_t *ns)
{
	struct rd	 r;
	uint16_t	 flags, t, s, mlen, seq = 0;

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
	if (flags & F_SEQ) {
		seq = rd_u16(&r);
		rd_skip(&r, 2);		/* Nr: the kernel sends 0 */
	}
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
	if (ns != NULL)
		*ns = (flags & F_SEQ) ? (int32_t)seq : L2TP_NO_SEQ;
	return L2TP_RX_OK;
}

/*
 * Header, then the PPP frame with its address and control fields (RFC
 * 1662 §3.2: a peer may drop them after ACFC) and a two-byte protocol
 * field (RFC 1661 §6.5: odd first byte = compressed): the kernel's L2TP
 * channel hands frames to ppp_generic, which expands neither.  With ns
 * in 0..65535 the header carries it as Ns (and Nr 0, which data
 * messages do not use).  Returns the bytes written, 0 if the frame is
 * empty or cap is too small.
 */
size_t
l2tp_frame_encode(uint8_t *out, size_t cap, uint16_t tunnel, uint16_t session,
    int32_t ns, const uint8_t *ppp, size_t len)
{
	struct wr	 w;
	int		 seq = ns >= 0 && ns <= UINT16_MAX;

	if (len == 0)
		return 0;
	wr_init(&w, out, cap);
	wr_u16(&w, seq ? (F_SEQ | L2TP_VER2) : L2TP_VER2);
	wr_u16(&w, tunnel);
	wr_u16(&w, session);
	if (seq) {
		wr_u16(&w, (uint16_t)ns);
		wr_u16(&w, 0);
	}
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

void
l2tp_seq_init(struct l2tp_seq *q)
{
	memset(q, 0, sizeof(*q));
}

/*
 * The n frames of one batch carry Ns ns[0..n-1] (see struct l2tp_seq):
 * fills order[] with the indices to send, in Ns order from q->next, and
 * returns how many; a frame behind q->next is late, left out and
 * counted.  Distances are serial (RFC 1982, 16 bits): within half the
 * space ahead is ahead, anything else behind.  q->next moves past the
 * last frame sent.  The first batch sets the start a little behind its
 * first frame, so that it too is put in order.
 */
unsigned
l2tp_seq_order(struct l2tp_seq *q, const uint16_t *ns, unsigned n,
    unsigned *order)
{
	unsigned	 i, j, k = 0;
	uint16_t	 d;

	if (n > 0 && !q->started) {
		q->next = (uint16_t)(ns[0] - L2TP_SEQ_START_SLACK);
		q->started = 1;
	}
	for (i = 0; i < n; i++) {
		d = (uint16_t)(ns[i] - q->next);
		if (d >= 0x8000) {
			q->late++;
			continue;
		}
		/* Insertion sort by distance: a batch is at most tens. */
		for (j = k; j > 0 &&
		    (uint16_t)(ns[order[j - 1]] - q->next) > d; j--)
			order[j] = order[j - 1];
		order[j] = i;
		k++;
	}
	if (k > 0)
		q->next = (uint16_t)(ns[order[k - 1]] + 1);
	return k;
}
