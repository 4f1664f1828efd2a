/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_conf.c: the pptpd.conf parser (conf.c) and `-n` printer/checker
 * (printconf.c).  Golden pairs: every tests/conf/NAME.in is parsed, pooled
 * (with a fake resolver), checked and printed; the text must equal
 * tests/conf/NAME.ok.  After a deliberate change, regenerate with
 *	UPDATE_GOLDEN=1 make check-unit
 * and review the diff.  CONF_GOLDEN_DIR overrides the directory.
 * Must not touch the network or anything outside tests/conf.
 */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/conf.h"
#include "../pptp-ctrl/pool.h"
#include "../pptp-ctrl/printconf.h"

#define GOLDEN_MAX	128

static char	 golden_dir[PATH_MAX];
static char	*golden_in[GOLDEN_MAX];
static size_t	 golden_n;

static char	*slurp(const char *, size_t *);
static int	 fake_resolve(void *, const char *, uint32_t *);
static char	*run_conf(const char *, size_t, size_t *);
static int	 parse_str(struct conf *, struct conf_diag *, const char *);
static bool	 diag_has(const struct conf_diag *, const char *);
static void	 golden_scan(void);

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Two fixed names; everything else fails, as a missing DNS entry. */
static int
fake_resolve(void *arg, const char *name, uint32_t *out)
{
	(void)arg;
	if (strcmp(name, "vpn-peer.example") == 0)
		*out = 0x0a630001;
	else if (strcmp(name, "gw.example") == 0)
		*out = 0x0a630002;
	else
		return -1;
	return 0;
}

/* parse -> pool -> check -> print, the way `pptpd-ng -n` runs. */
static char *
run_conf(const char *buf, size_t len, size_t *outlen)
{
	struct pool_resolver	 res = { fake_resolve, NULL };
	struct conf		 c;
	struct conf_diag	 d;
	struct conf_env		 env;
	struct pool		 p;
	char			*out = NULL;
	FILE			*f;

	conf_diag_init(&d, "pptpd.conf");
	memset(&p, 0, sizeof(p));
	memset(&env, 0, sizeof(env));
	if (conf_parse(&c, buf, len, &d) == 0 &&
	    pool_init(&p, &c, &res, &d) == 0) {
		env.pool = &p;
		(void)conf_check(&c, &d, &env);
	}
	f = open_memstream(&out, outlen);
	ck_assert_ptr_nonnull(f);
	conf_print(f, &c, env.pool);
	fprintf(f, "--- %u error(s), %u warning(s)\n", d.errors, d.warnings);
	conf_diag_print(&d, f);
	fclose(f);
	pool_fini(&p);
	return out;
}

static void
golden_scan(void)
{
	const char	*env = getenv("CONF_GOLDEN_DIR");
	const char	*slash;
	char		 pat[PATH_MAX + 8];
	glob_t		 g;
	size_t		 i;

	if (env != NULL) {
		(void)snprintf(golden_dir, sizeof(golden_dir), "%s", env);
	} else {
		slash = strrchr(__FILE__, '/');
		(void)snprintf(golden_dir, sizeof(golden_dir), "%.*sconf",
		    slash != NULL ? (int)(slash - __FILE__ + 1) : 0, __FILE__);
	}
	(void)snprintf(pat, sizeof(pat), "%s/*.in", golden_dir);
	if (glob(pat, 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc && golden_n < GOLDEN_MAX; i++)
		golden_in[golden_n++] = strdup(g.gl_pathv[i]);
	globfree(&g);
}

START_TEST(t_golden)
{
	char	 okpath[PATH_MAX];
	char	*in, *want, *got;
	size_t	 inlen, wantlen, gotlen;
	FILE	*f;

	ck_assert_uint_lt((size_t)_i, golden_n);
	in = slurp(golden_in[_i], &inlen);
	ck_assert_msg(in != NULL, "cannot read %s", golden_in[_i]);
	(void)snprintf(okpath, sizeof(okpath), "%.*s.ok",
	    (int)(strlen(golden_in[_i]) - 3), golden_in[_i]);
	got = run_conf(in, inlen, &gotlen);
	if (getenv("UPDATE_GOLDEN") != NULL) {
		f = fopen(okpath, "w");
		ck_assert_ptr_nonnull(f);
		fwrite(got, 1, gotlen, f);
		fclose(f);
	}
	want = slurp(okpath, &wantlen);
	ck_assert_msg(want != NULL, "missing %s (UPDATE_GOLDEN=1 makes it)",
	    okpath);
	ck_assert_msg(wantlen == gotlen && memcmp(want, got, gotlen) == 0,
	    "%s differs from the output:\n%s", okpath, got);
	free(in);
	free(want);
	free(got);
}
END_TEST

START_TEST(t_golden_found)
{
	ck_assert_msg(golden_n >= 20, "only %zu golden inputs in %s",
	    golden_n, golden_dir);
}
END_TEST

/* Printing then re-parsing gives the same settings: -n output is valid. */
START_TEST(t_roundtrip)
{
	struct conf		 a, b;
	struct conf_diag	 d;
	char			*in, *out1 = NULL, *out2 = NULL;
	size_t			 inlen, n1, n2;
	FILE			*f;

	in = slurp(golden_in[_i], &inlen);
	ck_assert_ptr_nonnull(in);
	conf_diag_init(&d, "in");
	(void)conf_parse(&a, in, inlen, &d);
	f = open_memstream(&out1, &n1);
	conf_print(f, &a, NULL);
	fclose(f);
	conf_diag_init(&d, "printed");
	ck_assert_int_eq(conf_parse(&b, out1, n1, &d), 0);
	f = open_memstream(&out2, &n2);
	conf_print(f, &b, NULL);
	fclose(f);
	ck_assert_str_eq(out1, out2);
	free(in);
	free(out1);
	free(out2);
}
END_TEST

static int
parse_str(struct conf *c, struct conf_diag *d, const char *s)
{
	conf_diag_init(d, "t.conf");
	return conf_parse(c, s, strlen(s), d);
}

static bool
diag_has(const struct conf_diag *d, const char *needle)
{
	char	buf[512];
	size_t	i;

	for (i = 0; i < d->n; i++) {
		(void)conf_diag_format(d, i, buf, sizeof(buf));
		if (strstr(buf, needle) != NULL)
			return true;
	}
	return false;
}

START_TEST(t_defaults)
{
	struct conf		c;
	struct conf_diag	d;

	ck_assert_int_eq(parse_str(&c, &d, ""), 0);
	ck_assert_uint_eq(c.connections, 100);
	ck_assert_uint_eq(c.speed, 115200);
	ck_assert_uint_eq(c.stimeout, 10);
	ck_assert_str_eq(c.pidfile, "/var/run/pptpd.pid");
	ck_assert_str_eq(c.ppp, "/usr/sbin/pppd");
	ck_assert_str_eq(c.option, "");
	ck_assert_int_eq(c.gre_mode, CONF_GRE_AUTO);
	ck_assert_int_eq(c.user_chan, CONF_CHAN_AUTO);
	ck_assert_uint_eq(c.echo_interval, 60);
	ck_assert_uint_eq(c.echo_failures, 3);
	ck_assert_uint_eq(conf_handshake_timeout(&c), 10);
	ck_assert_uint_eq(c.calls_per_conn, 16);
	ck_assert_uint_eq(c.max_per_source, 0);
	ck_assert_uint_eq(c.listen_backlog, 128);
	ck_assert_str_eq(c.control_socket, "/run/pptpd-ng/control.sock");
	ck_assert_uint_eq(c.reorder_max, 32);
	ck_assert_uint_eq(c.reorder_timeout_ms, 50);
	ck_assert_uint_eq(c.no_gre_timeout, 5);
	ck_assert_uint_eq(c.set, 0);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(t_first_wins)
{
	struct conf		c;
	struct conf_diag	d;

	ck_assert_int_eq(parse_str(&c, &d, "speed 9600\nspeed 38400\n"), 0);
	ck_assert_uint_eq(c.speed, 9600);
	ck_assert_uint_eq(c.line[CONF_KW_SPEED], 1);
	ck_assert(diag_has(&d, "t.conf:2: warning: speed: duplicate"));
	/* An invalid first occurrence still wins, as in poptop. */
	ck_assert_int_eq(parse_str(&c, &d, "speed x\nspeed 38400\n"), -1);
	ck_assert_uint_eq(c.speed, 115200);
}
END_TEST

START_TEST(t_case_and_comments)
{
	struct conf		c;
	struct conf_diag	d;

	ck_assert_int_eq(parse_str(&c, &d, "Debug\n#debug\n # debug\n"), 0);
	ck_assert(!c.debug);
	ck_assert(diag_has(&d, "write 'debug'"));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(parse_str(&c, &d, "\tdebug\nlogwtmp\t\n"), 0);
	ck_assert(!c.debug);
	ck_assert(c.logwtmp);
	ck_assert(diag_has(&d, "t.conf:1: warning: line starts with white"));
}
END_TEST

/* 509 characters are read; 510 and more are dropped (poptop's fgets). */
START_TEST(t_line_limit)
{
	struct conf		c;
	struct conf_diag	d;
	char			buf[1200];
	size_t			n;

	n = (size_t)snprintf(buf, sizeof(buf), "pidfile /");
	memset(buf + n, 'a', sizeof(buf) - n);
	buf[509] = '\0';
	ck_assert_int_eq(parse_str(&c, &d, buf), -1);	/* too long a path */
	ck_assert(diag_has(&d, "pidfile: value is 501"));
	buf[509] = 'a';
	buf[510] = '\n';
	buf[511] = '\0';
	ck_assert_int_eq(parse_str(&c, &d, buf), 0);
	ck_assert(diag_has(&d, "line is 510 characters long"));
	ck_assert_str_eq(c.pidfile, CONF_PIDFILE_DEFAULT);
}
END_TEST

START_TEST(t_nul_and_nonl)
{
	struct conf		c;
	struct conf_diag	d;
	static const char	buf[] = "debug\nspeed 12\0 34\nlogwtmp";

	conf_diag_init(&d, "t.conf");
	ck_assert_int_eq(conf_parse(&c, buf, sizeof(buf) - 1, &d), -1);
	ck_assert(c.debug);
	ck_assert(c.logwtmp);
	ck_assert_uint_eq(c.speed, 115200);
	ck_assert(diag_has(&d, "t.conf:2: error: line contains a NUL"));
}
END_TEST

START_TEST(t_numbers)
{
	static const struct {
		const char	*text;
		int		 rc;
		unsigned	 want;
	} v[] = {
		{ "connections 1", 0, 1 },
		{ "connections 65535", 0, 65535 },
		{ "connections 65536", -1, 100 },
		{ "connections 0", 0, 100 },
		{ "connections -1", -1, 100 },
		{ "connections 1e3", -1, 100 },
		{ "connections 0x10", -1, 100 },
		{ "connections 99999999999999999999999", -1, 100 },
		{ "connections", -1, 100 },
		{ "connections 007", 0, 7 },
	};
	struct conf		c;
	struct conf_diag	d;
	size_t			i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_int_eq(parse_str(&c, &d, v[i].text), v[i].rc);
		ck_assert_uint_eq(c.connections, v[i].want);
	}
	ck_assert_int_eq(parse_str(&c, &d, "connections"), -1);
	ck_assert(diag_has(&d, "t.conf:1: error: connections: missing value "
	    "(allowed: 1 to 65535)"));
}
END_TEST

START_TEST(t_override)
{
	struct conf		file, cmd;
	struct conf_diag	d;

	ck_assert_int_eq(parse_str(&file, &d,
	    "connections 50\nspeed 9600\noption /a\n"), 0);
	conf_init(&cmd);
	ck_assert_int_eq(conf_set(&cmd, "connections", "7", 0, &d), 0);
	ck_assert_int_eq(conf_set(&cmd, "debug", "", 0, &d), 0);
	ck_assert_int_eq(conf_set(&cmd, "nosuch", "", 0, &d), -1);
	conf_override(&file, &cmd);
	ck_assert_uint_eq(file.connections, 7);
	ck_assert_uint_eq(file.speed, 9600);
	ck_assert_str_eq(file.option, "/a");
	ck_assert(file.debug);
}
END_TEST

START_TEST(t_handshake_follows_stimeout)
{
	struct conf		c;
	struct conf_diag	d;

	ck_assert_int_eq(parse_str(&c, &d, "stimeout 4\n"), 0);
	ck_assert_uint_eq(conf_handshake_timeout(&c), 4);
	ck_assert_int_eq(parse_str(&c, &d,
	    "stimeout 4\nhandshake-timeout 9\n"), 0);
	ck_assert_uint_eq(conf_handshake_timeout(&c), 9);
}
END_TEST

START_TEST(t_diag_overflow)
{
	struct conf		c;
	struct conf_diag	d;
	char			buf[100 * 6 + 1];
	size_t			i;

	for (i = 0; i < 100; i++)
		memcpy(buf + i * 6, "bogus\n", 6);
	buf[600] = '\0';
	ck_assert_int_eq(parse_str(&c, &d, buf), 0);
	ck_assert_uint_eq(d.n, CONF_DIAG_MAX);
	ck_assert_uint_eq(d.dropped, 100 - CONF_DIAG_MAX);
	ck_assert_uint_eq(d.warnings, 100);
}
END_TEST

/* conf_check over a pppd options file: what to change, precisely. */
START_TEST(t_check_options)
{
	static const char	weak[] =
	    "# require-mschap-v2 in a comment does not count\n"
	    "name pptpd\n+pap\nrequire-chap\nmppe required,no40,no56\n"
	    "refuse-mschap-v2\nnomppe\n";
	static const char	good[] = "name pptpd\nrefuse-pap\n"
	    "refuse-chap\nrefuse-mschap\nrequire-mschap-v2\n"
	    "require-mppe-128\nproxyarp\n";
	struct conf		c;
	struct conf_diag	d;
	struct conf_env		env;

	ck_assert_int_eq(parse_str(&c, &d, "option /etc/ppp/x\n"), 0);
	memset(&env, 0, sizeof(env));
	env.options = weak;
	env.options_len = sizeof(weak) - 1;
	env.options_read = true;
	ck_assert_int_eq(conf_check(&c, &d, &env), -1);
	ck_assert(diag_has(&d, "/etc/ppp/x:3: '+pap' lets clients send"));
	ck_assert(diag_has(&d, "/etc/ppp/x:4: 'require-chap'"));
	ck_assert(diag_has(&d, "error: /etc/ppp/x:5: 'mppe' is the old"));
	ck_assert(diag_has(&d, "/etc/ppp/x:6: 'refuse-mschap-v2'"));
	ck_assert(diag_has(&d, "/etc/ppp/x:7: 'nomppe'"));
	ck_assert(diag_has(&d, "no 'require-mschap-v2'"));
	ck_assert(diag_has(&d, "no 'require-mppe-128'"));

	conf_diag_init(&d, "t.conf");
	env.options = good;
	env.options_len = sizeof(good) - 1;
	ck_assert_int_eq(conf_check(&c, &d, &env), 0);
	ck_assert_uint_eq(d.n, 0);

	conf_diag_init(&d, "t.conf");
	env.options_unreadable = true;
	env.ppp_unexecutable = true;
	ck_assert_int_eq(conf_check(&c, &d, &env), -1);
	ck_assert(diag_has(&d, "cannot read /etc/ppp/x"));
	ck_assert(diag_has(&d, "ppp: /usr/sbin/pppd is not executable"));

	conf_diag_init(&d, "t.conf");
	env.options_unreadable = false;
	env.ppp_unexecutable = false;
	env.privsep_user_missing = true;
	ck_assert_int_eq(conf_check(&c, &d, &env), 0);
	ck_assert(diag_has(&d, "privsep-user pptpd-ng does not exist"));
	conf_diag_init(&d, "t.conf");
	env.privsep_user_missing = false;
	env.privsep_user_root = true;
	ck_assert_int_eq(conf_check(&c, &d, &env), -1);
	ck_assert(diag_has(&d, "privsep-user pptpd-ng is root"));
	env.privsep_user_root = false;

	ck_assert_int_eq(parse_str(&c, &d, ""), 0);
	memset(&env, 0, sizeof(env));
	ck_assert_int_eq(conf_check(&c, &d, &env), 0);
	ck_assert(diag_has(&d, "option is not set"));
}
END_TEST

START_TEST(t_check_subnets)
{
	static const char	opts[] = "require-mschap-v2 require-mppe-128";
	static const char	opts_parp[] = "require-mschap-v2 "
	    "require-mppe-128 proxyarp";
	struct pool_ifaddr	ifs[2] = {
		{ "eth0", 0xc0a80001, 24 },	/* 192.168.0.1/24 */
		{ "eth1", 0x0a000001, 8 },
	};
	struct conf		c;
	struct conf_diag	d;
	struct conf_env		env;
	struct pool		p;

	ck_assert_int_eq(parse_str(&c, &d, "option /o\nlocalip 10.0.0.1\n"
	    "remoteip 192.168.0.234-238,192.168.0.245\n"), 0);
	ck_assert_int_eq(pool_init(&p, &c, NULL, &d), 0);
	memset(&env, 0, sizeof(env));
	env.pool = &p;
	env.ifs = ifs;
	env.nifs = 2;
	env.options = opts;
	env.options_len = sizeof(opts) - 1;
	env.options_read = true;
	conf_diag_init(&d, "t.conf");
	ck_assert_int_eq(conf_check(&c, &d, &env), 0);
	ck_assert(diag_has(&d, "pool overlaps local interface subnet: 6 "
	    "remote addresses (first 192.168.0.234) in eth0's "
	    "192.168.0.0/24"));
	ck_assert(!diag_has(&d, "eth1"));
	ck_assert(diag_has(&d, "connections is 100 but remoteip gives only "
	    "6"));
	/* proxyarp is the documented way to share the LAN subnet. */
	env.options = opts_parp;
	env.options_len = sizeof(opts_parp) - 1;
	conf_diag_init(&d, "t.conf");
	ck_assert_int_eq(conf_check(&c, &d, &env), 0);
	ck_assert(!diag_has(&d, "overlaps"));
	/* An interface's own address in the pool is an error. */
	ifs[0].addr = 0xc0a800ea;
	conf_diag_init(&d, "t.conf");
	ck_assert_int_eq(conf_check(&c, &d, &env), -1);
	ck_assert(diag_has(&d, "192.168.0.234 is the address of interface "
	    "eth0"));
	pool_fini(&p);
}
END_TEST

START_TEST(t_check_local_remote_clash)
{
	struct conf		c;
	struct conf_diag	d;
	struct conf_env		env;
	struct pool		p;

	ck_assert_int_eq(parse_str(&c, &d, "connections 3\n"
	    "localip 10.0.0.1-3\nremoteip 10.0.0.3-5\n"), 0);
	ck_assert_int_eq(pool_init(&p, &c, NULL, &d), 0);
	memset(&env, 0, sizeof(env));
	env.pool = &p;
	conf_diag_init(&d, "t.conf");
	(void)conf_check(&c, &d, &env);
	ck_assert(diag_has(&d, "remoteip: 10.0.0.3 is also a localip"));
	ck_assert(!diag_has(&d, "connections is"));
	pool_fini(&p);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc;

	golden_scan();
	tc = tcase_create("golden");
	tcase_add_test(tc, t_golden_found);
	tcase_add_loop_test(tc, t_golden, 0, (int)golden_n);
	tcase_add_loop_test(tc, t_roundtrip, 0, (int)golden_n);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, t_defaults);
	tcase_add_test(tc, t_first_wins);
	tcase_add_test(tc, t_case_and_comments);
	tcase_add_test(tc, t_line_limit);
	tcase_add_test(tc, t_nul_and_nonl);
	tcase_add_test(tc, t_numbers);
	tcase_add_test(tc, t_override);
	tcase_add_test(tc, t_handshake_follows_stimeout);
	tcase_add_test(tc, t_diag_overflow);
	suite_add_tcase(s, tc);

	tc = tcase_create("check");
	tcase_add_test(tc, t_check_options);
	tcase_add_test(tc, t_check_subnets);
	tcase_add_test(tc, t_check_local_remote_clash);
	suite_add_tcase(s, tc);
	return s;
}
