/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_pptp_opt.c: unit tests for plugins/pptp_opt.c, the parsers of
 * pptp-gre.so's option values: what pptpd-ng passes is accepted, and
 * every lenient or hostile spelling is refused with its reason.
 */
#include <arpa/inet.h>

#include <string.h>

#include "check_main.h"
#include "../plugins/pptp_opt.h"

START_TEST(t_uint)
{
	static const char *const bad[] = {
		"", "0", "01", "-1", "+1", " 1", "1 ", "0x10", "65536",
		"99999999999", "1e3", "12a", "4294967296",
	};
	long	v = -1;
	size_t	i;

	ck_assert_int_eq(pptp_opt_uint("1723", 1, 65535, &v), PPTP_OPT_OK);
	ck_assert_int_eq(v, 1723);
	ck_assert_int_eq(pptp_opt_uint("65535", 1, 65535, &v), PPTP_OPT_OK);
	ck_assert_int_eq(pptp_opt_uint("0", 0, 5, &v), PPTP_OPT_OK);
	ck_assert_int_eq(v, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(pptp_opt_uint(bad[i], 1, 65535, &v) ==
		    PPTP_OPT_NOT_NUMBER, "accepted '%s'", bad[i]);
}
END_TEST

START_TEST(t_ip4)
{
	uint32_t	a;

	ck_assert_int_eq(pptp_opt_ip4("10.77.0.1", &a), PPTP_OPT_OK);
	ck_assert_uint_eq(ntohl(a), 0x0a4d0001);
	ck_assert_int_eq(pptp_opt_ip4("0.0.0.0", &a), PPTP_OPT_NOT_UNICAST);
	ck_assert_int_eq(pptp_opt_ip4("127.0.0.1", &a), PPTP_OPT_NOT_UNICAST);
	ck_assert_int_eq(pptp_opt_ip4("224.0.0.5", &a), PPTP_OPT_NOT_UNICAST);
	ck_assert_int_eq(pptp_opt_ip4("255.255.255.255", &a),
	    PPTP_OPT_NOT_UNICAST);
	ck_assert_int_eq(pptp_opt_ip4("10.077.0.1", &a), PPTP_OPT_NOT_IP4);
	ck_assert_int_eq(pptp_opt_ip4("10.77.1", &a), PPTP_OPT_NOT_IP4);
	ck_assert_int_eq(pptp_opt_ip4("10.77.0.1 ", &a), PPTP_OPT_NOT_IP4);
	ck_assert_int_eq(pptp_opt_ip4("::1", &a), PPTP_OPT_NOT_IP4);
	ck_assert_int_eq(pptp_opt_ip4("", &a), PPTP_OPT_NOT_IP4);
}
END_TEST

START_TEST(t_host)
{
	char	out[16], big[32];

	ck_assert_int_eq(pptp_opt_host("vpn.example_1-a", out, sizeof(out)),
	    PPTP_OPT_OK);
	ck_assert_str_eq(out, "vpn.example_1-a");
	ck_assert_int_eq(pptp_opt_host("", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	ck_assert_int_eq(pptp_opt_host("-oProxy", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	ck_assert_int_eq(pptp_opt_host(".x", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	ck_assert_int_eq(pptp_opt_host("a;reboot", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	ck_assert_int_eq(pptp_opt_host("%n%n", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	ck_assert_int_eq(pptp_opt_host("a b", out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(pptp_opt_host(big, out, sizeof(out)),
	    PPTP_OPT_NOT_HOST);
	big[sizeof(out) - 1] = '\0';
	ck_assert_int_eq(pptp_opt_host(big, out, sizeof(out)), PPTP_OPT_OK);
}
END_TEST

START_TEST(t_keyword)
{
	static const char *const w[] = { "server", "client", NULL };
	int	i = -1;

	ck_assert_int_eq(pptp_opt_keyword("client", w, &i), PPTP_OPT_OK);
	ck_assert_int_eq(i, 1);
	ck_assert_int_eq(pptp_opt_keyword("Client", w, &i),
	    PPTP_OPT_NOT_KEYWORD);
	ck_assert_int_eq(pptp_opt_keyword("serv", w, &i),
	    PPTP_OPT_NOT_KEYWORD);
	ck_assert_int_eq(pptp_opt_keyword("", w, &i), PPTP_OPT_NOT_KEYWORD);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("pptp_opt");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_uint);
	tcase_add_test(tc, t_ip4);
	tcase_add_test(tc, t_host);
	tcase_add_test(tc, t_keyword);
	suite_add_tcase(s, tc);
	return s;
}
