/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * radius_map.c: pure RADIUS logic for pptp-radius.so (see radius_map.h).
 * Every byte from a server is length-checked here before use; secrets and
 * authenticators are compared in constant time.  Must not do I/O, read
 * the clock, allocate, log, or include pppd or radcli headers.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>

#include "../gre/bytes.h"
#include "radius_map.h"

const char *const rad_err_names[RAD_E_COUNT] = {
	[RAD_OK] = "ok",
	[RAD_E_SHORT] = "truncated packet",
	[RAD_E_LENGTH] = "bad packet length",
	[RAD_E_ATTR] = "bad attribute",
	[RAD_E_VSA] = "bad vendor attribute",
	[RAD_E_TOO_MANY] = "too many attributes",
	[RAD_E_CODE] = "unexpected code",
	[RAD_E_AUTH] = "bad response authenticator",
	[RAD_E_MSGAUTH] = "bad Message-Authenticator",
	[RAD_E_NO_MSGAUTH] = "no Message-Authenticator",
	[RAD_E_KEY] = "bad MPPE key attribute",
	[RAD_E_SERVICE] = "not a framed PPP service",
	[RAD_E_SUCCESS] = "bad MS-CHAP2-Success",
};

/* pppd exit codes (pppd.h, identical in 2.4.9 and 2.5). */
enum {
	X_OK = 0, X_FATAL = 1, X_OPTION = 2, X_NOT_ROOT = 3, X_NO_KERNEL = 4,
	X_USER_REQUEST = 5, X_LOCK = 6, X_OPEN = 7, X_CONNECT = 8,
	X_PTYCMD = 9, X_NEGOTIATION = 10, X_PEER_AUTH = 11, X_IDLE = 12,
	X_CONNECT_TIME = 13, X_CALLBACK = 14, X_PEER_DEAD = 15,
	X_HANGUP = 16, X_LOOPBACK = 17, X_INIT = 18, X_AUTH_TOPEER = 19,
	X_TRAFFIC = 20, X_CNID = 21
};

void
rad_list_init(struct rad_list *l)
{
	l->n = 0;
	l->used = 0;
	l->err = 0;
}

void
rad_list_add(struct rad_list *l, uint32_t vendor, uint8_t type,
    const void *val, size_t len)
{
	if (l->err || l->n == RAD_LIST_ATTRS || len > RAD_ATTR_MAX ||
	    (vendor != 0 && len > RAD_ATTR_MAX - 6) ||
	    RAD_LIST_STORE - l->used < len) {
		l->err = 1;
		return;
	}
	if (len > 0)
		memcpy(l->store + l->used, val, len);
	l->a[l->n].vendor = vendor;
	l->a[l->n].type = type;
	l->a[l->n].len = (uint8_t)len;
	l->a[l->n].val = l->store + l->used;
	l->used += len;
	l->n++;
}

void
rad_list_add_u32(struct rad_list *l, uint32_t vendor, uint8_t type,
    uint32_t v)
{
	uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v };

	rad_list_add(l, vendor, type, b, sizeof(b));
}

void
rad_list_add_str(struct rad_list *l, uint32_t vendor, uint8_t type,
    const char *s)
{
	size_t len = strnlen(s, RAD_ATTR_MAX + 1);

	/* RFC 2865 §5: text attributes are never empty. */
	if (len == 0)
		return;
	rad_list_add(l, vendor, type, s, len);
}

const struct rad_attr *
rad_list_find(const struct rad_attr *a, size_t n, uint32_t vendor,
    uint8_t type)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].vendor == vendor && a[i].type == type)
			return &a[i];
	return NULL;
}

uint32_t
rad_attr_u32(const struct rad_attr *a)
{
	if (a == NULL || a->len != 4)
		return 0;
	return (uint32_t)a->val[0] << 24 | (uint32_t)a->val[1] << 16 |
	    (uint32_t)a->val[2] << 8 | a->val[3];
}

/*
 * RFC 2865 §5: type, length (>= 2, covering itself), value.  A Vendor-
 * Specific attribute (§5.26) holds a 4-byte vendor id and, for the vendors
 * we know (RFC 2548's Microsoft), sub-attributes in the same type/length
 * form; each becomes its own entry.  Other vendors are kept whole.
 */
enum rad_err
rad_attrs_parse(const uint8_t *buf, size_t len, struct rad_attr *out,
    size_t max, size_t *np)
{
	struct rd	 r, v;
	const uint8_t	*val;
	uint8_t		 type, alen, stype, slen;
	uint32_t	 vendor;
	size_t		 n = 0;

	*np = 0;
	rd_init(&r, buf, len);
	while (rd_left(&r) > 0) {
		type = rd_u8(&r);
		alen = rd_u8(&r);
		if (r.err || alen < 2 || rd_left(&r) < (size_t)alen - 2)
			return RAD_E_ATTR;
		v = rd_sub(&r, alen - 2);
		val = v.p;
		if (type == RAD_VENDOR_SPECIFIC && alen >= 2 + 4 + 2) {
			vendor = rd_u32(&v);
			if (vendor != RAD_VENDOR_MS)
				goto whole;
			while (rd_left(&v) > 0) {
				stype = rd_u8(&v);
				slen = rd_u8(&v);
				if (v.err || slen < 2 ||
				    rd_left(&v) < (size_t)slen - 2)
					return RAD_E_VSA;
				if (n == max)
					return RAD_E_TOO_MANY;
				out[n].vendor = vendor;
				out[n].type = stype;
				out[n].len = slen - 2;
				out[n].val = rd_take(&v, slen - 2);
				n++;
			}
			continue;
		}
		if (type == RAD_VENDOR_SPECIFIC)
			return RAD_E_VSA;
 whole:
		if (n == max)
			return RAD_E_TOO_MANY;
		out[n].vendor = 0;
		out[n].type = type;
		out[n].len = alen - 2;
		out[n].val = val;
		n++;
	}
	*np = n;
	return RAD_OK;
}

/* The inverse: each vendor attribute in its own Vendor-Specific. */
size_t
rad_attrs_build(uint8_t *buf, size_t cap, const struct rad_attr *a,
    size_t n)
{
	struct wr	w;
	size_t		i;

	wr_init(&w, buf, cap);
	for (i = 0; i < n; i++) {
		if (a[i].vendor != 0) {
			if (a[i].len > RAD_ATTR_MAX - 6)
				return 0;
			wr_u8(&w, RAD_VENDOR_SPECIFIC);
			wr_u8(&w, (uint8_t)(a[i].len + 8));
			wr_u32(&w, a[i].vendor);
		} else if (a[i].len > RAD_ATTR_MAX)
			return 0;
		wr_u8(&w, a[i].type);
		wr_u8(&w, (uint8_t)(a[i].len + 2));
		wr_bytes(&w, a[i].val, a[i].len);
	}
	return w.err ? 0 : (size_t)(w.p - buf);
}

int
rad_const_eq(const void *a, const void *b, size_t n)
{
	const volatile uint8_t *x = a, *y = b;
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= x[i] ^ y[i];
	return d == 0;
}

/* RFC 2865 §3: 20 <= Length <= 4096, octets past Length are padding. */
enum rad_err
rad_pkt_check(const uint8_t *buf, size_t len, size_t *pktlen)
{
	struct rad_attr	 a[RAD_LIST_ATTRS];
	size_t		 plen, n;

	if (len < RAD_HDR_LEN)
		return RAD_E_SHORT;
	plen = (size_t)buf[2] << 8 | buf[3];
	if (plen < RAD_HDR_LEN || plen > RAD_PKT_MAX)
		return RAD_E_LENGTH;
	if (plen > len)
		return RAD_E_SHORT;
	*pktlen = plen;
	return rad_attrs_parse(buf + RAD_HDR_LEN, plen - RAD_HDR_LEN, a,
	    RAD_LIST_ATTRS, &n);
}

/*
 * RFC 3579 §3.2: HMAC-MD5 keyed with the secret over the whole packet
 * with the Message-Authenticator value zeroed; in a reply the
 * authenticator field holds the Request Authenticator (reqauth non-NULL).
 * The packet must have passed rad_pkt_check().
 */
void
rad_msgauth(const uint8_t *pkt, size_t len, const uint8_t *reqauth,
    const void *secret, size_t slen, uint8_t out[RAD_AUTH_LEN])
{
	uint8_t		 tmp[RAD_PKT_MAX];
	unsigned int	 olen = RAD_AUTH_LEN;
	size_t		 off;

	memset(out, 0, RAD_AUTH_LEN);
	if (len < RAD_HDR_LEN || len > sizeof(tmp))
		return;
	memcpy(tmp, pkt, len);
	if (reqauth != NULL)
		memcpy(tmp + 4, reqauth, RAD_AUTH_LEN);
	for (off = RAD_HDR_LEN; off + 2 <= len && tmp[off + 1] >= 2;
	    off += tmp[off + 1]) {
		if (tmp[off] == RAD_MESSAGE_AUTHENTICATOR &&
		    tmp[off + 1] == 2 + RAD_AUTH_LEN && off + 18 <= len)
			memset(tmp + off + 2, 0, RAD_AUTH_LEN);
	}
	HMAC(EVP_md5(), secret, (int)slen, tmp, len, out, &olen);
}

/*
 * A reply to the request whose authenticator is reqauth: RFC 2865 §3
 * Response Authenticator = MD5(Code ID Length RequestAuth Attrs Secret);
 * RFC 3579 §3.2 Message-Authenticator, required when require_ma.
 */
enum rad_err
rad_reply_verify(const uint8_t *pkt, size_t len,
    const uint8_t reqauth[RAD_AUTH_LEN], const void *secret, size_t slen,
    int require_ma)
{
	struct rad_attr	 a[RAD_LIST_ATTRS];
	const struct rad_attr *ma;
	uint8_t		 md[RAD_AUTH_LEN], mine[RAD_AUTH_LEN];
	EVP_MD_CTX	*ctx;
	size_t		 plen, n;
	enum rad_err	 e;
	int		 ok;

	if ((e = rad_pkt_check(pkt, len, &plen)) != RAD_OK)
		return e;
	switch (pkt[0]) {
	case RAD_CODE_ACCESS_ACCEPT:
	case RAD_CODE_ACCESS_REJECT:
	case RAD_CODE_ACCESS_CHALLENGE:
	case RAD_CODE_ACCT_RESPONSE:
		break;
	default:
		return RAD_E_CODE;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return RAD_E_AUTH;
	ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL) &&
	    EVP_DigestUpdate(ctx, pkt, 4) &&
	    EVP_DigestUpdate(ctx, reqauth, RAD_AUTH_LEN) &&
	    EVP_DigestUpdate(ctx, pkt + RAD_HDR_LEN, plen - RAD_HDR_LEN) &&
	    EVP_DigestUpdate(ctx, secret, slen) &&
	    EVP_DigestFinal_ex(ctx, md, NULL);
	EVP_MD_CTX_free(ctx);
	if (!ok || !rad_const_eq(md, pkt + 4, RAD_AUTH_LEN))
		return RAD_E_AUTH;
	(void)rad_attrs_parse(pkt + RAD_HDR_LEN, plen - RAD_HDR_LEN, a,
	    RAD_LIST_ATTRS, &n);
	ma = rad_list_find(a, n, 0, RAD_MESSAGE_AUTHENTICATOR);
	if (ma == NULL)
		return require_ma ? RAD_E_NO_MSGAUTH : RAD_OK;
	if (ma->len != RAD_AUTH_LEN)
		return RAD_E_MSGAUTH;
	rad_msgauth(pkt, plen, reqauth, secret, slen, mine);
	return rad_const_eq(mine, ma->val, RAD_AUTH_LEN) ? RAD_OK :
	    RAD_E_MSGAUTH;
}

/*
 * PPP carries an MS-CHAP response as LM/Peer-Challenge+Reserved (24),
 * NT-Response (24), Flags (1) (RFC 2433 §3, RFC 2759 §4); RFC 2548
 * §2.3.2/§2.3.3 wants Ident, Flags, then the same 48 bytes.
 */
int
rad_ms_chap_response(uint8_t out[RAD_MS_CHAP_RESP_LEN], uint8_t ident,
    const uint8_t *resp, size_t len, int v2)
{
	(void)v2;	/* the two layouts differ only in field names */
	if (len != RAD_MS_CHAP_RESP_LEN - 1)
		return -1;
	out[0] = ident;
	out[1] = resp[48];
	memcpy(out + 2, resp, 48);
	return 0;
}

static void
xor16(uint8_t *dst, const uint8_t *a, const uint8_t *b)
{
	int i;

	for (i = 0; i < 16; i++)
		dst[i] = a[i] ^ b[i];
}

/* MD5(secret ‖ a ‖ b); b may be empty. */
static int
md5_3(const void *secret, size_t slen, const uint8_t *a, size_t alen,
    const uint8_t *b, size_t blen, uint8_t out[16])
{
	EVP_MD_CTX	*ctx;
	int		 ok;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return 0;
	ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL) &&
	    EVP_DigestUpdate(ctx, secret, slen) &&
	    EVP_DigestUpdate(ctx, a, alen) &&
	    (blen == 0 || EVP_DigestUpdate(ctx, b, blen)) &&
	    EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok;
}

/*
 * RFC 2548 §2.4.2: Salt (2, high bit set) ‖ C, C = 16-byte blocks of
 * (Key-Length ‖ Key ‖ zero padding) hidden with b(1) = MD5(S ‖ R ‖ A),
 * b(i) = MD5(S ‖ c(i-1)).  We take only 16-byte (128-bit session) keys;
 * the key length byte and the padding are checked.
 */
enum rad_err
rad_mppe_key_decrypt(const struct rad_attr *a, const void *secret,
    size_t slen, const uint8_t reqauth[RAD_AUTH_LEN],
    uint8_t key[RAD_MPPE_KEY_LEN])
{
	uint8_t		 plain[RAD_ATTR_MAX], b[16];
	const uint8_t	*c, *prev;
	size_t		 clen, i;
	uint8_t		 pad = 0;
	enum rad_err	 e = RAD_E_KEY;

	if (a == NULL || a->len < 2 + 16 || (a->len - 2) % 16 != 0 ||
	    !(a->val[0] & 0x80))
		return RAD_E_KEY;
	c = a->val + 2;
	clen = a->len - 2;
	for (i = 0; i < clen; i += 16) {
		if (i == 0) {
			if (!md5_3(secret, slen, reqauth, RAD_AUTH_LEN,
			    a->val, 2, b))
				goto out;
		} else {
			prev = c + i - 16;
			if (!md5_3(secret, slen, prev, 16, NULL, 0, b))
				goto out;
		}
		xor16(plain + i, c + i, b);
	}
	if (plain[0] != RAD_MPPE_KEY_LEN || clen < 1 + RAD_MPPE_KEY_LEN)
		goto out;
	for (i = 1 + RAD_MPPE_KEY_LEN; i < clen; i++)
		pad |= plain[i];
	if (pad != 0)
		goto out;
	memcpy(key, plain + 1, RAD_MPPE_KEY_LEN);
	e = RAD_OK;
 out:
	OPENSSL_cleanse(plain, sizeof(plain));
	OPENSSL_cleanse(b, sizeof(b));
	return e;
}

/*
 * RFC 2548 §2.4.1: MS-CHAP-MPPE-Keys = LM-Key (8) ‖ NT-Key (16) ‖ pad (8),
 * 32 bytes hidden as User-Password (RFC 2865 §5.2) with the Request
 * Authenticator.  Returns the NT key (MS-CHAPv1's PasswordHashHash).
 */
enum rad_err
rad_chap_mppe_keys_decrypt(const struct rad_attr *a, const void *secret,
    size_t slen, const uint8_t reqauth[RAD_AUTH_LEN],
    uint8_t key[RAD_MPPE_KEY_LEN])
{
	uint8_t	plain[32], b[16];
	enum rad_err e = RAD_E_KEY;

	if (a == NULL || a->len != 32)
		return RAD_E_KEY;
	if (!md5_3(secret, slen, reqauth, RAD_AUTH_LEN, NULL, 0, b))
		goto out;
	xor16(plain, a->val, b);
	if (!md5_3(secret, slen, a->val, 16, NULL, 0, b))
		goto out;
	xor16(plain + 16, a->val + 16, b);
	memcpy(key, plain + 8, RAD_MPPE_KEY_LEN);
	e = RAD_OK;
 out:
	OPENSSL_cleanse(plain, sizeof(plain));
	OPENSSL_cleanse(b, sizeof(b));
	return e;
}

static int
ishex(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	    (c >= 'a' && c <= 'f');
}

/*
 * RFC 2548 §2.3.3: MS-CHAP2-Success = Ident ‖ "S=" ‖ 40 hex digits (the
 * RFC 2759 §5 authenticator response), optionally more text.  The CHAP
 * Success message is the text after the ident, which must match ours.
 */
enum rad_err
rad_chap2_success_text(const struct rad_attr *a, uint8_t ident, char *out,
    size_t cap)
{
	size_t i;

	if (a == NULL || a->len < 43 || a->val[0] != ident ||
	    a->val[1] != 'S' || a->val[2] != '=' || cap < 43)
		return RAD_E_SUCCESS;
	for (i = 3; i < 43; i++)
		if (!ishex(a->val[i]))
			return RAD_E_SUCCESS;
	memcpy(out, a->val + 1, 42);
	out[42] = '\0';
	return RAD_OK;
}

/* Copy wire text, non-printables as '?', always terminated. */
static size_t
copy_text(char *out, size_t cap, const uint8_t *p, size_t n)
{
	size_t i;

	if (cap == 0)
		return 0;
	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = (p[i] >= 0x20 && p[i] < 0x7f) ? (char)p[i] : '?';
	out[i] = '\0';
	return i;
}

/*
 * CHAP Failure text.  For MS-CHAP the Windows client needs
 * "E=eeeeeeeeee R=r C=cccc V=vvvvvvvvvv M=msg" (RFC 2759 §6, RFC 2433
 * §3.3): the server's MS-CHAP-Error (RFC 2548 §2.1.5, ident first) when it
 * sent a well-formed one, else E=691 (authentication failure) with our
 * challenge, retry not allowed.  Other methods get the Reply-Message.
 */
void
rad_chap_failure_text(const struct rad_attr *err, const struct rad_attr *msg,
    const uint8_t *chal, size_t chlen, int ms, char *out, size_t cap)
{
	char	 m[128];
	char	 hex[2 * 16 + 1];
	size_t	 i;

	if (cap == 0)
		return;
	if (msg != NULL)
		copy_text(m, sizeof(m), msg->val, msg->len);
	else
		snprintf(m, sizeof(m), "Authentication failed");
	if (!ms) {
		snprintf(out, cap, "%s", m);
		return;
	}
	if (err != NULL && err->len >= 1 + 5 && err->val[1] == 'E' &&
	    err->val[2] == '=' && ishex(err->val[3])) {
		copy_text(out, cap, err->val + 1, err->len - 1);
		return;
	}
	if (chlen > 16)
		chlen = 16;
	for (i = 0; i < chlen; i++)
		snprintf(hex + 2 * i, 3, "%02X", chal[i]);
	hex[2 * chlen] = '\0';
	if (chlen == 16)
		snprintf(out, cap, "E=691 R=0 C=%s V=3 M=%s", hex, m);
	else
		snprintf(out, cap, "E=691 R=0");
}

/*
 * RFC 2865 §5 semantics of an Access-Accept, all lengths checked: a
 * malformed attribute we would act on fails the whole reply.
 */
enum rad_err
rad_reply_map(const struct rad_attr *a, size_t n, struct rad_reply *rp)
{
	const struct rad_attr *x;
	uint32_t	 v;
	size_t		 i;

	memset(rp, 0, sizeof(*rp));
	for (i = 0; i < n; i++) {
		x = &a[i];
		if (x->vendor == RAD_VENDOR_MS) {
			switch (x->type) {
			case MS_MPPE_SEND_KEY:
				rp->send_key = x;
				break;
			case MS_MPPE_RECV_KEY:
				rp->recv_key = x;
				break;
			case MS_CHAP2_SUCCESS:
				rp->chap2_success = x;
				break;
			case MS_CHAP_ERROR:
				rp->chap_error = x;
				break;
			case MS_CHAP_MPPE_KEYS:
				rp->chap_mppe_keys = x;
				break;
			case MS_MPPE_ENC_POLICY:
			case MS_MPPE_ENC_TYPES:
			case MS_PRIMARY_DNS:
			case MS_SECONDARY_DNS:
			case MS_PRIMARY_NBNS:
			case MS_SECONDARY_NBNS:
				if (x->len != 4)
					return RAD_E_VSA;
				v = rad_attr_u32(x);
				if (x->type == MS_MPPE_ENC_POLICY)
					rp->mppe_policy = v;
				else if (x->type == MS_MPPE_ENC_TYPES)
					rp->mppe_types = v;
				else if (x->type == MS_PRIMARY_DNS)
					rp->dns[0] = v;
				else if (x->type == MS_SECONDARY_DNS)
					rp->dns[1] = v;
				else if (x->type == MS_PRIMARY_NBNS)
					rp->nbns[0] = v;
				else
					rp->nbns[1] = v;
				break;
			default:
				break;
			}
			continue;
		}
		if (x->vendor != 0)
			continue;
		switch (x->type) {
		case RAD_SERVICE_TYPE:
		case RAD_FRAMED_PROTOCOL:
		case RAD_FRAMED_IP_ADDRESS:
		case RAD_FRAMED_IP_NETMASK:
		case RAD_FRAMED_MTU:
		case RAD_SESSION_TIMEOUT:
		case RAD_IDLE_TIMEOUT:
		case RAD_ACCT_INTERIM_INTERVAL:
			if (x->len != 4)
				return RAD_E_ATTR;
			v = rad_attr_u32(x);
			break;
		default:
			v = 0;
			break;
		}
		switch (x->type) {
		case RAD_SERVICE_TYPE:		/* Framed (2) */
			if (v != 2)
				return RAD_E_SERVICE;
			break;
		case RAD_FRAMED_PROTOCOL:	/* PPP (1) */
			if (v != 1)
				return RAD_E_SERVICE;
			break;
		case RAD_FRAMED_IP_ADDRESS:
			/* §5.8: ...FF user chooses, ...FE NAS chooses: pool. */
			if (v != 0xffffffffU && v != 0xfffffffeU && v != 0) {
				rp->framed_ip = v;
				rp->framed_ip_set = 1;
			}
			break;
		case RAD_FRAMED_IP_NETMASK:
			rp->framed_mask = v;
			break;
		case RAD_FRAMED_MTU:
			/* §5.12: 64..65535; PPP needs at least 64 too. */
			if (v >= 64 && v <= 65535)
				rp->mtu = v;
			break;
		case RAD_SESSION_TIMEOUT:
			rp->session_timeout = v;
			break;
		case RAD_IDLE_TIMEOUT:
			rp->idle_timeout = v;
			break;
		case RAD_ACCT_INTERIM_INTERVAL:
			/* RFC 2869 §5.16: SHOULD NOT be below 60 s. */
			rp->interim = (v != 0 && v < 60) ? 60 : v;
			break;
		case RAD_CLASS:
			if (rp->nklass < RAD_MAX_CLASS && x->len > 0)
				rp->klass[rp->nklass++] = x;
			break;
		case RAD_FRAMED_ROUTE:
			if (rp->nroute < RAD_MAX_ROUTES && x->len > 0)
				rp->route[rp->nroute++] = x;
			break;
		case RAD_FILTER_ID:
			if (rp->filter_id == NULL && x->len > 0)
				rp->filter_id = x;
			break;
		case RAD_REPLY_MESSAGE:
			if (rp->reply_msg == NULL && x->len > 0)
				rp->reply_msg = x;
			break;
		default:
			break;
		}
	}
	return RAD_OK;
}

/* A value safe for a script's environment: printable ASCII only. */
void
rad_env_value(const struct rad_attr *a, char *out, size_t cap)
{
	copy_text(out, cap, a->val, a->len);
}

/* pppd's exit status -> RFC 2866 §5.10 Acct-Terminate-Cause. */
enum rad_term
rad_term_cause(int status)
{
	switch (status) {
	case X_OK:
	case X_USER_REQUEST:
		return RAD_TERM_USER_REQUEST;
	case X_HANGUP:
	case X_CONNECT:
		return RAD_TERM_LOST_CARRIER;
	case X_PEER_DEAD:
		return RAD_TERM_LOST_SERVICE;
	case X_IDLE:
		return RAD_TERM_IDLE_TIMEOUT;
	case X_CONNECT_TIME:
		return RAD_TERM_SESSION_TIMEOUT;
	case X_TRAFFIC:
		return RAD_TERM_NAS_REQUEST;
	case X_CALLBACK:
		return RAD_TERM_CALLBACK;
	case X_LOCK:
	case X_OPEN:
	case X_PTYCMD:
	case X_INIT:
		return RAD_TERM_PORT_ERROR;
	case X_NEGOTIATION:
	case X_PEER_AUTH:
	case X_AUTH_TOPEER:
	case X_CNID:
	case X_LOOPBACK:
		return RAD_TERM_SERVICE_UNAVAILABLE;
	default:
		return RAD_TERM_NAS_ERROR;
	}
}

/* RFC 2869 §5.1/5.2: Octets carry the low 32 bits, Gigawords the rest. */
void
rad_split64(uint64_t v, uint32_t *lo, uint32_t *giga)
{
	*lo = (uint32_t)v;
	*giga = (uint32_t)(v >> 32);
}
