/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_sim.h: a deterministic lossy-link simulator that runs two GRE
 * engines against each other on a virtual clock, with seeded loss,
 * duplication, delay and jitter (hence reordering) per direction, and
 * checks delivery invariants as it goes.  Test code only.
 */
#ifndef PPTPNG_GRE_SIM_H
#define PPTPNG_GRE_SIM_H

#include <stdint.h>

#include "../../gre/gre_session.h"

struct sim_link {
	uint32_t	loss_pct;	/* per packet, 0-100 */
	uint32_t	dup_pct;	/* per packet, 0-100 */
	uint64_t	delay_us;	/* fixed one-way delay */
	uint64_t	jitter_us;	/* + uniform [0, jitter) */
};

/* What one side saw as a receiver (and sent as a sender). */
struct sim_result {
	uint64_t	sent;		/* frames accepted by gre_tx_data */
	uint64_t	reached;	/* frames with >= 1 copy arriving */
	uint64_t	delivered;	/* frames handed up */
	uint64_t	order_errors;	/* not strictly increasing */
	uint64_t	max_hold_us;	/* first arrival -> delivery */
	uint32_t	max_queue;	/* reorder queue high-water mark */
	uint64_t	last_delivered;	/* app counter of the last frame */
	uint64_t	lone_acks;	/* ack-only packets sent */
	int		stalled;	/* held frames left at the end */
};

struct sim_result_pair {
	struct sim_result	side[2];
	struct gre_stats	stats[2];
};

int	sim_run(uint64_t, const struct gre_config *, const struct sim_link *,
	    uint32_t, uint64_t, struct sim_result_pair *);

#endif /* PPTPNG_GRE_SIM_H */
