/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_sim.c: two GRE sessions joined by two simulated links on a virtual
 * clock.  Each side sends nframes numbered frames at a fixed interval; the
 * links lose, duplicate and delay them from a seeded PRNG; the simulator
 * acts as both I/O shells (input, drain, batch end, lone acks, timers).
 * Deterministic for a given seed.  Never reads a real clock.
 */
#include <stdlib.h>
#include <string.h>

#include "gre_sim.h"

#define SIM_PKT_MAX	64
#define SIM_FLIGHT_MAX	65536
#define SIM_FIRST_GAP	200000	/* µs between frame 0 and frame 1 */

struct sim_pkt {
	uint64_t	at;
	int		dst;
	uint32_t	len;
	uint8_t		data[SIM_PKT_MAX];
};

struct sim {
	uint64_t		 now;
	uint64_t		 rng;
	struct gre_session	*s[2];
	const struct sim_link	*link;		/* link[i]: i -> 1-i */
	struct sim_pkt		*flight;
	size_t			 nflight;
	uint64_t		*first_arrival[2];
	uint32_t		 nframes;
	int			 started[2];
	uint64_t		 last[2];
	struct sim_result	*res;
};

static uint64_t	sim_rand(struct sim *);
static void	sim_wire(struct sim *, int, const uint8_t *, size_t);
static void	sim_drain(struct sim *, int);
static void	sim_acks(struct sim *, int);
static void	sim_send(struct sim *, int, uint32_t);

/* xorshift64*: small, fast, deterministic. */
static uint64_t
sim_rand(struct sim *m)
{
	m->rng ^= m->rng >> 12;
	m->rng ^= m->rng << 25;
	m->rng ^= m->rng >> 27;
	return m->rng * 0x2545f4914f6cdd1dull;
}

/* Put a packet from side src on its link: maybe lose, dup, delay. */
static void
sim_wire(struct sim *m, int src, const uint8_t *p, size_t len)
{
	const struct sim_link *l = &m->link[src];
	int copies = 1, i;

	if (len > SIM_PKT_MAX)
		abort();
	if (sim_rand(m) % 100 < l->loss_pct)
		copies = 0;
	else if (sim_rand(m) % 100 < l->dup_pct)
		copies = 2;
	for (i = 0; i < copies; i++) {
		struct sim_pkt *k;

		if (m->nflight == SIM_FLIGHT_MAX)
			abort();
		k = &m->flight[m->nflight++];
		k->at = m->now + l->delay_us +
		    (l->jitter_us ? sim_rand(m) % l->jitter_us : 0);
		k->dst = 1 - src;
		k->len = (uint32_t)len;
		memcpy(k->data, p, len);
	}
}

/* Hand delivered frames up and check the invariants on them. */
static void
sim_drain(struct sim *m, int side)
{
	struct sim_result *r = &m->res[side];
	struct gre_frame f;
	uint64_t app, hold;

	while (gre_rx_next(m->s[side], &f)) {
		if (f.len != 8)
			abort();
		memcpy(&app, f.p, sizeof(app));
		if (m->started[side] && app <= m->last[side])
			r->order_errors++;
		m->started[side] = 1;
		m->last[side] = app;
		r->delivered++;
		r->last_delivered = app;
		if (app < m->nframes) {
			hold = m->now - m->first_arrival[side][app];
			if (hold > r->max_hold_us)
				r->max_hold_us = hold;
		}
	}
	if (gre_rx_queued(m->s[side]) > r->max_queue)
		r->max_queue = gre_rx_queued(m->s[side]);
}

static void
sim_acks(struct sim *m, int side)
{
	uint8_t b[SIM_PKT_MAX];
	size_t n;

	if ((n = gre_tx_ack(m->s[side], b, sizeof(b))) > 0) {
		m->res[side].lone_acks++;
		sim_wire(m, side, b, n);
	}
}

static void
sim_send(struct sim *m, int side, uint32_t app)
{
	uint8_t b[SIM_PKT_MAX];
	uint64_t v = app;
	struct gre_frame f;

	memcpy(b + GRE_HDR_MAX, &v, sizeof(v));
	if (gre_tx_data(m->s[side], b, GRE_HDR_MAX, sizeof(v), m->now,
	    &f) != GRE_TX_OK)
		return;
	m->res[side].sent++;
	sim_wire(m, side, f.p, f.len);
}

/*
 * Run nframes from each side, interval µs apart, then 10 s of quiet so
 * every timer can fire.  Frame 0 goes out SIM_FIRST_GAP ahead of the
 * rest, so it is the first to arrive: the first arrival sets a receiver's
 * baseline (study R2), and a frame 0 overtaken would be late by design.
 * cfg[i] is side i's config (call IDs are set here), link[i] the link
 * from side i.  0 on success, -1 on setup failure.
 */
int
sim_run(uint64_t seed, const struct gre_config *cfg,
    const struct sim_link *link, uint32_t nframes, uint64_t interval,
    struct sim_result_pair *out)
{
	struct sim	 m;
	struct gre_config c[2];
	uint64_t	 end, t, dl;
	uint32_t	 sent = 0, i;
	size_t		 k, best;
	int		 side, rc = -1;

	memset(&m, 0, sizeof(m));
	memset(out, 0, sizeof(*out));
	m.rng = seed ? seed : 1;
	m.link = link;
	m.res = out->side;
	m.nframes = nframes;
	for (side = 0; side < 2; side++) {
		c[side] = cfg[side];
		c[side].our_cid = (uint16_t)(100 + side);
		c[side].peer_cid = (uint16_t)(101 - side);
		m.s[side] = gre_session_new(&c[side]);
		m.first_arrival[side] = malloc(nframes * sizeof(uint64_t));
		if (m.s[side] == NULL || m.first_arrival[side] == NULL)
			goto out;
		for (i = 0; i < nframes; i++)
			m.first_arrival[side][i] = UINT64_MAX;
	}
	if ((m.flight = malloc(SIM_FLIGHT_MAX * sizeof(*m.flight))) == NULL)
		goto out;
	end = SIM_FIRST_GAP + (uint64_t)nframes * interval + 10000000;

	while (m.now <= end) {
		/* The next event: a send, an arrival or a session deadline. */
		t = sent >= nframes ? UINT64_MAX : sent == 0 ? 0 :
		    SIM_FIRST_GAP + (uint64_t)sent * interval;
		best = SIZE_MAX;
		for (k = 0; k < m.nflight; k++)
			if (m.flight[k].at < t) {
				t = m.flight[k].at;
				best = k;
			}
		for (side = 0; side < 2; side++) {
			dl = gre_next_deadline(m.s[side]);
			if (dl < t) {
				t = dl;
				best = SIZE_MAX - 1 - (size_t)side;
			}
		}
		if (t == UINT64_MAX || t > end)
			break;
		m.now = t;
		if (best == SIZE_MAX - 1 || best == SIZE_MAX - 2) {
			side = (int)(SIZE_MAX - 1 - best);
			gre_timer(m.s[side], m.now);
			sim_drain(&m, side);
			sim_acks(&m, side);
		} else if (best != SIZE_MAX) {
			struct sim_pkt p = m.flight[best];
			struct gre_hdr h;
			uint64_t app;

			m.flight[best] = m.flight[--m.nflight];
			if (gre_parse(p.data, p.len, &h) == GRE_OK &&
			    h.payload_len == 8) {
				memcpy(&app, h.payload, sizeof(app));
				if (app < nframes &&
				    m.first_arrival[p.dst][app] == UINT64_MAX) {
					m.first_arrival[p.dst][app] = m.now;
					out->side[p.dst].reached++;
				}
			}
			gre_input(m.s[p.dst], p.data, p.len, m.now);
			sim_drain(&m, p.dst);
			gre_batch_end(m.s[p.dst], m.now);
			sim_acks(&m, p.dst);
		} else {
			for (side = 0; side < 2; side++)
				sim_send(&m, side, sent);
			sent++;
		}
	}
	for (side = 0; side < 2; side++) {
		out->side[side].stalled = gre_rx_queued(m.s[side]) != 0;
		out->stats[side] = *gre_session_stats(m.s[side]);
	}
	rc = 0;
out:
	for (side = 0; side < 2; side++) {
		gre_session_free(m.s[side]);
		free(m.first_arrival[side]);
	}
	free(m.flight);
	return rc;
}
