/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hdlc.h: RFC 1662 asynchronous HDLC-like framing for the user-mode data
 * path (flag 0x7E, control escape 0x7D, FCS-16), between the GRE engine's
 * PPP frames and the pty where pppd's ppp_async line discipline sits.
 * Pure: caller buffers, no I/O, no allocation, no logging, no pppd.
 */
#ifndef PPTPNG_HDLC_H
#define PPTPNG_HDLC_H

#include <stddef.h>
#include <stdint.h>

#define HDLC_FLAG	0x7e
#define HDLC_ESC	0x7d
#define HDLC_TRANS	0x20
#define HDLC_FCS_INIT	0xffff
#define HDLC_FCS_GOOD	0xf0b8

/* Worst case encoded size of a len-byte frame: flags + escaped FCS. */
#define HDLC_ENC_MAX(len)	(2 * ((len) + 2) + 2)

/* Streaming decoder state; frames are assembled in the caller's buffer. */
struct hdlc_rx {
	uint8_t		*buf;
	size_t		 cap;
	size_t		 len;
	uint16_t	 fcs;		/* FCS of the bytes in buf so far */
	int		 esc;		/* last byte was 0x7D */
	int		 toss;		/* frame overflowed: drop to next flag */
	uint64_t	 frames;	/* good frames returned */
	uint64_t	 bad_fcs;	/* FCS mismatch */
	uint64_t	 runts;		/* fewer than 2 bytes before FCS */
	uint64_t	 too_long;	/* longer than cap */
};

uint16_t	 hdlc_fcs16(uint16_t, const uint8_t *, size_t);
size_t		 hdlc_encode(uint8_t *, size_t, const uint8_t *, size_t);
void		 hdlc_rx_init(struct hdlc_rx *, uint8_t *, size_t);
int		 hdlc_rx_feed(struct hdlc_rx *, const uint8_t **, size_t *,
		    const uint8_t **, size_t *);

#endif /* PPTPNG_HDLC_H */
