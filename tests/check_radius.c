/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_radius.c: Check suite for pptp-radius.so's pure code
 * (plugins/radius_map.c, plugins/radius_spool.c) and the spool's file
 * shell (radius_spool_io.c, in a temporary directory).  Key vectors are
 * made here by an independent encryptor written from RFC 2548's text
 * over OpenSSL's one-shot digests; it does not reuse the code under test.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "check_main.h"
#include "../plugins/radius_map.h"
#include "../plugins/radius_spool.h"

static const char	secret[] = "s3cret-radius";
static const uint8_t	reqauth[16] = {
	0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
	0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0
};
static const uint8_t	key16[16] = {
	0xd5, 0xf0, 0xe9, 0x52, 0x1e, 0x3e, 0xa9, 0x58,
	0x96, 0x7e, 0x3e, 0x6c, 0x2d, 0x06, 0x14, 0x20
};

static void
md5v(const void *a, size_t an, const void *b, size_t bn, const void *c,
    size_t cn, uint8_t out[16])
{
	uint8_t buf[512];

	memcpy(buf, a, an);
	memcpy(buf + an, b, bn);
	if (cn > 0)
		memcpy(buf + an + bn, c, cn);
	ck_assert(EVP_Digest(buf, an + bn + cn, out, NULL, EVP_md5(), NULL));
}

/*
 * RFC 2548 §2.4.2 encryption: P = len ‖ key ‖ pad (to 16k), c(1) =
 * p(1) ^ MD5(S ‖ R ‖ A), c(i) = p(i) ^ MD5(S ‖ c(i-1)).  out = A ‖ C.
 */
static size_t
mppe_encrypt(uint8_t *out, const uint8_t *plain, size_t plen, uint16_t salt)
{
	uint8_t b[16];
	size_t i, j;

	out[0] = salt >> 8;
	out[1] = salt & 0xff;
	for (i = 0; i < plen; i += 16) {
		if (i == 0)
			md5v(secret, strlen(secret), reqauth, 16, out, 2, b);
		else
			md5v(secret, strlen(secret), out + 2 + i - 16, 16,
			    NULL, 0, b);
		for (j = 0; j < 16; j++)
			out[2 + i + j] = plain[i + j] ^ b[j];
	}
	return plen + 2;
}

static struct rad_attr
mk(uint32_t v, uint8_t t, const uint8_t *val, size_t len)
{
	struct rad_attr a = { v, t, (uint8_t)len, val };

	return a;
}

START_TEST(t_mppe_key_ok)
{
	uint8_t plain[32] = { 16 }, enc[34], key[16];
	struct rad_attr a;

	memcpy(plain + 1, key16, 16);
	a = mk(RAD_VENDOR_MS, MS_MPPE_SEND_KEY, enc,
	    mppe_encrypt(enc, plain, 32, 0x8a31));
	ck_assert_int_eq(a.len, 34);
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret, strlen(secret),
	    reqauth, key), RAD_OK);
	ck_assert_mem_eq(key, key16, 16);
}
END_TEST

START_TEST(t_mppe_key_bad)
{
	uint8_t plain[48] = { 16 }, enc[50], key[16];
	struct rad_attr a;
	size_t n;

	memcpy(plain + 1, key16, 16);
	/* Salt without its high bit (RFC 2548 §2.4.2 requires it). */
	a = mk(RAD_VENDOR_MS, 16, enc, mppe_encrypt(enc, plain, 32, 0x0a31));
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret, strlen(secret),
	    reqauth, key), RAD_E_KEY);
	/* Wrong secret: the length byte decrypts to garbage. */
	a = mk(RAD_VENDOR_MS, 16, enc, mppe_encrypt(enc, plain, 32, 0x8a31));
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, "other", 5, reqauth, key),
	    RAD_E_KEY);
	/* Every length that is not 2 + 16k, and short ones. */
	for (n = 0; n < 34; n++) {
		a.len = (uint8_t)n;
		ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret,
		    strlen(secret), reqauth, key), RAD_E_KEY);
	}
	/* Key length byte not 16. */
	plain[0] = 15;
	a = mk(RAD_VENDOR_MS, 16, enc, mppe_encrypt(enc, plain, 32, 0x8a31));
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret, strlen(secret),
	    reqauth, key), RAD_E_KEY);
	/* Non-zero padding. */
	plain[0] = 16;
	plain[31] = 1;
	a = mk(RAD_VENDOR_MS, 16, enc, mppe_encrypt(enc, plain, 32, 0x8a31));
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret, strlen(secret),
	    reqauth, key), RAD_E_KEY);
	/* Three blocks (extra padding) decrypt fine: chaining is right. */
	plain[31] = 0;
	a = mk(RAD_VENDOR_MS, 16, enc, mppe_encrypt(enc, plain, 48, 0x8a31));
	ck_assert_int_eq(rad_mppe_key_decrypt(&a, secret, strlen(secret),
	    reqauth, key), RAD_OK);
	ck_assert_mem_eq(key, key16, 16);
	ck_assert_int_eq(rad_mppe_key_decrypt(NULL, secret, strlen(secret),
	    reqauth, key), RAD_E_KEY);
}
END_TEST

/* RFC 2548 §2.4.1 with RFC 2865 §5.2 hiding. */
START_TEST(t_chap_mppe_keys)
{
	uint8_t plain[32], enc[32], b[16], key[16];
	struct rad_attr a;
	int i;

	memset(plain, 0xa5, 8);
	memcpy(plain + 8, key16, 16);
	memset(plain + 24, 0, 8);
	md5v(secret, strlen(secret), reqauth, 16, NULL, 0, b);
	for (i = 0; i < 16; i++)
		enc[i] = plain[i] ^ b[i];
	md5v(secret, strlen(secret), enc, 16, NULL, 0, b);
	for (i = 0; i < 16; i++)
		enc[16 + i] = plain[16 + i] ^ b[i];
	a = mk(RAD_VENDOR_MS, MS_CHAP_MPPE_KEYS, enc, 32);
	ck_assert_int_eq(rad_chap_mppe_keys_decrypt(&a, secret,
	    strlen(secret), reqauth, key), RAD_OK);
	ck_assert_mem_eq(key, key16, 16);
	a.len = 31;
	ck_assert_int_eq(rad_chap_mppe_keys_decrypt(&a, secret,
	    strlen(secret), reqauth, key), RAD_E_KEY);
}
END_TEST

/* An Access-Accept: Framed-IP, an MS VSA, a Message-Authenticator. */
static size_t
mk_accept(uint8_t *p, int with_ma, int corrupt_ma)
{
	static const uint8_t attrs[] = {
		8, 6, 192, 168, 77, 42,
		26, 12, 0, 0, 0x01, 0x37, 28, 6, 10, 0, 0, 53,
		18, 4, 'o', 'k',
	};
	uint8_t		 md[16], ma[16];
	unsigned int	 ml = 16;
	size_t		 len = 20, maoff = 0;

	p[0] = RAD_CODE_ACCESS_ACCEPT;
	p[1] = 7;
	memcpy(p + 20, attrs, sizeof(attrs));
	len += sizeof(attrs);
	if (with_ma) {
		maoff = len;
		p[len] = RAD_MESSAGE_AUTHENTICATOR;
		p[len + 1] = 18;
		memset(p + len + 2, 0, 16);
		len += 18;
	}
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
	/* RFC 3579 §3.2: over the reply with the Request Authenticator. */
	memcpy(p + 4, reqauth, 16);
	if (with_ma) {
		HMAC(EVP_md5(), secret, (int)strlen(secret), p, len, ma, &ml);
		if (corrupt_ma)
			ma[3] ^= 1;
		memcpy(p + maoff + 2, ma, 16);
	}
	/* RFC 2865 §3 Response Authenticator. */
	md5v(p, len, secret, strlen(secret), NULL, 0, md);
	memcpy(p + 4, md, 16);
	return len;
}

START_TEST(t_reply_verify)
{
	uint8_t p[256];
	size_t n;

	n = mk_accept(p, 1, 0);
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 1), RAD_OK);
	n = mk_accept(p, 1, 1);
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 1), RAD_E_MSGAUTH);
	n = mk_accept(p, 0, 0);
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 0), RAD_OK);
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 1), RAD_E_NO_MSGAUTH);
	n = mk_accept(p, 1, 0);
	p[25] ^= 0x40;		/* a Framed-IP byte */
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 1), RAD_E_AUTH);
	n = mk_accept(p, 1, 0);
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, "wrong", 5, 1),
	    RAD_E_AUTH);
	p[0] = RAD_CODE_ACCESS_REQUEST;
	ck_assert_int_eq(rad_reply_verify(p, n, reqauth, secret,
	    strlen(secret), 1), RAD_E_CODE);
}
END_TEST

/* Truncation sweep: every shorter prefix is refused. */
#define ACCEPT_LEN	(20 + 22 + 18)
START_TEST(t_reply_trunc)
{
	uint8_t p[256];
	size_t n = mk_accept(p, 1, 0);
	size_t plen;

	ck_assert_uint_eq(n, ACCEPT_LEN);
	ck_assert_int_ne(rad_pkt_check(p, (size_t)_i, &plen), RAD_OK);
	ck_assert_int_ne(rad_reply_verify(p, (size_t)_i, reqauth, secret,
	    strlen(secret), 1), RAD_OK);
}
END_TEST

START_TEST(t_pkt_garbage)
{
	uint8_t p[64] = { 2, 1, 0, 20 };
	size_t plen;

	ck_assert_int_eq(rad_pkt_check(p, 20, &plen), RAD_OK);
	ck_assert_int_eq(plen, 20);
	p[3] = 19;
	ck_assert_int_eq(rad_pkt_check(p, 20, &plen), RAD_E_LENGTH);
	p[2] = 0x10; p[3] = 1;		/* 4097 */
	ck_assert_int_eq(rad_pkt_check(p, 64, &plen), RAD_E_LENGTH);
	/* Attribute length 1, 0, and past the end. */
	p[2] = 0; p[3] = 22; p[20] = 1; p[21] = 1;
	ck_assert_int_eq(rad_pkt_check(p, 22, &plen), RAD_E_ATTR);
	p[21] = 0;
	ck_assert_int_eq(rad_pkt_check(p, 22, &plen), RAD_E_ATTR);
	p[21] = 3;
	ck_assert_int_eq(rad_pkt_check(p, 22, &plen), RAD_E_ATTR);
	/* Octets past Length are padding (RFC 2865 §3). */
	p[3] = 20;
	ck_assert_int_eq(rad_pkt_check(p, 64, &plen), RAD_OK);
	/* Microsoft VSA whose sub-attribute overruns. */
	p[3] = 32;
	memcpy(p + 20, (const uint8_t[]){ 26, 12, 0, 0, 1, 0x37, 28, 9,
	    1, 2, 3, 4 }, 12);
	ck_assert_int_eq(rad_pkt_check(p, 32, &plen), RAD_E_VSA);
	p[27] = 1;
	ck_assert_int_eq(rad_pkt_check(p, 32, &plen), RAD_E_VSA);
}
END_TEST

START_TEST(t_attrs_roundtrip)
{
	static const uint8_t ip[4] = { 10, 0, 0, 1 };
	struct rad_list l;
	struct rad_attr a[16];
	uint8_t buf[512];
	size_t n, m, i;

	rad_list_init(&l);
	rad_list_add_str(&l, 0, RAD_USER_NAME, "alice");
	rad_list_add(&l, RAD_VENDOR_MS, MS_CHAP_CHALLENGE, key16, 16);
	rad_list_add(&l, 0, RAD_FRAMED_IP_ADDRESS, ip, 4);
	rad_list_add_u32(&l, 0, RAD_TUNNEL_TYPE, 1);
	rad_list_add_str(&l, 0, RAD_CLASS, "");	/* never sent empty */
	ck_assert_int_eq(l.n, 4);
	n = rad_attrs_build(buf, sizeof(buf), l.a, l.n);
	ck_assert_int_eq(n, 7 + 24 + 6 + 6);
	ck_assert_int_eq(buf[7], 26);
	ck_assert_int_eq(buf[8], 24);
	ck_assert_int_eq(rad_attrs_parse(buf, n, a, 16, &m), RAD_OK);
	ck_assert_int_eq(m, l.n);
	for (i = 0; i < m; i++) {
		ck_assert_int_eq(a[i].vendor, l.a[i].vendor);
		ck_assert_int_eq(a[i].type, l.a[i].type);
		ck_assert_int_eq(a[i].len, l.a[i].len);
		ck_assert_mem_eq(a[i].val, l.a[i].val, a[i].len);
	}
	ck_assert_int_eq(rad_attr_u32(&a[3]), 1);
	ck_assert_int_eq(rad_attrs_build(buf, n - 1, l.a, l.n), 0);
	ck_assert_int_eq(rad_attrs_parse(buf, n, a, 3, &m), RAD_E_TOO_MANY);
	/* A list that overflows is flagged, not truncated silently. */
	for (i = 0; i < 40; i++)
		rad_list_add(&l, 0, RAD_CLASS, buf, 200);
	ck_assert_int_eq(l.err, 1);
}
END_TEST

START_TEST(t_reply_map)
{
	static const uint8_t framed[4] = { 2, 0, 0, 0 }, ppp[4] = { 0, 0, 0, 1 },
	    ip[4] = { 192, 168, 77, 42 }, pool[4] = { 255, 255, 255, 254 },
	    i30[4] = { 0, 0, 0, 30 }, to[4] = { 0, 0, 0x0e, 0x10 },
	    login[4] = { 0, 0, 0, 1 }, mtu[4] = { 0, 0, 5, 0x78 },
	    dns[4] = { 10, 0, 0, 53 }, types[4] = { 0, 0, 0, 4 };
	struct rad_attr a[12];
	struct rad_reply rp;

	a[0] = mk(0, RAD_SERVICE_TYPE, framed + 3 - 3, 4);
	a[0].val = (const uint8_t[]){ 0, 0, 0, 2 };
	a[1] = mk(0, RAD_FRAMED_PROTOCOL, ppp, 4);
	a[2] = mk(0, RAD_FRAMED_IP_ADDRESS, ip, 4);
	a[3] = mk(0, RAD_ACCT_INTERIM_INTERVAL, i30, 4);
	a[4] = mk(0, RAD_SESSION_TIMEOUT, to, 4);
	a[5] = mk(0, RAD_CLASS, (const uint8_t *)"c1", 2);
	a[6] = mk(0, RAD_CLASS, (const uint8_t *)"c2", 2);
	a[7] = mk(0, RAD_FRAMED_ROUTE, (const uint8_t *)"10.9.0.0/24", 11);
	a[8] = mk(0, RAD_FRAMED_MTU, mtu, 4);
	a[9] = mk(RAD_VENDOR_MS, MS_PRIMARY_DNS, dns, 4);
	a[10] = mk(RAD_VENDOR_MS, MS_MPPE_ENC_TYPES, types, 4);
	a[11] = mk(0, RAD_FILTER_ID, (const uint8_t *)"std\n", 4);
	ck_assert_int_eq(rad_reply_map(a, 12, &rp), RAD_OK);
	ck_assert_int_eq(rp.framed_ip_set, 1);
	ck_assert_uint_eq(rp.framed_ip, 0xc0a84d2a);
	ck_assert_uint_eq(rp.interim, 60);	/* clamped */
	ck_assert_uint_eq(rp.session_timeout, 3600);
	ck_assert_uint_eq(rp.nklass, 2);
	ck_assert_uint_eq(rp.nroute, 1);
	ck_assert_uint_eq(rp.mtu, 1400);
	ck_assert_uint_eq(rp.dns[0], 0x0a000035);
	ck_assert_uint_eq(rp.mppe_types, 4);
	{
		char v[16];

		rad_env_value(rp.filter_id, v, sizeof(v));
		ck_assert_str_eq(v, "std?");
	}
	a[2] = mk(0, RAD_FRAMED_IP_ADDRESS, pool, 4);
	ck_assert_int_eq(rad_reply_map(a, 12, &rp), RAD_OK);
	ck_assert_int_eq(rp.framed_ip_set, 0);
	a[4].len = 3;
	ck_assert_int_eq(rad_reply_map(a, 12, &rp), RAD_E_ATTR);
	a[4].len = 4;
	a[9].len = 5;
	ck_assert_int_eq(rad_reply_map(a, 12, &rp), RAD_E_VSA);
	a[9].len = 4;
	a[0].val = login;	/* Service-Type = Login */
	ck_assert_int_eq(rad_reply_map(a, 12, &rp), RAD_E_SERVICE);
	(void)framed;
}
END_TEST

START_TEST(t_chap2_success)
{
	uint8_t v[43];
	char out[64];
	struct rad_attr a;

	v[0] = 9;
	memcpy(v + 1, "S=407A5589115FD0D6209F510FE9C04566932CDA56", 42);
	a = mk(RAD_VENDOR_MS, MS_CHAP2_SUCCESS, v, 43);
	ck_assert_int_eq(rad_chap2_success_text(&a, 9, out, sizeof(out)),
	    RAD_OK);
	ck_assert_str_eq(out, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
	ck_assert_int_eq(rad_chap2_success_text(&a, 8, out, sizeof(out)),
	    RAD_E_SUCCESS);
	a.len = 42;
	ck_assert_int_eq(rad_chap2_success_text(&a, 9, out, sizeof(out)),
	    RAD_E_SUCCESS);
	a.len = 43;
	v[20] = 'x';
	ck_assert_int_eq(rad_chap2_success_text(&a, 9, out, sizeof(out)),
	    RAD_E_SUCCESS);
	ck_assert_int_eq(rad_chap2_success_text(NULL, 9, out, sizeof(out)),
	    RAD_E_SUCCESS);
}
END_TEST

START_TEST(t_chap_failure)
{
	static const uint8_t err[] = "\x05" "E=648 R=0 V=3 M=expired";
	static const uint8_t msg[] = "Go away\x01";
	struct rad_attr e = mk(RAD_VENDOR_MS, MS_CHAP_ERROR, err,
	    sizeof(err) - 1);
	struct rad_attr m = mk(0, RAD_REPLY_MESSAGE, msg, sizeof(msg) - 1);
	char out[128];

	rad_chap_failure_text(&e, &m, key16, 16, 1, out, sizeof(out));
	ck_assert_str_eq(out, "E=648 R=0 V=3 M=expired");
	rad_chap_failure_text(NULL, &m, key16, 16, 1, out, sizeof(out));
	ck_assert_str_eq(out, "E=691 R=0 C=D5F0E9521E3EA958967E3E6C2D061420 "
	    "V=3 M=Go away?");
	rad_chap_failure_text(NULL, NULL, key16, 8, 1, out, sizeof(out));
	ck_assert_str_eq(out, "E=691 R=0");
	rad_chap_failure_text(NULL, &m, key16, 16, 0, out, sizeof(out));
	ck_assert_str_eq(out, "Go away?");
	/* A garbled MS-CHAP-Error is not passed on. */
	e.len = 3;
	rad_chap_failure_text(&e, NULL, key16, 16, 1, out, 20);
	ck_assert_str_eq(out, "E=691 R=0 C=D5F0E95");
}
END_TEST

START_TEST(t_ms_chap_response)
{
	uint8_t ppp[49], out[50];
	int i;

	for (i = 0; i < 49; i++)
		ppp[i] = (uint8_t)i;
	ck_assert_int_eq(rad_ms_chap_response(out, 0x42, ppp, 49, 1), 0);
	ck_assert_int_eq(out[0], 0x42);
	ck_assert_int_eq(out[1], 48);		/* Flags */
	ck_assert_mem_eq(out + 2, ppp, 48);	/* Peer-Challenge first */
	ck_assert_int_eq(rad_ms_chap_response(out, 1, ppp, 48, 1), -1);
}
END_TEST

START_TEST(t_term_cause)
{
	ck_assert_int_eq(rad_term_cause(5), RAD_TERM_USER_REQUEST);
	ck_assert_int_eq(rad_term_cause(0), RAD_TERM_USER_REQUEST);
	ck_assert_int_eq(rad_term_cause(16), RAD_TERM_LOST_CARRIER);
	ck_assert_int_eq(rad_term_cause(15), RAD_TERM_LOST_SERVICE);
	ck_assert_int_eq(rad_term_cause(12), RAD_TERM_IDLE_TIMEOUT);
	ck_assert_int_eq(rad_term_cause(13), RAD_TERM_SESSION_TIMEOUT);
	ck_assert_int_eq(rad_term_cause(20), RAD_TERM_NAS_REQUEST);
	ck_assert_int_eq(rad_term_cause(99), RAD_TERM_NAS_ERROR);
}
END_TEST

START_TEST(t_split64)
{
	uint32_t lo, gw;

	rad_split64(0x123456789aULL, &lo, &gw);
	ck_assert_uint_eq(lo, 0x3456789a);
	ck_assert_uint_eq(gw, 0x12);
}
END_TEST

static void
mk_rec(struct rad_spool_rec *r, uint32_t type, const char *sid)
{
	memset(r, 0, sizeof(*r));
	r->created = 1700000000;
	r->delay = 3;
	rad_list_init(&r->attrs);
	rad_list_add_u32(&r->attrs, 0, RAD_ACCT_STATUS_TYPE, type);
	rad_list_add_str(&r->attrs, 0, RAD_ACCT_SESSION_ID, sid);
	rad_list_add(&r->attrs, RAD_VENDOR_MS, 9, "\0\0\1\x37", 4);
}

START_TEST(t_spool_codec)
{
	struct rad_spool_rec r, d;
	struct rad_list out;
	uint8_t buf[RAD_SPOOL_REC_MAX];
	size_t n, i;

	mk_rec(&r, RAD_ACCT_STOP, "0123456789ABCDEF");
	n = rad_spool_encode(buf, sizeof(buf), &r);
	ck_assert_uint_gt(n, 0);
	ck_assert_int_eq(rad_spool_decode(buf, n, &d), SPOOL_OK);
	ck_assert_uint_eq(d.created, r.created);
	ck_assert_uint_eq(d.delay, 3);
	ck_assert_uint_eq(d.attrs.n, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(d.attrs.a[i].len, r.attrs.a[i].len);
		ck_assert_mem_eq(d.attrs.a[i].val, r.attrs.a[i].val,
		    r.attrs.a[i].len);
	}
	/* Truncation sweep and every single-bit flip. */
	for (i = 0; i < n; i++)
		ck_assert_int_ne(rad_spool_decode(buf, i, &d), SPOOL_OK);
	for (i = 0; i < n * 8; i++) {
		buf[i / 8] ^= (uint8_t)(1 << (i % 8));
		ck_assert_int_ne(rad_spool_decode(buf, n, &d), SPOOL_OK);
		buf[i / 8] ^= (uint8_t)(1 << (i % 8));
	}
	/* Replay adds the time spent in the spool to Acct-Delay-Time. */
	rad_spool_prepare(&r, r.created + 100, &out);
	ck_assert_uint_eq(out.n, 4);
	ck_assert_int_eq(out.a[3].type, RAD_ACCT_DELAY_TIME);
	ck_assert_uint_eq(rad_attr_u32(&out.a[3]), 103);
	rad_spool_prepare(&r, r.created - 100, &out);	/* clock went back */
	ck_assert_uint_eq(rad_attr_u32(&out.a[3]), 3);
}
END_TEST

START_TEST(t_spool_names)
{
	char a[RAD_SPOOL_NAME_LEN], b[RAD_SPOOL_NAME_LEN];

	ck_assert_int_eq(rad_spool_name(a, sizeof(a), 999999, 77, 1), 0);
	ck_assert_int_eq(rad_spool_name(b, sizeof(b), 1000000, 5, 0), 0);
	ck_assert_int_lt(strcmp(a, b), 0);
	ck_assert(rad_spool_name_ok(a));
	ck_assert(!rad_spool_name_ok(".tmp"));
	b[3] = 'G';
	ck_assert(!rad_spool_name_ok(b));
	ck_assert_int_eq(rad_spool_name(a, 10, 1, 1, 1), -1);
}
END_TEST

/* The file shell, in a fresh directory. */
struct sent {
	char	 sid[8][32];
	uint32_t delay[8];
	int	 n, fail_after;
};

static int
fake_send(void *arg, const struct rad_list *l)
{
	struct sent *s = arg;
	const struct rad_attr *a;

	if (s->n == s->fail_after)
		return -1;
	a = rad_list_find(l->a, l->n, 0, RAD_ACCT_SESSION_ID);
	ck_assert_ptr_nonnull(a);
	snprintf(s->sid[s->n], sizeof(s->sid[0]), "%.*s", a->len, a->val);
	s->delay[s->n] = rad_attr_u32(rad_list_find(l->a, l->n, 0,
	    RAD_ACCT_DELAY_TIME));
	s->n++;
	return 0;
}

START_TEST(t_spool_io)
{
	struct rad_spool sp;
	struct rad_spool_rec r;
	struct sent s;
	unsigned int sent;
	char path[300];
	int fd;

	memset(&sp, 0, sizeof(sp));
	snprintf(sp.dir, sizeof(sp.dir), "/tmp/check_radius.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(sp.dir));
	sp.max = 3;
	mk_rec(&r, RAD_ACCT_START, "s1");
	ck_assert_int_eq(rad_spool_put(&sp, &r, 1000, 42), 0);
	mk_rec(&r, RAD_ACCT_INTERIM, "s2");
	ck_assert_int_eq(rad_spool_put(&sp, &r, 2000, 7), 0);
	mk_rec(&r, RAD_ACCT_STOP, "s3");
	ck_assert_int_eq(rad_spool_put(&sp, &r, 3000, 42), 0);
	ck_assert_int_eq(rad_spool_put(&sp, &r, 4000, 42), -ENOSPC);
	ck_assert_int_eq(rad_spool_count(&sp), 3);

	/* The server fails after one: order is kept, nothing is lost. */
	memset(&s, 0, sizeof(s));
	s.fail_after = 1;
	ck_assert_int_eq(rad_spool_replay(&sp, 1700000010, fake_send, &s,
	    &sent), 2);
	ck_assert_uint_eq(sent, 1);
	ck_assert_str_eq(s.sid[0], "s1");
	ck_assert_uint_eq(s.delay[0], 13);

	/* A corrupt record is set aside, not sent and not blocking. */
	snprintf(path, sizeof(path), "%s/0000000000000001-00000000-00000000"
	    ".acct", sp.dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "garbage", 7), 7);
	close(fd);
	memset(&s, 0, sizeof(s));
	s.fail_after = -1;
	ck_assert_int_eq(rad_spool_replay(&sp, 1700000020, fake_send, &s,
	    &sent), 0);
	ck_assert_uint_eq(sent, 2);
	ck_assert_str_eq(s.sid[0], "s2");
	ck_assert_str_eq(s.sid[1], "s3");
	ck_assert_int_eq(rad_spool_count(&sp), 0);
	strcat(path, ".bad");
	ck_assert_int_eq(access(path, F_OK), 0);
	unlink(path);
	ck_assert_int_eq(rmdir(sp.dir), 0);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("radius");
	TCase	*tc = tcase_create("radius");

	tcase_add_test(tc, t_mppe_key_ok);
	tcase_add_test(tc, t_mppe_key_bad);
	tcase_add_test(tc, t_chap_mppe_keys);
	tcase_add_test(tc, t_reply_verify);
	tcase_add_loop_test(tc, t_reply_trunc, 0, ACCEPT_LEN);
	tcase_add_test(tc, t_pkt_garbage);
	tcase_add_test(tc, t_attrs_roundtrip);
	tcase_add_test(tc, t_reply_map);
	tcase_add_test(tc, t_chap2_success);
	tcase_add_test(tc, t_chap_failure);
	tcase_add_test(tc, t_ms_chap_response);
	tcase_add_test(tc, t_term_cause);
	tcase_add_test(tc, t_split64);
	tcase_add_test(tc, t_spool_codec);
	tcase_add_test(tc, t_spool_names);
	tcase_add_test(tc, t_spool_io);
	suite_add_tcase(s, tc);
	return s;
}
