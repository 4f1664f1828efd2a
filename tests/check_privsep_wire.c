/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_privsep_wire.c: unit tests for pptp-ctrl/privsep_wire.c, the codec
 * between pptpd-ng's network process and its privileged process: golden
 * bytes, round trips of every type, a truncation sweep and one test per
 * refusal reason, hostile messages from the network side first.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/privsep_wire.h"

/* SPAWN of call 0x1234 for peer call 7, 10.0.0.1:10.0.0.2, client 192.0.2.9. */
static const uint8_t g_spawn[] = {
	0x50, 0x53, 0x01, 0x01, 0x00, 0x14,
	0x12, 0x34, 0x00, 0x07,
	0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
	0xc0, 0x00, 0x02, 0x09, 0xc0, 0x00, 0x02, 0x01,
};

static struct ps_msg
spawn_msg(void)
{
	struct ps_msg	m;

	memset(&m, 0, sizeof(m));
	m.type = PS_SPAWN;
	m.u.spawn.call_id = 0x1234;
	m.u.spawn.peer_call_id = 7;
	m.u.spawn.local = 0x0a000001;
	m.u.spawn.remote = 0x0a000002;
	m.u.spawn.client = 0xc0000209;
	m.u.spawn.ours = 0xc0000201;
	return m;
}

START_TEST(t_golden_spawn)
{
	struct ps_msg	m = spawn_msg(), p;
	uint8_t		buf[PS_DGRAM_MAX];
	size_t		n;

	n = ps_build(buf, sizeof(buf), &m);
	ck_assert_uint_eq(n, sizeof(g_spawn));
	ck_assert_mem_eq(buf, g_spawn, n);
	ck_assert_int_eq(ps_parse(g_spawn, sizeof(g_spawn), PS_FROM_CHILD, &p),
	    PS_OK);
	ck_assert_int_eq(p.type, PS_SPAWN);
	ck_assert_uint_eq(p.u.spawn.call_id, 0x1234);
	ck_assert_uint_eq(p.u.spawn.client, 0xc0000209);
}
END_TEST

START_TEST(t_roundtrip)
{
	struct ps_msg	m[6], p;
	uint8_t		buf[PS_DGRAM_MAX], blob[100];
	enum ps_from	from[6] = { PS_FROM_CHILD, PS_FROM_CHILD,
			    PS_FROM_CHILD, PS_FROM_PARENT, PS_FROM_PARENT,
			    PS_FROM_PARENT };
	size_t		n, i;

	memset(m, 0, sizeof(m));
	memset(blob, 0xa5, sizeof(blob));
	m[0] = spawn_msg();
	m[1].type = PS_KILL;
	m[1].u.kill.pid = 4242;
	m[1].u.kill.sig = PS_SIG_KILL;
	m[2].type = PS_RELOAD_REQ;
	m[3].type = PS_SPAWNED;
	m[3].u.spawned.call_id = 9;
	m[3].u.spawned.err = 24;
	m[4].type = PS_EXITED;
	m[4].u.exited.pid = 77;
	m[4].u.exited.status = 0x0b00;
	m[5].type = PS_CONF;
	m[5].blob = blob;
	m[5].bloblen = sizeof(blob);
	for (i = 0; i < 6; i++) {
		n = ps_build(buf, sizeof(buf), &m[i]);
		ck_assert_uint_gt(n, 0);
		ck_assert_int_eq(ps_parse(buf, n, from[i], &p), PS_OK);
		ck_assert_int_eq(p.type, m[i].type);
		ck_assert_mem_eq(&p.u, &m[i].u, sizeof(p.u));
		ck_assert_uint_eq(p.bloblen, m[i].bloblen);
		if (p.bloblen > 0)
			ck_assert_mem_eq(p.blob, blob, sizeof(blob));
		/* Each type only from its own side. */
		ck_assert_int_eq(ps_parse(buf, n, !from[i], &p),
		    PS_ERR_DIRECTION);
	}
}
END_TEST

/* Every prefix of a valid message is refused. */
START_TEST(t_trunc)
{
	struct ps_msg	p;
	enum ps_err	e;

	e = ps_parse(g_spawn, (size_t)_i, PS_FROM_CHILD, &p);
	ck_assert_int_eq(e, _i < PS_HDR_LEN ? PS_ERR_SHORT : PS_ERR_LENGTH);
}
END_TEST

static const struct {
	uint8_t		b[32];
	size_t		n;
	enum ps_err	want;
} bad[] = {
	{ { 0x50, 0x54, 1, 1, 0, 0 }, 6, PS_ERR_MAGIC },
	{ { 0x50, 0x53, 2, 3, 0, 0 }, 6, PS_ERR_VERSION },
	{ { 0x50, 0x53, 1, 0, 0, 0 }, 6, PS_ERR_TYPE },
	{ { 0x50, 0x53, 1, 99, 0, 0 }, 6, PS_ERR_TYPE },
	/* a network process pretending to be the parent */
	{ { 0x50, 0x53, 1, 17, 0, 8, 0, 0, 0, 9, 0, 0, 0, 0 }, 14,
	  PS_ERR_DIRECTION },
	{ { 0x50, 0x53, 1, 18, 0, 0 }, 6, PS_ERR_DIRECTION },
	/* body length lies */
	{ { 0x50, 0x53, 1, 3, 0, 1, 0 }, 7, PS_ERR_LENGTH },
	{ { 0x50, 0x53, 1, 2, 0, 6, 0, 0, 0, 9, 15, 0 }, 12, PS_ERR_LENGTH },
	{ { 0x50, 0x53, 1, 2, 0, 5, 0, 0, 0, 9, 15, 0 }, 12, PS_ERR_LENGTH },
	{ { 0x50, 0x53, 1, 2, 0xff, 0xff, 0, 0, 0, 9, 15 }, 11,
	  PS_ERR_LENGTH },
	/* kill: pid 0, pid 1 (init), a negative pid, signal 0, SIGSTOP */
	{ { 0x50, 0x53, 1, 2, 0, 5, 0, 0, 0, 0, 15 }, 11, PS_ERR_PID },
	{ { 0x50, 0x53, 1, 2, 0, 5, 0, 0, 0, 1, 15 }, 11, PS_ERR_PID },
	{ { 0x50, 0x53, 1, 2, 0, 5, 0xff, 0xff, 0xff, 0xff, 15 }, 11,
	  PS_ERR_PID },
	{ { 0x50, 0x53, 1, 2, 0, 5, 0, 0, 0, 9, 0 }, 11, PS_ERR_SIGNAL },
	{ { 0x50, 0x53, 1, 2, 0, 5, 0, 0, 0, 9, 19 }, 11, PS_ERR_SIGNAL },
	/* spawn: call ID 0, no client, half an address pair */
	{ { 0x50, 0x53, 1, 1, 0, 20, 0, 0, 0, 7, 10, 0, 0, 1, 10, 0, 0, 2,
	    1, 2, 3, 4, 1, 2, 3, 5 }, 26, PS_ERR_CALLID },
	{ { 0x50, 0x53, 1, 1, 0, 20, 0, 1, 0, 7, 10, 0, 0, 1, 10, 0, 0, 2,
	    0, 0, 0, 0, 1, 2, 3, 5 }, 26, PS_ERR_ADDR },
	{ { 0x50, 0x53, 1, 1, 0, 20, 0, 1, 0, 7, 10, 0, 0, 1, 0, 0, 0, 0,
	    1, 2, 3, 4, 1, 2, 3, 5 }, 26, PS_ERR_ADDR },
};

START_TEST(t_bad)
{
	struct ps_msg	p;

	ck_assert_int_eq(ps_parse(bad[_i].b, bad[_i].n, PS_FROM_CHILD, &p),
	    bad[_i].want);
}
END_TEST

/* The builder refuses what the parser would. */
START_TEST(t_build_refuses)
{
	struct ps_msg	m = spawn_msg();
	uint8_t		buf[PS_DGRAM_MAX];

	ck_assert_uint_eq(ps_build(buf, sizeof(g_spawn) - 1, &m), 0);
	m.u.spawn.call_id = 0;
	ck_assert_uint_eq(ps_build(buf, sizeof(buf), &m), 0);
	memset(&m, 0, sizeof(m));
	m.type = PS_KILL;
	m.u.kill.pid = 9;
	m.u.kill.sig = 2;
	ck_assert_uint_eq(ps_build(buf, sizeof(buf), &m), 0);
	m.type = PS_CONF;
	m.bloblen = PS_BLOB_MAX + 1;
	m.blob = buf;
	ck_assert_uint_eq(ps_build(buf, sizeof(buf), &m), 0);
	m.type = (enum ps_type)42;
	ck_assert_uint_eq(ps_build(buf, sizeof(buf), &m), 0);
}
END_TEST

START_TEST(t_err_names)
{
	int	e;

	for (e = 0; e < PS_ERR_COUNT; e++)
		ck_assert_ptr_nonnull(ps_err_str((enum ps_err)e));
	ck_assert_str_eq(ps_err_str(PS_ERR_COUNT), "unknown");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("privsep_wire");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_golden_spawn);
	tcase_add_test(tc, t_roundtrip);
	tcase_add_loop_test(tc, t_trunc, 0, (int)sizeof(g_spawn));
	tcase_add_loop_test(tc, t_bad, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, t_build_refuses);
	tcase_add_test(tc, t_err_names);
	suite_add_tcase(s, tc);
	return s;
}
