/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_bytes.c: unit tests for gre/bytes.h, the shared bounds-checked
 * cursor: exact fits, overruns, sticky errors, sub-cursors, fixed strings.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../gre/bytes.h"

static const uint8_t buf8[8] = { 0x1a, 0x2b, 0x3c, 0x4d, 0x00, 0x01, 0xff, 0xfe };

START_TEST(t_read_be)
{
	struct rd r;

	rd_init(&r, buf8, sizeof(buf8));
	ck_assert_uint_eq(rd_u32(&r), 0x1a2b3c4d);
	ck_assert_uint_eq(rd_u16(&r), 0x0001);
	ck_assert_uint_eq(rd_u8(&r), 0xff);
	ck_assert_uint_eq(rd_left(&r), 1);
	ck_assert_int_eq(r.err, 0);
}
END_TEST

/* Every read length past the end sets the sticky error and yields 0. */
START_TEST(t_overrun)
{
	struct rd r;

	rd_init(&r, buf8, (size_t)_i);
	(void)rd_u32(&r);
	(void)rd_u32(&r);
	if (_i < 8)
		ck_assert_int_eq(r.err, 1);
	else
		ck_assert_int_eq(r.err, 0);
	/* Sticky: a later small read fails even if bytes were left. */
	rd_init(&r, buf8, 3);
	ck_assert_uint_eq(rd_u32(&r), 0);
	ck_assert_uint_eq(rd_u8(&r), 0);
	ck_assert_int_eq(r.err, 1);
	ck_assert_uint_eq(rd_left(&r), 0);
}
END_TEST

START_TEST(t_sub)
{
	struct rd r, s;

	rd_init(&r, buf8, sizeof(buf8));
	s = rd_sub(&r, 4);
	ck_assert_uint_eq(rd_u32(&s), 0x1a2b3c4d);
	ck_assert_uint_eq(rd_left(&s), 0);
	(void)rd_u8(&s);
	ck_assert_int_eq(s.err, 1);
	ck_assert_int_eq(r.err, 0);
	ck_assert_uint_eq(rd_u16(&r), 1);
	s = rd_sub(&r, 3);
	ck_assert_int_eq(s.err, 1);
	ck_assert_int_eq(r.err, 1);
}
END_TEST

START_TEST(t_fixstr)
{
	const uint8_t nonul[4] = { 'a', 'b', 'c', 'd' };
	const uint8_t early[4] = { 'x', 0, 'y', 'z' };
	char out[8];
	char small[3];
	struct rd r;

	rd_init(&r, nonul, sizeof(nonul));
	rd_fixstr(&r, out, sizeof(out), 4);
	ck_assert_str_eq(out, "abcd");
	ck_assert_uint_eq(rd_left(&r), 0);

	rd_init(&r, early, sizeof(early));
	rd_fixstr(&r, out, sizeof(out), 4);
	ck_assert_str_eq(out, "x");
	ck_assert_uint_eq(rd_left(&r), 0);

	rd_init(&r, nonul, sizeof(nonul));
	rd_fixstr(&r, small, sizeof(small), 4);
	ck_assert_str_eq(small, "ab");

	rd_init(&r, nonul, 3);
	rd_fixstr(&r, out, sizeof(out), 4);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(r.err, 1);
}
END_TEST

START_TEST(t_write)
{
	uint8_t out[10];
	struct wr w;

	wr_init(&w, out, sizeof(out));
	wr_u32(&w, 0x1a2b3c4d);
	wr_u16(&w, 0xbeef);
	wr_fixstr(&w, "hi", 4);
	ck_assert_int_eq(w.err, 0);
	ck_assert_mem_eq(out, "\x1a\x2b\x3c\x4d\xbe\xef" "hi\0\0", 10);
	wr_u8(&w, 1);
	ck_assert_int_eq(w.err, 1);
	wr_init(&w, out, 3);
	wr_u32(&w, 1);
	ck_assert_int_eq(w.err, 1);
}
END_TEST

Suite *
check_suite(void)
{
	Suite *s = suite_create("bytes");
	TCase *tc = tcase_create("cursor");

	tcase_add_test(tc, t_read_be);
	tcase_add_loop_test(tc, t_overrun, 0, 9);
	tcase_add_test(tc, t_sub);
	tcase_add_test(tc, t_fixstr);
	tcase_add_test(tc, t_write);
	suite_add_tcase(s, tc);
	return s;
}
