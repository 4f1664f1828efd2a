/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_session.h: one PPTP call's enhanced-GRE engine (RFC 2637 §4): receive
 * sequencing with a bounded reorder buffer, ack generation, peer-ack
 * processing, the §4.4 adaptive ack time-out and the optional §4.2 send
 * window.  Time is passed in (monotonic µs); calls return verdicts, actions
 * and deadlines.  No sockets, clock, logging or per-packet allocation.
 */
#ifndef PPTPNG_GRE_SESSION_H
#define PPTPNG_GRE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "gre_stats.h"
#include "gre_wire.h"

#define GRE_NEVER	UINT64_MAX	/* "no deadline" */

struct gre_config {
	uint16_t	our_cid;	/* ID we allocated: checked on input */
	uint16_t	peer_cid;	/* peer's ID: written on output */
	uint16_t	peer_win;	/* peer's Packet Recv. Window Size */
	uint16_t	peer_ppd;	/* peer's PPD, 1/10 s units */
	uint32_t	tx_start_seq;	/* first sequence number sent (0) */
	uint32_t	reorder_max;	/* reorder queue (32); 0 = off */
	uint64_t	reorder_timeout_us; /* longest hold (50 ms) */
	uint64_t	ack_delay_us;	/* delayed lone ack (50 ms) */
	uint32_t	ack_every;	/* lone ack at batch end after N (2) */
	uint32_t	far_limit;	/* far-ahead distance (4096); 0 = off */
	uint64_t	ato_max_us;	/* §4.4 MaxTimeOut (3 s) */
	uint32_t	max_payload;	/* largest payload accepted (2048) */
	uint8_t		windowing;	/* §4.2 send window (0 = off) */
	uint8_t		always_ack;	/* A on every data packet (0) */
	uint8_t		lcp_echo_late;	/* deliver late LCP echoes (1) */
};

/* What gre_input() did with one datagram; names in gre_verdict_str(). */
enum gre_verdict {
	GRE_V_DELIVER,		/* frames ready: drain with gre_rx_next() */
	GRE_V_HELD,		/* queued for reordering / far candidate */
	GRE_V_ACK_ONLY,		/* ack-only packet processed */
	GRE_V_EMPTY,		/* S=1, no payload: sequence consumed */
	GRE_V_DROP_INVALID,	/* header refused by gre_parse() */
	GRE_V_DROP_TRUNCATED,	/* runt, short header or payload */
	GRE_V_DROP_BAD_CID,	/* not our call ID */
	GRE_V_DROP_TOO_BIG,	/* payload above max_payload */
	GRE_V_DROP_LATE,	/* late or duplicate of a delivered seq */
	GRE_V_DROP_DUP,		/* duplicate of a queued packet */
	GRE_V_COUNT
};

/* What gre_tx_data() did with one outgoing frame. */
enum gre_tx_verdict {
	GRE_TX_OK,
	GRE_TX_WINDOW_FULL,	/* §4.2 send window closed: dropped */
	GRE_TX_TOO_BIG,		/* longer than 65535 or no headroom */
	GRE_TX_COUNT
};

/* Action bits returned by gre_timer() and gre_batch_end(). */
#define GRE_ACT_DELIVER	0x1	/* drain gre_rx_next() */
#define GRE_ACT_ACK	0x2	/* build and send gre_tx_ack() */

/* A frame to hand to PPP (or a packet to send). */
struct gre_frame {
	const uint8_t	*p;
	size_t		 len;
	uint32_t	 seq;
	int		 late;	/* late LCP echo, outside sequence order */
};

struct gre_session;

/*
 * Typical shell loop: for each datagram, gre_ip4_strip() then gre_input(),
 * then drain gre_rx_next() whatever the verdict (a passed hold may have
 * expired); after the batch, gre_batch_end() and gre_tx_ack() when asked;
 * arm a timer for gre_next_deadline() and call gre_timer() when it passes.
 * Outgoing PPP frames go through gre_tx_data() with GRE_HDR_MAX headroom.
 */

void		 gre_config_default(struct gre_config *);
struct gre_session *gre_session_new(const struct gre_config *);
void		 gre_session_free(struct gre_session *);
void		 gre_session_reset(struct gre_session *);

enum gre_verdict gre_input(struct gre_session *, const uint8_t *, size_t,
		    uint64_t);
int		 gre_rx_next(struct gre_session *, struct gre_frame *);
unsigned	 gre_timer(struct gre_session *, uint64_t);
unsigned	 gre_batch_end(struct gre_session *, uint64_t);
uint64_t	 gre_next_deadline(const struct gre_session *);

enum gre_tx_verdict gre_tx_data(struct gre_session *, uint8_t *, size_t,
		    size_t, uint64_t, struct gre_frame *);
int		 gre_ack_needed(const struct gre_session *);
size_t		 gre_tx_ack(struct gre_session *, uint8_t *, size_t);

const struct gre_stats *gre_session_stats(const struct gre_session *);
unsigned	 gre_rx_queued(const struct gre_session *);
int		 gre_rx_expected(const struct gre_session *, uint32_t *);
const char	*gre_verdict_str(enum gre_verdict);
const char	*gre_tx_verdict_str(enum gre_tx_verdict);

#endif /* PPTPNG_GRE_SESSION_H */
