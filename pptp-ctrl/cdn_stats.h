/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cdn_stats.h: the text of a CDN's Call Statistics field (RFC 2637
 * §2.13, 128 octets): what the daemon knows about a call as it ends.
 * Pure: numbers in, ASCII out.
 */
#ifndef PPTPNG_CDN_STATS_H
#define PPTPNG_CDN_STATS_H

#include <stddef.h>
#include <stdint.h>

struct cdn_stats {
	uint64_t	secs;			/* call duration */
	uint64_t	rx_bytes, rx_pkts;	/* PPP interface, from the peer */
	uint64_t	tx_bytes, tx_pkts;	/* PPP interface, to the peer */
	int		gre;			/* user mode: the next two known */
	uint64_t	gre_lost, gre_reordered;
};

/*
 * "duration H:MM:SS, rx N bytes N pkts, tx N bytes N pkts[, GRE lost N
 * reordered N]" into buf (size bytes with the NUL; at most
 * PPTP_STATS_LEN + 1 are used).  An item that does not fit is left out
 * whole, with every item after it: never a cut number.  Returns strlen.
 */
size_t	cdn_stats_format(char *, size_t, const struct cdn_stats *);

#endif
