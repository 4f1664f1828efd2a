/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_frame.h: PPTP control-stream framing (RFC 2637 §1.4) over a
 * caller-owned byte buffer: feed TCP bytes in, take whole messages out.
 * Pure: no I/O, no allocation.  Guarantees progress: every message taken
 * consumes at least 12 bytes, and a length outside 12..220 or a bad magic
 * cookie is a sticky fatal error (the connection must close), never a spin.
 */
#ifndef PPTPNG_CTRL_FRAME_H
#define PPTPNG_CTRL_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl_wire.h"

struct ctrl_frame {
	uint8_t		*buf;	/* caller's storage, cap >= 220 */
	size_t		 cap;
	size_t		 len;	/* bytes buffered */
	enum ctrl_err	 err;	/* sticky; CTRL_OK while healthy */
};

enum ctrl_frame_res {
	CTRL_FRAME_NEED_MORE = 0,	/* no whole message buffered yet */
	CTRL_FRAME_MSG,			/* one message copied out */
	CTRL_FRAME_FATAL		/* framing lost: close the connection */
};

/* -1 if cap < PPTP_CTRL_MAX_LEN (progress could not be guaranteed). */
int		 ctrl_frame_init(struct ctrl_frame *, uint8_t *buf, size_t cap);
/*
 * Buffer up to n bytes; returns how many were taken (0 once fatal).  With
 * cap >= 220 and the buffer drained by ctrl_frame_next() until NEED_MORE,
 * at least one byte is always taken.
 */
size_t		 ctrl_frame_feed(struct ctrl_frame *, const uint8_t *data,
		    size_t n);
/*
 * Take the next whole message (the Length field's worth of bytes, not yet
 * checked beyond length and magic: pass it to ctrl_parse()) into
 * out[PPTP_CTRL_MAX_LEN].
 */
enum ctrl_frame_res ctrl_frame_next(struct ctrl_frame *, uint8_t *out,
		    size_t outcap, size_t *outlen);

#endif /* PPTPNG_CTRL_FRAME_H */
