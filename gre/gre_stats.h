/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_stats.h: the per-call counters and gauges of the GRE engine, one
 * uint64_t per drop, ack and traffic reason, listed once in an X-macro so
 * the daemon, pptpctl and the SNMP subagent can iterate names and values.
 * Data only: the engine updates them, nothing here decides policy.
 */
#ifndef PPTPNG_GRE_STATS_H
#define PPTPNG_GRE_STATS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Counters (monotonic).  Byte counters count PPP payload bytes, not GRE or
 * IP headers.  rx_* below rx_bad_cid are per packet that passed header and
 * call-ID checks.
 */
#define GRE_STATS_COUNTERS(X)						\
	X(rx_pkts)		/* datagrams passed to gre_input() */	\
	X(rx_bytes)		/* payload bytes of accepted data */	\
	X(rx_delivered)		/* frames handed to PPP */		\
	X(rx_ack_only)		/* ack-only packets received */		\
	X(rx_invalid_hdr)	/* bad fixed bits, protocol, S=A=0 */	\
	X(rx_truncated)		/* runt, short header, short payload */	\
	X(rx_bad_cid)		/* call ID is not ours */		\
	X(rx_too_big)		/* payload above max_payload */		\
	X(rx_empty)		/* S=1 with Payload Length 0 */		\
	X(rx_late_or_dup)	/* behind rcv_nxt: dropped */		\
	X(rx_late_lcp)		/* late LCP echo delivered anyway */	\
	X(rx_dup_queued)	/* duplicate of a queued packet */	\
	X(rx_buffered)		/* early packets queued for reorder */	\
	X(rx_lost)		/* sequence numbers skipped */		\
	X(rx_reorder_timeouts)	/* gaps given up by the timer */	\
	X(rx_reorder_overflow)	/* gaps given up for lack of room */	\
	X(rx_far)		/* far-ahead candidates (or discards) */\
	X(rx_resync)		/* far jumps confirmed */		\
	X(rx_bad_ack)		/* ack beyond what we sent */		\
	X(rx_old_ack)		/* ack at or before snd_acked */	\
	X(tx_pkts)		/* data packets built */		\
	X(tx_bytes)		/* payload bytes of those */		\
	X(tx_ack_only)		/* ack-only packets built */		\
	X(tx_window_drop)	/* frames refused: send window full */	\
	X(tx_too_big)		/* frames refused: too long/no room */	\
	X(ack_timeouts)		/* RFC 2637 §4.4.2 ack time-outs */

/* Gauges (current value). */
#define GRE_STATS_GAUGES(X)						\
	X(rtt_us)		/* §4.4.1 smoothed round-trip time */	\
	X(ato_us)		/* §4.4.1 adaptive ack time-out */	\
	X(cwnd)			/* §4.2 send window; 0 when off */

struct gre_stats {
#define GRE_STATS_FIELD(name)	uint64_t name;
	GRE_STATS_COUNTERS(GRE_STATS_FIELD)
	GRE_STATS_GAUGES(GRE_STATS_FIELD)
#undef GRE_STATS_FIELD
};

#define GRE_STATS_NFIELDS	(sizeof(struct gre_stats) / sizeof(uint64_t))

/* Name and value of field i, 0 <= i < GRE_STATS_NFIELDS, in list order. */
const char	*gre_stats_name(size_t);
uint64_t	 gre_stats_value(const struct gre_stats *, size_t);
int		 gre_stats_is_gauge(size_t);

#endif /* PPTPNG_GRE_STATS_H */
