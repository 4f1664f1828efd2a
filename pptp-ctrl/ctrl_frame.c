/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_frame.c: splits the TCP byte stream of a control connection into
 * messages (RFC 2637 §1.4).  Owns only the length/magic checks needed to
 * stay in sync; full validation is ctrl_parse()'s job.  Pure: no I/O.
 * The npppd zero-length spin (aesthetics §1.4 #1) cannot happen here: a
 * length below the header size is fatal, and a yielded message is consumed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../gre/bytes.h"
#include "ctrl_frame.h"

static enum ctrl_err	frame_check(const uint8_t *, size_t, size_t *);

int
ctrl_frame_init(struct ctrl_frame *f, uint8_t *buf, size_t cap)
{
	memset(f, 0, sizeof(*f));
	if (buf == NULL || cap < PPTP_CTRL_MAX_LEN)
		return -1;
	f->buf = buf;
	f->cap = cap;
	f->err = CTRL_OK;
	return 0;
}

size_t
ctrl_frame_feed(struct ctrl_frame *f, const uint8_t *data, size_t n)
{
	size_t	room;

	if (f->err != CTRL_OK || n == 0)
		return 0;
	room = f->cap - f->len;
	if (n > room)
		n = room;
	memcpy(f->buf + f->len, data, n);
	f->len += n;
	return n;
}

/*
 * Check the stream-level fields of the buffered prefix as soon as they are
 * there, so garbage is refused after 2 (length) or 8 (magic) bytes instead
 * of after a full 220.  *msglen is the Length field once known, else 0.
 */
static enum ctrl_err
frame_check(const uint8_t *p, size_t have, size_t *msglen)
{
	struct rd	r;
	uint16_t	length;

	*msglen = 0;
	if (have < 2)
		return CTRL_OK;
	rd_init(&r, p, have);
	length = rd_u16(&r);
	/* §1.4: Length counts the whole message, header included. */
	if (length < PPTP_CTRL_HDR_LEN)
		return CTRL_ERR_LEN_SHORT;
	if (length > PPTP_CTRL_MAX_LEN)
		return CTRL_ERR_LEN_LONG;
	*msglen = length;
	if (have < 8)
		return CTRL_OK;
	rd_skip(&r, 2);			/* PPTP Message Type: ctrl_parse() */
	/* §1.4: the Magic Cookie is how a receiver checks it is in sync. */
	if (rd_u32(&r) != PPTP_MAGIC_COOKIE)
		return CTRL_ERR_MAGIC;
	return CTRL_OK;
}

enum ctrl_frame_res
ctrl_frame_next(struct ctrl_frame *f, uint8_t *out, size_t outcap,
    size_t *outlen)
{
	size_t	msglen;

	*outlen = 0;
	if (f->err != CTRL_OK)
		return CTRL_FRAME_FATAL;
	f->err = frame_check(f->buf, f->len, &msglen);
	if (f->err != CTRL_OK)
		return CTRL_FRAME_FATAL;
	if (msglen == 0 || f->len < msglen)
		return CTRL_FRAME_NEED_MORE;
	if (outcap < msglen) {
		/* A caller bug, but still never yield a partial message. */
		f->err = CTRL_ERR_LEN_LONG;
		return CTRL_FRAME_FATAL;
	}
	memcpy(out, f->buf, msglen);
	*outlen = msglen;
	/* Progress: msglen >= 12 bytes leave the buffer. */
	memmove(f->buf, f->buf + msglen, f->len - msglen);
	f->len -= msglen;
	return CTRL_FRAME_MSG;
}
