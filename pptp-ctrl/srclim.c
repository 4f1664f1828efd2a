/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * srclim.c: allow/deny CIDR lists and the bounded per-source table behind
 * the connection-rate limit and the auth-failure ban (see srclim.h).
 * Pure: lists are parsed in place from the configuration text, the clock
 * is an argument, and the table is the caller's fixed array.
 */
#include <stdio.h>
#include <string.h>

#include "pool.h"
#include "srclim.h"

#define ACL_SEP		" \t,"

static int	 acl_net(const char *, size_t, uint32_t *, uint32_t *);

/* "A.B.C.D" or "A.B.C.D/LEN" into a network and its mask; 0 or -1. */
static int
acl_net(const char *s, size_t len, uint32_t *net, uint32_t *mask)
{
	const char	*slash;
	size_t		 alen, i;
	unsigned	 bits = 32;
	uint32_t	 a;

	slash = memchr(s, '/', len);
	alen = slash != NULL ? (size_t)(slash - s) : len;
	if (pool_parse_addr(s, alen, &a) == -1)
		return -1;
	if (slash != NULL) {
		i = alen + 1;
		if (i == len || len - i > 2 || (s[i] == '0' && len - i > 1))
			return -1;
		for (bits = 0; i < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			bits = bits * 10 + (unsigned)(s[i] - '0');
		}
		if (bits > 32)
			return -1;
	}
	*mask = bits == 0 ? 0 : UINT32_MAX << (32 - bits);
	if ((a & ~*mask) != 0)
		return -1;
	*net = a;
	return 0;
}

int
srclim_acl_check(const char *spec, char *err, size_t errlen)
{
	const char	*p = spec;
	size_t		 n, count = 0;
	uint32_t	 net, mask;

	for (;;) {
		p += strspn(p, ACL_SEP);
		if (*p == '\0')
			break;
		n = strcspn(p, ACL_SEP);
		if (acl_net(p, n, &net, &mask) == -1) {
			(void)snprintf(err, errlen, "'%.*s' is not an IPv4 "
			    "address or network (A.B.C.D/LEN with no host "
			    "bits set)", (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		if (++count > SRCLIM_ACL_MAX) {
			(void)snprintf(err, errlen, "more than %d networks",
			    SRCLIM_ACL_MAX);
			return -1;
		}
		p += n;
	}
	if (count == 0) {
		(void)snprintf(err, errlen, "no network given");
		return -1;
	}
	return 0;
}

bool
srclim_acl_match(const char *spec, uint32_t addr)
{
	const char	*p = spec;
	size_t		 n;
	uint32_t	 net, mask;

	for (;;) {
		p += strspn(p, ACL_SEP);
		if (*p == '\0')
			return false;
		n = strcspn(p, ACL_SEP);
		if (acl_net(p, n, &net, &mask) == 0 && (addr & mask) == net)
			return true;
		p += n;
	}
}

bool
srclim_acl_refuses(const char *allow, const char *deny, uint32_t addr)
{
	if (deny[0] != '\0' && srclim_acl_match(deny, addr))
		return true;
	return allow[0] != '\0' && !srclim_acl_match(allow, addr);
}

struct srclim_ent *
srclim_slot(struct srclim_ent *t, size_t n, uint32_t addr, uint64_t now,
    uint64_t keep_ms)
{
	struct srclim_ent	*e, *pick = NULL;
	size_t			 i;

	for (i = 0; i < n; i++) {
		e = &t[i];
		if (e->addr != 0 && e->ban_until <= now &&
		    now - e->last_ms > keep_ms)
			memset(e, 0, sizeof(*e));
		if (e->addr == addr && addr != 0)
			return e;
		/* Free first, then unbanned before banned, then oldest. */
		if (pick == NULL || (pick->addr != 0 && (e->addr == 0 ||
		    (e->ban_until > now) < (pick->ban_until > now) ||
		    ((e->ban_until > now) == (pick->ban_until > now) &&
		    e->last_ms < pick->last_ms))))
			pick = e;
	}
	if (pick == NULL)
		return NULL;
	memset(pick, 0, sizeof(*pick));
	pick->addr = addr;
	pick->last_ms = now;
	pick->win_ms = now;
	return pick;
}

const struct srclim_ent *
srclim_find(const struct srclim_ent *t, size_t n, uint32_t addr)
{
	size_t	i;

	for (i = 0; i < n && addr != 0; i++)
		if (t[i].addr == addr)
			return &t[i];
	return NULL;
}

bool
srclim_count(struct srclim_ent *e, uint64_t now, unsigned limit,
    uint64_t window_ms)
{
	if (now - e->win_ms >= window_ms || now < e->win_ms) {
		e->win_ms = now;
		e->win_n = 0;
	}
	e->last_ms = now;
	if (e->win_n < UINT32_MAX)
		e->win_n++;
	return e->win_n > limit;
}

bool
srclim_banned(const struct srclim_ent *t, size_t n, uint32_t addr,
    uint64_t now)
{
	const struct srclim_ent	*e = srclim_find(t, n, addr);

	return e != NULL && e->ban_until > now;
}
