/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_ctl_wire.c: the control-socket codec (pptp-ctrl/ctl_wire.c).
 * Golden lines, a truncation sweep, one test per refusal reason, and
 * build -> parse round trips of every record type.  No I/O.
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/ctl_wire.h"

static const char req_golden[] =
    "{\"v\":1,\"type\":\"request\",\"cmd\":\"disconnect\",\"user\":\"alice\"}\n";

static const char call_golden[] =
    "{ \"v\" : 1 , \"type\":\"call\",\"tunnel\":3,\"call_id\":4711,"
    "\"user\":\"bob \\\"the\\\" \\u0041dmin\",\"peer\":\"10.0.0.2\","
    "\"mode\":\"user\",\"gre_rx_lost\":12,\"gre_rtt_us\":1500,"
    "\"future_key\":[1]}";

START_TEST(t_request_golden)
{
	struct ctl_rec	r;

	ck_assert_int_eq(ctl_parse(req_golden, strlen(req_golden), &r),
	    CTL_OK);
	ck_assert_int_eq(r.type, CTL_REC_REQUEST);
	ck_assert_str_eq(r.u.req.cmd, "disconnect");
	ck_assert_str_eq(r.u.req.user, "alice");
	ck_assert_uint_eq(r.u.req.id, 0);
	ck_assert_uint_eq(ctl_line_len(req_golden, sizeof(req_golden) - 1),
	    sizeof(req_golden) - 1);
	ck_assert_uint_eq(ctl_line_len(req_golden, 10), 0);
}
END_TEST

/* Objects as values are refused even under unknown keys: flat only. */
START_TEST(t_nested_refused)
{
	struct ctl_rec	r;

	ck_assert_int_eq(ctl_parse(call_golden, strlen(call_golden), &r),
	    CTL_ERR_SYNTAX);
}
END_TEST

START_TEST(t_call_golden)
{
	char		line[512];
	struct ctl_rec	r;
	char		*p;

	snprintf(line, sizeof(line), "%s", call_golden);
	p = strstr(line, ",\"future_key\":[1]");
	strcpy(p, ",\"future_key\":\"x\",\"later\":null}\n");
	ck_assert_int_eq(ctl_parse(line, strlen(line), &r), CTL_OK);
	ck_assert_int_eq(r.type, CTL_REC_CALL);
	ck_assert_uint_eq(r.u.call.tunnel, 3);
	ck_assert_uint_eq(r.u.call.call_id, 4711);
	ck_assert_str_eq(r.u.call.user, "bob \"the\" Admin");
	ck_assert_str_eq(r.u.call.peer, "10.0.0.2");
	ck_assert_uint_eq(r.u.call.gre.rx_lost, 12);
	ck_assert_uint_eq(r.u.call.gre.rtt_us, 1500);
}
END_TEST

/* Every proper prefix of a valid line is refused. */
START_TEST(t_trunc)
{
	struct ctl_rec	r;
	size_t		n = (size_t)_i;

	ck_assert_int_ne(ctl_parse(req_golden, n, &r), CTL_OK);
}
END_TEST

static const struct {
	const char	*line;
	enum ctl_err	 want;
} bad[] = {
	{ "", CTL_ERR_EMPTY },
	{ "   \n", CTL_ERR_EMPTY },
	{ "[]", CTL_ERR_SYNTAX },
	{ "{}", CTL_ERR_VERSION },
	{ "{\"type\":\"stats\",\"v\":1}", CTL_ERR_VERSION },
	{ "{\"v\":2,\"type\":\"stats\"}", CTL_ERR_VERSION },
	{ "{\"v\":\"1\",\"type\":\"stats\"}", CTL_ERR_VERSION },
	{ "{\"v\":1}", CTL_ERR_NO_TYPE },
	{ "{\"v\":1,\"cmd\":\"show\",\"type\":\"request\"}", CTL_ERR_NO_TYPE },
	{ "{\"v\":1,\"type\":\"bogus\"}", CTL_ERR_UNKNOWN_TYPE },
	{ "{\"v\":1,\"type\":\"request\",\"id\":\"7\"}", CTL_ERR_KIND },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":7}", CTL_ERR_KIND },
	{ "{\"v\":1,\"type\":\"result\",\"ok\":1}", CTL_ERR_KIND },
	{ "{\"v\":1,\"type\":\"request\",\"id\":1,\"id\":2}", CTL_ERR_DUP_KEY },
	{ "{\"v\":1,\"type\":\"request\",\"v\":1}", CTL_ERR_DUP_KEY },
	{ "{\"v\":1,\"type\":\"request\",\"id\":01}", CTL_ERR_NUMBER },
	{ "{\"v\":1,\"type\":\"request\",\"id\":-1}", CTL_ERR_NUMBER },
	{ "{\"v\":1,\"type\":\"request\",\"id\":1.5}", CTL_ERR_NUMBER },
	{ "{\"v\":1,\"type\":\"request\",\"id\":18446744073709551616}",
	    CTL_ERR_NUMBER },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"a\\u0000\"}",
	    CTL_ERR_STRING },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"\\u00e9\"}", CTL_ERR_STRING },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"\\x\"}", CTL_ERR_STRING },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"a\tb\"}", CTL_ERR_STRING },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"\xc3\xa9\"}",
	    CTL_ERR_STRING },
	{ "{\"v\":1,\"type\":\"request\",\"cmd\":\"0123456789abcdef\"}",
	    CTL_ERR_FIELD_LEN },
	{ "{\"v\":1,\"type\":\"request\"} x", CTL_ERR_TRAILING },
	{ "{\"v\":1,\"type\":\"request\"}\n\n", CTL_ERR_TRAILING },
	{ "{\"v\":1,\"type\":\"request\",}", CTL_ERR_SYNTAX },
	{ "{\"v\":1,\"type\":\"request\" \"id\":1}", CTL_ERR_SYNTAX },
	{ "{\"v\":1,\"type\":\"request\",\"id\":tru}", CTL_ERR_SYNTAX },
};

START_TEST(t_bad)
{
	struct ctl_rec	r;
	const char	*l = bad[_i].line;

	ck_assert_msg(ctl_parse(l, strlen(l), &r) == bad[_i].want,
	    "line %d: got %s, want %s", _i,
	    ctl_err_str(ctl_parse(l, strlen(l), &r)),
	    ctl_err_str(bad[_i].want));
}
END_TEST

START_TEST(t_too_long)
{
	static char	line[CTL_LINE_MAX + 2];
	struct ctl_rec	r;

	memset(line, ' ', sizeof(line));
	ck_assert_int_eq(ctl_parse(line, sizeof(line), &r), CTL_ERR_TOO_LONG);
}
END_TEST

static void
sample(struct ctl_rec *r, enum ctl_rec_type t)
{
	size_t	i;

	memset(r, 0, sizeof(*r));
	r->type = t;
	switch (t) {
	case CTL_REC_REQUEST:
		strcpy(r->u.req.cmd, "disconnect");
		strcpy(r->u.req.what, "all");
		r->u.req.id = 65535;
		strcpy(r->u.req.user, "DOMAIN\\user \"q\"");
		strcpy(r->u.req.addr, "192.168.77.10");
		break;
	case CTL_REC_STATS:
		strcpy(r->u.stats.version, "0.1");
		r->u.stats.uptime = 86400;
		r->u.stats.calls_active = 2;
		r->u.stats.auth_failures = UINT64_MAX;
		r->u.stats.pool_size = 11;
		r->u.stats.pool_used = 2;
		r->u.stats.delegate = true;
		for (i = 0; i < CTRL_STAT__MAX; i++)
			r->u.stats.ctrl[i] = i * 1000 + 1;
		break;
	case CTL_REC_TUNNEL:
		r->u.tunnel.id = 42;
		strcpy(r->u.tunnel.peer, "10.77.0.2");
		r->u.tunnel.peer_port = 40123;
		strcpy(r->u.tunnel.state, "established");
		strcpy(r->u.tunnel.host, "local");
		r->u.tunnel.calls = 2;
		break;
	case CTL_REC_CALL:
		r->u.call.tunnel = 42;
		r->u.call.call_id = 7;
		strcpy(r->u.call.user, "alice");
		strcpy(r->u.call.mode, "user");
		strcpy(r->u.call.channel, "l2tp");
		strcpy(r->u.call.ifname, "ppp0");
		r->u.call.ifindex = 5;
		r->u.call.rx_bytes = 1ULL << 40;
		r->u.call.gre.rx_lost = 3;
		r->u.call.gre.ack_timeouts = 9;
		r->u.call.gre.rtt_us = 1234;
		break;
	case CTL_REC_AUTHFAIL:
		strcpy(r->u.authfail.peer, "10.77.0.3");
		r->u.authfail.count = 5;
		strcpy(r->u.authfail.user, "mallory");
		break;
	case CTL_REC_RESULT:
		r->u.result.ok = false;
		strcpy(r->u.result.error, "no such call: 7\n\ttab");
		break;
	case CTL_REC__MAX:
		break;
	}
}

START_TEST(t_roundtrip)
{
	struct ctl_rec	a, b;
	char		line[CTL_LINE_MAX];
	size_t		n;
	enum ctl_err	e;

	sample(&a, (enum ctl_rec_type)_i);
	n = ctl_build(line, sizeof(line), &a, &e);
	ck_assert_msg(n > 0, "%s: %s", ctl_rec_type_name(a.type),
	    ctl_err_str(e));
	ck_assert_int_eq(line[n - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', n - 1));
	ck_assert_int_eq(ctl_parse(line, n, &b), CTL_OK);
	ck_assert_mem_eq(&a, &b, sizeof(a));
}
END_TEST

/* Kernel-mode calls carry no gre_ keys; every buffer size is safe. */
START_TEST(t_build_sizes)
{
	struct ctl_rec	a, b;
	char		line[CTL_LINE_MAX];
	size_t		n, full, cap;
	enum ctl_err	e;

	sample(&a, CTL_REC_CALL);
	full = ctl_build(line, sizeof(line), &a, &e);
	strcpy(a.u.call.mode, "kernel");
	n = ctl_build(line, sizeof(line), &a, &e);
	ck_assert_uint_lt(n, full);
	ck_assert_ptr_null(memmem(line, n, "gre_", 4));
	ck_assert_ptr_null(memmem(line, n, "channel", 7));
	ck_assert_int_eq(ctl_parse(line, n, &b), CTL_OK);
	ck_assert_uint_eq(b.u.call.gre.rx_lost, 0);
	ck_assert_str_eq(b.u.call.channel, "");
	for (cap = 0; cap < n; cap++) {
		ck_assert_uint_eq(ctl_build(line, cap, &a, &e), 0);
		ck_assert_int_eq(e, CTL_ERR_NO_ROOM);
	}
	ck_assert_uint_eq(ctl_build(line, n, &a, &e), n);
}
END_TEST

/* A string field without its NUL is refused, not over-read. */
START_TEST(t_build_unterminated)
{
	struct ctl_rec	a;
	char		line[CTL_LINE_MAX];
	enum ctl_err	e;

	sample(&a, CTL_REC_TUNNEL);
	memset(a.u.tunnel.host, 'x', sizeof(a.u.tunnel.host));
	ck_assert_uint_eq(ctl_build(line, sizeof(line), &a, &e), 0);
	ck_assert_int_eq(e, CTL_ERR_FIELD_LEN);
}
END_TEST

START_TEST(t_names)
{
	int	i;

	for (i = 0; i < CTL_ERR__MAX; i++)
		ck_assert_ptr_nonnull(ctl_err_str(i));
	ck_assert_str_eq(ctl_err_str(CTL_ERR__MAX), "?");
	ck_assert_str_eq(ctl_rec_type_name(CTL_REC_AUTHFAIL), "authfail");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("ctl_wire");
	TCase	*tc = tcase_create("codec");

	tcase_add_test(tc, t_request_golden);
	tcase_add_test(tc, t_nested_refused);
	tcase_add_test(tc, t_call_golden);
	tcase_add_loop_test(tc, t_trunc, 0, sizeof(req_golden) - 2);
	tcase_add_loop_test(tc, t_bad, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, t_too_long);
	tcase_add_loop_test(tc, t_roundtrip, 0, CTL_REC__MAX);
	tcase_add_test(tc, t_build_sizes);
	tcase_add_test(tc, t_build_unterminated);
	tcase_add_test(tc, t_names);
	suite_add_tcase(s, tc);
	return s;
}
