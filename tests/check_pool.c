/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_pool.c: the localip/remoteip SPEC grammar and the slot pool
 * (pool.c): ranges in every octet, slot pairing, the shared local
 * address, connections reduced, duplicates, lowest-free allocation,
 * exhaustion and reuse.  No network: host names use a fake resolver.
 */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/conf.h"
#include "../pptp-ctrl/pool.h"

#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			 (uint32_t)(c) << 8 | (uint32_t)(d))

struct list {
	uint32_t	a[300];
	unsigned	n;
};

static int	 to_list(void *, uint32_t);
static int	 walk(const char *, struct list *);
static void	 mkpool(struct pool *, const char *, int);
static int	 one_resolve(void *, const char *, uint32_t *);

static int
to_list(void *arg, uint32_t a)
{
	struct list	*l = arg;

	if (l->n == 300)
		return -1;
	l->a[l->n++] = a;
	return 0;
}

static int
walk(const char *spec, struct list *l)
{
	char	err[200];

	memset(l, 0, sizeof(*l));
	return pool_spec_walk(spec, NULL, to_list, l, err, sizeof(err));
}

/* Parses conf text and builds the pool; rc is pool_init()'s expected. */
static void
mkpool(struct pool *p, const char *text, int rc)
{
	struct conf		c;
	struct conf_diag	d;

	conf_diag_init(&d, "t");
	ck_assert_int_eq(conf_parse(&c, text, strlen(text), &d), 0);
	ck_assert_int_eq(pool_init(p, &c, NULL, &d), rc);
}

START_TEST(t_range_each_octet)
{
	static const struct {
		const char	*spec;
		uint32_t	 first, last;
		unsigned	 n;
	} v[] = {
		{ "10-13.0.0.1", IP(10, 0, 0, 1), IP(13, 0, 0, 1), 4 },
		{ "172.16-19.0.1", IP(172, 16, 0, 1), IP(172, 19, 0, 1), 4 },
		{ "192.168.0-3.1", IP(192, 168, 0, 1), IP(192, 168, 3, 1), 4 },
		{ "192.168.0.234-238", IP(192, 168, 0, 234),
		  IP(192, 168, 0, 238), 5 },
		{ "10.0.0.0-255", IP(10, 0, 0, 0), IP(10, 0, 0, 255), 256 },
		{ "10.0.0.7-7", IP(10, 0, 0, 7), IP(10, 0, 0, 7), 1 },
		{ "1.2.3.4", IP(1, 2, 3, 4), IP(1, 2, 3, 4), 1 },
	};
	struct list	l;
	size_t		i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_int_eq(walk(v[i].spec, &l), 0);
		ck_assert_uint_eq(l.n, v[i].n);
		ck_assert_uint_eq(l.a[0], v[i].first);
		ck_assert_uint_eq(l.a[l.n - 1], v[i].last);
	}
	ck_assert_int_eq(walk("192.168.0.234,192.168.0.245-249,"
	    "192.168.0.254", &l), 0);
	ck_assert_uint_eq(l.n, 7);
	ck_assert_uint_eq(l.a[1], IP(192, 168, 0, 245));
	ck_assert_uint_eq(l.a[6], IP(192, 168, 0, 254));
}
END_TEST

START_TEST(t_spec_rejects)
{
	static const char *const bad[] = {
		"192.168.0.234-8", "10.0.0.1-2-3", "10.0.0.256", "10.0.0",
		"10.0.0.1.", ",10.0.0.1", "10.0.0.1,", "10.0.0.1,,10.0.0.2",
		"010.0.0.1", "10.0.0.-1", "10.0.0.1-", "1-2.3-4.5.6",
		"255.255.255.255", "", "host_name", "10.0.0.1 ", "-host",
		"vpn.example",		/* no resolver here */
	};
	struct list	l;
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(walk(bad[i], &l) == -1, "accepted '%s'", bad[i]);
}
END_TEST

START_TEST(t_shortcut_message)
{
	char	err[200];

	ck_assert_int_eq(pool_spec_check("192.168.0.234-8", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "range 234-8 has upper bound below lower bound "
	    "(no shortcuts: write 234-238, not 234-8)");
	ck_assert_int_eq(pool_spec_check("vpn.example,10.0.0.1", err,
	    sizeof(err)), 0);
}
END_TEST

static int
one_resolve(void *arg, const char *name, uint32_t *out)
{
	(void)arg;
	if (strcmp(name, "vpn.example") != 0)
		return -1;
	*out = IP(10, 9, 9, 9);
	return 0;
}

START_TEST(t_resolver)
{
	struct pool_resolver	 r = { one_resolve, NULL };
	struct list		 l;
	char			 err[200];

	memset(&l, 0, sizeof(l));
	ck_assert_int_eq(pool_spec_walk("10.0.0.1,vpn.example", &r, to_list,
	    &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.a[1], IP(10, 9, 9, 9));
	ck_assert_int_eq(pool_spec_walk("other.example", &r, to_list, &l,
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "cannot resolve host name 'other.example'");
}
END_TEST

START_TEST(t_pairing)
{
	struct pool	p;

	mkpool(&p, "localip 192.168.0.234-238,192.168.0.245\n"
	    "remoteip 192.168.1.234-238,192.168.1.245\n", 0);
	ck_assert_uint_eq(pool_size(&p), 6);
	ck_assert(!p.shared_local);
	ck_assert_uint_eq(p.local[0], IP(192, 168, 0, 234));
	ck_assert_uint_eq(p.remote[0], IP(192, 168, 1, 234));
	ck_assert_uint_eq(p.local[5], IP(192, 168, 0, 245));
	ck_assert_uint_eq(p.remote[5], IP(192, 168, 1, 245));
	pool_fini(&p);
}
END_TEST

START_TEST(t_single_local_shared)
{
	struct pool	p;
	unsigned	i;

	mkpool(&p, "localip 192.168.0.1\n"
	    "remoteip 192.168.0.234-238,192.168.0.245\n", 0);
	ck_assert_uint_eq(pool_size(&p), 6);
	ck_assert(p.shared_local);
	for (i = 0; i < 6; i++)
		ck_assert_uint_eq(p.local[i], IP(192, 168, 0, 1));
	pool_fini(&p);
}
END_TEST

/* poptop: connections shrinks to the remote count, then the local one. */
START_TEST(t_connections_reduced)
{
	struct pool	p;

	mkpool(&p, "connections 10\nlocalip 10.0.0.1\n"
	    "remoteip 10.0.1.1-4\n", 0);
	ck_assert_uint_eq(pool_size(&p), 4);
	pool_fini(&p);
	mkpool(&p, "connections 10\nlocalip 10.0.0.1-2\n"
	    "remoteip 10.0.1.1-4\n", 0);
	ck_assert_uint_eq(pool_size(&p), 2);
	ck_assert_uint_eq(p.nlocal, 2);
	ck_assert_uint_eq(p.nremote, 4);
	pool_fini(&p);
	/* Lists longer than connections are cut at connections. */
	mkpool(&p, "connections 3\nlocalip 10.0.0.1-9\n"
	    "remoteip 10.0.1.1-9\n", 0);
	ck_assert_uint_eq(pool_size(&p), 3);
	ck_assert_uint_eq(p.remote[2], IP(10, 0, 1, 3));
	pool_fini(&p);
	/* Neither given: poptop's defaults, 100 pairs. */
	mkpool(&p, "", 0);
	ck_assert_uint_eq(pool_size(&p), 100);
	ck_assert_uint_eq(p.local[99], IP(192, 168, 0, 100));
	ck_assert_uint_eq(p.remote[0], IP(192, 168, 1, 1));
	pool_fini(&p);
}
END_TEST

START_TEST(t_duplicate_remote)
{
	struct pool	p;

	mkpool(&p, "localip 10.0.0.1\nremoteip 10.0.1.1-3,10.0.1.3\n", -1);
	ck_assert_uint_eq(pool_size(&p), 0);
	/* A duplicate past the connections cut is never used: fine. */
	mkpool(&p, "connections 3\nlocalip 10.0.0.1\n"
	    "remoteip 10.0.1.1-3,10.0.1.3\n", 0);
	pool_fini(&p);
	/* Duplicate local addresses are allowed (poptop checks remote). */
	mkpool(&p, "localip 10.0.0.1,10.0.0.1\nremoteip 10.0.1.1-2\n", 0);
	pool_fini(&p);
}
END_TEST

START_TEST(t_delegate_no_pool)
{
	struct pool	p;
	uint32_t	l, r;
	unsigned	s;

	mkpool(&p, "delegate\nlocalip 10.0.0.1\nremoteip 10.0.1.1-3\n", 0);
	ck_assert_uint_eq(pool_size(&p), 0);
	ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), -1);
	pool_fini(&p);
}
END_TEST

START_TEST(t_alloc_exhaust_reuse)
{
	struct pool	p;
	uint32_t	l, r;
	unsigned	s, i;

	mkpool(&p, "connections 130\nlocalip 10.0.0.1\n"
	    "remoteip 10.0.1.1-200\n", 0);
	ck_assert_uint_eq(pool_size(&p), 130);
	for (i = 0; i < 130; i++) {
		ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), 0);
		ck_assert_uint_eq(s, i);
		ck_assert_uint_eq(r, IP(10, 0, 1, 1) + i);
		ck_assert_uint_eq(l, IP(10, 0, 0, 1));
	}
	ck_assert_uint_eq(pool_used(&p), 130);
	ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), -1);
	ck_assert_int_eq(pool_free(&p, 70), 0);
	ck_assert_int_eq(pool_free(&p, 5), 0);
	ck_assert_int_eq(pool_free(&p, 5), -1);		/* double free */
	ck_assert_int_eq(pool_free(&p, 130), -1);	/* out of range */
	ck_assert_uint_eq(pool_used(&p), 128);
	ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), 0);
	ck_assert_uint_eq(s, 5);			/* lowest first */
	ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), 0);
	ck_assert_uint_eq(s, 70);
	ck_assert_uint_eq(r, IP(10, 0, 1, 71));
	ck_assert_int_eq(pool_alloc(&p, &l, &r, &s), -1);
	pool_fini(&p);
}
END_TEST

START_TEST(t_subnet)
{
	struct pool	p;
	unsigned	first = 99;

	ck_assert(pool_in_subnet(IP(192, 168, 0, 5), IP(192, 168, 0, 1), 24));
	ck_assert(!pool_in_subnet(IP(192, 168, 1, 5), IP(192, 168, 0, 1),
	    24));
	ck_assert(pool_in_subnet(IP(1, 2, 3, 4), IP(9, 9, 9, 9), 0));
	ck_assert(pool_in_subnet(IP(1, 2, 3, 4), IP(1, 2, 3, 4), 32));
	mkpool(&p, "localip 10.0.0.1\nremoteip 10.0.1.250-255,10.0.2.1\n", 0);
	ck_assert_uint_eq(pool_count_in_subnet(&p, true, IP(10, 0, 1, 0), 24,
	    &first), 6);
	ck_assert_uint_eq(first, 0);
	ck_assert_uint_eq(pool_count_in_subnet(&p, true, IP(10, 0, 2, 0), 24,
	    &first), 1);
	ck_assert_uint_eq(first, 6);
	ck_assert_uint_eq(pool_count_in_subnet(&p, false, IP(10, 0, 0, 0), 8,
	    NULL), 1);
	pool_fini(&p);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("pool");
	TCase	*tc;

	tc = tcase_create("spec");
	tcase_add_test(tc, t_range_each_octet);
	tcase_add_test(tc, t_spec_rejects);
	tcase_add_test(tc, t_shortcut_message);
	tcase_add_test(tc, t_resolver);
	suite_add_tcase(s, tc);
	tc = tcase_create("pool");
	tcase_add_test(tc, t_pairing);
	tcase_add_test(tc, t_single_local_shared);
	tcase_add_test(tc, t_connections_reduced);
	tcase_add_test(tc, t_duplicate_remote);
	tcase_add_test(tc, t_delegate_no_pool);
	tcase_add_test(tc, t_alloc_exhaust_reuse);
	tcase_add_test(tc, t_subnet);
	suite_add_tcase(s, tc);
	return s;
}
