/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pool.c: parses poptop's localip/remoteip SPEC (comma list of addresses,
 * host names and one-part ranges) and owns the slot pool that pairs
 * local[i] with remote[i].  Pure: no sockets, no resolver of its own (the
 * caller injects one), no logging; problems become conf_diag entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

/* The most addresses one SPEC may hold: a range per comma, 256 each. */
#define POOL_SLOTS_MAX	65535

struct collect {
	uint32_t	*addr;
	unsigned	 n;
	unsigned	 cap;
	bool		 more;		/* the list went past cap */
};

static int	 spec_entry(const char *, size_t, const struct pool_resolver *,
		    int (*)(void *, uint32_t), void *, char *, size_t);
static int	 parse_octet(const char *, size_t, unsigned *);
static int	 accept_any(void *, const char *, uint32_t *);
static int	 count_addr(void *, uint32_t);
static int	 collect_addr(void *, uint32_t);
static int	 pool_list(const char *, const char *, unsigned,
		    const struct pool_resolver *, struct collect *,
		    struct conf_diag *);
static int	 pool_dup_check(const struct collect *, unsigned,
		    struct conf_diag *);
static void	 pool_odd_addrs(const struct collect *, const char *,
		    unsigned, struct conf_diag *);

/*
 * One decimal part of a dotted quad: 1-3 digits, 0-255, and no leading
 * zero (inet_addr(3), which poptop used, reads "010" as octal 8).
 */
static int
parse_octet(const char *s, size_t len, unsigned *out)
{
	unsigned	v = 0;
	size_t		i;

	if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > 255)
		return -1;
	*out = v;
	return 0;
}

/* Strict dotted quad "a.b.c.d" of exactly len bytes; host order out. */
int
pool_parse_addr(const char *s, size_t len, uint32_t *out)
{
	uint32_t	a = 0;
	unsigned	part, v;
	size_t		i, start = 0;

	for (part = 0; part < 4; part++) {
		for (i = start; i < len && s[i] != '.'; i++)
			;
		if ((part < 3) != (i < len))
			return -1;
		if (parse_octet(s + start, i - start, &v) == -1)
			return -1;
		a = a << 8 | v;
		start = i + 1;
	}
	*out = a;
	return 0;
}

void
pool_addr_str(uint32_t a, char *buf, size_t cap)
{
	(void)snprintf(buf, cap, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
	    (a >> 8) & 0xff, a & 0xff);
}

/* A syntactically valid DNS name that is not a mangled dotted quad. */
bool
pool_is_hostname(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || len > 253 || s[0] == '-' || s[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '.'))
			return false;
	/* All digits, dots and dashes: a broken address, not a name. */
	for (i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '-' &&
		    s[i] != '.')
			return true;
	return false;
}

/*
 * One entry between commas.  poptop's grammar: an entry made only of
 * digits, dots and dashes with exactly three dots and one dash is a range,
 * and the dash may sit in any one of the four parts ("10.0-3.0.1");
 * anything else is a single address or a host name.
 */
static int
spec_entry(const char *s, size_t len, const struct pool_resolver *res,
    int (*fn)(void *, uint32_t), void *arg, char *err, size_t errlen)
{
	char		name[256];
	const char	*p, *dash;
	uint32_t	a;
	unsigned	dots = 0, dashes = 0, part, lo, hi, v;
	size_t		i, start;
	int		rc;

	if (len == 0) {
		(void)snprintf(err, errlen, "empty entry (a comma at the "
		    "start or end, or two commas in a row)");
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] == '-')
			dashes++;
		else if (s[i] < '0' || s[i] > '9')
			break;
	}
	if (i == len && dots == 3 && dashes == 1) {
		a = 0;
		lo = hi = 0;
		start = 0;
		for (part = 0; part < 4; part++) {
			for (i = start; i < len && s[i] != '.'; i++)
				;
			p = s + start;
			dash = memchr(p, '-', i - start);
			if (dash == NULL) {
				if (parse_octet(p, i - start, &v) == -1)
					goto badpart;
			} else {
				if (parse_octet(p, (size_t)(dash - p), &lo) == -1 ||
				    parse_octet(dash + 1,
				    i - start - (size_t)(dash - p) - 1, &hi) == -1)
					goto badpart;
				if (hi < lo) {
					(void)snprintf(err, errlen, "range "
					    "%.*s has upper bound below lower "
					    "bound (no shortcuts: write 234-238, "
					    "not 234-8)",
					    (int)(i - start), p);
					return -1;
				}
				v = 0;
			}
			a = a << 8 | v;
			start = i + 1;
			continue;
badpart:
			(void)snprintf(err, errlen, "'%.*s' in '%.*s' is not "
			    "a number from 0 to 255 (no leading zeros)",
			    (int)(i - start), p, (int)len, s);
			return -1;
		}
		/* Find the ranged part again to know its shift. */
		dash = memchr(s, '-', len);
		for (part = 0, i = 0; s + i < dash; i++)
			if (s[i] == '.')
				part++;
		for (v = lo; v <= hi; v++) {
			rc = fn(arg, a | v << (8 * (3 - part)));
			if (rc != 0)
				return rc;
		}
		return 0;
	}
	if (pool_parse_addr(s, len, &a) == 0) {
		if (a == 0xffffffffU) {
			(void)snprintf(err, errlen, "255.255.255.255 is not "
			    "a host address");
			return -1;
		}
		return fn(arg, a);
	}
	if (i == len) {
		(void)snprintf(err, errlen, "'%.*s' is not a valid address or "
		    "range: four parts from 0 to 255 without leading zeros, "
		    "at most one of them a range like 234-238", (int)len, s);
		return -1;
	}
	if (!pool_is_hostname(s, len)) {
		(void)snprintf(err, errlen, "'%.*s' is not an IPv4 address, "
		    "a range like 192.168.0.234-238, or a host name",
		    (int)len, s);
		return -1;
	}
	if (res == NULL || res->resolve == NULL) {
		(void)snprintf(err, errlen, "'%.*s' is a host name and "
		    "nothing resolves names here", (int)len, s);
		return -1;
	}
	memcpy(name, s, len);
	name[len] = '\0';
	if (res->resolve(res->arg, name, &a) == -1) {
		(void)snprintf(err, errlen, "cannot resolve host name '%s'",
		    name);
		return -1;
	}
	return fn(arg, a);
}

int
pool_spec_walk(const char *spec, const struct pool_resolver *res,
    int (*fn)(void *, uint32_t), void *arg, char *err, size_t errlen)
{
	const char	*p = spec, *comma;
	size_t		 len;
	int		 rc;

	for (;;) {
		comma = strchr(p, ',');
		len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		rc = spec_entry(p, len, res, fn, arg, err, errlen);
		if (rc != 0)
			return rc == 1 ? 0 : -1;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

static int
accept_any(void *arg, const char *name, uint32_t *out)
{
	(void)arg;
	(void)name;
	*out = 0;
	return 0;
}

static int
count_addr(void *arg, uint32_t a)
{
	unsigned	*n = arg;

	(void)a;
	if (++*n > POOL_SLOTS_MAX)
		return 1;
	return 0;
}

/* Syntax only: host names pass (they are resolved by pool_init()). */
int
pool_spec_check(const char *spec, char *err, size_t errlen)
{
	struct pool_resolver	 any = { accept_any, NULL };
	unsigned		 n = 0;

	if (spec[0] == '\0') {
		(void)snprintf(err, errlen, "missing address list");
		return -1;
	}
	if (strpbrk(spec, " \t") != NULL) {
		(void)snprintf(err, errlen, "no spaces are allowed in the "
		    "list%s", strchr(spec, '#') != NULL ? " ('#' starts a "
		    "comment only at the start of a line)" : "");
		return -1;
	}
	return pool_spec_walk(spec, &any, count_addr, &n, err, errlen);
}

static int
collect_addr(void *arg, uint32_t a)
{
	struct collect	*c = arg;

	if (c->n == c->cap) {
		c->more = true;
		return 1;
	}
	c->addr[c->n++] = a;
	return 0;
}

/* Expands one SPEC into at most cap addresses; poptop truncates there. */
static int
pool_list(const char *kw, const char *spec, unsigned line,
    const struct pool_resolver *res, struct collect *c,
    struct conf_diag *d)
{
	char	err[CONF_DIAG_MSGLEN];

	c->n = 0;
	c->more = false;
	c->addr = calloc(c->cap, sizeof(*c->addr));
	if (c->addr == NULL) {
		conf_diag_add(d, CONF_ERROR, line, "%s: out of memory", kw);
		return -1;
	}
	if (pool_spec_walk(spec, res, collect_addr, c, err, sizeof(err))
	    == -1) {
		conf_diag_add(d, CONF_ERROR, line, "%s: %s", kw, err);
		return -1;
	}
	if (c->more && strcmp(kw, "remoteip") == 0)
		conf_diag_add(d, CONF_WARNING, line, "%s: more addresses than "
		    "connections (%u); the ones after the first %u are not "
		    "used", kw, c->cap, c->cap);
	return 0;
}

/* qsort(3)/bsearch(3) order of host-order addresses. */
int
pool_cmp_addr(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* poptop 1.5.0 refuses a remote address given twice; so do we. */
static int
pool_dup_check(const struct collect *c, unsigned line, struct conf_diag *d)
{
	char		 s[POOL_ADDRSTRLEN];
	uint32_t	*sorted;
	unsigned	 i;
	int		 rc = 0;

	if ((sorted = calloc(c->n + 1, sizeof(*sorted))) == NULL) {
		conf_diag_add(d, CONF_ERROR, line, "remoteip: out of memory");
		return -1;
	}
	memcpy(sorted, c->addr, c->n * sizeof(*sorted));
	qsort(sorted, c->n, sizeof(*sorted), pool_cmp_addr);
	for (i = 1; i < c->n; i++) {
		if (sorted[i] != sorted[i - 1])
			continue;
		pool_addr_str(sorted[i], s, sizeof(s));
		conf_diag_add(d, CONF_ERROR, line, "remoteip: address %s is "
		    "listed more than once; two clients would get the same "
		    "address", s);
		rc = -1;
		break;
	}
	free(sorted);
	return rc;
}

/* Addresses no client or server end can use; poptop took them silently. */
static void
pool_odd_addrs(const struct collect *c, const char *kw, unsigned line,
    struct conf_diag *d)
{
	char		s[POOL_ADDRSTRLEN];
	unsigned	i;
	uint32_t	a;

	for (i = 0; i < c->n; i++) {
		a = c->addr[i];
		if (a >> 24 != 0 && a >> 24 != 127 && a >> 29 != 7)
			continue;
		pool_addr_str(a, s, sizeof(s));
		conf_diag_add(d, CONF_WARNING, line, "%s: %s is a %s address "
		    "and cannot work as a tunnel end", kw, s,
		    a >> 24 == 0 ? "\"this network\"" : a >> 24 == 127 ?
		    "loopback" : "multicast or reserved");
		return;
	}
}

/*
 * Builds the slots as poptop does: remote list first (truncated at
 * connections, which then shrinks to the number of remote addresses),
 * then the local list; a single local address serves every slot.
 */
int
pool_init(struct pool *p, const struct conf *c,
    const struct pool_resolver *res, struct conf_diag *d)
{
	struct collect	 rem = { 0 }, loc = { 0 };
	const char	*rspec, *lspec;
	unsigned	 limit, i, rline, lline;

	memset(p, 0, sizeof(*p));
	rline = c->line[CONF_KW_REMOTEIP];
	lline = c->line[CONF_KW_LOCALIP];
	if (c->delegate) {
		if (c->localip[0] != '\0' || c->remoteip[0] != '\0')
			conf_diag_add(d, CONF_WARNING, rline ? rline : lline,
			    "localip/remoteip are ignored because delegate "
			    "is set: pppd allocates the addresses");
		return 0;
	}
	rspec = c->remoteip[0] != '\0' ? c->remoteip : CONF_REMOTEIP_DEFAULT;
	lspec = c->localip[0] != '\0' ? c->localip : CONF_LOCALIP_DEFAULT;
	if (c->localip[0] == '\0')
		conf_diag_add(d, CONF_WARNING, 0, "localip not set: using "
		    "poptop's built-in default " CONF_LOCALIP_DEFAULT);
	if (c->remoteip[0] == '\0')
		conf_diag_add(d, CONF_WARNING, 0, "remoteip not set: using "
		    "poptop's built-in default " CONF_REMOTEIP_DEFAULT);

	limit = c->connections;
	if (limit == 0 || limit > POOL_SLOTS_MAX)
		limit = CONF_CONNECTIONS_DEFAULT;
	rem.cap = limit;
	if (pool_list("remoteip", rspec, rline, res, &rem, d) == -1 ||
	    pool_dup_check(&rem, rline, d) == -1)
		goto fail;
	pool_odd_addrs(&rem, "remoteip", rline, d);
	if (rem.n < limit)
		limit = rem.n;
	loc.cap = limit;
	if (pool_list("localip", lspec, lline, res, &loc, d) == -1)
		goto fail;
	pool_odd_addrs(&loc, "localip", lline, d);
	if (loc.n == 1 && limit > 1)
		p->shared_local = true;
	else if (loc.n < limit)
		limit = loc.n;

	p->size = limit;
	p->nremote = rem.n;
	p->nlocal = loc.n;
	p->remote = rem.addr;
	p->local = calloc(limit, sizeof(*p->local));
	p->busy = calloc((limit + 63) / 64, sizeof(*p->busy));
	if (p->local == NULL || p->busy == NULL) {
		conf_diag_add(d, CONF_ERROR, 0, "pool: out of memory");
		free(loc.addr);
		pool_fini(p);
		return -1;
	}
	for (i = 0; i < limit; i++)
		p->local[i] = loc.addr[p->shared_local ? 0 : i];
	free(loc.addr);
	return 0;
fail:
	free(rem.addr);
	free(loc.addr);
	memset(p, 0, sizeof(*p));
	return -1;
}

void
pool_fini(struct pool *p)
{
	free(p->local);
	free(p->remote);
	free(p->busy);
	memset(p, 0, sizeof(*p));
}

/* The lowest free slot, as poptop's slot_find_empty(). */
int
pool_alloc(struct pool *p, uint32_t *local, uint32_t *remote,
    unsigned *slot)
{
	unsigned	w, b, i;

	for (w = 0; w < (p->size + 63) / 64; w++) {
		if (p->busy[w] == UINT64_MAX)
			continue;
		for (b = 0; b < 64; b++)
			if ((p->busy[w] & (UINT64_C(1) << b)) == 0)
				break;
		i = w * 64 + b;
		if (i >= p->size)
			break;
		p->busy[w] |= UINT64_C(1) << b;
		p->used++;
		*local = p->local[i];
		*remote = p->remote[i];
		*slot = i;
		return 0;
	}
	return -1;
}

int
pool_free(struct pool *p, unsigned slot)
{
	uint64_t	bit = UINT64_C(1) << (slot % 64);

	if (slot >= p->size || (p->busy[slot / 64] & bit) == 0)
		return -1;
	p->busy[slot / 64] &= ~bit;
	p->used--;
	return 0;
}

unsigned
pool_used(const struct pool *p)
{
	return p->used;
}

unsigned
pool_size(const struct pool *p)
{
	return p->size;
}

bool
pool_in_subnet(uint32_t a, uint32_t net, unsigned plen)
{
	uint32_t	mask;

	if (plen == 0)
		return true;
	if (plen > 32)
		plen = 32;
	mask = UINT32_MAX << (32 - plen);
	return (a & mask) == (net & mask);
}

/* How many remote (or local) slot addresses lie in net/plen; first hit. */
unsigned
pool_count_in_subnet(const struct pool *p, bool remote, uint32_t net,
    unsigned plen, unsigned *first)
{
	const uint32_t	*v = remote ? p->remote : p->local;
	unsigned	 i, n = 0;

	for (i = 0; i < p->size; i++) {
		if (!pool_in_subnet(v[i], net, plen))
			continue;
		if (n++ == 0 && first != NULL)
			*first = i;
		if (!remote && p->shared_local)
			break;
	}
	return n;
}
