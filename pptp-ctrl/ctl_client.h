/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctl_client.h: one request/answer exchange on pptpd-ng's control socket
 * (ctl_client.c), for pptpctl and pptpd-ng-snmp.  Blocking, bounded by a
 * time-out; never logs, never exits.
 */
#ifndef PPTPNG_CTL_CLIENT_H
#define PPTPNG_CTL_CLIENT_H

#include "ctl_wire.h"

/*
 * Sends req, calls cb(arg, rec) for each record (cb returns -1 to give
 * up), stores the final result.  0 when a result arrived (it may say
 * ok=false); -1 with a message in err when there was none.
 */
int	ctl_query(const char *, const struct ctl_request *, unsigned,
	    int (*)(void *, const struct ctl_rec *), void *,
	    struct ctl_result *, char *, size_t);

/* Everything one "show all" returned; arrays in the daemon's order. */
struct ctl_snap {
	int			 has_stats;
	struct ctl_stats	 stats;
	struct ctl_tunnel	*tunnels;
	size_t			 ntunnels;
	struct ctl_call		*calls;
	size_t			 ncalls;
	struct ctl_authfail	*authfails;
	size_t			 nauthfails;
};

/* A ctl_query() callback that appends to a struct ctl_snap. */
int	ctl_snap_add(void *, const struct ctl_rec *);
void	ctl_snap_free(struct ctl_snap *);

#endif /* PPTPNG_CTL_CLIENT_H */
