/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_ctrl_frame.c: unit tests for pptp-ctrl/ctrl_frame.c: split and
 * merged TCP segments, byte-at-a-time feeding, and the lengths that must
 * be fatal instead of spinning (npppd's zero-length loop, aesthetics §1.4).
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/ctrl_frame.h"

/* RFC 2637 §2.5 Echo-Request, Identifier 1; §2.12 CCRQ, call 0x1234. */
static const uint8_t echorq[16] = {
	0x00, 0x10, 0x00, 0x01, 0x1a, 0x2b, 0x3c, 0x4d,
	0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};
static const uint8_t ccrq[16] = {
	0x00, 0x10, 0x00, 0x01, 0x1a, 0x2b, 0x3c, 0x4d,
	0x00, 0x0c, 0x00, 0x00, 0x12, 0x34, 0x00, 0x00,
};

struct fx {
	struct ctrl_frame	f;
	uint8_t			store[512];
	uint8_t			out[PPTP_CTRL_MAX_LEN];
	size_t			outlen;
};

static void
fx_init(struct fx *x)
{
	ck_assert_int_eq(ctrl_frame_init(&x->f, x->store, sizeof(x->store)),
	    0);
}

static enum ctrl_frame_res
fx_next(struct fx *x)
{
	return ctrl_frame_next(&x->f, x->out, sizeof(x->out), &x->outlen);
}

START_TEST(t_whole_message)
{
	struct fx	x;
	struct ctrl_msg	m;

	fx_init(&x);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
	ck_assert_uint_eq(ctrl_frame_feed(&x.f, echorq, sizeof(echorq)), 16);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_MSG);
	ck_assert_uint_eq(x.outlen, 16);
	ck_assert(memcmp(x.out, echorq, 16) == 0);
	ck_assert_int_eq(ctrl_parse(x.out, x.outlen, &m), CTRL_OK);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
	ck_assert_uint_eq(x.f.len, 0);
}
END_TEST

/* Two messages in one segment, the second split across a third. */
START_TEST(t_merged_and_split)
{
	struct fx	x;
	uint8_t		seg[40];

	fx_init(&x);
	memcpy(seg, echorq, 16);
	memcpy(seg + 16, ccrq, 16);
	memcpy(seg + 32, echorq, 8);
	ctrl_frame_feed(&x.f, seg, sizeof(seg));
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_MSG);
	ck_assert(memcmp(x.out, echorq, 16) == 0);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_MSG);
	ck_assert(memcmp(x.out, ccrq, 16) == 0);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
	ctrl_frame_feed(&x.f, echorq + 8, 8);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_MSG);
	ck_assert(memcmp(x.out, echorq, 16) == 0);
}
END_TEST

START_TEST(t_byte_at_a_time)
{
	struct fx	x;
	size_t		i, got = 0;

	fx_init(&x);
	for (i = 0; i < 3 * sizeof(ccrq); i++) {
		ck_assert_uint_eq(ctrl_frame_feed(&x.f, &ccrq[i % 16], 1), 1);
		if (fx_next(&x) == CTRL_FRAME_MSG) {
			ck_assert_uint_eq(i % 16, 15);
			ck_assert(memcmp(x.out, ccrq, 16) == 0);
			got++;
		}
	}
	ck_assert_uint_eq(got, 3);
}
END_TEST

/*
 * npppd pptp_ctrl.c 1.10 looped forever on Length 0: nothing was consumed.
 * Here it is fatal, sticky, and every later call returns at once.
 */
START_TEST(t_regress_zero_length_no_spin)
{
	struct fx	x;
	uint8_t		zero[16];
	int		i;

	memcpy(zero, echorq, sizeof(zero));
	zero[0] = zero[1] = 0;
	fx_init(&x);
	ctrl_frame_feed(&x.f, zero, sizeof(zero));
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(fx_next(&x), CTRL_FRAME_FATAL);
	ck_assert_int_eq(x.f.err, CTRL_ERR_LEN_SHORT);
	ck_assert_uint_eq(x.outlen, 0);
	ck_assert_uint_eq(ctrl_frame_feed(&x.f, echorq, sizeof(echorq)), 0);
}
END_TEST

/* Length is checked as soon as its 2 bytes are in: 1..11, 221, 0xffff. */
START_TEST(t_bad_length_fatal)
{
	static const uint16_t lens[] = { 1, 8, 11, 221, 0x100, 0xffff };
	struct fx	x;
	uint8_t		b[2];

	fx_init(&x);
	b[0] = (uint8_t)(lens[_i] >> 8);
	b[1] = (uint8_t)lens[_i];
	ctrl_frame_feed(&x.f, b, 1);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
	ctrl_frame_feed(&x.f, b + 1, 1);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_FATAL);
	ck_assert_int_eq(x.f.err, lens[_i] < 12 ? CTRL_ERR_LEN_SHORT :
	    CTRL_ERR_LEN_LONG);
}
END_TEST

/* Bad magic is fatal after 8 bytes, without waiting for the body. */
START_TEST(t_bad_magic_fatal)
{
	struct fx	x;
	uint8_t		b[8];

	memcpy(b, echorq, sizeof(b));
	b[7] ^= 1;
	fx_init(&x);
	ctrl_frame_feed(&x.f, b, 7);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
	ctrl_frame_feed(&x.f, b + 7, 1);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_FATAL);
	ck_assert_int_eq(x.f.err, CTRL_ERR_MAGIC);
}
END_TEST

/* Framing leaves type checks to ctrl_parse(): a framed unknown type. */
START_TEST(t_unknown_type_is_framed)
{
	struct fx	x;
	uint8_t		b[16];
	struct ctrl_msg	m;

	memcpy(b, echorq, sizeof(b));
	b[9] = 99;
	fx_init(&x);
	ctrl_frame_feed(&x.f, b, sizeof(b));
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_MSG);
	ck_assert_int_eq(ctrl_parse(x.out, x.outlen, &m), CTRL_ERR_TYPE);
	ck_assert_int_eq(fx_next(&x), CTRL_FRAME_NEED_MORE);
}
END_TEST

/* A full buffer always drains: feed what fits, take messages, repeat. */
START_TEST(t_full_buffer_progress)
{
	struct ctrl_frame	f;
	uint8_t			store[PPTP_CTRL_MAX_LEN];
	uint8_t			out[PPTP_CTRL_MAX_LEN];
	uint8_t			stream[16 * 40];
	size_t			off = 0, n, outlen, msgs = 0;
	int			rounds = 0;

	for (n = 0; n < 40; n++)
		memcpy(stream + 16 * n, echorq, 16);
	ck_assert_int_eq(ctrl_frame_init(&f, store, sizeof(store)), 0);
	while (off < sizeof(stream)) {
		n = ctrl_frame_feed(&f, stream + off, sizeof(stream) - off);
		ck_assert_uint_gt(n, 0);
		off += n;
		while (ctrl_frame_next(&f, out, sizeof(out), &outlen) ==
		    CTRL_FRAME_MSG)
			msgs++;
		ck_assert_int_lt(++rounds, 100);
	}
	ck_assert_uint_eq(msgs, 40);
}
END_TEST

START_TEST(t_init_rejects_small_buffer)
{
	struct ctrl_frame	f;
	uint8_t			store[PPTP_CTRL_MAX_LEN - 1];

	ck_assert_int_eq(ctrl_frame_init(&f, store, sizeof(store)), -1);
	ck_assert_int_eq(ctrl_frame_init(&f, NULL, 4096), -1);
}
END_TEST

START_TEST(t_small_out_buffer_fatal)
{
	struct fx	x;
	uint8_t		small[15];
	size_t		outlen;

	fx_init(&x);
	ctrl_frame_feed(&x.f, echorq, sizeof(echorq));
	ck_assert_int_eq(ctrl_frame_next(&x.f, small, sizeof(small), &outlen),
	    CTRL_FRAME_FATAL);
	ck_assert_uint_eq(outlen, 0);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("ctrl_frame");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_whole_message);
	tcase_add_test(tc, t_merged_and_split);
	tcase_add_test(tc, t_byte_at_a_time);
	tcase_add_test(tc, t_regress_zero_length_no_spin);
	tcase_add_loop_test(tc, t_bad_length_fatal, 0, 6);
	tcase_add_test(tc, t_bad_magic_fatal);
	tcase_add_test(tc, t_unknown_type_is_framed);
	tcase_add_test(tc, t_full_buffer_progress);
	tcase_add_test(tc, t_init_rejects_small_buffer);
	tcase_add_test(tc, t_small_out_buffer_fatal);
	suite_add_tcase(s, tc);
	return s;
}
