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
/* What l2tp_frame_encode() may add in front of a PPP frame. */
#define L2TP_ENC_OVERHEAD	(L2TP_HDR_LEN + 3)

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

enum l2tp_rx	 l2tp_frame_decode(const uint8_t *, size_t, uint16_t, uint16_t,
		    const uint8_t **, size_t *);
size_t		 l2tp_frame_encode(uint8_t *, size_t, uint16_t, uint16_t,
		    const uint8_t *, size_t);
const char	*l2tp_rx_str(enum l2tp_rx);

#endif /* PPTPNG_L2TP_FRAME_H */
