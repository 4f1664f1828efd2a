/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppoe_frame.h: the Ethernet and PPPoE session headers (RFC 2516 §4)
 * between the user-mode pump and the kernel's PPPoE PPP channel, which
 * the pump uses as a frame-preserving pipe to pppd through a private
 * tap device (the "tap" channel): the tap hands pppd's frames to the
 * pump in the order pppd sent them and takes the pump's frames into
 * the kernel in the pump's own context, so nothing on the way can swap
 * two frames.  Only session frames between the two addresses of the
 * link and of its one session pass; the PPP frame is normalised for the
 * kernel (no address/control, protocol field uncompressed).
 * Pure: caller buffers, no I/O, no allocation, no logging, no pppd.
 */
#ifndef PPTPNG_PPPOE_FRAME_H
#define PPTPNG_PPPOE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define PPPOE_ETH_ALEN		6
#define PPPOE_HDR_LEN		20	/* Ethernet (14) + PPPoE session (6) */
/* What pppoe_frame_encode() may write in front of a PPP frame. */
#define PPPOE_ENC_HDR_MAX	(PPPOE_HDR_LEN + 1)

/* The two ends on the tap and the session between them. */
struct pppoe_link {
	uint8_t		 kernel[PPPOE_ETH_ALEN]; /* the tap's own address */
	uint8_t		 pump[PPPOE_ETH_ALEN];	/* the "concentrator": us */
	uint16_t	 sid;			/* the PPPoE session ID */
};

/* Why pppoe_frame_decode() refused a frame; names in pppoe_rx_str(). */
enum pppoe_rx {
	PPPOE_RX_OK,
	PPPOE_RX_SHORT,		/* headers or length field past the end */
	PPPOE_RX_ETHERTYPE,	/* not a PPPoE session frame (IPv6...) */
	PPPOE_RX_ADDRESS,	/* not from the tap to us */
	PPPOE_RX_HEADER,	/* version, type or code not a session's */
	PPPOE_RX_SESSION,	/* another session ID */
	PPPOE_RX_EMPTY,		/* no PPP frame after the header */
	PPPOE_RX_COUNT
};

enum pppoe_rx	 pppoe_frame_decode(const uint8_t *, size_t,
		    const struct pppoe_link *, size_t *);
size_t		 pppoe_frame_encode(uint8_t *, size_t,
		    const struct pppoe_link *, const uint8_t **, size_t *);
const char	*pppoe_rx_str(enum pppoe_rx);

#endif
