/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pool.h: poptop's localip/remoteip address lists and the slot pool built
 * from them (slot i pairs local[i] with remote[i]).  Pure: host names are
 * resolved only through a resolver the caller passes in; the interface
 * list for the overlap check is collected by the caller too.
 */
#ifndef PPTPNG_POOL_H
#define PPTPNG_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

/* Resolves a host name to an IPv4 address (host order); 0 or -1. */
struct pool_resolver {
	int	(*resolve)(void *, const char *, uint32_t *);
	void	 *arg;
};

struct pool {
	unsigned	 size;		/* slots: the effective connections */
	unsigned	 used;
	unsigned	 nremote;	/* addresses remoteip gave (<= cap) */
	unsigned	 nlocal;	/* addresses localip gave (<= cap) */
	bool		 shared_local;	/* one localip for every slot */
	uint32_t	*local;		/* host order, size entries */
	uint32_t	*remote;
	uint64_t	*busy;		/* bit per slot */
};

/* An interface address of this host, for pool_count_in_subnet(). */
struct pool_ifaddr {
	char		 name[CONF_IFNAME_MAX];
	uint32_t	 addr;		/* host order */
	unsigned	 prefixlen;
};

/* Calls fn(arg, addr) per address; fn returns 0 go on, 1 stop, -1 fail. */
int		 pool_spec_walk(const char *, const struct pool_resolver *,
		    int (*)(void *, uint32_t), void *, char *, size_t);
int		 pool_spec_check(const char *, char *, size_t);
int		 pool_parse_addr(const char *, size_t, uint32_t *);
void		 pool_addr_str(uint32_t, char *, size_t);
bool		 pool_is_hostname(const char *, size_t);
int		 pool_cmp_addr(const void *, const void *);

int		 pool_init(struct pool *, const struct conf *,
		    const struct pool_resolver *, struct conf_diag *);
void		 pool_fini(struct pool *);
int		 pool_alloc(struct pool *, uint32_t *, uint32_t *, unsigned *);
int		 pool_free(struct pool *, unsigned);
unsigned	 pool_used(const struct pool *);
unsigned	 pool_size(const struct pool *);
bool		 pool_in_subnet(uint32_t, uint32_t, unsigned);
unsigned	 pool_count_in_subnet(const struct pool *, bool, uint32_t,
		    unsigned, unsigned *);

#define POOL_ADDRSTRLEN	16

#endif
