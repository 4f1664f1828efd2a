/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipc_wire.c: encoder and strict decoder of the plugin -> daemon event
 * lines (grammar in plugins/pptp_ipc.h).  Only the canonical encoding is
 * accepted, so parse(build(m)) == m and build(parse(b)) == b.  Pure: no
 * I/O, no allocation, no logging; every loop is bounded by the input.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "ipc_wire.h"

static const char *const ipc_err_names[] = {
	[IPC_OK] = "ok",
	[IPC_ERR_EMPTY] = "empty datagram",
	[IPC_ERR_TOO_LONG] = "datagram too long",
	[IPC_ERR_NO_LF] = "not terminated by one LF",
	[IPC_ERR_EVENT] = "bad event name",
	[IPC_ERR_KEY] = "bad key",
	[IPC_ERR_NO_EQ] = "pair without '='",
	[IPC_ERR_VALUE] = "bad value encoding",
	[IPC_ERR_VALUE_LEN] = "value too long",
	[IPC_ERR_SPACE] = "empty field",
	[IPC_ERR_DUP_KEY] = "duplicate key",
	[IPC_ERR_PAIRS] = "too many pairs",
	[IPC_ERR_NO_ROOM] = "no room",
};
static_assert(sizeof(ipc_err_names) / sizeof(ipc_err_names[0]) ==
    IPC_ERR_COUNT, "ipc_err name table out of step");

static const char ipc_hex[] = "0123456789ABCDEF";

static int	 ipc_name_ok(const char *, size_t, int);
static int	 ipc_literal(unsigned char);
static int	 ipc_hexval(char);
static enum ipc_err ipc_decode_value(const char *, size_t, char *);

const char *
ipc_err_str(enum ipc_err e)
{
	if ((unsigned)e >= IPC_ERR_COUNT)
		return "unknown";
	return ipc_err_names[e];
}

/* Event names are [a-z]+; keys [a-z][a-z_]*; both 1..IPC_NAME_MAX. */
static int
ipc_name_ok(const char *s, size_t n, int is_key)
{
	size_t	 i;

	if (n == 0 || n > IPC_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			continue;
		if (is_key && i > 0 && s[i] == '_')
			continue;
		return 0;
	}
	return 1;
}

/* Bytes written as themselves; every other printable byte is %XX. */
static int
ipc_literal(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("-._:/@+,", c) != NULL;
}

/* Upper-case hex only: one spelling per byte. */
static int
ipc_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum ipc_err
ipc_msg_init(struct ipc_msg *m, const char *event)
{
	size_t	 n = strnlen(event, IPC_NAME_MAX + 1);

	memset(m, 0, sizeof(*m));
	if (!ipc_name_ok(event, n, 0))
		return IPC_ERR_EVENT;
	memcpy(m->event, event, n);
	return IPC_OK;
}

/* Values must be printable ASCII (0x20-0x7e); callers sanitise first. */
enum ipc_err
ipc_msg_add(struct ipc_msg *m, const char *key, const char *val)
{
	size_t	 kn, vn, i;

	kn = strnlen(key, IPC_NAME_MAX + 1);
	if (!ipc_name_ok(key, kn, 1))
		return IPC_ERR_KEY;
	vn = strnlen(val, IPC_VALUE_MAX + 1);
	if (vn > IPC_VALUE_MAX)
		return IPC_ERR_VALUE_LEN;
	for (i = 0; i < vn; i++)
		if ((unsigned char)val[i] < 0x20 ||
		    (unsigned char)val[i] > 0x7e)
			return IPC_ERR_VALUE;
	if (ipc_get(m, key) != NULL)
		return IPC_ERR_DUP_KEY;
	if (m->npairs == IPC_PAIRS_MAX)
		return IPC_ERR_PAIRS;
	memcpy(m->pairs[m->npairs].key, key, kn + 1);
	memcpy(m->pairs[m->npairs].val, val, vn + 1);
	m->npairs++;
	return IPC_OK;
}

enum ipc_err
ipc_msg_add_u64(struct ipc_msg *m, const char *key, uint64_t v)
{
	char	 buf[21];
	size_t	 i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return ipc_msg_add(m, key, buf + i);
}

/*
 * Encode m as "event key=value ...\n" into buf (no NUL written).  Returns
 * the datagram length, or 0 if it does not fit in cap or IPC_DGRAM_MAX.
 */
size_t
ipc_build(char *buf, size_t cap, const struct ipc_msg *m)
{
	size_t		 o = 0, i, j, n;
	unsigned char	 c;

	if (cap > IPC_DGRAM_MAX)
		cap = IPC_DGRAM_MAX;
#define PUT(ch)	do { if (o >= cap) return 0; buf[o++] = (ch); } while (0)
	n = strnlen(m->event, sizeof(m->event));
	if (!ipc_name_ok(m->event, n, 0) || m->npairs > IPC_PAIRS_MAX)
		return 0;
	for (j = 0; j < n; j++)
		PUT(m->event[j]);
	for (i = 0; i < m->npairs; i++) {
		const struct ipc_pair *p = &m->pairs[i];

		n = strnlen(p->key, sizeof(p->key));
		if (!ipc_name_ok(p->key, n, 1))
			return 0;
		PUT(' ');
		for (j = 0; j < n; j++)
			PUT(p->key[j]);
		PUT('=');
		for (j = 0; j < sizeof(p->val) && p->val[j] != '\0'; j++) {
			c = (unsigned char)p->val[j];
			if (c < 0x20 || c > 0x7e)
				return 0;
			if (ipc_literal(c)) {
				PUT((char)c);
				continue;
			}
			PUT('%');
			PUT(ipc_hex[c >> 4]);
			PUT(ipc_hex[c & 0xf]);
		}
		if (j == sizeof(p->val))
			return 0;
	}
	PUT('\n');
#undef PUT
	return o;
}

/* Decode one value of n wire bytes into out[IPC_VALUE_MAX + 1]. */
static enum ipc_err
ipc_decode_value(const char *s, size_t n, char *out)
{
	size_t	 i, o = 0;
	int	 hi, lo;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			if (n - i < 3)
				return IPC_ERR_VALUE;
			hi = ipc_hexval(s[i + 1]);
			lo = ipc_hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return IPC_ERR_VALUE;
			c = (unsigned char)(hi << 4 | lo);
			/* Canonical: only what the encoder escapes. */
			if (c < 0x20 || c > 0x7e || ipc_literal(c))
				return IPC_ERR_VALUE;
			i += 2;
		} else if (!ipc_literal(c))
			return IPC_ERR_VALUE;
		if (o == IPC_VALUE_MAX)
			return IPC_ERR_VALUE_LEN;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return IPC_OK;
}

/*
 * Parse one datagram.  Fields are separated by exactly one space; the
 * datagram ends with exactly one LF and contains no other control byte.
 */
enum ipc_err
ipc_parse(const char *buf, size_t len, struct ipc_msg *m)
{
	const char	*p, *end, *sp, *eq;
	struct ipc_pair	*pr;
	enum ipc_err	 e;
	size_t		 i;

	memset(m, 0, sizeof(*m));
	if (len == 0)
		return IPC_ERR_EMPTY;
	if (len > IPC_DGRAM_MAX)
		return IPC_ERR_TOO_LONG;
	if (buf[len - 1] != '\n')
		return IPC_ERR_NO_LF;
	end = buf + len - 1;
	if (memchr(buf, '\n', len - 1) != NULL)
		return IPC_ERR_NO_LF;

	sp = memchr(buf, ' ', (size_t)(end - buf));
	if (sp == NULL)
		sp = end;
	if (!ipc_name_ok(buf, (size_t)(sp - buf), 0))
		return IPC_ERR_EVENT;
	memcpy(m->event, buf, (size_t)(sp - buf));

	for (p = sp; p < end; p = sp) {
		p++;				/* the separating space */
		sp = memchr(p, ' ', (size_t)(end - p));
		if (sp == NULL)
			sp = end;
		if (sp == p)
			return IPC_ERR_SPACE;
		if (m->npairs == IPC_PAIRS_MAX)
			return IPC_ERR_PAIRS;
		eq = memchr(p, '=', (size_t)(sp - p));
		if (eq == NULL)
			return IPC_ERR_NO_EQ;
		if (!ipc_name_ok(p, (size_t)(eq - p), 1))
			return IPC_ERR_KEY;
		pr = &m->pairs[m->npairs];
		memcpy(pr->key, p, (size_t)(eq - p));
		for (i = 0; i < m->npairs; i++)
			if (strcmp(m->pairs[i].key, pr->key) == 0)
				return IPC_ERR_DUP_KEY;
		e = ipc_decode_value(eq + 1, (size_t)(sp - eq - 1), pr->val);
		if (e != IPC_OK)
			return e;
		m->npairs++;
	}
	return IPC_OK;
}

const char *
ipc_get(const struct ipc_msg *m, const char *key)
{
	size_t	 i;

	for (i = 0; i < m->npairs; i++)
		if (strcmp(m->pairs[i].key, key) == 0)
			return m->pairs[i].val;
	return NULL;
}

/* A decimal uint64: 1-20 digits, no sign, no leading zero, no overflow. */
int
ipc_get_u64(const struct ipc_msg *m, const char *key, uint64_t *out)
{
	const char	*s;
	uint64_t	 v = 0;
	unsigned	 d;

	if ((s = ipc_get(m, key)) == NULL || *s == '\0')
		return -1;
	if (s[0] == '0' && s[1] != '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}
