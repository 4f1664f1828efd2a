/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_gre_rx.c: receive side of the GRE engine (RFC 2637 §4.3, §4.2.5)
 * as timelines with explicit µs timestamps: the study's §c validation
 * (V*), sequencing and reordering (R*), wrap-around (W*), far-ahead (F*),
 * ack generation (A*) and lifecycle (M*) cases, named after their IDs.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "lib/gre_tutil.h"

#define MS		1000ull
#define ST(x)		(gre_session_stats(tu_s)->x)
#define EXPECT_LOG(...)	do {						\
	static const uint32_t w_[] = { __VA_ARGS__ };			\
	ck_assert_msg(tu_log_is(&tu_lg, w_, sizeof(w_) / sizeof(w_[0])), \
	    "delivery log mismatch: n=%zu", tu_lg.n);			\
} while (0)

static void
feed_range(uint32_t from, uint32_t n, uint64_t now)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(tu_in(tu_s, from + i, now, &tu_lg),
		    GRE_V_DELIVER);
}

/* ---------------------------------------------------------------- V */

START_TEST(t_V1_deliver)
{
	ck_assert_int_eq(tu_in(tu_s, 0, 0, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0);
	ck_assert_uint_eq(ST(rx_delivered), 1);
	ck_assert_uint_eq(ST(rx_bytes), 8);
}
END_TEST

/* V2: the ack in a data packet is processed; the payload delivered. */
START_TEST(t_V2_data_with_ack)
{
	uint8_t b[64], out[64];
	struct gre_frame f;
	size_t n;

	ck_assert_int_eq(gre_tx_data(tu_s, out, GRE_HDR_MAX, 4, 0, &f),
	    GRE_TX_OK);
	n = tu_pkt(b, TU_OUR_CID, 1, 0, 1, 0, NULL, 8);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 40 * MS, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0);
	ck_assert_uint_eq(ST(rtt_us), 92500);
	ck_assert_uint_eq(ST(rx_bad_ack) + ST(rx_old_ack), 0);
}
END_TEST

/* V3: ack-only: nothing delivered, no sequence state touched. */
START_TEST(t_V3_ack_only)
{
	uint8_t b[64];
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 0, 0, 1, 0xffffffff, NULL, 0);
	ck_assert_uint_eq(n, 12);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 0, &tu_lg), GRE_V_ACK_ONLY);
	ck_assert_uint_eq(ST(rx_ack_only), 1);
	ck_assert_uint_eq(tu_lg.n, 0);
	/* The first data packet still sets the baseline. */
	ck_assert_int_eq(tu_in(tu_s, 77, 1, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(77);
	ck_assert_int_eq(gre_ack_needed(tu_s), 0);
}
END_TEST

START_TEST(t_V4_no_seq_no_ack)
{
	static const uint8_t v[] = { 0x20, 0x01, 0x88, 0x0b, 0, 0, 0x12, 0x34 };

	ck_assert_int_eq(tu_in_raw(tu_s, v, sizeof(v), 0, &tu_lg),
	    GRE_V_DROP_INVALID);
	ck_assert_uint_eq(ST(rx_invalid_hdr), 1);
	ck_assert_int_eq(tu_in(tu_s, 9, 1, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(9);
}
END_TEST

/* V5: each bad fixed bit costs the packet and only bumps a counter. */
static const struct { size_t off; uint8_t val; } v5_muts[] = {
	{ 0, 0xb0 }, { 0, 0x70 }, { 0, 0x10 }, { 0, 0x38 }, { 0, 0x31 },
	{ 0, 0x37 }, { 1, 0x09 }, { 1, 0x41 }, { 1, 0x00 }, { 1, 0x02 },
	{ 1, 0x07 }, { 2, 0x08 }, { 3, 0x0a },
};

START_TEST(t_V5_bad_bits)
{
	uint8_t b[64];
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 1, 5, 0, 0, NULL, 8);
	b[v5_muts[_i].off] = v5_muts[_i].val;
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 0, &tu_lg), GRE_V_DROP_INVALID);
	ck_assert_uint_eq(ST(rx_invalid_hdr), 1);
	ck_assert_uint_eq(tu_lg.n, 0);
	ck_assert_int_eq(tu_in(tu_s, 100, 1, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(100);
}
END_TEST

START_TEST(t_V7_V8_truncated)
{
	uint8_t b[256];
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 1, 0, 1, 0, NULL, 8);
	ck_assert_int_eq(tu_in_raw(tu_s, b, 14, 0, &tu_lg),
	    GRE_V_DROP_TRUNCATED);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n - 1, 0, &tu_lg),
	    GRE_V_DROP_TRUNCATED);
	ck_assert_int_eq(tu_in_raw(tu_s, b, 7, 0, &tu_lg),
	    GRE_V_DROP_TRUNCATED);
	ck_assert_uint_eq(ST(rx_truncated), 3);
	ck_assert_uint_eq(tu_lg.n, 0);
}
END_TEST

START_TEST(t_V9_padding)
{
	uint8_t b[256], pl[100];
	struct gre_frame f;
	size_t n;

	memset(pl, 0x42, sizeof(pl));
	n = tu_pkt(b, TU_OUR_CID, 1, 0, 0, 0, pl, 100);
	b[5] = 60;			/* Payload Length 60 of 100 present */
	ck_assert_int_eq(gre_input(tu_s, b, n, 0), GRE_V_DELIVER);
	ck_assert_int_eq(gre_rx_next(tu_s, &f), 1);
	ck_assert_uint_eq(f.len, 60);
	ck_assert_int_eq(gre_rx_next(tu_s, &f), 0);
}
END_TEST

/* V10: S=1, no payload: the sequence number is consumed and acked. */
START_TEST(t_V10_empty_consumes_seq)
{
	uint8_t b[64];
	uint32_t ack;
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 1, 0, 0, 0, NULL, 0);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 0, &tu_lg), GRE_V_EMPTY);
	ck_assert_uint_eq(ST(rx_empty), 1);
	ck_assert_uint_eq(tu_lg.n, 0);
	ck_assert_uint_eq(tu_timer(tu_s, 50 * MS, &tu_lg), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 0);
	ck_assert_int_eq(tu_in(tu_s, 1, 51 * MS, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(1);
}
END_TEST

START_TEST(t_V11_ack_only_with_payload)
{
	uint8_t b[64];
	size_t n;

	n = tu_pkt(b, TU_OUR_CID, 0, 0, 1, 0xffffffff, NULL, 0);
	memset(b + n, 0x11, 40);
	b[5] = 40;
	ck_assert_int_eq(tu_in_raw(tu_s, b, n + 40, 0, &tu_lg), GRE_V_ACK_ONLY);
	ck_assert_uint_eq(tu_lg.n, 0);
	ck_assert_uint_eq(ST(rx_bytes), 0);
}
END_TEST

/* V12 + M1: a foreign call ID is dropped; the owner's state is apart. */
START_TEST(t_V12_M1_bad_cid)
{
	struct gre_config c2 = tu_c;
	struct gre_session *s2;
	struct gre_frame f;
	uint8_t b[64];
	size_t n;

	c2.our_cid = 0x4321;
	s2 = gre_session_new(&c2);
	n = tu_pkt(b, 0x4321, 1, 500, 0, 0, NULL, 8);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 0, &tu_lg), GRE_V_DROP_BAD_CID);
	ck_assert_uint_eq(ST(rx_bad_cid), 1);
	ck_assert_int_eq(gre_input(s2, b, n, 0), GRE_V_DELIVER);
	ck_assert_int_eq(gre_rx_next(s2, &f), 1);
	ck_assert_uint_eq(f.seq, 500);
	ck_assert_int_eq(tu_in(tu_s, 3, 0, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(3);
	ck_assert_uint_eq(gre_session_stats(s2)->rx_bad_cid, 0);
	gre_session_free(s2);
}
END_TEST

START_TEST(t_V15_too_big)
{
	static uint8_t b[4096], pl[3000];
	struct gre_hdr h;
	size_t n;

	memset(&h, 0, sizeof(h));
	h.call_id = TU_OUR_CID;
	h.has_seq = 1;
	h.payload_len = 3000;
	n = gre_build(b, sizeof(b), &h, pl);
	ck_assert_uint_eq(n, 3012);
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 0, &tu_lg), GRE_V_DROP_TOO_BIG);
	ck_assert_uint_eq(ST(rx_too_big), 1);
	ck_assert_uint_eq(tu_lg.n, 0);
}
END_TEST

/* ---------------------------------------------------------------- R */

START_TEST(t_R1_first_zero)
{
	uint32_t ack;

	ck_assert_int_eq(tu_in(tu_s, 0, 0, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0);
	ck_assert_uint_eq(tu_timer(tu_s, 50 * MS, &tu_lg), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 0);
}
END_TEST

START_TEST(t_R2_first_one_no_wait)
{
	uint32_t ack;

	ck_assert_int_eq(tu_in(tu_s, 1, 0, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(1);
	ck_assert_uint_eq(ST(rx_buffered), 0);
	ck_assert_uint_eq(tu_timer(tu_s, 50 * MS, &tu_lg), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 1);
}
END_TEST

START_TEST(t_R3_first_mid_space)
{
	feed_range(0x7ffffff0, 3, 0);
	EXPECT_LOG(0x7ffffff0, 0x7ffffff1, 0x7ffffff2);
}
END_TEST

START_TEST(t_R4_in_order_1000)
{
	uint32_t i;

	for (i = 0; i < 1000; i++) {
		ck_assert_int_eq(tu_in(tu_s, i, i * 10, &tu_lg), GRE_V_DELIVER);
		ck_assert_uint_eq(tu_lg.seq[i], i);
	}
	ck_assert_uint_eq(tu_lg.n, 1000);
	ck_assert_uint_eq(ST(rx_buffered), 0);
	ck_assert_uint_eq(ST(rx_lost), 0);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 0);
}
END_TEST

START_TEST(t_R5_dup_after_delivery)
{
	feed_range(0, 3, 0);
	ck_assert_int_eq(tu_in(tu_s, 2, 1, &tu_lg), GRE_V_DROP_LATE);
	EXPECT_LOG(0, 1, 2);
	ck_assert_uint_eq(ST(rx_late_or_dup), 1);
}
END_TEST

/* R6: regression for the pptp-linux queued-duplicate bug (b.10-2). */
START_TEST(t_R6_dup_in_queue)
{
	tu_in(tu_s, 0, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 2, 1, &tu_lg), GRE_V_HELD);
	ck_assert_int_eq(tu_in(tu_s, 2, 2, &tu_lg), GRE_V_DROP_DUP);
	ck_assert_int_eq(tu_in(tu_s, 1, 3, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0, 1, 2);
	ck_assert_uint_eq(ST(rx_dup_queued), 1);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 0);
}
END_TEST

START_TEST(t_R7_swap_no_wait)
{
	static const uint32_t arr[] = { 0, 1, 2, 4, 3, 5 };
	size_t i;

	for (i = 0; i < 6; i++)
		tu_in(tu_s, arr[i], i * MS, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 4, 5);
	ck_assert_uint_eq(ST(rx_lost), 0);
	ck_assert_uint_eq(ST(rx_reorder_timeouts), 0);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 0);
}
END_TEST

START_TEST(t_R8_block_late)
{
	uint32_t i;
	uint64_t t = 0;

	for (i = 0; i < 5; i++)
		tu_in(tu_s, i, t++, &tu_lg);
	tu_in(tu_s, 15, t++, &tu_lg);
	for (i = 5; i < 15; i++)
		tu_in(tu_s, i, t++, &tu_lg);
	tu_in(tu_s, 16, t++, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
	ck_assert_uint_eq(ST(rx_lost), 0);
}
END_TEST

START_TEST(t_R9_reverse_burst)
{
	uint32_t i;
	uint64_t t = 0;

	for (i = 0; i < 5; i++)
		tu_in(tu_s, i, t++, &tu_lg);
	for (i = 14; i >= 5; i--)
		tu_in(tu_s, i, t++, &tu_lg);
	tu_in(tu_s, 15, t++, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
	ck_assert_uint_eq(ST(rx_lost), 0);
}
END_TEST

/* R10 + A5: the timer alone releases the hold (poptop regression). */
START_TEST(t_R10_loss_timer_flush)
{
	uint32_t ack;

	tu_in(tu_s, 0, 0, &tu_lg);
	tu_in(tu_s, 1, 1 * MS, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 3, 2 * MS, &tu_lg), GRE_V_HELD);
	tu_in(tu_s, 4, 3 * MS, &tu_lg);
	tu_in(tu_s, 5, 4 * MS, &tu_lg);
	EXPECT_LOG(0, 1);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 3);
	/* A5: while 3 4 5 are held the ack stays at 1. */
	ck_assert_uint_eq(gre_batch_end(tu_s, 4 * MS), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 1);
	/* Held since t=2 ms: released at exactly 52 ms, not before. */
	ck_assert_uint_eq(gre_next_deadline(tu_s), 52 * MS);
	ck_assert_uint_eq(tu_timer(tu_s, 52 * MS - 1, &tu_lg), 0);
	EXPECT_LOG(0, 1);
	ck_assert_uint_eq(tu_timer(tu_s, 52 * MS, &tu_lg) & GRE_ACT_DELIVER,
	    GRE_ACT_DELIVER);
	EXPECT_LOG(0, 1, 3, 4, 5);
	ck_assert_uint_eq(ST(rx_lost), 1);
	ck_assert_uint_eq(ST(rx_reorder_timeouts), 1);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 0);
	/* After release the ack is 5 (batch end asks: 4 unacked). */
	ck_assert_uint_eq(gre_batch_end(tu_s, 52 * MS), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 5);
}
END_TEST

START_TEST(t_R11_overflow_release)
{
	uint32_t i;

	tu_in(tu_s, 0, 0, &tu_lg);
	for (i = 2; i <= 33; i++)
		ck_assert_int_eq(tu_in(tu_s, i, i, &tu_lg), GRE_V_HELD);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 32);
	ck_assert_int_eq(tu_in(tu_s, 34, 34, &tu_lg), GRE_V_DELIVER);
	ck_assert_uint_eq(tu_lg.n, 34);
	for (i = 1; i < 34; i++)
		ck_assert_uint_eq(tu_lg.seq[i], i + 1);
	ck_assert_uint_eq(ST(rx_lost), 1);
	ck_assert_uint_ge(ST(rx_reorder_overflow), 1);
	ck_assert_uint_eq(ST(rx_reorder_timeouts), 0);
}
END_TEST

START_TEST(t_R12_late_after_skip)
{
	tu_in(tu_s, 0, 0, &tu_lg);
	tu_in(tu_s, 2, 0, &tu_lg);
	tu_timer(tu_s, 50 * MS, &tu_lg);
	EXPECT_LOG(0, 2);
	ck_assert_int_eq(tu_in(tu_s, 1, 51 * MS, &tu_lg), GRE_V_DROP_LATE);
	EXPECT_LOG(0, 2);
	ck_assert_uint_eq(ST(rx_late_or_dup), 1);
}
END_TEST

/* R13: late LCP Echo-Request delivered (flagged) only with the option. */
static void
r13_run(int opt)
{
	static const uint8_t echo[] = { 0xff, 0x03, 0xc0, 0x21, 0x09, 0x01,
	    0x00, 0x08, 0, 0, 0, 0 };
	uint8_t b[64];
	size_t n;

	tu_c.lcp_echo_late = (uint8_t)opt;
	tu_renew();
	feed_range(10, 3, 0);
	n = tu_pkt(b, TU_OUR_CID, 1, 11, 0, 0, echo, sizeof(echo));
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 1, &tu_lg),
	    opt ? GRE_V_DELIVER : GRE_V_DROP_LATE);
	ck_assert_uint_eq(tu_lg.n, opt ? 4 : 3);
	ck_assert_uint_eq(ST(rx_late_lcp), opt ? 1 : 0);
	if (opt)
		ck_assert_int_eq(tu_lg.late[3], 1);
	/* A late non-echo LCP packet (code 1) is never delivered. */
	b[12 + 4] = 0x01;		/* payload byte 4: LCP code */
	ck_assert_int_eq(tu_in_raw(tu_s, b, n, 2, &tu_lg), GRE_V_DROP_LATE);
}

START_TEST(t_R13_late_lcp_echo_on)
{
	r13_run(1);
}
END_TEST

START_TEST(t_R13_late_lcp_echo_off)
{
	r13_run(0);
}
END_TEST

/* R15: a hold never outlives reorder_timeout from its own arrival. */
START_TEST(t_R15_max_hold)
{
	feed_range(0, 4, 0);
	tu_in(tu_s, 5, 0, &tu_lg);
	tu_in(tu_s, 6, 40 * MS, &tu_lg);
	ck_assert_uint_eq(gre_next_deadline(tu_s) >= 50 * MS, 1);
	ck_assert_uint_eq(tu_timer(tu_s, 49 * MS, &tu_lg), 0);
	tu_timer(tu_s, 50 * MS, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 5, 6);
}
END_TEST

/* R15 sharper: 7 (not consecutive) stays until its own 50 ms pass. */
START_TEST(t_R15_max_hold_each)
{
	feed_range(0, 4, 0);
	tu_in(tu_s, 5, 0, &tu_lg);
	tu_in(tu_s, 7, 40 * MS, &tu_lg);
	tu_timer(tu_s, 50 * MS, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 5);
	ck_assert_uint_eq(gre_next_deadline(tu_s), 90 * MS);
	tu_timer(tu_s, 90 * MS, &tu_lg);
	EXPECT_LOG(0, 1, 2, 3, 5, 7);
	ck_assert_uint_eq(ST(rx_lost), 2);
}
END_TEST

/* A hold that expired is flushed by the next input even if late. */
START_TEST(t_R15_expired_on_input)
{
	tu_in(tu_s, 0, 0, &tu_lg);
	tu_in(tu_s, 2, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 3, 60 * MS, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0, 2, 3);
}
END_TEST

START_TEST(t_R16_reorder_off)
{
	tu_c.reorder_max = 0;
	tu_renew();
	tu_in(tu_s, 0, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 2, 0, &tu_lg), GRE_V_DELIVER);
	ck_assert_int_eq(tu_in(tu_s, 1, 0, &tu_lg), GRE_V_DROP_LATE);
	tu_in(tu_s, 3, 0, &tu_lg);
	EXPECT_LOG(0, 2, 3);
	ck_assert_uint_eq(ST(rx_lost), 1);
	ck_assert_uint_eq(gre_next_deadline(tu_s), 50 * MS);	/* ack only */
}
END_TEST

/* R17: our advertised window never limits what we accept. */
START_TEST(t_R17_no_window_overflow)
{
	feed_range(0, 500, 0);
	ck_assert_uint_eq(tu_lg.n, 500);
	ck_assert_uint_eq(ST(rx_delivered), 500);
}
END_TEST

/* ---------------------------------------------------------------- W */

START_TEST(t_W1_wrap_in_order)
{
	uint32_t acks[6], ack, i, seq;

	tu_c.ack_every = 1;
	tu_renew();
	for (i = 0; i < 6; i++) {
		seq = 0xfffffffdu + i;
		tu_in(tu_s, seq, i, &tu_lg);
		ck_assert_uint_eq(gre_batch_end(tu_s, i), GRE_ACT_ACK);
		ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
		acks[i] = ack;
	}
	EXPECT_LOG(0xfffffffd, 0xfffffffe, 0xffffffff, 0, 1, 2);
	ck_assert_uint_eq(acks[2], 0xffffffffu);
	ck_assert_uint_eq(acks[3], 0);
	ck_assert_uint_eq(acks[5], 2);
}
END_TEST

/* W2: loss of 0xFFFFFFFF must not stall (regression for b.10-1). */
START_TEST(t_W2_wrap_loss)
{
	tu_in(tu_s, 0xfffffffe, 0, &tu_lg);
	tu_in(tu_s, 0, 1, &tu_lg);
	tu_in(tu_s, 1, 2, &tu_lg);
	EXPECT_LOG(0xfffffffe);
	tu_timer(tu_s, 50 * MS, &tu_lg);		/* delayed ack only */
	EXPECT_LOG(0xfffffffe);
	tu_timer(tu_s, 50 * MS + 1, &tu_lg);	/* 0 held since t=1 */
	EXPECT_LOG(0xfffffffe, 0, 1);
	ck_assert_uint_eq(ST(rx_lost), 1);
	ck_assert_int_eq(tu_in(tu_s, 2, 60 * MS, &tu_lg), GRE_V_DELIVER);
	ck_assert_int_eq(tu_in(tu_s, 3, 60 * MS, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(0xfffffffe, 0, 1, 2, 3);
}
END_TEST

START_TEST(t_W3_wrap_reorder)
{
	tu_in(tu_s, 0xfffffffe, 0, &tu_lg);
	tu_in(tu_s, 0, 1, &tu_lg);
	tu_in(tu_s, 0xffffffff, 2, &tu_lg);
	tu_in(tu_s, 1, 3, &tu_lg);
	EXPECT_LOG(0xfffffffe, 0xffffffff, 0, 1);
	ck_assert_uint_eq(ST(rx_lost), 0);
}
END_TEST

START_TEST(t_W4_queue_spans_wrap)
{
	tu_in(tu_s, 0xfffffffb, 0, &tu_lg);
	tu_in(tu_s, 1, 1, &tu_lg);
	tu_in(tu_s, 0xfffffffe, 2, &tu_lg);
	tu_in(tu_s, 0, 3, &tu_lg);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 3);
	tu_timer(tu_s, 60 * MS, &tu_lg);
	EXPECT_LOG(0xfffffffb, 0xfffffffe, 0, 1);
	ck_assert_uint_eq(ST(rx_lost), 3);
}
END_TEST

START_TEST(t_W6_half_space_is_late)
{
	tu_in(tu_s, 10, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 11 + 0x80000000u, 1, &tu_lg),
	    GRE_V_DROP_LATE);
	ck_assert_uint_eq(ST(rx_late_or_dup), 1);
	ck_assert_uint_eq(ST(rx_far), 0);
}
END_TEST

/* ---------------------------------------------------------------- F */

START_TEST(t_F1_far_single_ignored)
{
	tu_in(tu_s, 1000, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 1000 + (1u << 20), 1, &tu_lg), GRE_V_HELD);
	tu_in(tu_s, 1001, 2, &tu_lg);
	tu_in(tu_s, 1002, 3, &tu_lg);
	tu_timer(tu_s, 200 * MS, &tu_lg);
	EXPECT_LOG(1000, 1001, 1002);
	ck_assert_uint_eq(ST(rx_far), 1);
	ck_assert_uint_eq(ST(rx_resync), 0);
	ck_assert_uint_eq(ST(rx_lost), 0);
}
END_TEST

START_TEST(t_F2_far_confirmed_resync)
{
	tu_in(tu_s, 1000, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 500000, 1, &tu_lg), GRE_V_HELD);
	ck_assert_int_eq(tu_in(tu_s, 500001, 2, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(1000, 500000, 500001);
	ck_assert_int_eq(tu_in(tu_s, 500002, 3, &tu_lg), GRE_V_DELIVER);
	EXPECT_LOG(1000, 500000, 500001, 500002);
	ck_assert_uint_eq(ST(rx_resync), 1);
	ck_assert_uint_eq(ST(rx_far), 1);
	ck_assert_uint_eq(ST(rx_lost), 500000 - 1001);
}
END_TEST

/* Confirmation may arrive reordered: the lower one goes first. */
START_TEST(t_F2_far_confirmed_reversed)
{
	tu_in(tu_s, 1000, 0, &tu_lg);
	tu_in(tu_s, 500001, 1, &tu_lg);
	tu_in(tu_s, 500000, 2, &tu_lg);
	EXPECT_LOG(1000, 500000, 500001);
}
END_TEST

/* Two unrelated far packets: the second replaces the first. */
START_TEST(t_F1_far_unrelated_replaced)
{
	tu_in(tu_s, 1000, 0, &tu_lg);
	tu_in(tu_s, 500000, 1, &tu_lg);
	tu_in(tu_s, 900000, 2, &tu_lg);
	EXPECT_LOG(1000);
	ck_assert_uint_eq(ST(rx_far), 2);
	tu_in(tu_s, 900001, 3, &tu_lg);
	EXPECT_LOG(1000, 900000, 900001);
}
END_TEST

START_TEST(t_F3_near_far_is_early)
{
	tu_in(tu_s, 1000, 0, &tu_lg);
	ck_assert_int_eq(tu_in(tu_s, 5000, 0, &tu_lg), GRE_V_HELD);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 1);
	ck_assert_uint_eq(ST(rx_far), 0);
	tu_timer(tu_s, 50 * MS, &tu_lg);
	EXPECT_LOG(1000, 5000);
	ck_assert_uint_eq(ST(rx_lost), 3999);
}
END_TEST

/* ---------------------------------------------------------------- A */

START_TEST(t_A1_lone_ack_after_delay)
{
	static const uint8_t want[] = { 0x20, 0x81, 0x88, 0x0b, 0x00, 0x00,
	    0x56, 0x78, 0x00, 0x00, 0x00, 0x07 };
	uint8_t b[32];

	tu_in(tu_s, 7, 1000, &tu_lg);
	ck_assert_uint_eq(gre_batch_end(tu_s, 1000), 0);
	ck_assert_uint_eq(gre_next_deadline(tu_s), 51000);
	ck_assert_uint_eq(tu_timer(tu_s, 50999, &tu_lg), 0);
	ck_assert_uint_eq(gre_tx_ack(tu_s, b, sizeof(b)), 0);
	ck_assert_uint_eq(tu_timer(tu_s, 51000, &tu_lg), GRE_ACT_ACK);
	ck_assert_uint_eq(gre_tx_ack(tu_s, b, sizeof(b)), 12);
	ck_assert_mem_eq(b, want, sizeof(want));
	ck_assert_uint_eq(ST(tx_ack_only), 1);
	/* Never twice for the same value. */
	ck_assert_uint_eq(gre_tx_ack(tu_s, b, sizeof(b)), 0);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
}
END_TEST

START_TEST(t_A2_piggyback_cancels)
{
	uint8_t b[64];
	struct gre_frame f;
	struct gre_hdr h;

	tu_in(tu_s, 7, 0, &tu_lg);
	ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 10 * MS, &f),
	    GRE_TX_OK);
	ck_assert_int_eq(gre_parse(f.p, f.len, &h), GRE_OK);
	ck_assert_int_eq(h.has_ack, 1);
	ck_assert_uint_eq(h.ack, 7);
	ck_assert_uint_eq(h.call_id, TU_PEER_CID);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
	ck_assert_uint_eq(tu_timer(tu_s, 50 * MS, &tu_lg), 0);
	ck_assert_uint_eq(ST(tx_ack_only), 0);
	/* Nothing new: the next data packet carries no ack. */
	ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 11 * MS, &f),
	    GRE_TX_OK);
	ck_assert_uint_eq(f.len, 16);
}
END_TEST

START_TEST(t_A3_batch_of_two)
{
	uint32_t ack;

	tu_in(tu_s, 0, 0, &tu_lg);
	tu_in(tu_s, 1, 0, &tu_lg);
	ck_assert_uint_eq(gre_batch_end(tu_s, 0), GRE_ACT_ACK);
	ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
	ck_assert_uint_eq(ack, 1);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
}
END_TEST

START_TEST(t_A4_no_ack_before_data)
{
	uint8_t b[64];
	struct gre_frame f;
	int i;

	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4,
		    (uint64_t)i, &f), GRE_TX_OK);
		ck_assert_uint_eq(f.len, 16);
		ck_assert_uint_eq(f.p[1], 0x01);	/* A clear */
	}
	ck_assert_uint_eq(gre_batch_end(tu_s, 10), 0);
	ck_assert_uint_eq(tu_timer(tu_s, 10 * 1000 * MS, &tu_lg), 0);
	ck_assert_uint_eq(gre_tx_ack(tu_s, b, sizeof(b)), 0);
}
END_TEST

START_TEST(t_A6_ack_every_two)
{
	uint32_t i, ack, last = 0, nacks = 0;

	for (i = 0; i < 100; i++) {
		tu_in(tu_s, i, i * 100, &tu_lg);
		if (gre_batch_end(tu_s, i * 100) & GRE_ACT_ACK) {
			ck_assert_int_eq(tu_lone_ack(tu_s, &ack), 1);
			if (nacks > 0)
				ck_assert_uint_gt(ack, last);
			last = ack;
			nacks++;
		}
	}
	ck_assert_uint_eq(nacks, 50);
	ck_assert_uint_eq(last, 99);
}
END_TEST

START_TEST(t_A8_always_ack)
{
	uint8_t b[64];
	struct gre_frame f;
	int i;

	tu_c.always_ack = 1;
	tu_renew();
	ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 0, &f),
	    GRE_TX_OK);
	ck_assert_uint_eq(f.len, 16);		/* nothing received yet */
	tu_in(tu_s, 3, 1, &tu_lg);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 2, &f),
		    GRE_TX_OK);
		ck_assert_uint_eq(f.len, 20);
		ck_assert_uint_eq(f.p[15], 3);
	}
}
END_TEST

/* ---------------------------------------------------------------- M */

START_TEST(t_M2_reset)
{
	uint8_t b[64];
	struct gre_frame f;

	tu_in(tu_s, 100, 0, &tu_lg);
	tu_in(tu_s, 102, 0, &tu_lg);
	gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 0, &f);
	gre_session_reset(tu_s);
	ck_assert_uint_eq(gre_rx_queued(tu_s), 0);
	ck_assert_uint_eq(ST(rx_delivered), 0);
	ck_assert_uint_eq(gre_next_deadline(tu_s), GRE_NEVER);
	ck_assert_int_eq(gre_tx_data(tu_s, b, GRE_HDR_MAX, 4, 0, &f),
	    GRE_TX_OK);
	ck_assert_uint_eq(f.seq, 0);
	ck_assert_uint_eq(f.len, 16);		/* no ack: nothing received */
	ck_assert_int_eq(tu_in(tu_s, 5, 1, &tu_lg), GRE_V_DELIVER);
	ck_assert_uint_eq(tu_lg.seq[tu_lg.n - 1], 5);
}
END_TEST

START_TEST(t_M4_invalid_flood_counted)
{
	uint8_t b[64];
	size_t n;
	uint32_t i;

	n = tu_pkt(b, TU_OUR_CID, 1, 0, 0, 0, NULL, 8);
	b[0] |= 0x80;
	for (i = 0; i < 100000; i++)
		gre_input(tu_s, b, n, i);
	ck_assert_uint_eq(ST(rx_invalid_hdr), 100000);
	ck_assert_uint_eq(ST(rx_pkts), 100000);
	ck_assert_uint_eq(ST(rx_delivered), 0);
}
END_TEST

START_TEST(t_stats_names)
{
	struct gre_stats st;
	size_t i, j;

	ck_assert_uint_eq(GRE_STATS_NFIELDS, 29);
	for (i = 0; i < GRE_STATS_NFIELDS; i++) {
		memset(&st, 0, sizeof(st));
		((uint64_t *)(void *)&st)[i] = 1000 + i;
		ck_assert_uint_eq(gre_stats_value(&st, i), 1000 + i);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(gre_stats_name(i), gre_stats_name(j));
	}
	ck_assert_str_eq(gre_stats_name(0), "rx_pkts");
	ck_assert_str_eq(gre_stats_name(GRE_STATS_NFIELDS - 1), "cwnd");
	ck_assert_int_eq(gre_stats_is_gauge(GRE_STATS_NFIELDS - 3), 1);
	ck_assert_int_eq(gre_stats_is_gauge(GRE_STATS_NFIELDS - 4), 0);
	ck_assert_ptr_null(gre_stats_name(GRE_STATS_NFIELDS));
	ck_assert_str_eq(gre_verdict_str(GRE_V_DROP_DUP),
	    "drop duplicate of queued");
	ck_assert_str_eq(gre_verdict_str(GRE_V_COUNT), "unknown");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*su = suite_create("gre_rx");
	TCase	*tc;

	tc = tcase_create("validation");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_V1_deliver);
	tcase_add_test(tc, t_V2_data_with_ack);
	tcase_add_test(tc, t_V3_ack_only);
	tcase_add_test(tc, t_V4_no_seq_no_ack);
	tcase_add_loop_test(tc, t_V5_bad_bits, 0,
	    (int)(sizeof(v5_muts) / sizeof(v5_muts[0])));
	tcase_add_test(tc, t_V7_V8_truncated);
	tcase_add_test(tc, t_V9_padding);
	tcase_add_test(tc, t_V10_empty_consumes_seq);
	tcase_add_test(tc, t_V11_ack_only_with_payload);
	tcase_add_test(tc, t_V12_M1_bad_cid);
	tcase_add_test(tc, t_V15_too_big);
	tcase_add_test(tc, t_M2_reset);
	tcase_add_test(tc, t_M4_invalid_flood_counted);
	tcase_add_test(tc, t_stats_names);
	suite_add_tcase(su, tc);

	tc = tcase_create("sequencing");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_R1_first_zero);
	tcase_add_test(tc, t_R2_first_one_no_wait);
	tcase_add_test(tc, t_R3_first_mid_space);
	tcase_add_test(tc, t_R4_in_order_1000);
	tcase_add_test(tc, t_R5_dup_after_delivery);
	tcase_add_test(tc, t_R6_dup_in_queue);
	tcase_add_test(tc, t_R7_swap_no_wait);
	tcase_add_test(tc, t_R8_block_late);
	tcase_add_test(tc, t_R9_reverse_burst);
	tcase_add_test(tc, t_R10_loss_timer_flush);
	tcase_add_test(tc, t_R11_overflow_release);
	tcase_add_test(tc, t_R12_late_after_skip);
	tcase_add_test(tc, t_R13_late_lcp_echo_on);
	tcase_add_test(tc, t_R13_late_lcp_echo_off);
	tcase_add_test(tc, t_R15_max_hold);
	tcase_add_test(tc, t_R15_max_hold_each);
	tcase_add_test(tc, t_R15_expired_on_input);
	tcase_add_test(tc, t_R16_reorder_off);
	tcase_add_test(tc, t_R17_no_window_overflow);
	suite_add_tcase(su, tc);

	tc = tcase_create("wrap_far");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_W1_wrap_in_order);
	tcase_add_test(tc, t_W2_wrap_loss);
	tcase_add_test(tc, t_W3_wrap_reorder);
	tcase_add_test(tc, t_W4_queue_spans_wrap);
	tcase_add_test(tc, t_W6_half_space_is_late);
	tcase_add_test(tc, t_F1_far_single_ignored);
	tcase_add_test(tc, t_F1_far_unrelated_replaced);
	tcase_add_test(tc, t_F2_far_confirmed_resync);
	tcase_add_test(tc, t_F2_far_confirmed_reversed);
	tcase_add_test(tc, t_F3_near_far_is_early);
	suite_add_tcase(su, tc);

	tc = tcase_create("acks");
	tcase_add_checked_fixture(tc, tu_setup, tu_teardown);
	tcase_add_test(tc, t_A1_lone_ack_after_delay);
	tcase_add_test(tc, t_A2_piggyback_cancels);
	tcase_add_test(tc, t_A3_batch_of_two);
	tcase_add_test(tc, t_A4_no_ack_before_data);
	tcase_add_test(tc, t_A6_ack_every_two);
	tcase_add_test(tc, t_A8_always_ack);
	suite_add_tcase(su, tc);
	return su;
}
