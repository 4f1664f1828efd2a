/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_gre.c: packets per second through the GRE engine: encapsulate on
 * one session, decode + sequence + deliver on the other, batch-end acks
 * back.  An in-order stream and one with 1% adjacent swaps.  Reports only:
 * never fails on time, only on a wrong delivery count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../gre/gre_session.h"

#define NPKTS		10000000u
#define PAYLOAD		64
#define BATCH		8
#define TARGET_MPPS	5.0

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Returns frames delivered; *secs the time spent. */
static uint64_t
run(unsigned swap_per_mille, double *secs)
{
	static uint8_t	 buf[2][GRE_HDR_MAX + PAYLOAD];
	struct gre_config ca, cb;
	struct gre_session *a, *b;
	struct gre_frame f, held = { 0 }, r;
	uint8_t		 ack[16];
	uint64_t	 delivered = 0, t = 0, x = 88172645463325252ull;
	size_t		 n;
	uint32_t	 i;
	int		 have_held = 0, cur = 0;
	double		 t0;

	gre_config_default(&ca);
	ca.our_cid = 1;
	ca.peer_cid = 2;
	cb = ca;
	cb.our_cid = 2;
	cb.peer_cid = 1;
	a = gre_session_new(&ca);
	b = gre_session_new(&cb);
	if (a == NULL || b == NULL)
		exit(1);
	memset(buf, 0x5a, sizeof(buf));

	t0 = now_s();
	for (i = 0; i < NPKTS; i++) {
		t += 1;			/* 1 µs per packet of virtual time */
		if (gre_tx_data(a, buf[cur], GRE_HDR_MAX, PAYLOAD, t, &f) !=
		    GRE_TX_OK)
			exit(1);
		if (!have_held && swap_per_mille > 0 && i + 1 < NPKTS &&
		    rnd(&x) % 1000 < swap_per_mille) {
			/* Hold this one back: it arrives after the next. */
			held = f;
			have_held = 1;
			cur ^= 1;
			continue;
		}
		gre_input(b, f.p, f.len, t);
		while (gre_rx_next(b, &r))
			delivered++;
		if (have_held) {
			gre_input(b, held.p, held.len, t);
			while (gre_rx_next(b, &r))
				delivered++;
			have_held = 0;
		}
		if (i % BATCH == BATCH - 1) {
			gre_batch_end(b, t);
			if ((n = gre_tx_ack(b, ack, sizeof(ack))) > 0)
				gre_input(a, ack, n, t);
		}
		if (gre_next_deadline(b) <= t)
			gre_timer(b, t);
	}
	*secs = now_s() - t0;
	gre_session_free(a);
	gre_session_free(b);
	return delivered;
}

int
main(void)
{
	static const struct {
		const char	*name;
		unsigned	 swap;
	} v[] = {
		{ "in-order", 0 },
		{ "1% reordered", 10 },
	};
	uint64_t	 d;
	double		 secs, mpps;
	size_t		 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		d = run(v[i].swap, &secs);
		mpps = NPKTS / secs / 1e6;
		printf("gre engine %s: %.2f Mpps (target >= %.0f Mpps), "
		    "%u packets in %.3f s\n", v[i].name, mpps, TARGET_MPPS,
		    NPKTS, secs);
		if (d != NPKTS) {
			fprintf(stderr, "bench_gre: delivered %llu of %u\n",
			    (unsigned long long)d, NPKTS);
			return 1;
		}
	}
	return 0;
}
