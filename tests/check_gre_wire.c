/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_gre_wire.c: the enhanced-GRE codec (gre/gre_wire.c) against golden
 * headers built by hand from the RFC 2637 §4.1 layout, a truncation sweep
 * over every shorter prefix, one case per mutated header bit (study §c
 * V1-V11, V14) and the IPv4 header strip.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../gre/gre_wire.h"

/* V1: data, S=1 A=0, Payload Length 4, Call ID 0x1234, seq 0. */
static const uint8_t g_data[] = {
	0x30, 0x01, 0x88, 0x0b, 0x00, 0x04, 0x12, 0x34,
	0x00, 0x00, 0x00, 0x00,
	0xde, 0xad, 0xbe, 0xef,
};

/* V2: data + ack, Payload Length 2, seq 5, ack 3, payload FF 03. */
static const uint8_t g_data_ack[] = {
	0x30, 0x81, 0x88, 0x0b, 0x00, 0x02, 0x12, 0x34,
	0x00, 0x00, 0x00, 0x05,
	0x00, 0x00, 0x00, 0x03,
	0xff, 0x03,
};

/* V3: ack only, S=0 A=1, ack at offset 8 = 0xFFFFFFFF. */
static const uint8_t g_ack[] = {
	0x20, 0x81, 0x88, 0x0b, 0x00, 0x00, 0x12, 0x34,
	0xff, 0xff, 0xff, 0xff,
};

static const struct golden {
	const uint8_t	*v;
	size_t		 len;
} goldens[] = {
	{ g_data, sizeof(g_data) },
	{ g_data_ack, sizeof(g_data_ack) },
	{ g_ack, sizeof(g_ack) },
};

START_TEST(t_V1_data_golden)
{
	struct gre_hdr h;

	ck_assert_int_eq(gre_parse(g_data, sizeof(g_data), &h), GRE_OK);
	ck_assert_int_eq(h.has_seq, 1);
	ck_assert_int_eq(h.has_ack, 0);
	ck_assert_uint_eq(h.call_id, 0x1234);
	ck_assert_uint_eq(h.seq, 0);
	ck_assert_uint_eq(h.payload_len, 4);
	ck_assert_ptr_eq(h.payload, g_data + 12);
}
END_TEST

START_TEST(t_V2_data_ack_golden)
{
	struct gre_hdr h;

	ck_assert_int_eq(gre_parse(g_data_ack, sizeof(g_data_ack), &h),
	    GRE_OK);
	ck_assert_int_eq(h.has_seq, 1);
	ck_assert_int_eq(h.has_ack, 1);
	ck_assert_uint_eq(h.seq, 5);
	ck_assert_uint_eq(h.ack, 3);
	ck_assert_uint_eq(h.payload_len, 2);
	ck_assert_ptr_eq(h.payload, g_data_ack + 16);
}
END_TEST

START_TEST(t_V3_ack_only_golden)
{
	struct gre_hdr h;

	ck_assert_int_eq(gre_parse(g_ack, sizeof(g_ack), &h), GRE_OK);
	ck_assert_int_eq(h.has_seq, 0);
	ck_assert_int_eq(h.has_ack, 1);
	ck_assert_uint_eq(h.ack, 0xffffffffu);
	ck_assert_uint_eq(h.payload_len, 0);
	ck_assert_ptr_null(h.payload);
}
END_TEST

/* Every golden rebuilt byte for byte from its parse. */
START_TEST(t_build_golden)
{
	const struct golden *g = &goldens[_i];
	struct gre_hdr h;
	uint8_t out[64];

	ck_assert_int_eq(gre_parse(g->v, g->len, &h), GRE_OK);
	ck_assert_uint_eq(gre_build(out, sizeof(out), &h, h.payload), g->len);
	ck_assert_mem_eq(out, g->v, g->len);
	ck_assert_uint_eq(gre_build_hdr(out, sizeof(out), &h),
	    gre_hdr_len(h.has_seq, h.has_ack));
}
END_TEST

/* Truncation sweep: each proper prefix of each golden must fail. */
START_TEST(t_trunc_data)
{
	struct gre_hdr h;

	ck_assert_int_ne(gre_parse(g_data, (size_t)_i, &h), GRE_OK);
}
END_TEST

START_TEST(t_trunc_data_ack)
{
	struct gre_hdr h;

	ck_assert_int_ne(gre_parse(g_data_ack, (size_t)_i, &h), GRE_OK);
}
END_TEST

START_TEST(t_trunc_ack)
{
	struct gre_hdr h;

	ck_assert_int_ne(gre_parse(g_ack, (size_t)_i, &h), GRE_OK);
}
END_TEST

/* Building into every too-small buffer fails rather than overruns. */
START_TEST(t_build_short_cap)
{
	struct gre_hdr h;
	uint8_t out[sizeof(g_data_ack)];

	ck_assert_int_eq(gre_parse(g_data_ack, sizeof(g_data_ack), &h),
	    GRE_OK);
	ck_assert_uint_eq(gre_build(out, (size_t)_i, &h, h.payload), 0);
}
END_TEST

/* V5/V6: one mutation per bit or field of the fixed header. */
static const struct mutation {
	size_t		off;
	uint8_t		set;	/* new byte value */
	enum gre_err	err;
} mutations[] = {
	{ 0, 0x30 | 0x80, GRE_ERR_C },
	{ 0, 0x30 | 0x40, GRE_ERR_R },
	{ 0, 0x30 & ~0x20, GRE_ERR_K },
	{ 0, 0x30 | 0x08, GRE_ERR_SSR },
	{ 0, 0x31, GRE_ERR_RECUR },
	{ 0, 0x32, GRE_ERR_RECUR },
	{ 0, 0x33, GRE_ERR_RECUR },
	{ 0, 0x34, GRE_ERR_RECUR },
	{ 0, 0x35, GRE_ERR_RECUR },
	{ 0, 0x36, GRE_ERR_RECUR },
	{ 0, 0x37, GRE_ERR_RECUR },
	{ 1, 0x81 | 0x08, GRE_ERR_FLAGS },
	{ 1, 0x81 | 0x10, GRE_ERR_FLAGS },
	{ 1, 0x81 | 0x20, GRE_ERR_FLAGS },
	{ 1, 0x81 | 0x40, GRE_ERR_FLAGS },
	{ 1, 0x80, GRE_ERR_VER },	/* Ver 0 */
	{ 1, 0x82, GRE_ERR_VER },	/* Ver 2 */
	{ 1, 0x87, GRE_ERR_VER },	/* Ver 7 */
	{ 2, 0x08, GRE_ERR_PROTO },	/* 0x080B */
	{ 3, 0x0a, GRE_ERR_PROTO },	/* 0x880A */
};

START_TEST(t_V5_V6_mutation)
{
	const struct mutation *m = &mutations[_i];
	struct gre_hdr h;
	uint8_t b[sizeof(g_data_ack)];

	memcpy(b, g_data_ack, sizeof(b));
	b[m->off] = m->set;
	ck_assert_int_eq(gre_parse(b, sizeof(b), &h), m->err);
}
END_TEST

START_TEST(t_V6_proto_ipv4)
{
	struct gre_hdr h;
	uint8_t b[sizeof(g_data)];

	memcpy(b, g_data, sizeof(b));
	b[2] = 0x08;
	b[3] = 0x00;
	ck_assert_int_eq(gre_parse(b, sizeof(b), &h), GRE_ERR_PROTO);
}
END_TEST

/* V4: S=0, A=0 is nothing to process. */
START_TEST(t_V4_no_seq_no_ack)
{
	static const uint8_t v[] = { 0x20, 0x01, 0x88, 0x0b, 0, 0, 0x12, 0x34 };
	struct gre_hdr h;

	ck_assert_int_eq(gre_parse(v, sizeof(v), &h), GRE_ERR_NO_SEQ_ACK);
}
END_TEST

/* V7: S=1 with 10 header bytes; S=1 A=1 with 14. */
START_TEST(t_V7_short_header)
{
	struct gre_hdr h;

	ck_assert_int_eq(gre_parse(g_data, 10, &h), GRE_ERR_HDR_TRUNC);
	ck_assert_int_eq(gre_parse(g_data_ack, 14, &h), GRE_ERR_HDR_TRUNC);
	ck_assert_int_eq(gre_parse(g_data, 7, &h), GRE_ERR_RUNT);
}
END_TEST

static size_t
mk_data(uint8_t *b, uint16_t plen, size_t present)
{
	memset(b, 0xab, 12 + present);
	memcpy(b, g_data, 12);
	b[4] = (uint8_t)(plen >> 8);
	b[5] = (uint8_t)plen;
	return 12 + present;
}

START_TEST(t_V8_payload_truncated)
{
	struct gre_hdr h;
	uint8_t b[256];
	size_t n = mk_data(b, 100, 60);

	ck_assert_int_eq(gre_parse(b, n, &h), GRE_ERR_PAYLOAD_TRUNC);
}
END_TEST

START_TEST(t_V9_padding_trimmed)
{
	struct gre_hdr h;
	uint8_t b[256];
	size_t n = mk_data(b, 60, 100);

	ck_assert_int_eq(gre_parse(b, n, &h), GRE_OK);
	ck_assert_uint_eq(h.payload_len, 60);
}
END_TEST

START_TEST(t_V10_zero_payload)
{
	struct gre_hdr h;
	uint8_t b[64];
	size_t n = mk_data(b, 0, 0);

	ck_assert_int_eq(gre_parse(b, n, &h), GRE_OK);
	ck_assert_int_eq(h.has_seq, 1);
	ck_assert_uint_eq(h.payload_len, 0);
}
END_TEST

/* V11: S=0 with a Payload Length and bytes: ack-only, payload ignored. */
START_TEST(t_V11_ack_only_with_payload)
{
	struct gre_hdr h;
	uint8_t b[64];

	memset(b, 0x55, sizeof(b));
	memcpy(b, g_ack, sizeof(g_ack));
	b[5] = 40;
	ck_assert_int_eq(gre_parse(b, 12 + 40, &h), GRE_OK);
	ck_assert_int_eq(h.has_seq, 0);
	ck_assert_uint_eq(h.payload_len, 0);
	ck_assert_ptr_null(h.payload);
}
END_TEST

START_TEST(t_build_refuses_empty)
{
	struct gre_hdr h;
	uint8_t b[32];

	memset(&h, 0, sizeof(h));
	ck_assert_uint_eq(gre_build_hdr(b, sizeof(b), &h), 0);
	h.has_seq = 1;
	h.payload_len = 4;
	ck_assert_uint_eq(gre_build(b, sizeof(b), &h, NULL), 0);
}
END_TEST

START_TEST(t_err_names)
{
	int i, j;

	for (i = 0; i < GRE_ERR_COUNT; i++) {
		ck_assert_ptr_nonnull(gre_err_str((enum gre_err)i));
		for (j = 0; j < i; j++)
			ck_assert_str_ne(gre_err_str((enum gre_err)i),
			    gre_err_str((enum gre_err)j));
	}
	ck_assert_str_eq(gre_err_str(GRE_ERR_COUNT), "unknown");
}
END_TEST

/* V14: IPv4 header strip with IHL 5, 6 and 15. */
static size_t
mk_ip(uint8_t *b, unsigned ihl, uint8_t proto)
{
	size_t hl = ihl * 4;

	memset(b, 0, hl);
	b[0] = (uint8_t)(0x40 | ihl);
	b[9] = proto;
	b[12] = 192; b[13] = 0; b[14] = 2; b[15] = 7;
	memcpy(b + hl, g_ack, sizeof(g_ack));
	return hl + sizeof(g_ack);
}

static const unsigned ihls[] = { 5, 6, 15 };

START_TEST(t_V14_ip_options)
{
	uint8_t b[128];
	const uint8_t *g;
	size_t n = mk_ip(b, ihls[_i], 47), glen;
	uint32_t src;
	struct gre_hdr h;

	ck_assert_int_eq(gre_ip4_strip(b, n, &g, &glen, &src), GRE_OK);
	ck_assert_ptr_eq(g, b + ihls[_i] * 4);
	ck_assert_uint_eq(glen, sizeof(g_ack));
	ck_assert_uint_eq(src, 0xc0000207u);
	ck_assert_int_eq(gre_parse(g, glen, &h), GRE_OK);
}
END_TEST

START_TEST(t_V14_ip_bad)
{
	uint8_t b[128];
	const uint8_t *g;
	size_t n, glen;
	uint32_t src;

	n = mk_ip(b, 5, 47);
	ck_assert_int_eq(gre_ip4_strip(b, 19, &g, &glen, &src),
	    GRE_ERR_IP_RUNT);
	b[0] = 0x44;			/* IHL 4 < 5 */
	ck_assert_int_eq(gre_ip4_strip(b, n, &g, &glen, &src),
	    GRE_ERR_IP_IHL);
	b[0] = 0x4f;			/* IHL*4 = 60 > 32 bytes */
	ck_assert_int_eq(gre_ip4_strip(b, n, &g, &glen, &src),
	    GRE_ERR_IP_IHL);
	ck_assert_ptr_null(g);
	b[0] = 0x65;			/* IPv6 version nibble */
	ck_assert_int_eq(gre_ip4_strip(b, n, &g, &glen, &src),
	    GRE_ERR_IP_VER);
	b[0] = 0x45;
	b[9] = 6;			/* TCP */
	ck_assert_int_eq(gre_ip4_strip(b, n, &g, &glen, &src),
	    GRE_ERR_IP_PROTO);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("gre_wire");
	TCase	*tc;

	tc = tcase_create("golden");
	tcase_add_test(tc, t_V1_data_golden);
	tcase_add_test(tc, t_V2_data_ack_golden);
	tcase_add_test(tc, t_V3_ack_only_golden);
	tcase_add_loop_test(tc, t_build_golden, 0,
	    (int)(sizeof(goldens) / sizeof(goldens[0])));
	tcase_add_test(tc, t_build_refuses_empty);
	tcase_add_test(tc, t_err_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_loop_test(tc, t_trunc_data, 0, (int)sizeof(g_data));
	tcase_add_loop_test(tc, t_trunc_data_ack, 0, (int)sizeof(g_data_ack));
	tcase_add_loop_test(tc, t_trunc_ack, 0, (int)sizeof(g_ack));
	tcase_add_loop_test(tc, t_build_short_cap, 0,
	    (int)sizeof(g_data_ack));
	tcase_add_test(tc, t_V7_short_header);
	tcase_add_test(tc, t_V8_payload_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_loop_test(tc, t_V5_V6_mutation, 0,
	    (int)(sizeof(mutations) / sizeof(mutations[0])));
	tcase_add_test(tc, t_V6_proto_ipv4);
	tcase_add_test(tc, t_V4_no_seq_no_ack);
	tcase_add_test(tc, t_V9_padding_trimmed);
	tcase_add_test(tc, t_V10_zero_payload);
	tcase_add_test(tc, t_V11_ack_only_with_payload);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip4");
	tcase_add_loop_test(tc, t_V14_ip_options, 0,
	    (int)(sizeof(ihls) / sizeof(ihls[0])));
	tcase_add_test(tc, t_V14_ip_bad);
	suite_add_tcase(s, tc);
	return s;
}
