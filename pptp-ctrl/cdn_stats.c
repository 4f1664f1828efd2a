/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cdn_stats.c: formats a CDN's Call Statistics text (see cdn_stats.h).
 */
#include <stdio.h>
#include <string.h>

#include "cdn_stats.h"
#include "ctrl_wire.h"

/* Appends ", item" (or "item" first) when it fits whole; 0 if not. */
static int
append(char *buf, size_t cap, size_t *len, const char *item)
{
	size_t	sep = *len > 0 ? 2 : 0, n = strlen(item);

	if (*len + sep + n >= cap)
		return 0;
	if (sep > 0)
		memcpy(buf + *len, ", ", sep);
	memcpy(buf + *len + sep, item, n + 1);
	*len += sep + n;
	return 1;
}

size_t
cdn_stats_format(char *buf, size_t size, const struct cdn_stats *s)
{
	char	item[4][96];
	size_t	cap = size < PPTP_STATS_LEN + 1 ? size : PPTP_STATS_LEN + 1;
	size_t	len = 0, i, n = 3;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	snprintf(item[0], sizeof(item[0]), "duration %llu:%02u:%02u",
	    (unsigned long long)(s->secs / 3600),
	    (unsigned)(s->secs / 60 % 60), (unsigned)(s->secs % 60));
	snprintf(item[1], sizeof(item[1]), "rx %llu bytes %llu pkts",
	    (unsigned long long)s->rx_bytes, (unsigned long long)s->rx_pkts);
	snprintf(item[2], sizeof(item[2]), "tx %llu bytes %llu pkts",
	    (unsigned long long)s->tx_bytes, (unsigned long long)s->tx_pkts);
	if (s->gre) {
		snprintf(item[3], sizeof(item[3]), "GRE lost %llu reordered %llu",
		    (unsigned long long)s->gre_lost,
		    (unsigned long long)s->gre_reordered);
		n = 4;
	}
	for (i = 0; i < n; i++)
		if (!append(buf, cap, &len, item[i]))
			break;
	return len;
}
