/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_dae_wire.c: unit tests for pptp-ctrl/dae_wire.c, the RFC 5176
 * Disconnect/CoA codec: golden packets computed independently by
 * tests/gen_dae_vectors.py (hashlib/hmac), a truncation sweep, one test
 * per check (authenticator, Message-Authenticator, window, framing,
 * causes), session matching and the duplicate cache.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/dae_wire.h"
#include "dae_vectors.h"

#define SEC	DAE_VEC_SECRET
#define SLEN	(sizeof(DAE_VEC_SECRET) - 1)

static enum dae_err
parse(const uint8_t *p, size_t n, struct dae_req *q)
{
	return dae_parse(p, n, SEC, SLEN, DAE_VEC_TS, DAE_WINDOW_DEFAULT, q);
}

START_TEST(t_golden_user_sess)
{
	struct dae_req	 q;

	ck_assert_int_eq(parse(dae_req_user_sess, sizeof(dae_req_user_sess),
	    &q), DAE_OK);
	ck_assert_uint_eq(q.code, DAE_CODE_DISCONNECT_REQUEST);
	ck_assert_uint_eq(q.id, 0x2a);
	ck_assert_int_eq(q.cause, DAE_CAUSE_NONE);
	ck_assert(q.user.present && q.user.len == 5);
	ck_assert(memcmp(q.user.v, "alice", 5) == 0);
	ck_assert(q.session_id.present && q.session_id.len == 16);
	ck_assert(q.has_timestamp && q.timestamp == DAE_VEC_TS);
	ck_assert(!q.has_msgauth && !q.has_framed_ip);
}
END_TEST

/* The NAK we build must equal the one Python computed. */
START_TEST(t_golden_nak_503)
{
	struct dae_req	 q;
	uint8_t		 out[DAE_REPLY_MAX];
	size_t		 n;

	ck_assert_int_eq(parse(dae_req_user_sess, sizeof(dae_req_user_sess),
	    &q), DAE_OK);
	n = dae_build_reply(out, sizeof(out), &q, false,
	    DAE_CAUSE_SESSION_NOT_FOUND, SEC, SLEN);
	ck_assert_uint_eq(n, sizeof(dae_nak_503));
	ck_assert(memcmp(out, dae_nak_503, n) == 0);
}
END_TEST

START_TEST(t_golden_ma_ack)
{
	struct dae_req	 q;
	uint8_t		 out[DAE_REPLY_MAX];
	size_t		 n;

	ck_assert_int_eq(parse(dae_req_ma, sizeof(dae_req_ma), &q), DAE_OK);
	ck_assert(q.has_msgauth);
	ck_assert_uint_eq(q.nproxy, 1);
	ck_assert_int_eq(q.cause, DAE_CAUSE_NONE);
	n = dae_build_reply(out, sizeof(out), &q, true, DAE_CAUSE_NONE, SEC,
	    SLEN);
	ck_assert_uint_eq(n, sizeof(dae_ack_ma));
	ck_assert(memcmp(out, dae_ack_ma, n) == 0);
}
END_TEST

START_TEST(t_golden_coa_nak)
{
	struct dae_req	 q;
	uint8_t		 out[DAE_REPLY_MAX];
	size_t		 n;

	ck_assert_int_eq(parse(dae_req_coa, sizeof(dae_req_coa), &q), DAE_OK);
	ck_assert_uint_eq(q.code, DAE_CODE_COA_REQUEST);
	ck_assert(q.has_framed_ip && q.framed_ip == 0x0a000007);
	ck_assert_int_eq(q.cause, DAE_CAUSE_UNSUPPORTED_SERVICE);
	n = dae_build_reply(out, sizeof(out), &q, false, q.cause, SEC, SLEN);
	ck_assert_uint_eq(n, sizeof(dae_nak_405));
	ck_assert(memcmp(out, dae_nak_405, n) == 0);
}
END_TEST

/* Our request builder agrees with Python's (used by the fuzzer). */
START_TEST(t_build_request_golden)
{
	uint8_t	 out[DAE_PKT_MAX];
	size_t	 n;

	n = dae_build_request(out, sizeof(out), DAE_CODE_DISCONNECT_REQUEST,
	    0x2b, dae_req_ma + DAE_HDR_LEN, sizeof(dae_req_ma) - DAE_HDR_LEN -
	    18, true, SEC, SLEN);
	ck_assert_uint_eq(n, sizeof(dae_req_ma));
	ck_assert(memcmp(out, dae_req_ma, n) == 0);
}
END_TEST

/* Every shorter prefix is refused (its Length lies or is too short). */
START_TEST(t_trunc)
{
	struct dae_req	 q;

	ck_assert_int_ne(parse(dae_req_ma, (size_t)_i, &q), DAE_OK);
}
END_TEST

/* Bytes past Length are padding (RFC 2865 §3) and do not count. */
START_TEST(t_padding_ignored)
{
	uint8_t		 p[sizeof(dae_req_user_sess) + 3];
	struct dae_req	 q;

	memcpy(p, dae_req_user_sess, sizeof(dae_req_user_sess));
	memset(p + sizeof(dae_req_user_sess), 0xee, 3);
	ck_assert_int_eq(parse(p, sizeof(p), &q), DAE_OK);
}
END_TEST

/* Any flipped bit breaks the Request Authenticator or the framing. */
START_TEST(t_bitflip)
{
	uint8_t		 p[sizeof(dae_req_user_sess)];
	struct dae_req	 q;

	memcpy(p, dae_req_user_sess, sizeof(p));
	p[_i / 8] ^= (uint8_t)(1u << (_i % 8));
	ck_assert_int_ne(parse(p, sizeof(p), &q), DAE_OK);
}
END_TEST

START_TEST(t_wrong_secret)
{
	struct dae_req	 q;

	ck_assert_int_eq(dae_parse(dae_req_user_sess,
	    sizeof(dae_req_user_sess), "testing124", 10, DAE_VEC_TS, 300, &q),
	    DAE_ERR_AUTH);
	ck_assert_int_eq(dae_parse(dae_req_ma, sizeof(dae_req_ma), "x", 1,
	    DAE_VEC_TS, 300, &q), DAE_ERR_AUTH);
}
END_TEST

/* A Message-Authenticator wrong but under a right authenticator. */
START_TEST(t_bad_msgauth)
{
	static const uint8_t attrs[] = { 1, 3, 'x', 80, 18, 1, 2, 3, 4, 5, 6,
	    7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	uint8_t		 p[DAE_PKT_MAX];
	struct dae_req	 q;
	size_t		 n;

	n = dae_build_request(p, sizeof(p), DAE_CODE_DISCONNECT_REQUEST, 1,
	    attrs, sizeof(attrs), false, SEC, SLEN);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(parse(p, n, &q), DAE_ERR_MSGAUTH);
	/* And one of the wrong size. */
	{
		static const uint8_t a2[] = { 1, 3, 'x', 80, 4, 0, 0 };

		n = dae_build_request(p, sizeof(p),
		    DAE_CODE_DISCONNECT_REQUEST, 1, a2, sizeof(a2), false,
		    SEC, SLEN);
		ck_assert_int_eq(parse(p, n, &q), DAE_ERR_MSGAUTH);
	}
}
END_TEST

START_TEST(t_window)
{
	struct dae_req	 q;
	const uint8_t	*p = dae_req_user_sess;
	size_t		 n = sizeof(dae_req_user_sess);

	ck_assert_int_eq(dae_parse(p, n, SEC, SLEN, DAE_VEC_TS + 300, 300,
	    &q), DAE_OK);
	ck_assert_int_eq(dae_parse(p, n, SEC, SLEN, DAE_VEC_TS - 300, 300,
	    &q), DAE_OK);
	ck_assert_int_eq(dae_parse(p, n, SEC, SLEN, DAE_VEC_TS + 301, 300,
	    &q), DAE_ERR_STALE);
	ck_assert_int_eq(dae_parse(p, n, SEC, SLEN, DAE_VEC_TS - 301, 300,
	    &q), DAE_ERR_STALE);
	/* window 0: not checked */
	ck_assert_int_eq(dae_parse(p, n, SEC, SLEN, 0, 0, &q), DAE_OK);
}
END_TEST

static const struct {
	const char	*name;
	uint8_t		 code;
	uint8_t		 attrs[24];
	size_t		 len;
	enum dae_err	 err;
	enum dae_cause	 cause;
} cases[] = {
	{ "no identification", 40, { 55, 6, 0x65, 0x53, 0xf1, 0 }, 6,
	    DAE_OK, DAE_CAUSE_MISSING_ATTRIBUTE },
	{ "unknown attribute", 40, { 1, 3, 'a', 27, 6, 0, 0, 2, 0x58 }, 9,
	    DAE_OK, DAE_CAUSE_UNSUPPORTED_ATTRIBUTE },
	{ "vendor-specific", 40, { 1, 3, 'a', 26, 4, 0, 0 }, 7,
	    DAE_OK, DAE_CAUSE_UNSUPPORTED_ATTRIBUTE },
	{ "framed-ip of 3", 40, { 8, 5, 10, 0, 0 }, 5,
	    DAE_OK, DAE_CAUSE_INVALID_REQUEST },
	{ "two user-names", 40, { 1, 3, 'a', 1, 3, 'b' }, 6,
	    DAE_OK, DAE_CAUSE_INVALID_REQUEST },
	{ "empty user-name", 40, { 1, 2 }, 2,
	    DAE_OK, DAE_CAUSE_INVALID_REQUEST },
	{ "by framed-ip", 40, { 8, 6, 10, 0, 0, 7 }, 6,
	    DAE_OK, DAE_CAUSE_NONE },
	{ "by calling-station", 40, { 31, 10, '1', '0', '.', '0', '.', '0',
	    '.', '2' }, 10, DAE_OK, DAE_CAUSE_NONE },
	{ "nas identification", 40, { 1, 3, 'a', 4, 6, 1, 2, 3, 4, 32, 3,
	    'n' }, 12, DAE_OK, DAE_CAUSE_NONE },
	{ "coa", 43, { 1, 3, 'a' }, 3, DAE_OK,
	    DAE_CAUSE_UNSUPPORTED_SERVICE },
	{ "attribute length 1", 40, { 1, 3, 'a', 1, 1 }, 5, DAE_ERR_ATTR,
	    DAE_CAUSE_NONE },
	{ "attribute beyond packet", 40, { 1, 9, 'a' }, 3, DAE_ERR_ATTR,
	    DAE_CAUSE_NONE },
	{ "access-request", 1, { 1, 3, 'a' }, 3, DAE_ERR_CODE,
	    DAE_CAUSE_NONE },
	{ "disconnect-ack", 41, { 1, 3, 'a' }, 3, DAE_ERR_CODE,
	    DAE_CAUSE_NONE },
};

START_TEST(t_cases)
{
	uint8_t		 p[DAE_PKT_MAX];
	struct dae_req	 q;
	size_t		 n;

	n = dae_build_request(p, sizeof(p), cases[_i].code, 9,
	    cases[_i].attrs, cases[_i].len, false, SEC, SLEN);
	ck_assert_uint_gt(n, 0);
	ck_assert_msg(parse(p, n, &q) == cases[_i].err, "%s: %s",
	    cases[_i].name, dae_err_str(parse(p, n, &q)));
	if (cases[_i].err == DAE_OK)
		ck_assert_msg(q.cause == cases[_i].cause, "%s: cause %d",
		    cases[_i].name, (int)q.cause);
}
END_TEST

START_TEST(t_header)
{
	uint8_t		 p[DAE_PKT_MAX];
	struct dae_req	 q;

	memcpy(p, dae_req_user_sess, sizeof(dae_req_user_sess));
	p[3] = 19;				/* Length below 20 */
	ck_assert_int_eq(parse(p, sizeof(dae_req_user_sess), &q),
	    DAE_ERR_SHORT);
	p[3] = (uint8_t)(sizeof(dae_req_user_sess) + 1);	/* beyond */
	ck_assert_int_eq(parse(p, sizeof(dae_req_user_sess), &q),
	    DAE_ERR_LENGTH);
	memset(p, 0, sizeof(p));
	p[0] = 40;
	p[2] = 0x10;				/* 4097 */
	p[3] = 0x01;
	ck_assert_int_eq(dae_parse(p, sizeof(p), SEC, SLEN, 0, 0, &q),
	    DAE_ERR_LENGTH);
	ck_assert_int_eq(parse(p, 0, &q), DAE_ERR_SHORT);
}
END_TEST

START_TEST(t_match)
{
	struct dae_req		 q;
	struct dae_session	 s = { "alice", "6560A1B2000C1F3E",
	    "192.0.2.9", 0x0a000007 };

	ck_assert_int_eq(parse(dae_req_user_sess, sizeof(dae_req_user_sess),
	    &q), DAE_OK);
	ck_assert(dae_match(&q, &s));
	s.user = "alic";			/* a prefix is not a match */
	ck_assert(!dae_match(&q, &s));
	s.user = "alice";
	s.session_id = "6560A1B2000C1F3F";	/* all must match */
	ck_assert(!dae_match(&q, &s));
	s.session_id = "";
	ck_assert(!dae_match(&q, &s));

	ck_assert_int_eq(parse(dae_req_coa, sizeof(dae_req_coa), &q), DAE_OK);
	s.framed_ip = 0x0a000007;
	ck_assert(dae_match(&q, &s));
	s.framed_ip = 0;
	ck_assert(!dae_match(&q, &s));

	memset(&q, 0, sizeof(q));		/* nothing identifies */
	ck_assert(!dae_match(&q, &s));
}
END_TEST

START_TEST(t_dup)
{
	static struct dae_dup	 d;
	struct dae_req		 q, q2;
	const struct dae_dup_ent *e;
	uint8_t			 r[4] = { 1, 2, 3, 4 };
	unsigned		 i;

	memset(&d, 0, sizeof(d));
	ck_assert_int_eq(parse(dae_req_user_sess, sizeof(dae_req_user_sess),
	    &q), DAE_OK);
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000001, 3000, &q, 1000));
	dae_dup_put(&d, 0x0a000001, 3000, &q, 1000, r, sizeof(r));
	e = dae_dup_find(&d, 0x0a000001, 3000, &q, 1000 + DAE_DUP_KEEP_MS);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, 4);
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000001, 3001, &q, 1000));
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000002, 3000, &q, 1000));
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000001, 3000, &q,
	    1001 + DAE_DUP_KEEP_MS));
	q2 = q;					/* same id, new authenticator */
	q2.auth[0] ^= 1;
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000001, 3000, &q2, 1000));
	/* Bounded: DAE_DUP_MAX newer entries push it out. */
	for (i = 0; i < DAE_DUP_MAX; i++) {
		q2.id = (uint8_t)i;
		dae_dup_put(&d, 0x0a000009, 1, &q2, 1000, r, sizeof(r));
	}
	ck_assert_ptr_null(dae_dup_find(&d, 0x0a000001, 3000, &q, 1000));
}
END_TEST

START_TEST(t_reply_no_room)
{
	struct dae_req	 q;
	uint8_t		 out[DAE_REPLY_MAX];

	ck_assert_int_eq(parse(dae_req_ma, sizeof(dae_req_ma), &q), DAE_OK);
	ck_assert_uint_eq(dae_build_reply(out, sizeof(dae_ack_ma) - 1, &q,
	    true, DAE_CAUSE_NONE, SEC, SLEN), 0);
}
END_TEST

START_TEST(t_names)
{
	int	e;

	for (e = 0; e < DAE_ERR__COUNT; e++)
		ck_assert_ptr_nonnull(dae_err_str((enum dae_err)e));
	ck_assert_str_eq(dae_err_str(DAE_ERR__COUNT), "unknown");
	ck_assert_str_eq(dae_cause_str(DAE_CAUSE_SESSION_NOT_FOUND),
	    "Session-Context-Not-Found");
	ck_assert_str_eq(dae_code_str(DAE_CODE_COA_NAK), "CoA-NAK");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("dae_wire");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_golden_user_sess);
	tcase_add_test(tc, t_golden_nak_503);
	tcase_add_test(tc, t_golden_ma_ack);
	tcase_add_test(tc, t_golden_coa_nak);
	tcase_add_test(tc, t_build_request_golden);
	tcase_add_loop_test(tc, t_trunc, 0, (int)sizeof(dae_req_ma));
	tcase_add_test(tc, t_padding_ignored);
	tcase_add_loop_test(tc, t_bitflip, 0,
	    (int)sizeof(dae_req_user_sess) * 8);
	tcase_add_test(tc, t_wrong_secret);
	tcase_add_test(tc, t_bad_msgauth);
	tcase_add_test(tc, t_window);
	tcase_add_loop_test(tc, t_cases, 0,
	    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, t_header);
	tcase_add_test(tc, t_match);
	tcase_add_test(tc, t_dup);
	tcase_add_test(tc, t_reply_no_room);
	tcase_add_test(tc, t_names);
	suite_add_tcase(s, tc);
	return s;
}
