/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_snmp_rows.c: the pure PPTPD-NG-MIB mapping (snmp/snmp_rows.c):
 * column tables well formed, snapshot records -> MIB values, and the
 * snapshot diff behind notifications.  No net-snmp, no I/O.
 */
#include <string.h>

#include "check_main.h"
#include "../snmp/snmp_rows.h"

START_TEST(t_col_tables)
{
	const struct {
		const struct snmpa_col	*c;
		size_t			 n;
	} t[] = {
		{ snmpa_scalars, snmpa_nscalars },
		{ snmpa_tunnel_cols, snmpa_ntunnel_cols },
		{ snmpa_call_cols, snmpa_ncall_cols },
		{ snmpa_ifmap_cols, snmpa_nifmap_cols },
		{ snmpa_authfail_cols, snmpa_nauthfail_cols },
		{ snmpa_notif_objects, snmpa_nnotif_objects },
		{ snmpa_notifs, snmpa_nnotifs },
	};
	size_t	i, j;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		for (j = 0; j < t[i].n; j++) {
			/* Dense and ascending from 1: no holes in a walk. */
			ck_assert_uint_eq(t[i].c[j].col, j + 1);
			ck_assert_int_eq(strncmp(t[i].c[j].name, "pptpdNg", 7),
			    0);
		}
	ck_assert_str_eq(snmpa_col_name(snmpa_call_cols, snmpa_ncall_cols, 3),
	    "pptpdNgCallUserName");
	ck_assert_ptr_null(snmpa_col_name(snmpa_call_cols, snmpa_ncall_cols,
	    99));
}
END_TEST

static void
sample_call(struct ctl_call *c)
{
	memset(c, 0, sizeof(*c));
	c->tunnel = 3;
	c->call_id = 4711;
	c->peer_call_id = 9;
	strcpy(c->user, "alice");
	strcpy(c->peer, "10.77.0.2");
	strcpy(c->addr, "192.168.77.10");
	strcpy(c->ifname, "ppp0");
	c->ifindex = 7;
	strcpy(c->mode, "user");
	strcpy(c->state, "up");
	c->rx_bytes = (1ULL << 33) + 5;
	c->gre.rx_lost = 4;
	c->gre.rx_late_or_dup = 2;
	c->gre.rx_dup_queued = 1;
	c->gre.rtt_us = 1500;
	strcpy(c->channel, "l2tp");
}

START_TEST(t_call_values)
{
	struct ctl_call		c;
	struct snmpa_val	v;

	sample_call(&c);
	ck_assert_int_eq(snmpa_call_col(&c, 1, &v), -1);	/* index */
	ck_assert_int_eq(snmpa_call_col(&c, 3, &v), 0);
	ck_assert_int_eq(v.type, SNMPA_T_STRING);
	ck_assert_uint_eq(v.slen, 5);
	ck_assert_mem_eq(v.s, "alice", 5);
	ck_assert_int_eq(snmpa_call_col(&c, 4, &v), 0);
	ck_assert_uint_eq(v.n, 1);				/* ipv4 */
	ck_assert_int_eq(snmpa_call_col(&c, 8, &v), 0);
	ck_assert_uint_eq(v.slen, 4);
	ck_assert_mem_eq(v.s, "\xc0\xa8\x4d\x0a", 4);
	ck_assert_int_eq(snmpa_call_col(&c, 10, &v), 0);
	ck_assert_uint_eq(v.n, 7);
	ck_assert_int_eq(snmpa_call_col(&c, 11, &v), 0);
	ck_assert_uint_eq(v.n, 3);				/* user(3) */
	ck_assert_int_eq(snmpa_call_col(&c, 12, &v), 0);
	ck_assert_uint_eq(v.n, 2);				/* up(2) */
	ck_assert_int_eq(snmpa_call_col(&c, 14, &v), 0);
	ck_assert_int_eq(v.type, SNMPA_T_COUNTER64);
	ck_assert_uint_eq(v.n, (1ULL << 33) + 5);
	ck_assert_int_eq(snmpa_call_col(&c, 20, &v), 0);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_int_eq(snmpa_call_col(&c, 22, &v), 0);
	ck_assert_uint_eq(v.n, 1500);
	ck_assert_int_eq(snmpa_call_col(&c, 24, &v), 0);
	ck_assert_uint_eq(v.n, 2);				/* l2tp(2) */
	strcpy(c.channel, "tap");
	ck_assert_int_eq(snmpa_call_col(&c, 24, &v), 0);
	ck_assert_uint_eq(v.n, 4);				/* tap(4) */
	strcpy(c.channel, "bogus");
	ck_assert_int_eq(snmpa_call_col(&c, 24, &v), 0);
	ck_assert_uint_eq(v.n, 1);				/* none(1) */
	ck_assert_int_eq(snmpa_call_col(&c, 25, &v), -1);
	/* Before IPCP: no address, unknown data path. */
	c.addr[0] = c.mode[0] = '\0';
	ck_assert_int_eq(snmpa_call_col(&c, 7, &v), 0);
	ck_assert_uint_eq(v.n, 0);
	ck_assert_int_eq(snmpa_call_col(&c, 8, &v), 0);
	ck_assert_uint_eq(v.slen, 0);
	ck_assert_int_eq(snmpa_call_col(&c, 11, &v), 0);
	ck_assert_uint_eq(v.n, 1);
	c.channel[0] = '\0';
	ck_assert_int_eq(snmpa_call_col(&c, 24, &v), 0);
	ck_assert_uint_eq(v.n, 1);				/* none(1) */
}
END_TEST

START_TEST(t_scalars_wrap)
{
	struct ctl_stats	st;
	struct snmpa_val	v;

	memset(&st, 0, sizeof(st));
	st.calls_total = (1ULL << 32) + 3;	/* Counter32 wraps */
	st.pool_size = 1ULL << 40;		/* Gauge32 clamps */
	st.calls_refused_pool = 1;
	st.calls_spawn_failed = 2;
	ck_assert_int_eq(snmpa_scalar(&st, 1, 7, &v), 0);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_int_eq(snmpa_scalar(&st, 1, 12, &v), 0);
	ck_assert_uint_eq(v.n, 0xffffffffULL);
	ck_assert_int_eq(snmpa_scalar(&st, 1, 9, &v), 0);
	ck_assert_uint_eq(v.n, 3);
	ck_assert_int_eq(snmpa_scalar(&st, 0, 16, &v), 0);
	ck_assert_uint_eq(v.n, 2);			/* false(2) */
	ck_assert_int_eq(snmpa_scalar(&st, 1, 22, &v), -1);
}
END_TEST

/* Call IDs held in pptp.ko and the RFC 5176 counters, drops and NAKs summed. */
START_TEST(t_scalars_callid_dae)
{
	static const struct {
		unsigned	 id;
		uint64_t	 n;
	} want[] = { { 17, 4 }, { 18, 100 }, { 19, 63 }, { 20, 7 }, { 21, 31 } };
	struct ctl_stats	st;
	struct snmpa_val	v;
	size_t			i;

	memset(&st, 0, sizeof(st));
	st.callid_kernel_busy = 4;
	st.dae_rx = 100;
	st.dae_drop_client = 1;
	st.dae_drop_malformed = 2;
	st.dae_drop_auth = 4;
	st.dae_drop_msgauth = 8;
	st.dae_drop_no_msgauth = 16;
	st.dae_drop_stale = 32;
	st.dae_dup = 1000;		/* a resent answer: neither */
	st.dae_ack = 7;
	st.dae_nak_session = 1;
	st.dae_nak_attr = 2;
	st.dae_nak_missing = 4;
	st.dae_nak_invalid = 8;
	st.dae_nak_coa = 16;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ck_assert_int_eq(snmpa_scalar(&st, 1, want[i].id, &v), 0);
		ck_assert_int_eq(v.type, SNMPA_T_COUNTER32);
		ck_assert_uint_eq(v.n, want[i].n);
	}
}
END_TEST

START_TEST(t_tunnel_values)
{
	struct ctl_tunnel	t;
	struct snmpa_val	v;

	memset(&t, 0, sizeof(t));
	strcpy(t.peer, "2001:db8::1");
	strcpy(t.state, "established");
	ck_assert_int_eq(snmpa_tunnel_col(&t, 2, &v), 0);
	ck_assert_uint_eq(v.n, 2);			/* ipv6 */
	ck_assert_int_eq(snmpa_tunnel_col(&t, 3, &v), 0);
	ck_assert_uint_eq(v.slen, 16);
	ck_assert_int_eq(snmpa_tunnel_col(&t, 9, &v), 0);
	ck_assert_uint_eq(v.n, 2);			/* established(2) */
}
END_TEST

struct seen {
	int	n[8];
	char	user[8][CTL_NAME_MAX];
};

static void
record(void *arg, const struct snmpa_event *ev)
{
	struct seen	*s = arg;

	if (ev->call != NULL)
		strcpy(s->user[ev->type], ev->call->user);
	s->n[ev->type]++;
}

START_TEST(t_diff)
{
	struct snmpa_watch	w = { .storm_threshold = 3, .storm_window = 60 };
	struct ctl_call		a, b, b2;
	struct ctl_snap		empty, s1, s2;
	struct ctl_call		one[1], two[2];
	struct seen		seen;

	sample_call(&a);
	sample_call(&b);
	strcpy(b.user, "bob");
	b.call_id = 5;
	memset(&empty, 0, sizeof(empty));
	memset(&seen, 0, sizeof(seen));
	/* Priming: calls already up are not announced. */
	one[0] = a;
	memset(&s1, 0, sizeof(s1));
	s1.calls = one;
	s1.ncalls = 1;
	s1.stats.pool_size = 2;
	s1.stats.pool_used = 1;
	ck_assert_uint_eq(snmpa_diff(&w, &empty, &s1, 100, record, &seen), 0);
	/* bob comes up, the pool fills. */
	two[0] = a;
	two[1] = b;
	s2 = s1;
	s2.calls = two;
	s2.ncalls = 2;
	s2.stats.pool_used = 2;
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 101, record, &seen), 2);
	ck_assert_int_eq(seen.n[SNMPA_N_CALL_UP], 1);
	ck_assert_str_eq(seen.user[SNMPA_N_CALL_UP], "bob");
	ck_assert_int_eq(seen.n[SNMPA_N_POOL_EXHAUSTED], 1);
	/* Still full: no second pool notification.  bob clears. */
	b2 = b;
	strcpy(b2.state, "clearing");
	two[1] = b2;
	s1 = s2;
	s1.calls = (struct ctl_call[]){ a, b };
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 102, record, &seen), 1);
	ck_assert_int_eq(seen.n[SNMPA_N_CALL_DOWN], 1);
	ck_assert_str_eq(seen.user[SNMPA_N_CALL_DOWN], "bob");
	/* Gone after clearing: nothing more. */
	s1 = s2;
	s2.ncalls = 1;
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 103, record, &seen), 0);
	/* Three failures in the window: one storm, not two. */
	s1 = s2;
	s2.stats.auth_failures = 3;
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 110, record, &seen), 1);
	ck_assert_int_eq(seen.n[SNMPA_N_AUTH_STORM], 1);
	s1 = s2;
	s2.stats.auth_failures = 9;
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 120, record, &seen), 0);
	/* Next window, more failures: again. */
	s1 = s2;
	s2.stats.auth_failures = 12;
	ck_assert_uint_eq(snmpa_diff(&w, &s1, &s2, 200, record, &seen), 1);
	ck_assert_int_eq(seen.n[SNMPA_N_AUTH_STORM], 2);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("snmp_rows");
	TCase	*tc = tcase_create("mapping");

	tcase_add_test(tc, t_col_tables);
	tcase_add_test(tc, t_call_values);
	tcase_add_test(tc, t_scalars_wrap);
	tcase_add_test(tc, t_scalars_callid_dae);
	tcase_add_test(tc, t_tunnel_values);
	tcase_add_test(tc, t_diff);
	suite_add_tcase(s, tc);
	return s;
}
