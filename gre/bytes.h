/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bytes.h: the one bounds-checked cursor for every wire codec in the tree.
 * A read cursor (struct rd) and a write cursor (struct wr) over a caller's
 * buffer, big-endian accessors and a sticky error flag, so a run of reads or
 * writes is checked once at the end.  Pure: no I/O, no allocation, no clock.
 * Used by gre/, pptp-ctrl/ codecs and plugins/ (as "../gre/bytes.h").
 */
#ifndef PPTPNG_BYTES_H
#define PPTPNG_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rd {
	const uint8_t	*p;
	const uint8_t	*end;
	int		 err;	/* sticky: set by any read past end */
};

struct wr {
	uint8_t		*p;
	uint8_t		*end;
	int		 err;	/* sticky: set by any write past end */
};

static inline void
rd_init(struct rd *r, const void *buf, size_t len)
{
	r->p = buf;
	r->end = r->p + len;
	r->err = 0;
}

static inline size_t
rd_left(const struct rd *r)
{
	return r->err ? 0 : (size_t)(r->end - r->p);
}

/* Claim n bytes; NULL (and the sticky error) if fewer are left. */
static inline const uint8_t *
rd_take(struct rd *r, size_t n)
{
	const uint8_t *q;

	if (r->err || (size_t)(r->end - r->p) < n) {
		r->err = 1;
		return NULL;
	}
	q = r->p;
	r->p += n;
	return q;
}

static inline uint8_t
rd_u8(struct rd *r)
{
	const uint8_t *q = rd_take(r, 1);

	return q ? q[0] : 0;
}

static inline uint16_t
rd_u16(struct rd *r)
{
	const uint8_t *q = rd_take(r, 2);

	return q ? (uint16_t)(q[0] << 8 | q[1]) : 0;
}

static inline uint32_t
rd_u32(struct rd *r)
{
	const uint8_t *q = rd_take(r, 4);

	return q ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
	    (uint32_t)q[2] << 8 | q[3] : 0;
}

static inline void
rd_bytes(struct rd *r, void *dst, size_t n)
{
	const uint8_t *q = rd_take(r, n);

	if (q != NULL)
		memcpy(dst, q, n);
	else
		memset(dst, 0, n);
}

static inline void
rd_skip(struct rd *r, size_t n)
{
	(void)rd_take(r, n);
}

/* A sub-cursor over the next n bytes; the parent moves past them. */
static inline struct rd
rd_sub(struct rd *r, size_t n)
{
	struct rd s;
	const uint8_t *q = rd_take(r, n);

	rd_init(&s, q, q ? n : 0);
	s.err = q == NULL;
	return s;
}

/*
 * Fixed-width wire string (RFC 2637 host name, vendor, phone ...): copy at
 * most min(width, dstsize - 1) bytes, stop at the first NUL, always
 * terminate.  Bytes are copied as they are; callers sanitise before logging.
 */
static inline void
rd_fixstr(struct rd *r, char *dst, size_t dstsize, size_t width)
{
	const uint8_t *q = rd_take(r, width);
	size_t i;

	if (dstsize == 0)
		return;
	dst[0] = '\0';
	if (q == NULL)
		return;
	for (i = 0; i < width && i + 1 < dstsize && q[i] != '\0'; i++)
		dst[i] = (char)q[i];
	dst[i] = '\0';
}

static inline void
wr_init(struct wr *w, void *buf, size_t cap)
{
	w->p = buf;
	w->end = w->p + cap;
	w->err = 0;
}

static inline uint8_t *
wr_take(struct wr *w, size_t n)
{
	uint8_t *q;

	if (w->err || (size_t)(w->end - w->p) < n) {
		w->err = 1;
		return NULL;
	}
	q = w->p;
	w->p += n;
	return q;
}

static inline void
wr_u8(struct wr *w, uint8_t v)
{
	uint8_t *q = wr_take(w, 1);

	if (q != NULL)
		q[0] = v;
}

static inline void
wr_u16(struct wr *w, uint16_t v)
{
	uint8_t *q = wr_take(w, 2);

	if (q != NULL) {
		q[0] = (uint8_t)(v >> 8);
		q[1] = (uint8_t)v;
	}
}

static inline void
wr_u32(struct wr *w, uint32_t v)
{
	uint8_t *q = wr_take(w, 4);

	if (q != NULL) {
		q[0] = (uint8_t)(v >> 24);
		q[1] = (uint8_t)(v >> 16);
		q[2] = (uint8_t)(v >> 8);
		q[3] = (uint8_t)v;
	}
}

static inline void
wr_bytes(struct wr *w, const void *src, size_t n)
{
	uint8_t *q = wr_take(w, n);

	if (q != NULL && n > 0)
		memcpy(q, src, n);
}

static inline void
wr_zero(struct wr *w, size_t n)
{
	uint8_t *q = wr_take(w, n);

	if (q != NULL)
		memset(q, 0, n);
}

/* Fixed-width wire string: the bytes of s, NUL-padded to width. */
static inline void
wr_fixstr(struct wr *w, const char *s, size_t width)
{
	uint8_t *q = wr_take(w, width);
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < width && s != NULL && s[i] != '\0'; i++)
		q[i] = (uint8_t)s[i];
	for (; i < width; i++)
		q[i] = 0;
}

#endif /* PPTPNG_BYTES_H */
