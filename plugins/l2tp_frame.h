/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_frame.h: the L2TPv2 data header (RFC 2661 §3.1) between the
 * user-mode pump and the kernel's L2TP PPP channel, which the pump uses
 * as a frame-preserving pipe to pppd on loopback instead of a pty (no
 * byte stuffing, no tty layer).  Only data messages of our one tunnel
 * and session pass; the PPP frame is normalised for the kernel
 * (address/control present, protocol field uncompressed).
 * Pure: caller buffers, no I/O, no allocation, no logging, no pppd.
 */
#ifndef PPTPNG_L2TP_FRAME_H
#define PPTPNG_L2TP_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define L2TP_VER2		0x0002
#define L2TP_HDR_LEN		6	/* flags/version, tunnel, session */
#define L2TP_SEQ_LEN		4	/* Ns, Nr (S bit) */
/* What l2tp_frame_encode() may add in front of a PPP frame. */
#define L2TP_ENC_OVERHEAD	(L2TP_HDR_LEN + L2TP_SEQ_LEN + 3)
#define L2TP_NO_SEQ		(-1)	/* encode without Ns; decoded: none */

/* Why l2tp_frame_decode() refused a datagram; names in l2tp_rx_str(). */
enum l2tp_rx {
	L2TP_RX_OK,
	L2TP_RX_SHORT,		/* header or length field past the end */
	L2TP_RX_VERSION,	/* not L2TPv2 */
	L2TP_RX_CONTROL,	/* T bit: a control message, not data */
	L2TP_RX_ID,		/* another tunnel or session */
	L2TP_RX_EMPTY,		/* no PPP frame after the header */
	L2TP_RX_COUNT
};

/*
 * The order of the frames that came from the kernel, by their Ns.  The
 * kernel numbers its frames as ppp_generic sends them (MPPE's coherency
 * count is taken in the same order), but on loopback each datagram is
 * queued on the backlog of the CPU that sent it, so two CPUs can hand
 * them to the pump swapped.  Sent on swapped, a frame would reach the
 * peer's MPPE behind its successor: MPPE discards it and the peer's
 * ppp_generic stops decrypting until a CCP Reset round trip through
 * both pppds, a blackout of every frame in flight.  So a batch goes out
 * in Ns order, and a frame that arrives after a later one has left is
 * dropped (one loss, counted) instead.
 */
struct l2tp_seq {
	uint16_t	 next;		/* the Ns expected next */
	int		 started;	/* next is set (from the first frame) */
	uint64_t	 late;		/* frames dropped: a later one had left */
};

enum l2tp_rx	 l2tp_frame_decode(const uint8_t *, size_t, uint16_t, uint16_t,
		    const uint8_t **, size_t *, int32_t *);
size_t		 l2tp_frame_encode(uint8_t *, size_t, uint16_t, uint16_t,
		    int32_t, const uint8_t *, size_t);
const char	*l2tp_rx_str(enum l2tp_rx);
void		 l2tp_seq_init(struct l2tp_seq *);
unsigned	 l2tp_seq_order(struct l2tp_seq *, const uint16_t *, unsigned,
		    unsigned *);

#endif /* PPTPNG_L2TP_FRAME_H */
