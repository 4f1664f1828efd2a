/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_gre_sim.c: two GRE engines against each other through the seeded
 * lossy-link simulator (tests/lib/gre_sim.c): exactly-once in-order
 * delivery under reordering and duplication (study R14), bounded queue,
 * hold time and no stall under loss, a windowed pair, and determinism.
 */
#include <string.h>

#include "check_main.h"
#include "lib/gre_sim.h"

#define MS		1000ull
#define NFRAMES		5000

static struct gre_config cfg[2];
static struct sim_result_pair res;

static void
setup(void)
{
	gre_config_default(&cfg[0]);
	gre_config_default(&cfg[1]);
	memset(&res, 0, sizeof(res));
}

static void
run(uint64_t seed, const struct sim_link *l, uint64_t interval)
{
	ck_assert_int_eq(sim_run(seed, cfg, l, NFRAMES, interval, &res), 0);
}

/* Both directions: ordered, bounded, nothing left stranded. */
static void
assert_bounded(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(res.side[i].order_errors, 0);
		ck_assert_uint_le(res.side[i].max_queue, cfg[i].reorder_max);
		ck_assert_uint_le(res.side[i].max_hold_us,
		    cfg[i].reorder_timeout_us);
		ck_assert_int_eq(res.side[i].stalled, 0);
		ck_assert_uint_eq(res.stats[i].rx_bad_ack, 0);
	}
}

/*
 * R14: jitter below the reorder time-out (and at most 20 packets of
 * displacement, under reorder_max) plus duplicates: all exactly once.
 */
START_TEST(t_R14_sim_reorder_dup_exactly_once)
{
	static const struct sim_link l[2] = {
		{ 0, 10, 5 * MS, 40 * MS }, { 0, 10, 5 * MS, 40 * MS },
	};
	int i;

	run(0x5eed0000u + (uint64_t)_i, l, 2 * MS);
	assert_bounded();
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(res.side[i].delivered, NFRAMES);
		ck_assert_uint_eq(res.side[i].last_delivered, NFRAMES - 1);
		ck_assert_uint_eq(res.stats[i].rx_lost, 0);
		ck_assert_uint_gt(res.stats[i].rx_buffered, 0);
		ck_assert_uint_gt(res.stats[i].rx_late_or_dup +
		    res.stats[i].rx_dup_queued, 0);
	}
}
END_TEST

/* Loss with mild jitter: every frame that reached the peer is delivered. */
START_TEST(t_sim_loss_no_stall)
{
	static const struct sim_link l[2] = {
		{ 5, 2, 10 * MS, 20 * MS }, { 5, 2, 10 * MS, 20 * MS },
	};
	int i;

	run(0xabcdef00u + (uint64_t)_i, l, 2 * MS);
	assert_bounded();
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(res.side[i].delivered, res.side[i].reached);
		ck_assert_uint_lt(res.side[i].delivered, NFRAMES);
		ck_assert_uint_gt(res.stats[i].rx_lost, 0);
		ck_assert_uint_gt(res.stats[i].rx_reorder_timeouts, 0);
	}
}
END_TEST

/* Heavy loss and jitter beyond the time-out: bounded, ordered, no stall. */
START_TEST(t_sim_heavy_loss_bounded)
{
	static const struct sim_link l[2] = {
		{ 30, 5, 1 * MS, 120 * MS }, { 30, 5, 1 * MS, 120 * MS },
	};
	int i;

	run(0x1234u + (uint64_t)_i, l, 500);
	assert_bounded();
	for (i = 0; i < 2; i++) {
		ck_assert_uint_gt(res.side[i].delivered, NFRAMES / 3);
		ck_assert_uint_gt(res.stats[i].rx_reorder_overflow +
		    res.stats[i].rx_reorder_timeouts, 0);
		ck_assert_uint_gt(res.stats[i].rx_late_or_dup, 0);
	}
}
END_TEST

/* RFC send window on both sides under loss: it keeps moving. */
START_TEST(t_sim_windowed_progress)
{
	static const struct sim_link l[2] = {
		{ 10, 0, 20 * MS, 5 * MS }, { 10, 0, 20 * MS, 5 * MS },
	};
	int i;

	for (i = 0; i < 2; i++) {
		cfg[i].windowing = 1;
		cfg[i].peer_win = 8;
	}
	run(77, l, 2 * MS);
	assert_bounded();
	for (i = 0; i < 2; i++) {
		ck_assert_uint_gt(res.side[i].sent, NFRAMES / 10);
		ck_assert_uint_gt(res.stats[i].tx_window_drop, 0);
		ck_assert_uint_gt(res.stats[i].ack_timeouts, 0);
		ck_assert_uint_eq(res.side[1 - i].delivered,
		    res.side[1 - i].reached);
	}
}
END_TEST

/* One-way traffic: the idle side acks about every ack_every packets. */
START_TEST(t_sim_lone_acks_bounded)
{
	static const struct sim_link l[2] = {
		{ 0, 0, 5 * MS, 0 }, { 0, 0, 5 * MS, 0 },
	};

	run(5, l, 1 * MS);
	/* Both send, so acks ride on data: hardly any lone ack. */
	ck_assert_uint_lt(res.side[0].lone_acks + res.side[1].lone_acks, 10);
	ck_assert_uint_eq(res.stats[0].rx_old_ack + res.stats[1].rx_old_ack,
	    0);
	ck_assert_uint_lt(res.stats[0].rtt_us, 12 * MS);
}
END_TEST

START_TEST(t_sim_deterministic)
{
	static const struct sim_link l[2] = {
		{ 10, 10, 3 * MS, 30 * MS }, { 10, 10, 3 * MS, 30 * MS },
	};
	struct sim_result_pair first;

	run(99, l, 1 * MS);
	first = res;
	run(99, l, 1 * MS);
	ck_assert_mem_eq(&first, &res, sizeof(res));
	run(100, l, 1 * MS);
	ck_assert_int_ne(memcmp(&first.stats, &res.stats, sizeof(res.stats)),
	    0);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*su = suite_create("gre_sim");
	TCase	*tc = tcase_create("sim");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, t_R14_sim_reorder_dup_exactly_once, 0, 4);
	tcase_add_loop_test(tc, t_sim_loss_no_stall, 0, 4);
	tcase_add_loop_test(tc, t_sim_heavy_loss_bounded, 0, 4);
	tcase_add_test(tc, t_sim_windowed_progress);
	tcase_add_test(tc, t_sim_lone_acks_bounded);
	tcase_add_test(tc, t_sim_deterministic);
	suite_add_tcase(su, tc);
	return su;
}
