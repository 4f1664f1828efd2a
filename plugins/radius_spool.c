/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * radius_spool.c: the pure codec of one accounting spool record and the
 * record file names.  Layout (big-endian):
 *   magic "RSP1" (4) | created (8) | delay (4) | count (2) |
 *   count x { vendor (4) | type (1) | len (1) | value (len) } | CRC-32 (4)
 * The CRC covers everything before it.  No I/O, no clock, no allocation.
 */
#include <stdio.h>
#include <string.h>

#include "../gre/bytes.h"
#include "radius_spool.h"

const char *const rad_spool_err_names[SPOOL_E_COUNT] = {
	[SPOOL_OK] = "ok",
	[SPOOL_E_SHORT] = "truncated record",
	[SPOOL_E_MAGIC] = "bad magic",
	[SPOOL_E_CRC] = "bad checksum",
	[SPOOL_E_ATTR] = "bad attribute",
	[SPOOL_E_TRAILING] = "trailing bytes",
};

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320), bitwise: records are small. */
uint32_t
rad_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffU;
	int k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
	}
	return ~c;
}

size_t
rad_spool_encode(uint8_t *buf, size_t cap, const struct rad_spool_rec *r)
{
	struct wr	w;
	size_t		i, len;

	if (r->attrs.err || r->attrs.n > 0xffff)
		return 0;
	wr_init(&w, buf, cap);
	wr_u32(&w, RAD_SPOOL_MAGIC);
	wr_u32(&w, (uint32_t)(r->created >> 32));
	wr_u32(&w, (uint32_t)r->created);
	wr_u32(&w, r->delay);
	wr_u16(&w, (uint16_t)r->attrs.n);
	for (i = 0; i < r->attrs.n; i++) {
		wr_u32(&w, r->attrs.a[i].vendor);
		wr_u8(&w, r->attrs.a[i].type);
		wr_u8(&w, r->attrs.a[i].len);
		wr_bytes(&w, r->attrs.a[i].val, r->attrs.a[i].len);
	}
	if (w.err)
		return 0;
	len = (size_t)(w.p - buf);
	wr_u32(&w, rad_crc32(buf, len));
	return w.err ? 0 : len + 4;
}

enum rad_spool_err
rad_spool_decode(const uint8_t *buf, size_t len, struct rad_spool_rec *r)
{
	struct rd	 rd;
	const uint8_t	*val;
	uint32_t	 vendor, crc;
	uint16_t	 n, i;
	uint8_t		 type, alen;

	rad_list_init(&r->attrs);
	if (len < 22 + 4)
		return SPOOL_E_SHORT;
	crc = (uint32_t)buf[len - 4] << 24 | (uint32_t)buf[len - 3] << 16 |
	    (uint32_t)buf[len - 2] << 8 | buf[len - 1];
	rd_init(&rd, buf, len - 4);
	if (rd_u32(&rd) != RAD_SPOOL_MAGIC)
		return SPOOL_E_MAGIC;
	if (rad_crc32(buf, len - 4) != crc)
		return SPOOL_E_CRC;
	r->created = (uint64_t)rd_u32(&rd) << 32;
	r->created |= rd_u32(&rd);
	r->delay = rd_u32(&rd);
	n = rd_u16(&rd);
	for (i = 0; i < n; i++) {
		vendor = rd_u32(&rd);
		type = rd_u8(&rd);
		alen = rd_u8(&rd);
		val = rd_take(&rd, alen);
		if (rd.err)
			return SPOOL_E_SHORT;
		if (alen > RAD_ATTR_MAX)
			return SPOOL_E_ATTR;
		rad_list_add(&r->attrs, vendor, type, val, alen);
		if (r->attrs.err)
			return SPOOL_E_ATTR;
	}
	if (rd.err)
		return SPOOL_E_SHORT;
	if (rd_left(&rd) != 0)
		return SPOOL_E_TRAILING;
	return SPOOL_OK;
}

/*
 * The request to send at time now: the record's attributes plus
 * Acct-Delay-Time = the delay it had + the time it spent in the spool
 * (RFC 2866 §5.2).  A clock that went backwards adds nothing.
 */
void
rad_spool_prepare(const struct rad_spool_rec *r, uint64_t now,
    struct rad_list *out)
{
	uint64_t	d = r->delay;
	size_t		i;

	rad_list_init(out);
	for (i = 0; i < r->attrs.n; i++) {
		if (r->attrs.a[i].vendor == 0 &&
		    r->attrs.a[i].type == RAD_ACCT_DELAY_TIME)
			continue;
		rad_list_add(out, r->attrs.a[i].vendor, r->attrs.a[i].type,
		    r->attrs.a[i].val, r->attrs.a[i].len);
	}
	if (now > r->created)
		d += now - r->created;
	if (d > 0xffffffffU)
		d = 0xffffffffU;
	rad_list_add_u32(out, 0, RAD_ACCT_DELAY_TIME, (uint32_t)d);
}

/*
 * File name: creation time in microseconds, pid and a per-process
 * sequence, fixed-width hex, so that names sort in creation order.
 */
int
rad_spool_name(char *buf, size_t cap, uint64_t created_us, uint32_t pid,
    uint32_t seq)
{
	int n;

	n = snprintf(buf, cap, "%016llx-%08x-%08x.acct",
	    (unsigned long long)created_us, pid, seq);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

int
rad_spool_name_ok(const char *s)
{
	static const char tmpl[] = "0000000000000000-00000000-00000000.acct";
	size_t i;

	for (i = 0; i < sizeof(tmpl) - 1; i++) {
		if (tmpl[i] == '0') {
			if (!((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'f')))
				return 0;
		} else if (s[i] != tmpl[i])
			return 0;
	}
	return s[i] == '\0';
}
