/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_gre_tx.c: transmit side of the GRE engine: sequence numbering,
 * processing of the peer's acks, the RFC 2637 §4.4 adaptive ack time-out
 * (exact test vector of the study §b.5) and the optional §4.2 send window;
 * the study's §c S1-S16, W5 and A7 cases, as timelines in µs.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "lib/gre_tutil.h"

#define MS		1000ull
#define ST(x)		(gre_session_stats(tu_s)->x)

static void
windowed(uint16_t peer_win, uint16_t ppd)
{
	tu_c.windowing = 1;
	tu_c.peer_win = peer_win;
	tu_c.peer_ppd = ppd;
	tu_renew();
}

/* Send one 4-byte frame at now; returns the verdict, *seq if sent. */
static enum gre_tx_verdict
tx(uint64_t now, uint32_t *seq)
{
	uint8_t b[64];
	struct gre_frame f;
	enum gre_tx_verdict v;

	memset(b, 0x77, sizeof(b));
	v = gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, now, &f);
	if (v == GRE_TX_OK && seq != NULL)
		*seq = f.seq;
	return v;
}

/* The peer's ack-only packet for a arrives at now. */
static void
peer_ack(uint32_t a, uint64_t now)
{
	uint8_t b[32];
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 0, 0, 1, a, NULL, 0);
	ck_assert_int_eq(gre_input(tu_s, b, n, now), GRE_V_ACK_ONLY);
}

START_TEST(t_S1_first_seq)
{
	uint8_t b[64];
	struct gre_frame f;
	struct gre_hdr h;

	ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 0, &f),
	    GRE_TX_OK);
	ck_assert_ptr_eq(f.p, b + GRE_HDR_MAX - 12);
	ck_assert_uint_eq(f.len, 16);
	ck_assert_int_eq(gre_parse(f.p, f.len, &h), GRE_OK);
	ck_assert_uint_eq(h.seq, 0);
	ck_assert_uint_eq(h.payload_len, 4);
	ck_assert_uint_eq(h.call_id, TU_PEER_CID);
	ck_assert_uint_eq(ST(tx_pkts), 1);
	ck_assert_uint_eq(ST(tx_bytes), 4);
}
END_TEST

START_TEST(t_W5_tx_wrap)
{
	static const uint32_t want[] = { 0xfffffffe, 0xffffffff, 0, 1 };
	uint32_t seq;
	int i;

	tu_c.tx_start_seq = 0xfffffffe;
	tu_renew();
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(tx((uint64_t)i * MS, &seq), GRE_TX_OK);
		ck_assert_uint_eq(seq, want[i]);
	}
	peer_ack(0xffffffff, 10 * MS);
	peer_ack(1, 11 * MS);
	ck_assert_uint_eq(ST(rx_bad_ack) + ST(rx_old_ack), 0);
	peer_ack(0, 12 * MS);
	ck_assert_uint_eq(ST(rx_old_ack), 1);
}
END_TEST

/* S2: an ack for a seq never sent is ignored; the payload still counts. */
START_TEST(t_S2_bad_ack_payload_kept)
{
	uint8_t b[64];
	size_t n;

	tx(0, NULL);
	n = tu_pkt(b, TU_OUR_CID, 1, 0, 1, 1 + 5, NULL, 8);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 1, &tu_lg), GRE_V_DELIVER);
	ck_assert_uint_eq(tu_lg.n, 1);
	ck_assert_uint_eq(ST(rx_bad_ack), 1);
	ck_assert_uint_eq(ST(rtt_us), 100000);
}
END_TEST

START_TEST(t_S3_old_ack)
{
	tx(0, NULL);
	tx(0, NULL);
	tx(0, NULL);
	peer_ack(2, 10 * MS);
	ck_assert_uint_eq(ST(rx_old_ack), 0);
	peer_ack(1, 11 * MS);
	peer_ack(2, 12 * MS);
	ck_assert_uint_eq(ST(rx_old_ack), 2);
	ck_assert_uint_eq(ST(rtt_us), 100000 + (10000 - 100000) / 8);
}
END_TEST

/* S4: npppd acks 0xFFFFFFFF before we sent anything. */
START_TEST(t_S4_ack_before_send)
{
	peer_ack(0xffffffff, 5);
	ck_assert_uint_eq(ST(rx_old_ack), 1);
	ck_assert_uint_eq(ST(rx_bad_ack), 0);
	ck_assert_uint_eq(ST(rtt_us), 100000);
	peer_ack(0, 6);
	ck_assert_uint_eq(ST(rx_bad_ack), 1);
}
END_TEST

/* S5: one ack releases five; the sample uses the highest acked seq. */
START_TEST(t_S5_multi_ack)
{
	int i;

	windowed(16, 0);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(tx((uint64_t)i * 10 * MS, NULL), GRE_TX_OK);
	peer_ack(4, 80 * MS);			/* sample 40 ms */
	ck_assert_uint_eq(ST(rtt_us), 92500);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
	for (i = 0; i < 8; i++)			/* cwnd 8: all 8 fit again */
		ck_assert_int_eq(tx(81 * MS, NULL), GRE_TX_OK);
	ck_assert_int_eq(tx(81 * MS, NULL), GRE_TX_WINDOW_FULL);
}
END_TEST

static void
never_acked_full_rate(void)
{
	int i;

	for (i = 0; i < 1000; i++)
		ck_assert_int_eq(tx((uint64_t)i, NULL), GRE_TX_OK);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
	ck_assert_uint_eq(gre_timer(tu_s, 3600ull * 1000 * MS), 0);
	ck_assert_uint_eq(ST(ack_timeouts), 0);
	ck_assert_uint_eq(ST(tx_window_drop), 0);
	ck_assert_uint_eq(ST(cwnd), 0);
}

START_TEST(t_S6_no_window_never_acked)
{
	never_acked_full_rate();
}
END_TEST

START_TEST(t_S7_peer_window_zero)
{
	windowed(0, 0);
	never_acked_full_rate();
}
END_TEST

/* S8 + S12: stop-and-wait; a full window drops the frame. */
START_TEST(t_S8_S12_stop_and_wait)
{
	uint32_t seq;

	windowed(1, 0);
	ck_assert_uint_eq(ST(cwnd), 1);
	ck_assert_int_eq(tx(0, &seq), GRE_TX_OK);
	ck_assert_int_eq(tx(1, NULL), GRE_TX_WINDOW_FULL);
	ck_assert_uint_eq(ST(tx_window_drop), 1);
	peer_ack(seq, 20 * MS);
	ck_assert_int_eq(tx(21 * MS, &seq), GRE_TX_OK);
	ck_assert_int_eq(tx(22 * MS, NULL), GRE_TX_WINDOW_FULL);
	/* No ack: the ATO expires and the packet counts as acked. */
	ck_assert_uint_eq(gre_next_deadline(tu_s), 21 * MS + ST(ato_us));
	gre_timer(tu_s, gre_next_deadline(tu_s));
	ck_assert_uint_eq(ST(ack_timeouts), 1);
	ck_assert_int_eq(tx(1000 * MS, NULL), GRE_TX_OK);
	ck_assert_uint_eq(ST(tx_window_drop), 2);
}
END_TEST

/* Send a full window and ack its last packet; returns packets sent. */
static uint32_t
fill_and_ack(uint64_t *now)
{
	uint32_t seq = 0, n = 0;

	while (tx(*now, &seq) == GRE_TX_OK)
		n++;
	*now += 10 * MS;
	peer_ack(seq, *now);
	return n;
}

START_TEST(t_S9_pptp_linux_window)
{
	uint64_t now = 0;

	windowed(3, 0);
	ck_assert_uint_eq(ST(cwnd), 2);
	ck_assert_uint_eq(fill_and_ack(&now), 2);
	ck_assert_uint_eq(ST(cwnd), 3);
	ck_assert_uint_eq(fill_and_ack(&now), 3);
	ck_assert_uint_eq(fill_and_ack(&now), 3);
	ck_assert_uint_eq(ST(cwnd), 3);
}
END_TEST

static void
grow_to(uint16_t peer_win, uint64_t cwnd0, uint64_t cap)
{
	uint64_t now = 0;
	int i;

	windowed(peer_win, 0);
	ck_assert_uint_eq(ST(cwnd), cwnd0);
	ck_assert_uint_eq(fill_and_ack(&now), cwnd0);
	ck_assert_uint_eq(ST(cwnd), cwnd0 + 1);
	for (i = 0; i < 100; i++)
		(void)fill_and_ack(&now);
	ck_assert_uint_eq(ST(cwnd), cap);
	ck_assert_uint_eq(fill_and_ack(&now), cap);
}

START_TEST(t_S10_window_64)
{
	grow_to(64, 32, 64);
}
END_TEST

START_TEST(t_S11_window_16384_capped)
{
	grow_to(16384, 32, 64);
}
END_TEST

/* S13: time-outs halve the window rounding up: 5 -> 3 -> 2 -> 1 -> 1. */
START_TEST(t_S13_timeout_halves)
{
	static const uint64_t want[] = { 3, 2, 1, 1 };
	uint64_t now = 0, rtt;
	uint32_t seq = 0;
	int i;

	windowed(10, 0);
	ck_assert_uint_eq(ST(cwnd), 5);
	for (i = 0; i < 4; i++) {
		while (tx(now, &seq) == GRE_TX_OK)
			;
		rtt = ST(rtt_us);
		now = gre_next_deadline(tu_s);
		gre_timer(tu_s, now);
		ck_assert_uint_eq(ST(cwnd), want[i]);
		ck_assert_uint_eq(ST(rtt_us), rtt * 2);
	}
	ck_assert_uint_eq(ST(ack_timeouts), 4);
	/* A late ack for an abandoned packet is old news. */
	peer_ack(seq, now + 1);
	ck_assert_uint_eq(ST(rx_old_ack), 1);
	ck_assert_int_eq(tx(now + 2, NULL), GRE_TX_OK);
}
END_TEST

/* S14: the study's §b.5 vector, exactly. */
START_TEST(t_S14_ato_vector)
{
	uint32_t seq;

	windowed(64, 0);
	ck_assert_uint_eq(ST(rtt_us), 100000);
	ck_assert_uint_eq(ST(ato_us), 3000000);
	tx(0, &seq);
	peer_ack(seq, 40000);
	ck_assert_uint_eq(ST(rtt_us), 92500);
	ck_assert_uint_eq(ST(ato_us), 152500);
	tx(100000, &seq);
	ck_assert_uint_eq(gre_next_deadline(tu_s), 100000 + 152500);
	gre_timer(tu_s, 252500);
	ck_assert_uint_eq(ST(rtt_us), 185000);
	ck_assert_uint_eq(ST(ato_us), 245000);
	tx(300000, &seq);
	peer_ack(seq, 500000);
	ck_assert_uint_eq(ST(rtt_us), 186875);
	ck_assert_uint_eq(ST(ato_us), 246875);
}
END_TEST

START_TEST(t_S14_ato_clamps)
{
	uint32_t seq;
	uint64_t t = 0;
	int i;

	for (i = 0; i < 200; i++) {		/* instant acks: floor */
		tx(t, &seq);
		peer_ack(seq, t);
		t += 1000;
	}
	ck_assert_uint_eq(ST(ato_us), 12000);
	for (i = 0; i < 200; i++) {		/* 10 tu_s round trips: cap */
		tx(t, &seq);
		t += 10000 * MS;
		peer_ack(seq, t);
	}
	ck_assert_uint_eq(ST(ato_us), 3000000);
}
END_TEST

START_TEST(t_S15_ppd_seed)
{
	ck_assert_uint_eq(ST(rtt_us), 100000);
	tu_c.peer_ppd = 5;
	tu_renew();
	ck_assert_uint_eq(ST(rtt_us), 500000);
}
END_TEST

/* S16: a peer that never acks slows a windowed sender but never stops it. */
START_TEST(t_S16_no_deadlock)
{
	uint64_t now = 0, sent = 0;

	windowed(4, 0);
	while (now < 60ull * 1000 * MS) {
		while (tx(now, NULL) == GRE_TX_OK)
			sent++;
		ck_assert_uint_ne(gre_next_deadline(tu_s), GRE_NEVER);
		ck_assert_uint_le(gre_next_deadline(tu_s) - now, 3000 * MS);
		now = gre_next_deadline(tu_s);
		gre_timer(tu_s, now);
	}
	ck_assert_uint_ge(sent, 20);
}
END_TEST

/* A7: lone acks do not consume our sequence numbers. */
START_TEST(t_A7_lone_ack_no_seq)
{
	uint32_t ack, seq;

	tx(0, &seq);
	ck_assert_uint_eq(seq, 0);
	tu_in(tu_s, 0, 1, &tu_lg);
	tu_in(tu_s, 1, 1, &tu_lg);
	ck_assert_uint_eq(gre_batch_end(tu_s, 1), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	tx(2, &seq);
	ck_assert_uint_eq(seq, 1);
}
END_TEST

START_TEST(t_tx_too_big)
{
	static uint8_t big[70000];
	struct gre_frame f;

	ck_assert_int_eq(gre_tx_data(tu_s, big, GRE_HDR_MAX, 65536, 0, &f),
	    GRE_TX_TOO_BIG);
	ck_assert_int_eq(gre_tx_data(tu_s, big, 11, 100, 0, &f),
	    GRE_TX_TOO_BIG);
	ck_assert_uint_eq(ST(tx_too_big), 2);
	ck_assert_int_eq(gre_tx_data(tu_s, big, 12, 65535, 0, &f), GRE_TX_OK);
	ck_assert_uint_eq(f.seq, 0);
	ck_assert_str_eq(gre_tx_verdict_str(GRE_TX_WINDOW_FULL),
	    "send window full");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*su = suite_create("gre_tx");
	TCase	*tc;

	tc = tcase_create("sender");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_S1_first_seq);
	tcase_add_test(tc, t_W5_tx_wrap);
	tcase_add_test(tc, t_S2_bad_ack_payload_kept);
	tcase_add_test(tc, t_S3_old_ack);
	tcase_add_test(tc, t_S4_ack_before_send);
	tcase_add_test(tc, t_S5_multi_ack);
	tcase_add_test(tc, t_S6_no_window_never_acked);
	tcase_add_test(tc, t_A7_lone_ack_no_seq);
	tcase_add_test(tc, t_tx_too_big);
	suite_add_tcase(su, tc);

	tc = tcase_create("window");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_S7_peer_window_zero);
	tcase_add_test(tc, t_S8_S12_stop_and_wait);
	tcase_add_test(tc, t_S9_pptp_linux_window);
	tcase_add_test(tc, t_S10_window_64);
	tcase_add_test(tc, t_S11_window_16384_capped);
	tcase_add_test(tc, t_S13_timeout_halves);
	tcase_add_test(tc, t_S16_no_deadlock);
	suite_add_tcase(su, tc);

	tc = tcase_create("ato");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_S14_ato_vector);
	tcase_add_test(tc, t_S14_ato_clamps);
	tcase_add_test(tc, t_S15_ppd_seed);
	suite_add_tcase(su, tc);
	return su;
}
