/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_ipc_wire.c: unit tests for pptp-ctrl/ipc_wire.c, the plugin ->
 * daemon event codec: golden lines, round trips, a truncation sweep and
 * one test per grammar rule the strict decoder enforces.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/ipc_wire.h"
#include "../plugins/pptp_ipc.h"

/* Golden lines, as plugins/pptp_ipc.h documents them. */
static const char g_ipup[] =
    "ipup ifname=ppp0 local=192.168.77.1 remote=192.168.77.10 ifindex=7\n";
static const char g_exit[] =
    "exit status=11 cause=peer%20authentication%20failed\n";

static enum ipc_err
parse_str(const char *s, struct ipc_msg *m)
{
	return ipc_parse(s, strlen(s), m);
}

static size_t
count_spaces(const char *p, size_t n)
{
	size_t	 i, c = 0;

	for (i = 0; i < n; i++)
		c += p[i] == ' ';
	return c;
}

START_TEST(t_golden_ipup)
{
	struct ipc_msg	 m;
	uint64_t	 v;

	ck_assert_int_eq(parse_str(g_ipup, &m), IPC_OK);
	ck_assert_str_eq(m.event, "ipup");
	ck_assert_uint_eq(m.npairs, 4);
	ck_assert_str_eq(ipc_get(&m, "ifname"), "ppp0");
	ck_assert_str_eq(ipc_get(&m, "remote"), "192.168.77.10");
	ck_assert_int_eq(ipc_get_u64(&m, "ifindex", &v), 0);
	ck_assert_uint_eq(v, 7);
	ck_assert_ptr_null(ipc_get(&m, "nope"));
}
END_TEST

START_TEST(t_golden_exit_build)
{
	struct ipc_msg	 m;
	char		 buf[IPC_DGRAM_MAX];
	size_t		 n;

	ck_assert_int_eq(ipc_msg_init(&m, "exit"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add_u64(&m, "status", 11), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "cause",
	    "peer authentication failed"), IPC_OK);
	n = ipc_build(buf, sizeof(buf), &m);
	ck_assert_uint_eq(n, strlen(g_exit));
	ck_assert_int_eq(memcmp(buf, g_exit, n), 0);
	ck_assert_int_eq(parse_str(g_exit, &m), IPC_OK);
	ck_assert_str_eq(ipc_get(&m, "cause"), "peer authentication failed");
}
END_TEST

/* Every printable byte survives build -> parse; escapes are canonical. */
START_TEST(t_roundtrip_all_printable)
{
	struct ipc_msg	 m, m2;
	char		 val[0x7f - 0x20 + 1], buf[IPC_DGRAM_MAX];
	size_t		 n;
	int		 c;

	for (c = 0x20; c < 0x7f; c++)
		val[c - 0x20] = (char)c;
	val[sizeof(val) - 1] = '\0';
	ck_assert_int_eq(ipc_msg_init(&m, "auth"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "user", val), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "empty", ""), IPC_OK);
	n = ipc_build(buf, sizeof(buf), &m);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(ipc_parse(buf, n, &m2), IPC_OK);
	ck_assert_str_eq(ipc_get(&m2, "user"), val);
	ck_assert_str_eq(ipc_get(&m2, "empty"), "");
	/* Only the two field separators are raw spaces. */
	ck_assert_uint_eq(count_spaces(buf, n), 2);
}
END_TEST

/* Every strict prefix of a valid line is refused (no LF at the end). */
START_TEST(t_trunc)
{
	struct ipc_msg	 m;

	ck_assert_int_ne(ipc_parse(g_ipup, (size_t)_i, &m), IPC_OK);
}
END_TEST

static const struct {
	const char	*line;
	enum ipc_err	 err;
} bad[] = {
	{ "\n", IPC_ERR_EVENT },
	{ "ipup", IPC_ERR_NO_LF },
	{ "ipup\n\n", IPC_ERR_NO_LF },
	{ "ip\nup\n", IPC_ERR_NO_LF },
	{ "IPUP\n", IPC_ERR_EVENT },
	{ "ip_up\n", IPC_ERR_EVENT },
	{ "ipup \n", IPC_ERR_SPACE },
	{ "ipup  a=1\n", IPC_ERR_SPACE },
	{ "ipup a=1 \n", IPC_ERR_SPACE },
	{ " ipup\n", IPC_ERR_EVENT },
	{ "ipup a\n", IPC_ERR_NO_EQ },
	{ "ipup =1\n", IPC_ERR_KEY },
	{ "ipup _a=1\n", IPC_ERR_KEY },
	{ "ipup A=1\n", IPC_ERR_KEY },
	{ "ipup a=1 a=2\n", IPC_ERR_DUP_KEY },
	{ "ipup a=x=y\n", IPC_ERR_VALUE },
	{ "ipup a=%41\n", IPC_ERR_VALUE },
	{ "ipup a=%2a\n", IPC_ERR_VALUE },
	{ "ipup a=%0A\n", IPC_ERR_VALUE },
	{ "ipup a=%7F\n", IPC_ERR_VALUE },
	{ "ipup a=%2\n", IPC_ERR_VALUE },
	{ "ipup a=\t\n", IPC_ERR_VALUE },
	{ "ipup a=\xc3\xa9\n", IPC_ERR_VALUE },
	{ "ipup a=b\r\n", IPC_ERR_VALUE },
	{ "abcdefghijklmnopqrstuvwxyzabcdef\n", IPC_ERR_EVENT },
	{ "e abcdefghijklmnopqrstuvwxyzabcdef=1\n", IPC_ERR_KEY },
};

START_TEST(t_bad)
{
	struct ipc_msg	 m;

	ck_assert_msg(parse_str(bad[_i].line, &m) == bad[_i].err,
	    "line %d: got %s, want %s", _i,
	    ipc_err_str(parse_str(bad[_i].line, &m)),
	    ipc_err_str(bad[_i].err));
}
END_TEST

START_TEST(t_embedded_nul)
{
	struct ipc_msg	 m;
	static const char l[] = "ipup a=b\0c\n";

	ck_assert_int_eq(ipc_parse(l, sizeof(l) - 1, &m), IPC_ERR_VALUE);
}
END_TEST

START_TEST(t_limits)
{
	struct ipc_msg	 m;
	char		 line[IPC_DGRAM_MAX + 16], key[8];
	char		 val[IPC_VALUE_MAX + 2];
	size_t		 n;
	int		 i;

	/* Value: 255 decoded bytes pass, 256 fail (also via escapes). */
	memset(val, 'v', sizeof(val));
	val[IPC_VALUE_MAX] = '\0';
	n = (size_t)snprintf(line, sizeof(line), "e k=%s\n", val);
	ck_assert_int_eq(ipc_parse(line, n, &m), IPC_OK);
	n = (size_t)snprintf(line, sizeof(line), "e k=%sv\n", val);
	ck_assert_int_eq(ipc_parse(line, n, &m), IPC_ERR_VALUE_LEN);
	val[IPC_VALUE_MAX] = 'v';
	val[IPC_VALUE_MAX + 1] = '\0';
	ck_assert_int_eq(ipc_msg_init(&m, "e"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "k", val), IPC_ERR_VALUE_LEN);

	/* Pairs: 48 pass, 49 fail, in parse and in build. */
	ck_assert_int_eq(ipc_msg_init(&m, "e"), IPC_OK);
	n = (size_t)snprintf(line, sizeof(line), "e");
	for (i = 0; i < IPC_PAIRS_MAX; i++) {
		snprintf(key, sizeof(key), "k%c%c", 'a' + i / 26, 'a' + i % 26);
		ck_assert_int_eq(ipc_msg_add(&m, key, "1"), IPC_OK);
		n += (size_t)snprintf(line + n, sizeof(line) - n, " %s=1", key);
	}
	ck_assert_int_eq(ipc_msg_add(&m, "zz", "1"), IPC_ERR_PAIRS);
	line[n] = '\n';
	ck_assert_int_eq(ipc_parse(line, n + 1, &m), IPC_OK);
	n += (size_t)snprintf(line + n, sizeof(line) - n, " zz=1\n");
	ck_assert_int_eq(ipc_parse(line, n, &m), IPC_ERR_PAIRS);

	/* Datagram size. */
	memset(line, 'a', sizeof(line));
	ck_assert_int_eq(ipc_parse(line, IPC_DGRAM_MAX + 1, &m),
	    IPC_ERR_TOO_LONG);
	ck_assert_int_eq(ipc_parse(line, 0, &m), IPC_ERR_EMPTY);
}
END_TEST

START_TEST(t_build_no_room)
{
	struct ipc_msg	 m;
	char		 buf[64];
	size_t		 full, i;

	ck_assert_int_eq(ipc_msg_init(&m, "exit"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "cause", "a b c"), IPC_OK);
	full = ipc_build(buf, sizeof(buf), &m);
	ck_assert_uint_eq(full, strlen("exit cause=a%20b%20c\n"));
	for (i = 0; i < full; i++)
		ck_assert_uint_eq(ipc_build(buf, i, &m), 0);
	ck_assert_int_eq(ipc_msg_init(&m, "Exit"), IPC_ERR_EVENT);
	ck_assert_int_eq(ipc_msg_init(&m, "exit"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "k", "tab\there"), IPC_ERR_VALUE);
	ck_assert_int_eq(ipc_msg_add(&m, "k1", "x"), IPC_ERR_KEY);
	ck_assert_int_eq(ipc_msg_add(&m, "k", "x"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "k", "y"), IPC_ERR_DUP_KEY);
}
END_TEST

START_TEST(t_u64)
{
	struct ipc_msg	 m;
	uint64_t	 v = 42;

	ck_assert_int_eq(parse_str("s a=18446744073709551615 b=18446744073709551616"
	    " c=007 d=0 e=-1 f=\n", &m), IPC_OK);
	ck_assert_int_eq(ipc_get_u64(&m, "a", &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(ipc_get_u64(&m, "b", &v), -1);
	ck_assert_int_eq(ipc_get_u64(&m, "c", &v), -1);
	ck_assert_int_eq(ipc_get_u64(&m, "d", &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(ipc_get_u64(&m, "e", &v), -1);
	ck_assert_int_eq(ipc_get_u64(&m, "f", &v), -1);
	ck_assert_int_eq(ipc_get_u64(&m, "g", &v), -1);
	ck_assert_int_eq(ipc_msg_init(&m, "s"), IPC_OK);
	ck_assert_int_eq(ipc_msg_add_u64(&m, "z", 0), IPC_OK);
	ck_assert_int_eq(ipc_msg_add_u64(&m, "m", UINT64_MAX), IPC_OK);
	ck_assert_str_eq(ipc_get(&m, "z"), "0");
	ck_assert_str_eq(ipc_get(&m, "m"), "18446744073709551615");
}
END_TEST

/* The RFC 5176 additions: auth's acct_session_id, the hangup note. */
START_TEST(t_golden_dae)
{
	static const char auth[] =
	    "auth user=alice acct_session_id=6B073B9B00E61BD0\n";
	static const char hup[] = "hangup reason=admin-reset\n";
	struct ipc_msg	 m;
	char		 buf[IPC_DGRAM_MAX];
	size_t		 n;

	ck_assert_int_eq(parse_str(auth, &m), IPC_OK);
	ck_assert_str_eq(ipc_get(&m, "acct_session_id"), "6B073B9B00E61BD0");
	ck_assert_int_eq(ipc_msg_init(&m, PPTP_IPC_EV_HANGUP), IPC_OK);
	ck_assert_int_eq(ipc_msg_add(&m, "reason", PPTP_IPC_REASON_ADMIN),
	    IPC_OK);
	n = ipc_build(buf, sizeof(buf), &m);
	ck_assert_uint_eq(n, strlen(hup));
	ck_assert(memcmp(buf, hup, n) == 0);
}
END_TEST

START_TEST(t_err_names)
{
	int	 e;

	for (e = 0; e < IPC_ERR_COUNT; e++)
		ck_assert_ptr_nonnull(ipc_err_str((enum ipc_err)e));
	ck_assert_str_eq(ipc_err_str(IPC_ERR_COUNT), "unknown");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("ipc_wire");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_golden_ipup);
	tcase_add_test(tc, t_golden_exit_build);
	tcase_add_test(tc, t_roundtrip_all_printable);
	tcase_add_loop_test(tc, t_trunc, 0, (int)strlen(g_ipup));
	tcase_add_loop_test(tc, t_bad, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, t_embedded_nul);
	tcase_add_test(tc, t_limits);
	tcase_add_test(tc, t_build_no_room);
	tcase_add_test(tc, t_u64);
	tcase_add_test(tc, t_golden_dae);
	tcase_add_test(tc, t_err_names);
	suite_add_tcase(s, tc);
	return s;
}
