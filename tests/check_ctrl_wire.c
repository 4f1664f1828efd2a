/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_ctrl_wire.c: unit tests for pptp-ctrl/ctrl_wire.c.  Golden
 * vectors for all 15 control messages, hand-built from the RFC 2637 §2
 * field diagrams; a truncation sweep; one test per mutated header field;
 * fixed strings without NUL; build -> parse round trips; name tables.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/ctrl_wire.h"

/* RFC 2637 §1.4: Length, Message Type 1, Magic Cookie, type, Reserved0. */
#define HDR(len, t)	(len) >> 8, (len) & 0xff, 0x00, 0x01, \
			0x1a, 0x2b, 0x3c, 0x4d, 0x00, (t), 0x00, 0x00

static const uint8_t sccrq_min[156] = {	/* RFC 2637 §2.1 */
	HDR(156, 1),
	0x01, 0x00, 0x00, 0x00,		/* version 1.0, reserved1 */
	0x00, 0x00, 0x00, 0x01,		/* framing: async */
	0x00, 0x00, 0x00, 0x01,		/* bearer: analog */
	0x00, 0x00, 0x0a, 0x00,		/* max channels 0, firmware */
	[28] = 'h', 'o', 's', 't',	/* host name (64) */
	[92] = 'v', 'e', 'n', 'd',	/* vendor (64) */
};
static const uint8_t sccrp_ok[156] = {	/* RFC 2637 §2.2 */
	HDR(156, 2),
	0x01, 0x00, 0x01, 0x00,		/* version, result 1, error 0 */
	0x00, 0x00, 0x00, 0x03,		/* framing: async|sync */
	0x00, 0x00, 0x00, 0x03,		/* bearer: analog|digital */
	0x00, 0x04, 0x00, 0x01,		/* max channels 4, firmware 1 */
	[28] = 'p', 'a', 'c',
	[92] = 'n', 'g',
};
static const uint8_t stopccrq_none[16] = {	/* RFC 2637 §2.3 */
	HDR(16, 3), 0x01, 0x00, 0x00, 0x00,
};
static const uint8_t stopccrp_ok[16] = {	/* RFC 2637 §2.4 */
	HDR(16, 4), 0x01, 0x00, 0x00, 0x00,
};
static const uint8_t echorq_id[16] = {	/* RFC 2637 §2.5 */
	HDR(16, 5), 0xde, 0xad, 0xbe, 0xef,
};
static const uint8_t echorp_ok[20] = {	/* RFC 2637 §2.6 */
	HDR(20, 6), 0xde, 0xad, 0xbe, 0xef, 0x01, 0x00, 0x00, 0x00,
};
static const uint8_t ocrq_min[168] = {	/* RFC 2637 §2.7 */
	HDR(168, 7),
	0x12, 0x34, 0x00, 0x01,		/* call ID, serial */
	0x00, 0x00, 0x0b, 0xb8,		/* min bps 3000 */
	0x05, 0xf5, 0xe1, 0x00,		/* max bps 100000000 */
	0x00, 0x00, 0x00, 0x03,		/* bearer any */
	0x00, 0x00, 0x00, 0x03,		/* framing any */
	0x00, 0x40, 0x00, 0x00,		/* recv window 64, ppd 0 */
	0x00, 0x03, 0x00, 0x00,		/* phone length 3, reserved1 */
	[40] = '5', '5', '5',		/* phone (64), subaddress (64) */
};
static const uint8_t ocrp_ok[32] = {	/* RFC 2637 §2.8 */
	HDR(32, 8),
	0xab, 0xcd, 0x12, 0x34,		/* call ID, peer's call ID */
	0x01, 0x00, 0x00, 0x00,		/* result 1, error 0, cause 0 */
	0x00, 0x98, 0x96, 0x80,		/* connect speed 10000000 */
	0x00, 0x40, 0x00, 0x00,		/* window 64, ppd 0 */
	0x00, 0x00, 0x00, 0x00,		/* physical channel ID */
};
static const uint8_t icrq_min[220] = {	/* RFC 2637 §2.9 */
	HDR(220, 9),
	0x00, 0x07, 0x00, 0x02,		/* call ID, serial */
	0x00, 0x00, 0x00, 0x02,		/* bearer digital */
	0x00, 0x00, 0x00, 0x09,		/* physical channel ID */
	0x00, 0x04, 0x00, 0x04,		/* dialed/dialing lengths */
	[28] = '1', '2', '3', '4',	/* dialed (64) */
	[92] = '5', '6', '7', '8',	/* dialing (64) */
	[156] = 's', 'u', 'b',		/* subaddress (64) */
};
static const uint8_t icrp_refuse[24] = {	/* RFC 2637 §2.10 */
	HDR(24, 10),
	0x00, 0x01, 0x00, 0x07,		/* call ID, peer's call ID */
	0x03, 0x00, 0x00, 0x40,		/* result 3, error, window 64 */
	0x00, 0x00, 0x00, 0x00,		/* transmit delay, reserved1 */
};
static const uint8_t iccn_min[28] = {	/* RFC 2637 §2.11 */
	HDR(28, 11),
	0x00, 0x01, 0x00, 0x00,		/* peer's call ID, reserved1 */
	0x00, 0x00, 0x25, 0x80,		/* connect speed 9600 */
	0x00, 0x10, 0x00, 0x00,		/* window 16, delay 0 */
	0x00, 0x00, 0x00, 0x01,		/* framing async */
};
static const uint8_t ccrq_min[16] = {	/* RFC 2637 §2.12 */
	HDR(16, 12), 0x12, 0x34, 0x00, 0x00,
};
static const uint8_t cdn_request[148] = {	/* RFC 2637 §2.13 */
	HDR(148, 13),
	0xab, 0xcd, 0x04, 0x00,		/* call ID, result 4, error 0 */
	0x00, 0x00, 0x00, 0x00,		/* cause, reserved1 */
	[20] = 's', 't', 'a', 't', 's',	/* call statistics (128) */
};
static const uint8_t wen_min[40] = {	/* RFC 2637 §2.14 */
	HDR(40, 14),
	0xab, 0xcd, 0x00, 0x00,		/* peer's call ID, reserved1 */
	0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,	/* crc, framing, hw */
	0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 6,	/* buffer, timeout, align */
};
static const uint8_t sli_min[24] = {	/* RFC 2637 §2.15 */
	HDR(24, 15),
	0xab, 0xcd, 0x00, 0x00,		/* peer's call ID, reserved1 */
	0xff, 0xff, 0xff, 0xff,		/* send ACCM */
	0x00, 0x00, 0x00, 0x00,		/* receive ACCM */
};

static const struct vec {
	const char	*name;
	const uint8_t	*buf;
	size_t		 len;
	enum ctrl_type	 type;
} vecs[] = {
#define V(a, t)	{ #a, a, sizeof(a), t }
	V(sccrq_min, PPTP_MSG_SCCRQ),
	V(sccrp_ok, PPTP_MSG_SCCRP),
	V(stopccrq_none, PPTP_MSG_STOPCCRQ),
	V(stopccrp_ok, PPTP_MSG_STOPCCRP),
	V(echorq_id, PPTP_MSG_ECHORQ),
	V(echorp_ok, PPTP_MSG_ECHORP),
	V(ocrq_min, PPTP_MSG_OCRQ),
	V(ocrp_ok, PPTP_MSG_OCRP),
	V(icrq_min, PPTP_MSG_ICRQ),
	V(icrp_refuse, PPTP_MSG_ICRP),
	V(iccn_min, PPTP_MSG_ICCN),
	V(ccrq_min, PPTP_MSG_CCRQ),
	V(cdn_request, PPTP_MSG_CDN),
	V(wen_min, PPTP_MSG_WEN),
	V(sli_min, PPTP_MSG_SLI),
#undef V
};
#define NVECS	((int)(sizeof(vecs) / sizeof(vecs[0])))

static struct ctrl_msg
parse_ok(const uint8_t *buf, size_t len)
{
	struct ctrl_msg	m;
	enum ctrl_err	e;

	e = ctrl_parse(buf, len, &m);
	ck_assert_msg(e == CTRL_OK, "parse: %s", ctrl_err_name(e));
	return m;
}

/* Each vector parses, has its type and size, and rebuilds byte-exact. */
START_TEST(t_golden_roundtrip)
{
	const struct vec	*v = &vecs[_i];
	struct ctrl_msg		 m;
	uint8_t			 out[PPTP_CTRL_MAX_LEN];

	m = parse_ok(v->buf, v->len);
	ck_assert_int_eq(m.type, v->type);
	ck_assert_uint_eq(m.reserved_nonzero, 0);
	ck_assert_uint_eq(ctrl_msg_size(v->type), v->len);
	ck_assert_uint_eq(ctrl_build(out, sizeof(out), &m), v->len);
	ck_assert_msg(memcmp(out, v->buf, v->len) == 0, "%s", v->name);
}
END_TEST

/* Every shorter prefix of every vector is refused. */
START_TEST(t_truncation_sweep)
{
	const struct vec	*v = &vecs[_i];
	struct ctrl_msg		 m;
	size_t			 n;
	enum ctrl_err		 e;

	for (n = 0; n < v->len; n++) {
		e = ctrl_parse(v->buf, n, &m);
		ck_assert_msg(e == (n < PPTP_CTRL_HDR_LEN ? CTRL_ERR_SHORT :
		    CTRL_ERR_TRUNCATED), "%s len %zu: %s", v->name, n,
		    ctrl_err_name(e));
		ck_assert_int_eq(m.type, 0);
	}
}
END_TEST

START_TEST(t_sccrq_fields)
{
	struct ctrl_msg	m = parse_ok(sccrq_min, sizeof(sccrq_min));

	ck_assert_uint_eq(m.u.sccrq.version, PPTP_PROTO_VERSION);
	ck_assert_uint_eq(m.u.sccrq.framing_caps, PPTP_FRAMING_ASYNC);
	ck_assert_uint_eq(m.u.sccrq.bearer_caps, PPTP_BEARER_ANALOG);
	ck_assert_uint_eq(m.u.sccrq.firmware_rev, 0x0a00);
	ck_assert_str_eq(m.u.sccrq.host_name, "host");
	ck_assert_str_eq(m.u.sccrq.vendor, "vend");
	m = parse_ok(sccrp_ok, sizeof(sccrp_ok));
	ck_assert_uint_eq(m.u.sccrp.result, PPTP_SCCRP_RESULT_OK);
	ck_assert_uint_eq(m.u.sccrp.max_channels, 4);
	ck_assert_str_eq(m.u.sccrp.host_name, "pac");
}
END_TEST

START_TEST(t_stop_echo_fields)
{
	struct ctrl_msg	m;

	m = parse_ok(stopccrq_none, sizeof(stopccrq_none));
	ck_assert_uint_eq(m.u.stopccrq.reason, PPTP_STOP_REASON_NONE);
	m = parse_ok(stopccrp_ok, sizeof(stopccrp_ok));
	ck_assert_uint_eq(m.u.stopccrp.result, PPTP_STOPCCRP_RESULT_OK);
	m = parse_ok(echorq_id, sizeof(echorq_id));
	ck_assert_uint_eq(m.u.echorq.id, 0xdeadbeef);
	m = parse_ok(echorp_ok, sizeof(echorp_ok));
	ck_assert_uint_eq(m.u.echorp.id, 0xdeadbeef);
	ck_assert_uint_eq(m.u.echorp.result, PPTP_ECHORP_RESULT_OK);
}
END_TEST

START_TEST(t_call_fields)
{
	struct ctrl_msg	m;

	m = parse_ok(ocrq_min, sizeof(ocrq_min));
	ck_assert_uint_eq(m.u.ocrq.call_id, 0x1234);
	ck_assert_uint_eq(m.u.ocrq.call_serial, 1);
	ck_assert_uint_eq(m.u.ocrq.min_bps, 3000);
	ck_assert_uint_eq(m.u.ocrq.max_bps, 100000000);
	ck_assert_uint_eq(m.u.ocrq.recv_window, 64);
	ck_assert_uint_eq(m.u.ocrq.phone_len, 3);
	ck_assert_str_eq(m.u.ocrq.phone, "555");
	ck_assert_str_eq(m.u.ocrq.subaddr, "");
	m = parse_ok(ocrp_ok, sizeof(ocrp_ok));
	ck_assert_uint_eq(m.u.ocrp.call_id, 0xabcd);
	ck_assert_uint_eq(m.u.ocrp.peer_call_id, 0x1234);
	ck_assert_uint_eq(m.u.ocrp.connect_speed, 10000000);
	ck_assert_uint_eq(m.u.ocrp.recv_window, 64);
	m = parse_ok(icrq_min, sizeof(icrq_min));
	ck_assert_uint_eq(m.u.icrq.call_id, 7);
	ck_assert_uint_eq(m.u.icrq.phys_channel_id, 9);
	ck_assert_str_eq(m.u.icrq.dialed, "1234");
	ck_assert_str_eq(m.u.icrq.dialing, "5678");
	ck_assert_str_eq(m.u.icrq.subaddr, "sub");
	m = parse_ok(icrp_refuse, sizeof(icrp_refuse));
	ck_assert_uint_eq(m.u.icrp.peer_call_id, 7);
	ck_assert_uint_eq(m.u.icrp.result, PPTP_ICRP_RESULT_DO_NOT_ACCEPT);
	m = parse_ok(iccn_min, sizeof(iccn_min));
	ck_assert_uint_eq(m.u.iccn.connect_speed, 9600);
	ck_assert_uint_eq(m.u.iccn.framing_type, 1);
	m = parse_ok(ccrq_min, sizeof(ccrq_min));
	ck_assert_uint_eq(m.u.ccrq.call_id, 0x1234);
	m = parse_ok(cdn_request, sizeof(cdn_request));
	ck_assert_uint_eq(m.u.cdn.call_id, 0xabcd);
	ck_assert_uint_eq(m.u.cdn.result, PPTP_CDN_RESULT_REQUEST);
	ck_assert_str_eq(m.u.cdn.stats, "stats");
	m = parse_ok(wen_min, sizeof(wen_min));
	ck_assert_uint_eq(m.u.wen.peer_call_id, 0xabcd);
	ck_assert_uint_eq(m.u.wen.crc_errors, 1);
	ck_assert_uint_eq(m.u.wen.align_errors, 6);
	m = parse_ok(sli_min, sizeof(sli_min));
	ck_assert_uint_eq(m.u.sli.send_accm, 0xffffffff);
	ck_assert_uint_eq(m.u.sli.recv_accm, 0);
}
END_TEST

/* One mutated header field per row, and the error it must produce. */
static const struct mutation {
	size_t		off;
	uint8_t		val;
	enum ctrl_err	want;
} mutations[] = {
	{ 1, 0x00, CTRL_ERR_LEN_SHORT },	/* length 0 */
	{ 1, 0x0b, CTRL_ERR_LEN_SHORT },	/* length 11 */
	{ 0, 0x01, CTRL_ERR_LEN_LONG },	/* length 272 */
	{ 1, 0x14, CTRL_ERR_SIZE },	/* length 20 for a 16-byte type */
	{ 3, 0x02, CTRL_ERR_MSGTYPE },	/* management message */
	{ 2, 0x01, CTRL_ERR_MSGTYPE },	/* message type 0x0101 */
	{ 4, 0x1b, CTRL_ERR_MAGIC },
	{ 7, 0x4e, CTRL_ERR_MAGIC },
	{ 10, 0x01, CTRL_ERR_RESERVED0 },
	{ 11, 0x80, CTRL_ERR_RESERVED0 },
	{ 9, 0x00, CTRL_ERR_TYPE },	/* type 0 */
	{ 9, 0x10, CTRL_ERR_TYPE },	/* type 16 */
	{ 8, 0x01, CTRL_ERR_TYPE },	/* type 0x0105 */
	{ 9, 0x06, CTRL_ERR_SIZE },	/* EchoRP is 20, not 16 */
};

START_TEST(t_mutation)
{
	const struct mutation	*mu = &mutations[_i];
	uint8_t			 buf[sizeof(echorq_id)];
	struct ctrl_msg		 m;
	enum ctrl_err		 e;

	memcpy(buf, echorq_id, sizeof(buf));
	ck_assert_uint_ne(buf[mu->off], mu->val);	/* a real mutation */
	buf[mu->off] = mu->val;
	e = ctrl_parse(buf, sizeof(buf), &m);
	ck_assert_msg(e == mu->want, "byte %zu=0x%02x: got %s, want %s",
	    mu->off, mu->val, ctrl_err_name(e), ctrl_err_name(mu->want));
	ck_assert_int_eq(m.type, 0);
}
END_TEST

START_TEST(t_trailing_bytes)
{
	uint8_t		buf[sizeof(ccrq_min) + 1];
	struct ctrl_msg	m;

	memcpy(buf, ccrq_min, sizeof(ccrq_min));
	buf[sizeof(ccrq_min)] = 0;
	ck_assert_int_eq(ctrl_parse(buf, sizeof(buf), &m), CTRL_ERR_TRAILING);
}
END_TEST

/* §2.x Reserved1 fields: tolerated, counted, kept for the round trip. */
START_TEST(t_reserved_in_body_counted)
{
	uint8_t		buf[sizeof(ocrq_min)], out[sizeof(ocrq_min)];
	struct ctrl_msg	m;

	memcpy(buf, ocrq_min, sizeof(buf));
	buf[39] = 0x5a;			/* OCRQ Reserved1 */
	m = parse_ok(buf, sizeof(buf));
	ck_assert_uint_eq(m.reserved_nonzero, 1);
	ck_assert_uint_eq(m.u.ocrq.reserved1, 0x5a);
	ck_assert_uint_eq(ctrl_build(out, sizeof(out), &m), sizeof(out));
	ck_assert(memcmp(out, buf, sizeof(buf)) == 0);
	memcpy(buf, sccrq_min, sizeof(sccrq_min));
	buf[14] = 1;			/* SCCRQ Reserved1 */
	m = parse_ok(buf, sizeof(sccrq_min));
	ck_assert_uint_eq(m.reserved_nonzero, 1);
}
END_TEST

/* A 64-byte host name with no NUL: all 64 bytes, terminated, no overread. */
START_TEST(t_fixstr_without_nul)
{
	uint8_t		buf[sizeof(sccrq_min)];
	struct ctrl_msg	m;
	char		want[PPTP_HOSTNAME_LEN + 1];

	memcpy(buf, sccrq_min, sizeof(buf));
	memset(buf + 28, 'A', PPTP_HOSTNAME_LEN);
	memset(buf + 92, 'B', PPTP_VENDOR_LEN);
	memset(want, 'A', PPTP_HOSTNAME_LEN);
	want[PPTP_HOSTNAME_LEN] = '\0';
	m = parse_ok(buf, sizeof(buf));
	ck_assert_uint_eq(strlen(m.u.sccrq.host_name), PPTP_HOSTNAME_LEN);
	ck_assert_str_eq(m.u.sccrq.host_name, want);
	ck_assert_uint_eq(strlen(m.u.sccrq.vendor), PPTP_VENDOR_LEN);
	ck_assert_int_eq(m.u.sccrq.vendor[0], 'B');
}
END_TEST

/* Bytes after the first NUL are not part of the string. */
START_TEST(t_fixstr_stops_at_nul)
{
	uint8_t		buf[sizeof(cdn_request)];
	struct ctrl_msg	m;

	memcpy(buf, cdn_request, sizeof(buf));
	buf[30] = 'X';
	m = parse_ok(buf, sizeof(buf));
	ck_assert_str_eq(m.u.cdn.stats, "stats");
}
END_TEST

/*
 * Round trip for every type with every body byte non-zero: strings run
 * the full width and reserved fields are set, so build(parse(x)) == x
 * exercises every field's offset and width.
 */
START_TEST(t_roundtrip_all_fields)
{
	unsigned	type = (unsigned)_i + 1;
	size_t		size = ctrl_msg_size(type), i;
	uint8_t		buf[PPTP_CTRL_MAX_LEN], out[PPTP_CTRL_MAX_LEN];
	struct ctrl_msg	m, m2;

	ck_assert_uint_ne(size, 0);
	memcpy(buf, echorq_id, PPTP_CTRL_HDR_LEN);
	buf[0] = (uint8_t)(size >> 8);
	buf[1] = (uint8_t)size;
	buf[9] = (uint8_t)type;
	for (i = PPTP_CTRL_HDR_LEN; i < size; i++)
		buf[i] = (uint8_t)(0x21 + i % 90);
	m = parse_ok(buf, size);
	ck_assert_uint_eq(m.type, type);
	ck_assert_uint_eq(ctrl_build(out, sizeof(out), &m), size);
	ck_assert(memcmp(out, buf, size) == 0);
	m2 = parse_ok(out, size);
	ck_assert_uint_eq(m2.reserved_nonzero, m.reserved_nonzero);
	/* Too small a buffer: nothing written, 0 returned. */
	ck_assert_uint_eq(ctrl_build(out, size - 1, &m), 0);
}
END_TEST

START_TEST(t_build_unknown_type)
{
	struct ctrl_msg	m;
	uint8_t		out[PPTP_CTRL_MAX_LEN];

	memset(&m, 0, sizeof(m));
	ck_assert_uint_eq(ctrl_build(out, sizeof(out), &m), 0);
	m.type = (enum ctrl_type)16;
	ck_assert_uint_eq(ctrl_build(out, sizeof(out), &m), 0);
}
END_TEST

/* RFC 2637 §2: the exact size table. */
START_TEST(t_size_table)
{
	static const size_t want[16] = { 0, 156, 156, 16, 16, 16, 20, 168,
	    32, 220, 24, 28, 16, 148, 40, 24 };
	unsigned	t;

	for (t = 0; t < 16; t++)
		ck_assert_uint_eq(ctrl_msg_size(t), want[t]);
	ck_assert_uint_eq(ctrl_msg_size(16), 0);
	ck_assert_uint_eq(ctrl_msg_size(0xffff), 0);
}
END_TEST

START_TEST(t_sanitize)
{
	char	out[8];

	ck_assert_str_eq(ctrl_sanitize(out, sizeof(out), "a\x01\x7f\xff%n"),
	    "a???%n");
	ck_assert_str_eq(ctrl_sanitize(out, sizeof(out), "0123456789"),
	    "0123456");
	ck_assert_str_eq(ctrl_sanitize(out, 1, "abc"), "");
	/* A host name must not close the quotes it is logged in. */
	ck_assert_str_eq(ctrl_sanitize(out, sizeof(out), "x\" v=\\"),
	    "x? v=?");
	out[0] = 'z';
	ctrl_sanitize(out, 0, "abc");
	ck_assert_int_eq(out[0], 'z');
}
END_TEST

START_TEST(t_names)
{
	unsigned	i;

	for (i = 1; i <= PPTP_MSG_MAX; i++)
		ck_assert_str_ne(ctrl_type_name(i), "unknown");
	ck_assert_str_eq(ctrl_type_name(0), "unknown");
	ck_assert_str_eq(ctrl_type_name(16), "unknown");
	for (i = 0; i < CTRL_ERR__MAX; i++)
		ck_assert_str_ne(ctrl_err_name((enum ctrl_err)i), "unknown");
	ck_assert_str_eq(ctrl_err_name(CTRL_ERR__MAX), "unknown");
	ck_assert_str_eq(ctrl_type_name(PPTP_MSG_STOPCCRQ), "StopCCRQ");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_SCCRP, 5),
	    "protocol version not supported");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_OCRP, 4), "busy");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_OCRP, 7), "do not accept");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_OCRP, 8), "unknown");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_CDN, 4), "request");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_ICRP, 3), "do not accept");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_ECHORP, 1), "ok");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_STOPCCRP, 2),
	    "general error");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_SCCRQ, 1), "unknown");
	ck_assert_str_eq(ctrl_result_name(PPTP_MSG_CDN, 0), "unknown");
	ck_assert_str_eq(ctrl_error_name(PPTP_ERROR_BAD_CALLID),
	    "bad-call-id");
	ck_assert_str_eq(ctrl_error_name(7), "unknown");
	ck_assert_str_eq(ctrl_stop_reason_name(3), "stop-local-shutdown");
	ck_assert_str_eq(ctrl_stop_reason_name(0), "unknown");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("ctrl_wire");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, t_golden_roundtrip, 0, NVECS);
	tcase_add_loop_test(tc, t_truncation_sweep, 0, NVECS);
	tcase_add_test(tc, t_sccrq_fields);
	tcase_add_test(tc, t_stop_echo_fields);
	tcase_add_test(tc, t_call_fields);
	tcase_add_loop_test(tc, t_mutation, 0,
	    (int)(sizeof(mutations) / sizeof(mutations[0])));
	tcase_add_test(tc, t_trailing_bytes);
	tcase_add_test(tc, t_reserved_in_body_counted);
	tcase_add_test(tc, t_fixstr_without_nul);
	tcase_add_test(tc, t_fixstr_stops_at_nul);
	tcase_add_loop_test(tc, t_roundtrip_all_fields, 0, PPTP_MSG_MAX);
	tcase_add_test(tc, t_build_unknown_type);
	tcase_add_test(tc, t_size_table);
	tcase_add_test(tc, t_sanitize);
	tcase_add_test(tc, t_names);
	suite_add_tcase(s, tc);
	return s;
}
