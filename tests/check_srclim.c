/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_srclim.c: the per-source limits (srclim.c): allow/deny list syntax
 * and matching (prefix edges, /0 and /32, deny over allow), the fixed
 * window counter, bans outliving idle expiry, and the bounded table's
 * choice of a victim when it is full.
 */
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/srclim.h"

#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			 (uint32_t)(c) << 8 | (uint32_t)(d))

START_TEST(t_acl_syntax)
{
	static const char *const good[] = {
		"10.0.0.0/8", "0.0.0.0/0", "1.2.3.4", "1.2.3.4/32",
		" 10.0.0.0/8 , 192.168.1.0/24\t172.16.0.0/12 ",
	};
	static const char *const bad[] = {
		"", " , ", "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/08",
		"10.0.0.0/8x", "10.0.0/8", "host.example", "1.2.3.4/-1",
		"256.0.0.0", "1.2.3.4//32", "01.2.3.4",
	};
	char	err[128], many[600];
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(srclim_acl_check(good[i], err, sizeof(err)) == 0,
		    "'%s': %s", good[i], err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(srclim_acl_check(bad[i], err, sizeof(err)) == -1,
		    "'%s' accepted", bad[i]);
	many[0] = '\0';
	for (i = 0; i <= SRCLIM_ACL_MAX; i++)
		strcat(many, "1.1.1.1 ");
	ck_assert_int_eq(srclim_acl_check(many, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "more than"));
}
END_TEST

START_TEST(t_acl_match)
{
	const char	*l = "10.0.0.0/8, 192.168.1.128/25 172.16.5.4";

	ck_assert(srclim_acl_match(l, IP(10, 0, 0, 0)));
	ck_assert(srclim_acl_match(l, IP(10, 255, 255, 255)));
	ck_assert(!srclim_acl_match(l, IP(11, 0, 0, 0)));
	ck_assert(!srclim_acl_match(l, IP(9, 255, 255, 255)));
	ck_assert(srclim_acl_match(l, IP(192, 168, 1, 128)));
	ck_assert(srclim_acl_match(l, IP(192, 168, 1, 255)));
	ck_assert(!srclim_acl_match(l, IP(192, 168, 1, 127)));
	ck_assert(srclim_acl_match(l, IP(172, 16, 5, 4)));
	ck_assert(!srclim_acl_match(l, IP(172, 16, 5, 5)));
	ck_assert(srclim_acl_match("0.0.0.0/0", IP(203, 0, 113, 9)));
	ck_assert(!srclim_acl_match("", IP(10, 0, 0, 1)));
}
END_TEST

START_TEST(t_acl_refuses)
{
	/* Nothing configured: everyone. */
	ck_assert(!srclim_acl_refuses("", "", IP(1, 2, 3, 4)));
	/* allow alone: only those. */
	ck_assert(!srclim_acl_refuses("10.0.0.0/8", "", IP(10, 1, 1, 1)));
	ck_assert(srclim_acl_refuses("10.0.0.0/8", "", IP(11, 1, 1, 1)));
	/* deny alone: all but those. */
	ck_assert(srclim_acl_refuses("", "10.66.0.0/16", IP(10, 66, 1, 1)));
	ck_assert(!srclim_acl_refuses("", "10.66.0.0/16", IP(10, 67, 1, 1)));
	/* deny wins over allow, whatever the order or prefix lengths. */
	ck_assert(srclim_acl_refuses("10.66.1.1", "10.0.0.0/8",
	    IP(10, 66, 1, 1)));
	ck_assert(srclim_acl_refuses("10.0.0.0/8", "10.66.0.0/16",
	    IP(10, 66, 1, 1)));
	ck_assert(!srclim_acl_refuses("10.0.0.0/8", "10.66.0.0/16",
	    IP(10, 65, 1, 1)));
}
END_TEST

START_TEST(t_window)
{
	struct srclim_ent	t[4];
	struct srclim_ent	*e;
	int			i;

	memset(t, 0, sizeof(t));
	e = srclim_slot(t, 4, IP(10, 0, 0, 1), 1000, 60000);
	ck_assert_ptr_nonnull(e);
	/* limit 3 per 10 s: the 4th within the window is over. */
	for (i = 0; i < 3; i++)
		ck_assert(!srclim_count(e, 1000 + (uint64_t)i * 100, 3, 10000));
	ck_assert(srclim_count(e, 1400, 3, 10000));
	ck_assert(srclim_count(e, 10999, 3, 10000));
	/* A new window starts at 11000 (fixed window). */
	ck_assert(!srclim_count(e, 11000, 3, 10000));
	ck_assert_uint_eq(e->win_n, 1);
	/* The same address finds the same entry. */
	ck_assert_ptr_eq(srclim_slot(t, 4, IP(10, 0, 0, 1), 11001, 60000), e);
	ck_assert_ptr_eq(srclim_find(t, 4, IP(10, 0, 0, 1)), e);
	ck_assert_ptr_null(srclim_find(t, 4, IP(10, 0, 0, 2)));
	ck_assert_ptr_null(srclim_find(t, 4, 0));
	/* A clock that went backwards restarts the window, never wraps. */
	ck_assert(!srclim_count(e, 500, 3, 10000));
	ck_assert_uint_eq(e->win_n, 1);
}
END_TEST

START_TEST(t_ban_and_expiry)
{
	struct srclim_ent	t[2];
	struct srclim_ent	*a, *b, *c;

	memset(t, 0, sizeof(t));
	a = srclim_slot(t, 2, IP(10, 0, 0, 1), 1000, 5000);
	a->ban_until = 100000;
	ck_assert(srclim_banned(t, 2, IP(10, 0, 0, 1), 99999));
	ck_assert(!srclim_banned(t, 2, IP(10, 0, 0, 1), 100000));
	ck_assert(!srclim_banned(t, 2, IP(10, 0, 0, 2), 50000));
	/* Idle past keep_ms but still banned: kept. */
	b = srclim_slot(t, 2, IP(10, 0, 0, 2), 50000, 5000);
	ck_assert_ptr_ne(a, b);
	ck_assert(srclim_banned(t, 2, IP(10, 0, 0, 1), 60000));
	/* Full table: the unbanned entry goes, not the banned one. */
	c = srclim_slot(t, 2, IP(10, 0, 0, 3), 51000, 500000);
	ck_assert_ptr_eq(c, b);
	ck_assert_uint_eq(c->addr, IP(10, 0, 0, 3));
	ck_assert_uint_eq(c->win_n, 0);
	ck_assert(srclim_banned(t, 2, IP(10, 0, 0, 1), 60000));
	/* Ban over and idle: freed on the next walk. */
	(void)srclim_slot(t, 2, IP(10, 0, 0, 3), 200000, 5000);
	ck_assert_ptr_null(srclim_find(t, 2, IP(10, 0, 0, 1)));
}
END_TEST

START_TEST(t_all_banned_lru)
{
	struct srclim_ent	t[3];
	struct srclim_ent	*e;
	uint32_t		i;

	memset(t, 0, sizeof(t));
	for (i = 1; i <= 3; i++) {
		e = srclim_slot(t, 3, i, i * 10, 1000000);
		e->ban_until = 1000000;
	}
	/* Every entry banned: the least recently used one is reused. */
	e = srclim_slot(t, 3, 99, 100, 1000000);
	ck_assert_ptr_eq(e, &t[0]);
	ck_assert_uint_eq(e->ban_until, 0);
	/* Many distinct sources never grow the table past its size. */
	for (i = 1000; i < 2000; i++)
		ck_assert_ptr_nonnull(srclim_slot(t, 3, i, 200 + i, 10));
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("srclim");
	TCase	*tc;

	tc = tcase_create("acl");
	tcase_add_test(tc, t_acl_syntax);
	tcase_add_test(tc, t_acl_match);
	tcase_add_test(tc, t_acl_refuses);
	suite_add_tcase(s, tc);
	tc = tcase_create("table");
	tcase_add_test(tc, t_window);
	tcase_add_test(tc, t_ban_and_expiry);
	tcase_add_test(tc, t_all_banned_lru);
	suite_add_tcase(s, tc);
	return s;
}
