/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_gre_session.c: libFuzzer target for gre/gre_session.c.  The input
 * is an event script for two sessions (packets with chosen seq/ack/length
 * or raw bytes, time steps, sends, timers, batch ends, lone acks); after
 * each event the invariants are checked, abort() on violation: queue
 * length <= reorder_max; within each call, in-order deliveries at or after
 * the rcv_nxt the call started from, strictly increasing in serial order
 * (so never twice), and rcv_nxt left past the last one (serial order is
 * not transitive over 2^31, so each call is checked against its base); payloads within max_payload, lone acks exactly
 * 12 bytes, and no deadline left in the past after gre_timer().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../gre/gre_session.h"
#include "../../gre/seq.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fz {
	const uint8_t	*p, *end;
};

struct side {
	struct gre_session *s;
	struct gre_config cfg;
	int		 started;	/* base valid: data seen before call */
	uint32_t	 base;		/* rcv_nxt when the call began */
};

static uint32_t
take(struct fz *f, unsigned n)
{
	uint32_t v = 0;

	while (n-- > 0)
		v = v << 8 | (f->p < f->end ? *f->p++ : 0);
	return v;
}

/* Record rcv_nxt before a call that may deliver. */
static void
mark(struct side *sd)
{
	sd->started = gre_rx_expected(sd->s, &sd->base);
}

static void
drain(struct side *sd)
{
	struct gre_frame fr;
	uint32_t	 nxt;
	int		 any = 0;

	while (gre_rx_next(sd->s, &fr)) {
		if (fr.len > sd->cfg.max_payload)
			abort();
		if (fr.late)
			continue;
		if (sd->started && !seq_ge(fr.seq, sd->base))
			abort();	/* behind rcv_nxt, or delivered twice */
		sd->started = 1;
		sd->base = fr.seq + 1;
		any = 1;
	}
	if (any && (!gre_rx_expected(sd->s, &nxt) || !seq_ge(nxt, sd->base)))
		abort();
	if (gre_rx_queued(sd->s) > sd->cfg.reorder_max)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 9 };
	static uint8_t	 pkt[4096], pl[80];
	struct side	 sd[2];
	struct fz	 f = { data, data + size };
	struct gre_hdr	 h;
	struct gre_frame fr;
	uint64_t	 now = 0;
	size_t		 n;
	uint32_t	 op;
	int		 i, k;

	memset(sd, 0, sizeof(sd));
	for (i = 0; i < 2; i++) {
		gre_config_default(&sd[i].cfg);
		sd[i].cfg.our_cid = (uint16_t)(7 + i);
		sd[i].cfg.peer_cid = (uint16_t)(8 - i);
		sd[i].cfg.reorder_max = take(&f, 1) % 40;
		sd[i].cfg.far_limit = take(&f, 1) * 64;
		sd[i].cfg.windowing = take(&f, 1) & 1;
		sd[i].cfg.peer_win = (uint16_t)take(&f, 1);
		sd[i].cfg.always_ack = take(&f, 1) & 1;
		sd[i].cfg.tx_start_seq = take(&f, 4);
		sd[i].cfg.max_payload = 64;
		sd[i].s = gre_session_new(&sd[i].cfg);
		if (sd[i].s == NULL)
			abort();
	}
	while (f.p < f.end) {
		op = take(&f, 1);
		k = op & 1;
		switch (op >> 1 & 7) {
		case 0:			/* data packet, chosen header */
			memset(&h, 0, sizeof(h));
			h.call_id = sd[k].cfg.our_cid;
			h.has_seq = 1;
			h.seq = take(&f, 2) | (take(&f, 1) & 0x80 ?
			    0xffff0000u : 0);
			h.has_ack = take(&f, 1) & 1;
			h.ack = take(&f, 4);
			h.payload_len = (uint16_t)(take(&f, 1) % 80);
			/* Some payloads are LCP echoes (late exception). */
			memset(pl, 0, sizeof(pl));
			if (op & 0x80)
				memcpy(pl, lcp, sizeof(lcp));
			n = gre_build(pkt, sizeof(pkt), &h, pl);
			mark(&sd[k]);
			(void)gre_input(sd[k].s, pkt, n, now);
			drain(&sd[k]);
			break;
		case 1:			/* raw bytes */
			n = take(&f, 1) % 40;
			for (i = 0; i < (int)n; i++)
				pkt[i] = (uint8_t)take(&f, 1);
			mark(&sd[k]);
			(void)gre_input(sd[k].s, pkt, n, now);
			drain(&sd[k]);
			break;
		case 2:			/* time passes */
			now += take(&f, 2) * (op & 0x80 ? 1000 : 1);
			break;
		case 3:			/* timer at its deadline */
			if (gre_next_deadline(sd[k].s) != GRE_NEVER &&
			    gre_next_deadline(sd[k].s) > now)
				now = gre_next_deadline(sd[k].s);
			mark(&sd[k]);
			(void)gre_timer(sd[k].s, now);
			drain(&sd[k]);
			if (gre_next_deadline(sd[k].s) <= now)
				abort();
			break;
		case 4:			/* send a frame to the other side */
			n = take(&f, 1) % 60;
			if (gre_tx_data(sd[k].s, pkt, GRE_HDR_MAX, n, now,
			    &fr) == GRE_TX_OK) {
				if (fr.p != pkt + GRE_HDR_MAX - (fr.len - n))
					abort();
				mark(&sd[1 - k]);
				(void)gre_input(sd[1 - k].s, fr.p, fr.len,
				    now);
				drain(&sd[1 - k]);
			}
			break;
		case 5:			/* batch end and lone ack */
			(void)gre_batch_end(sd[k].s, now);
			n = gre_tx_ack(sd[k].s, pkt, sizeof(pkt));
			if (n != 0 && n != 12)
				abort();
			if (n > 0) {
				mark(&sd[1 - k]);
				(void)gre_input(sd[1 - k].s, pkt, n, now);
				drain(&sd[1 - k]);
			}
			break;
		case 6:			/* ack-only from the peer */
			memset(&h, 0, sizeof(h));
			h.call_id = sd[k].cfg.our_cid;
			h.has_ack = 1;
			h.ack = take(&f, 4);
			n = gre_build(pkt, sizeof(pkt), &h, NULL);
			mark(&sd[k]);
			(void)gre_input(sd[k].s, pkt, n, now);
			drain(&sd[k]);
			break;
		case 7:			/* reset */
			if (op & 0x80) {
				gre_session_reset(sd[k].s);
			}
			break;
		}
	}
	for (i = 0; i < 2; i++)
		gre_session_free(sd[i].s);
	return 0;
}
