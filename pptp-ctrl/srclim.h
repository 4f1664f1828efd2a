/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * srclim.h: the per-source-address limits the listener enforces: allow and
 * deny CIDR lists (pptpd.conf text, matched in place), and a bounded table
 * of source addresses with a fixed-window counter and a ban deadline (the
 * connection rate and the auth-failure ban).  Pure: the caller passes the
 * clock; nothing here allocates, logs or reads the system.
 */
#ifndef PPTPNG_SRCLIM_H
#define PPTPNG_SRCLIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SRCLIM_ACL_MAX		32	/* networks in one allow/deny list */

/* Addresses are host order throughout. */

/* 0, or -1 with a message in err: the list is a valid allow/deny value. */
int		 srclim_acl_check(const char *, char *, size_t);

/* Whether addr is in one of the networks of a checked list. */
bool		 srclim_acl_match(const char *, uint32_t);

/*
 * deny wins over allow: refused when addr matches deny, or when allow is
 * not empty and addr matches none of it.  Empty strings: no list.
 */
bool		 srclim_acl_refuses(const char *, const char *, uint32_t);

struct srclim_ent {
	uint32_t	addr;		/* 0: free */
	uint64_t	last_ms;	/* last counted event */
	uint64_t	win_ms;		/* start of the current window */
	unsigned	win_n;		/* events in it */
	uint64_t	ban_until;	/* 0: not banned */
};

/*
 * The entry of addr, or a free one, or the least recently used unbanned
 * one (a banned one only when all are banned), reset for addr.  Entries
 * idle for more than keep_ms and not banned are freed on the way.
 */
struct srclim_ent	*srclim_slot(struct srclim_ent *, size_t, uint32_t,
			    uint64_t, uint64_t);

/* The entry of addr, or NULL; the table is not changed. */
const struct srclim_ent	*srclim_find(const struct srclim_ent *, size_t,
			    uint32_t);

/*
 * Counts one event at now in a fixed window of window_ms; true when the
 * window now holds more than limit events.
 */
bool		 srclim_count(struct srclim_ent *, uint64_t, unsigned,
		    uint64_t);

/* Whether addr is banned at now. */
bool		 srclim_banned(const struct srclim_ent *, size_t, uint32_t,
		    uint64_t);

#endif /* PPTPNG_SRCLIM_H */
