/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_seq.c: wrap-around tables for gre/seq.h, the one place sequence
 * numbers are compared (RFC 1982 serial arithmetic, study §b.1).
 */
#include <stdint.h>

#include "check_main.h"
#include "../gre/seq.h"

struct seq_case {
	uint32_t	a, b;
	int32_t		diff;
};

static const struct seq_case seq_cases[] = {
	{ 0, 0, 0 },
	{ 1, 0, 1 },
	{ 0, 1, -1 },
	{ 0, 0xffffffff, 1 },		/* wrap: 0 follows 0xFFFFFFFF */
	{ 0xffffffff, 0, -1 },
	{ 2, 0xfffffffe, 4 },
	{ 0xfffffffe, 2, -4 },
	{ 0x7fffffff, 0, INT32_MAX },
	{ 0x80000000, 0, INT32_MIN },	/* W6: exactly 2^31 is "before" */
	{ 0, 0x80000000, INT32_MIN },
	{ 0x80000001, 0, -INT32_MAX },
	{ 0x7ffffff0, 0x80000010, -0x20 },
};

START_TEST(t_seq_table)
{
	const struct seq_case *c = &seq_cases[_i];
	int32_t d = c->diff;

	ck_assert_int_eq(seq_diff(c->a, c->b), d);
	ck_assert_int_eq(seq_lt(c->a, c->b), d < 0);
	ck_assert_int_eq(seq_le(c->a, c->b), d <= 0);
	ck_assert_int_eq(seq_gt(c->a, c->b), d > 0);
	ck_assert_int_eq(seq_ge(c->a, c->b), d >= 0);
	ck_assert_uint_eq(seq_dist(c->a, c->b), c->a - c->b);
}
END_TEST

/* Order is consistent across the wrap for a sliding window of values. */
START_TEST(t_seq_window_across_wrap)
{
	uint32_t base = 0xffffff00u, i, j;

	for (i = 0; i < 512; i++)
		for (j = 0; j < 512; j += 7) {
			ck_assert_int_eq(seq_lt(base + i, base + j), i < j);
			ck_assert_int_eq(seq_diff(base + j, base + i),
			    (int32_t)j - (int32_t)i);
		}
}
END_TEST

START_TEST(t_seq_dist_forward)
{
	ck_assert_uint_eq(seq_dist(1, 0xffffffff), 2);
	ck_assert_uint_eq(seq_dist(5, 5), 0);
	ck_assert_uint_eq(seq_dist(0x80000000, 0), 0x80000000u);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("seq");
	TCase	*tc = tcase_create("serial");

	tcase_add_loop_test(tc, t_seq_table, 0,
	    (int)(sizeof(seq_cases) / sizeof(seq_cases[0])));
	tcase_add_test(tc, t_seq_window_across_wrap);
	tcase_add_test(tc, t_seq_dist_forward);
	suite_add_tcase(s, tc);
	return s;
}
