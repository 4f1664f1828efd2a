/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_cdn_stats.c: the CDN's Call Statistics text (cdn_stats.c): the
 * kernel-mode and user-mode forms, the duration's H:MM:SS, that it fits
 * the 128-octet field, that items which do not fit are left out whole,
 * and that a CDN carrying it survives ctrl_build()/ctrl_parse().
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/cdn_stats.h"
#include "../pptp-ctrl/ctrl_wire.h"

START_TEST(t_kernel_mode)
{
	struct cdn_stats	s = {
		.secs = 3723, .rx_bytes = 8453032, .rx_pkts = 6012,
		.tx_bytes = 56808, .tx_pkts = 700
	};
	char			buf[PPTP_STATS_LEN + 1];
	size_t			n;

	n = cdn_stats_format(buf, sizeof(buf), &s);
	ck_assert_str_eq(buf, "duration 1:02:03, rx 8453032 bytes 6012 pkts, "
	    "tx 56808 bytes 700 pkts");
	ck_assert_uint_eq(n, strlen(buf));
}
END_TEST

START_TEST(t_user_mode)
{
	struct cdn_stats	s = {
		.secs = 59, .rx_bytes = 1, .rx_pkts = 2, .tx_bytes = 3,
		.tx_pkts = 4, .gre = 1, .gre_lost = 5, .gre_reordered = 6
	};
	char			buf[PPTP_STATS_LEN + 1];

	cdn_stats_format(buf, sizeof(buf), &s);
	ck_assert_str_eq(buf, "duration 0:00:59, rx 1 bytes 2 pkts, "
	    "tx 3 bytes 4 pkts, GRE lost 5 reordered 6");
	/* Kernel mode knows no GRE counters: none shown, not zeros. */
	s.gre = 0;
	cdn_stats_format(buf, sizeof(buf), &s);
	ck_assert_ptr_null(strstr(buf, "GRE"));
}
END_TEST

/* Every number at its largest: the text stops at the last whole item. */
START_TEST(t_truncated_whole_items)
{
	struct cdn_stats	s = {
		.secs = UINT64_MAX, .rx_bytes = UINT64_MAX,
		.rx_pkts = UINT64_MAX, .tx_bytes = UINT64_MAX,
		.tx_pkts = UINT64_MAX, .gre = 1, .gre_lost = UINT64_MAX,
		.gre_reordered = UINT64_MAX
	};
	char			buf[512];
	size_t			n;

	memset(buf, 'X', sizeof(buf));
	n = cdn_stats_format(buf, sizeof(buf), &s);
	ck_assert_uint_le(n, PPTP_STATS_LEN);
	ck_assert_uint_eq(n, strlen(buf));
	ck_assert_uint_eq((unsigned char)buf[n + 1], 'X');	/* untouched */
	ck_assert_str_eq(buf, "duration 5124095576030431:00:15, "
	    "rx 18446744073709551615 bytes 18446744073709551615 pkts");
}
END_TEST

/* A small buffer: whole items only, down to nothing at all. */
START_TEST(t_small_buffer)
{
	struct cdn_stats	s = { .secs = 5, .rx_bytes = 10, .rx_pkts = 1 };
	char			buf[40];

	ck_assert_uint_eq(cdn_stats_format(buf, 16, &s), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(cdn_stats_format(buf, 17, &s), 16);
	ck_assert_str_eq(buf, "duration 0:00:05");
	ck_assert_uint_eq(cdn_stats_format(buf, 0, &s), 0);
}
END_TEST

/* The text fills the field and comes back from the wire unchanged. */
START_TEST(t_wire_round_trip)
{
	struct cdn_stats	s = {
		.secs = 86400 * 3, .rx_bytes = 123456789012ULL,
		.rx_pkts = 98765432, .tx_bytes = 11, .tx_pkts = 12, .gre = 1,
		.gre_lost = 3, .gre_reordered = 4
	};
	struct ctrl_msg		m, back;
	uint8_t			wire[PPTP_CTRL_MAX_LEN];
	size_t			n;

	memset(&m, 0, sizeof(m));
	m.type = PPTP_MSG_CDN;
	m.u.cdn.call_id = 7;
	m.u.cdn.result = PPTP_CDN_RESULT_LOST_CARRIER;
	cdn_stats_format(m.u.cdn.stats, sizeof(m.u.cdn.stats), &s);
	n = ctrl_build(wire, sizeof(wire), &m);
	ck_assert_uint_eq(n, 148);		/* §2.13: the CDN's size */
	ck_assert_int_eq(ctrl_parse(wire, n, &back), CTRL_OK);
	ck_assert_str_eq(back.u.cdn.stats, m.u.cdn.stats);
	ck_assert_str_eq(back.u.cdn.stats, "duration 72:00:00, "
	    "rx 123456789012 bytes 98765432 pkts, tx 11 bytes 12 pkts, "
	    "GRE lost 3 reordered 4");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("cdn_stats");
	TCase	*tc = tcase_create("format");

	tcase_add_test(tc, t_kernel_mode);
	tcase_add_test(tc, t_user_mode);
	tcase_add_test(tc, t_truncated_whole_items);
	tcase_add_test(tc, t_small_buffer);
	tcase_add_test(tc, t_wire_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
