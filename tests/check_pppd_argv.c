/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_pppd_argv.c: the pppd command line pptpd-ng builds per call:
 * poptop's words in poptop's order (ip-up $3 speed, $6 ipparam), the
 * delegate/noipparam/logwtmp variants, our plugin's parameters, overflow.
 */
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/pppd_argv.h"

static struct pppd_params
params(void)
{
	struct pppd_params p;

	memset(&p, 0, sizeof(p));
	p.ppp = "/usr/sbin/pppd";
	p.option = "/etc/ppp/pptpd-options";
	p.speed = 115200;
	p.local = 0xc0a80001;		/* 192.168.0.1 */
	p.remote = 0xc0a8010a;		/* 192.168.1.10 */
	p.client = 0x0a000002;		/* 10.0.0.2 */
	p.ours = 0x0a000001;
	p.plugin = "/usr/lib/pppd/2.4.9/pptp-gre.so";
	p.call_id = 4242;
	p.peer_call_id = 7;
	p.gre_mode = "auto";
	p.user_channel = "auto";
	p.reorder_max = 32;
	p.reorder_timeout_ms = 50;
	p.no_gre_timeout = 5;
	return p;
}

static char *
joined(const struct pppd_argv *a, char *buf, size_t n)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < a->argc; i++) {
		if (i > 0)
			strncat(buf, " ", n - strlen(buf) - 1);
		strncat(buf, a->argv[i], n - strlen(buf) - 1);
	}
	return buf;
}

START_TEST(t_poptop_order)
{
	struct pppd_params p = params();
	struct pppd_argv a;
	char s[1024];

	ck_assert_int_eq(pppd_argv_build(&a, &p), 0);
	ck_assert_ptr_null(a.argv[a.argc]);
	ck_assert_str_eq(joined(&a, s, sizeof(s)),
	    "/usr/sbin/pppd local file /etc/ppp/pptpd-options 115200 "
	    "192.168.0.1:192.168.1.10 ipparam 10.0.0.2 remotenumber 10.0.0.2 "
	    "nodetach plugin /usr/lib/pppd/2.4.9/pptp-gre.so pptp-role server "
	    "pptp-local 10.0.0.1 pptp-peer 10.0.0.2 pptp-call-id 4242 "
	    "pptp-peer-call-id 7 pptp-gre-mode auto pptp-user-channel auto "
	    "pptp-ctrl-fd 3 "
	    "pptp-reorder-max 32 pptp-reorder-timeout 50 "
	    "pptp-no-gre-timeout 5");
}
END_TEST

START_TEST(t_variants)
{
	struct pppd_params p = params();
	struct pppd_argv a;
	char s[1024];

	p.delegate = 1;
	p.noipparam = 1;
	p.option = "";
	p.logwtmp_plugin = "/usr/lib/pptpd/pptpd-logwtmp.so";
	ck_assert_int_eq(pppd_argv_build(&a, &p), 0);
	joined(&a, s, sizeof(s));
	ck_assert_ptr_null(strstr(s, "ipparam"));
	ck_assert_ptr_null(strstr(s, " file "));
	ck_assert_ptr_null(strstr(s, ":192.168"));
	ck_assert_ptr_nonnull(strstr(s, "local 115200 plugin "
	    "/usr/lib/pptpd/pptpd-logwtmp.so pptpd-original-ip 10.0.0.2 "
	    "remotenumber 10.0.0.2"));
}
END_TEST

/* The bound kernel socket the privileged process passes as fd 4. */
START_TEST(t_kernel_fd)
{
	struct pppd_params p = params();
	struct pppd_argv a;
	char s[1024];

	ck_assert_int_eq(pppd_argv_build(&a, &p), 0);
	ck_assert_ptr_null(strstr(joined(&a, s, sizeof(s)), "kernel-fd"));
	p.kernel_fd = 1;
	ck_assert_int_eq(pppd_argv_build(&a, &p), 0);
	ck_assert_ptr_nonnull(strstr(joined(&a, s, sizeof(s)),
	    "pptp-ctrl-fd 3 pptp-kernel-fd 4 pptp-reorder-max"));
}
END_TEST

/* Words with spaces or shell characters stay single argv entries. */
START_TEST(t_no_shell)
{
	struct pppd_params p = params();
	struct pppd_argv a;

	p.option = "/etc/ppp/my options;rm -rf /";
	ck_assert_int_eq(pppd_argv_build(&a, &p), 0);
	ck_assert_str_eq(a.argv[3], "/etc/ppp/my options;rm -rf /");
}
END_TEST

START_TEST(t_overflow)
{
	struct pppd_params p = params();
	struct pppd_argv a;
	static char big[PPPD_ARGV_BUF];

	memset(big, 'x', sizeof(big) - 1);
	p.option = big;
	ck_assert_int_eq(pppd_argv_build(&a, &p), -1);
}
END_TEST

Suite *
check_suite(void)
{
	Suite *s = suite_create("pppd_argv");
	TCase *tc = tcase_create("argv");

	tcase_add_test(tc, t_poptop_order);
	tcase_add_test(tc, t_variants);
	tcase_add_test(tc, t_kernel_fd);
	tcase_add_test(tc, t_no_shell);
	tcase_add_test(tc, t_overflow);
	suite_add_tcase(s, tc);
	return s;
}
