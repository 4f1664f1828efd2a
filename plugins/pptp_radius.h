/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_radius.h: the seam between the two halves of pptp-radius.so.
 * pptp_radius.c (pppd side, never includes radcli) talks to
 * pptp_radius_rc.c (radcli side, never includes pppd) only through these
 * calls and the pure types of radius_map.h, so pppd's `bool` and radcli's
 * names never meet in one translation unit.
 */
#ifndef PPTPNG_PPTP_RADIUS_H
#define PPTPNG_PPTP_RADIUS_H

#include <stddef.h>
#include <stdint.h>

#include "radius_map.h"

struct radc;

enum radc_res {
	RADC_ACCEPT,		/* Access-Accept or Accounting-Response */
	RADC_REJECT,		/* Access-Reject (or a Challenge we refuse) */
	RADC_NOSERVER,		/* no server answered */
	RADC_ERROR		/* could not build or send the request */
};

/* What an Access-Accept/Reject brought back. */
struct radc_reply {
	struct rad_list	 attrs;
	uint8_t		 reqauth[RAD_AUTH_LEN];	/* of our request */
	char		 secret[256];		/* of the server that answered */
	size_t		 secret_len;
	char		 msg[4096];		/* Reply-Message text */
};

struct radc	*radc_open(const char *, char *, size_t);
void		 radc_close(struct radc *);
int		 radc_is_tls(const struct radc *);
enum radc_res	 radc_auth(struct radc *, uint32_t, const struct rad_list *,
		    struct radc_reply *);
enum radc_res	 radc_acct(struct radc *, uint32_t, const struct rad_list *);
int		 radc_avpair(struct radc *, const char *, struct rad_list *);

#endif /* PPTPNG_PPTP_RADIUS_H */
