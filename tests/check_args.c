/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_args.c: pptpd's command line (args.c): every poptop flag in its
 * short and long form, bundling, unique long prefixes, errors, and the
 * rule that flags override pptpd.conf.  Pure: nothing is run or opened.
 */
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/args.h"
#include "../pptp-ctrl/conf.h"

#define ARGC(v)	((int)(sizeof(v) / sizeof(v[0])))

static int	 parse(struct args *, struct conf_diag *, int, char **);

static int
parse(struct args *a, struct conf_diag *d, int argc, char **argv)
{
	conf_diag_init(d, "pptpd-ng");
	return args_parse(a, argc, argv, d);
}

START_TEST(t_every_short_flag)
{
	char	*argv[] = { "pptpd-ng", "-b", "eth1", "-c", "/tmp/p.conf",
	    "-d", "-e", "/opt/pppd", "-f", "-i", "-l", "10.0.0.1", "-n",
	    "-o", "/etc/ppp/o", "-p", "/run/p.pid", "-s", "9600", "-t", "3",
	    "-w", "-C", "7", "-D", "-V", "blue" };
	struct args		a;
	struct conf_diag	d;

	ck_assert_int_eq(parse(&a, &d, ARGC(argv), argv), 0);
	ck_assert_str_eq(a.conf.bcrelay, "eth1");
	ck_assert_str_eq(a.conffile, "/tmp/p.conf");
	ck_assert(a.conf.debug);
	ck_assert_str_eq(a.conf.ppp, "/opt/pppd");
	ck_assert(a.foreground);
	ck_assert(a.conf.noipparam);
	ck_assert_str_eq(a.conf.listen, "10.0.0.1");
	ck_assert(a.check);
	ck_assert_str_eq(a.conf.option, "/etc/ppp/o");
	ck_assert_str_eq(a.conf.pidfile, "/run/p.pid");
	ck_assert_uint_eq(a.conf.speed, 9600);
	ck_assert_uint_eq(a.conf.stimeout, 3);
	ck_assert(a.conf.logwtmp);
	ck_assert_uint_eq(a.conf.connections, 7);
	ck_assert(a.conf.delegate);
	ck_assert_str_eq(a.conf.vrf, "blue");
	ck_assert(!a.help && !a.version);
	ck_assert_uint_eq(d.warnings, 1);	/* vrf is unsupported */
}
END_TEST

START_TEST(t_every_long_flag)
{
	char	*argv[] = { "pptpd-ng", "--bcrelay", "eth1", "--conf=/c",
	    "--debug", "--ppp", "/opt/pppd", "--fg", "--noipparam",
	    "--listen=10.0.0.1", "--check", "--option", "/o", "--pidfile",
	    "/p", "--speed=9600", "--stimeout", "3", "--logwtmp",
	    "--connections", "7", "--delegate", "--vrf", "blue", "--help",
	    "--version" };
	struct args		a;
	struct conf_diag	d;

	ck_assert_int_eq(parse(&a, &d, ARGC(argv), argv), 0);
	ck_assert_str_eq(a.conf.bcrelay, "eth1");
	ck_assert_str_eq(a.conffile, "/c");
	ck_assert(a.conf.debug && a.conf.noipparam && a.conf.logwtmp);
	ck_assert(a.conf.delegate && a.foreground && a.check);
	ck_assert(a.help && a.version);
	ck_assert_str_eq(a.conf.ppp, "/opt/pppd");
	ck_assert_str_eq(a.conf.listen, "10.0.0.1");
	ck_assert_str_eq(a.conf.option, "/o");
	ck_assert_str_eq(a.conf.pidfile, "/p");
	ck_assert_uint_eq(a.conf.speed, 9600);
	ck_assert_uint_eq(a.conf.stimeout, 3);
	ck_assert_uint_eq(a.conf.connections, 7);
	ck_assert_str_eq(a.conf.vrf, "blue");
}
END_TEST

START_TEST(t_bundles_and_prefixes)
{
	char	*argv[] = { "pptpd-ng", "-dfiC5", "-s9600", "--conn", "8",
	    "--noip", "--log", "-hv" };
	struct args		a;
	struct conf_diag	d;

	ck_assert_int_eq(parse(&a, &d, ARGC(argv), argv), 0);
	ck_assert(a.conf.debug && a.foreground && a.conf.noipparam);
	ck_assert_uint_eq(a.conf.connections, 8);	/* last one wins */
	ck_assert_uint_eq(a.conf.speed, 9600);
	ck_assert(a.conf.logwtmp && a.help && a.version);
	ck_assert_str_eq(a.conffile, CONF_FILE_DEFAULT);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(t_errors)
{
	static const struct {
		char		*argv1, *argv2;
		const char	*msg;
	} v[] = {
		{ "-x", NULL, "unknown option '-x'" },
		{ "--frob", NULL, "unknown option '--frob'" },
		{ "--d", NULL, "ambiguous (--debug, --delegate)" },
		{ "-C", NULL, "option '-C' needs a value" },
		{ "--conf", NULL, "option '--conf' needs a value" },
		{ "--debug=1", NULL, "option '--debug' takes no value" },
		{ "-C", "lots", "connections: 'lots' is not a whole decimal" },
		{ "-t", "0x5", "stimeout: '0x5' is not" },
		{ "-s", "0", "speed: '0' is out of range" },
		{ "-c", "", "-c: empty file name" },
		{ "stray", NULL, "unexpected argument 'stray'" },
		{ "--", "-d", "unexpected argument '-d'" },
		{ "-l", "10.0.0.1,10.0.0.2", "listen: '10.0.0.1,10.0.0.2'" },
	};
	char			*argv[3];
	struct args		 a;
	struct conf_diag	 d;
	char			 buf[400];
	size_t			 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		argv[0] = "pptpd-ng";
		argv[1] = v[i].argv1;
		argv[2] = v[i].argv2;
		ck_assert_int_eq(parse(&a, &d, v[i].argv2 ? 3 : 2, argv), -1);
		ck_assert_uint_ge(d.n, 1);
		(void)conf_diag_format(&d, 0, buf, sizeof(buf));
		ck_assert_msg(strstr(buf, v[i].msg) != NULL, "%s: got '%s'",
		    v[i].argv1, buf);
	}
}
END_TEST

/* Command-line flags override the file; the rest of the file stays. */
START_TEST(t_override_file)
{
	static const char	file[] = "connections 50\nspeed 38400\n"
	    "option /etc/ppp/pptpd-options\nstimeout 20\n";
	char			*argv[] = { "pptpd-ng", "-C", "7", "-o",
	    "/etc/ppp/other", "-d" };
	struct args		 a;
	struct conf		 c;
	struct conf_diag	 d;

	ck_assert_int_eq(parse(&a, &d, ARGC(argv), argv), 0);
	ck_assert_int_eq(conf_parse(&c, file, sizeof(file) - 1, &d), 0);
	conf_override(&c, &a.conf);
	ck_assert_uint_eq(c.connections, 7);
	ck_assert_str_eq(c.option, "/etc/ppp/other");
	ck_assert(c.debug);
	ck_assert_uint_eq(c.speed, 38400);
	ck_assert_uint_eq(c.stimeout, 20);
	ck_assert_uint_eq(conf_handshake_timeout(&c), 20);
}
END_TEST

START_TEST(t_usage_lists_every_flag)
{
	static const char *const flags[] = {
		"-b, --bcrelay", "-c, --conf", "-C, --connections",
		"-d, --debug", "-D, --delegate", "-e, --ppp", "-f, --fg",
		"-h, --help", "-i, --noipparam", "-l, --listen",
		"-n, --check", "-o, --option", "-p, --pidfile",
		"-s, --speed", "-t, --stimeout", "-v, --version",
		"-V, --vrf", "-w, --logwtmp",
	};
	size_t	i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		ck_assert_msg(strstr(args_usage(), flags[i]) != NULL,
		    "usage lacks %s", flags[i]);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("args");
	TCase	*tc = tcase_create("args");

	tcase_add_test(tc, t_every_short_flag);
	tcase_add_test(tc, t_every_long_flag);
	tcase_add_test(tc, t_bundles_and_prefixes);
	tcase_add_test(tc, t_errors);
	tcase_add_test(tc, t_override_file);
	tcase_add_test(tc, t_usage_lists_every_flag);
	suite_add_tcase(s, tc);
	return s;
}
