/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * radius_spool.h: the accounting spool of pptp-radius.so.  A record is one
 * Accounting-Request no server accepted (its attributes, when it was made
 * and the delay it already had), kept as one file per record whose name
 * sorts in creation order.  radius_spool.c is the pure record codec;
 * radius_spool_io.c is the thin file shell (write+fsync+rename, replay in
 * order, bounded).  Neither knows pppd or radcli.
 */
#ifndef PPTPNG_RADIUS_SPOOL_H
#define PPTPNG_RADIUS_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "radius_map.h"

#define RAD_SPOOL_MAGIC		0x52535031U	/* "RSP1" */
#define RAD_SPOOL_REC_MAX	(16 + RAD_LIST_ATTRS * 6 + RAD_LIST_STORE + 4)
#define RAD_SPOOL_NAME_LEN	40		/* with NUL */

struct rad_spool_rec {
	uint64_t	 created;	/* seconds since the epoch */
	uint32_t	 delay;		/* Acct-Delay-Time it already had */
	struct rad_list	 attrs;		/* without Acct-Delay-Time */
};

enum rad_spool_err {
	SPOOL_OK = 0, SPOOL_E_SHORT, SPOOL_E_MAGIC, SPOOL_E_CRC,
	SPOOL_E_ATTR, SPOOL_E_TRAILING, SPOOL_E_COUNT
};
extern const char *const rad_spool_err_names[SPOOL_E_COUNT];

uint32_t	 rad_crc32(const uint8_t *, size_t);
size_t		 rad_spool_encode(uint8_t *, size_t,
		    const struct rad_spool_rec *);
enum rad_spool_err rad_spool_decode(const uint8_t *, size_t,
		    struct rad_spool_rec *);
void		 rad_spool_prepare(const struct rad_spool_rec *, uint64_t,
		    struct rad_list *);
int		 rad_spool_name(char *, size_t, uint64_t, uint32_t, uint32_t);
int		 rad_spool_name_ok(const char *);

/* radius_spool_io.c */
struct rad_spool {
	char		 dir[256];
	unsigned int	 max;		/* records kept at most */
	uint32_t	 seq;
};

/* Sends one request; returns 0 when a server accepted it. */
typedef int	 rad_spool_send_fn(void *, const struct rad_list *);

int		 rad_spool_put(struct rad_spool *, const struct rad_spool_rec *,
		    uint64_t, uint32_t);
int		 rad_spool_replay(struct rad_spool *, uint64_t,
		    rad_spool_send_fn *, void *, unsigned int *);
int		 rad_spool_count(const struct rad_spool *);

#endif /* PPTPNG_RADIUS_SPOOL_H */
