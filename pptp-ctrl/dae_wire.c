/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dae_wire.c: RFC 5176 Disconnect/CoA codec (see dae_wire.h).  Checks run
 * in a fixed order: header and Length, code, attribute framing, Request
 * Authenticator, Message-Authenticator, Event-Timestamp; only then are
 * attributes interpreted.  Pure: no I/O, no clock, no allocation, no
 * logging; secrets are compared in constant time.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "../gre/bytes.h"
#include "dae_wire.h"

static const char *const dae_err_names[] = {
	[DAE_OK] = "ok",
	[DAE_ERR_SHORT] = "short packet",
	[DAE_ERR_LENGTH] = "bad length field",
	[DAE_ERR_CODE] = "not a Disconnect-Request or CoA-Request",
	[DAE_ERR_ATTR] = "broken attribute framing",
	[DAE_ERR_AUTH] = "bad Request Authenticator",
	[DAE_ERR_MSGAUTH] = "bad Message-Authenticator",
	[DAE_ERR_STALE] = "Event-Timestamp outside the window",
};
static_assert(sizeof(dae_err_names) / sizeof(dae_err_names[0]) ==
    DAE_ERR__COUNT, "dae_err name table out of step");

static int	 md5_parts(uint8_t *, const uint8_t *, size_t, const uint8_t *,
		    size_t, const uint8_t *, size_t, const void *, size_t);
static void	 msgauth(const uint8_t *, size_t, size_t, const void *,
		    size_t, uint8_t *);
static enum dae_cause take_str(struct dae_str *, const uint8_t *, uint8_t);

const char *
dae_err_str(enum dae_err e)
{
	if ((unsigned)e >= DAE_ERR__COUNT)
		return "unknown";
	return dae_err_names[e];
}

const char *
dae_cause_str(enum dae_cause c)
{
	switch (c) {
	case DAE_CAUSE_NONE:
		return "none";
	case DAE_CAUSE_UNSUPPORTED_ATTRIBUTE:
		return "Unsupported-Attribute";
	case DAE_CAUSE_MISSING_ATTRIBUTE:
		return "Missing-Attribute";
	case DAE_CAUSE_INVALID_REQUEST:
		return "Invalid-Request";
	case DAE_CAUSE_UNSUPPORTED_SERVICE:
		return "Unsupported-Service";
	case DAE_CAUSE_SESSION_NOT_FOUND:
		return "Session-Context-Not-Found";
	case DAE_CAUSE_RESOURCES_UNAVAILABLE:
		return "Resources-Unavailable";
	}
	return "unknown";
}

const char *
dae_code_str(uint8_t code)
{
	switch (code) {
	case DAE_CODE_DISCONNECT_REQUEST:
		return "Disconnect-Request";
	case DAE_CODE_DISCONNECT_ACK:
		return "Disconnect-ACK";
	case DAE_CODE_DISCONNECT_NAK:
		return "Disconnect-NAK";
	case DAE_CODE_COA_REQUEST:
		return "CoA-Request";
	case DAE_CODE_COA_ACK:
		return "CoA-ACK";
	case DAE_CODE_COA_NAK:
		return "CoA-NAK";
	default:
		return "other";
	}
}

/* MD5(a ‖ b ‖ c ‖ secret) into out[16]; -1 when libcrypto fails. */
static int
md5_parts(uint8_t *out, const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen, const uint8_t *c, size_t clen, const void *secret,
    size_t slen)
{
	EVP_MD_CTX	*ctx;
	unsigned int	 olen = DAE_AUTH_LEN;
	int		 ok;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL) == 1 &&
	    EVP_DigestUpdate(ctx, a, alen) == 1 &&
	    EVP_DigestUpdate(ctx, b, blen) == 1 &&
	    EVP_DigestUpdate(ctx, c, clen) == 1 &&
	    EVP_DigestUpdate(ctx, secret, slen) == 1 &&
	    EVP_DigestFinal_ex(ctx, out, &olen) == 1;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

/*
 * RFC 5176 §3.1 / RFC 3579 §3.2: HMAC-MD5 keyed with the secret over the
 * packet with the Message-Authenticator value (at offset ma_off) zeroed.
 * The caller has put the right authenticator field in pkt already (zeros
 * for a request, the Request Authenticator for a reply).
 */
static void
msgauth(const uint8_t *pkt, size_t len, size_t ma_off, const void *secret,
    size_t slen, uint8_t *out)
{
	uint8_t		 tmp[DAE_PKT_MAX];
	unsigned int	 olen = DAE_AUTH_LEN;

	memset(out, 0, DAE_AUTH_LEN);
	if (len > sizeof(tmp) || ma_off + DAE_AUTH_LEN > len)
		return;
	memcpy(tmp, pkt, len);
	memset(tmp + ma_off, 0, DAE_AUTH_LEN);
	if (HMAC(EVP_md5(), secret, (int)slen, tmp, len, out, &olen) == NULL)
		memset(out, 0, DAE_AUTH_LEN);
}

/* An identification string: 1..253 bytes, once (RFC 5176 §3). */
static enum dae_cause
take_str(struct dae_str *s, const uint8_t *v, uint8_t n)
{
	if (s->present || n == 0)
		return DAE_CAUSE_INVALID_REQUEST;
	s->present = true;
	s->len = n;
	memcpy(s->v, v, n);
	return DAE_CAUSE_NONE;
}

/*
 * Parse and authenticate one request of len bytes received from a client
 * whose shared secret is secret.  now is the current UNIX time in
 * seconds, window the Event-Timestamp tolerance (0: none checked).
 * DAE_OK means authentic: out->cause then says whether it can be acted on
 * (DAE_CAUSE_NONE) or must be NAKed.  Any other result: drop silently.
 */
enum dae_err
dae_parse(const uint8_t *buf, size_t len, const void *secret, size_t slen,
    uint64_t now, uint32_t window, struct dae_req *out)
{
	static const uint8_t zero[DAE_AUTH_LEN];
	uint8_t		 pkt[DAE_PKT_MAX], md[DAE_AUTH_LEN];
	struct rd	 r, a;
	const uint8_t	*v;
	size_t		 plen, ma_off = 0, nma = 0;
	uint8_t		 type, alen;
	uint16_t	 hlen;
	enum dae_cause	 c;
	uint64_t	 ts;

	memset(out, 0, sizeof(*out));
	/* RFC 2865 §3: 20 <= Length <= 4096; octets past Length ignored. */
	if (len < DAE_HDR_LEN)
		return DAE_ERR_SHORT;
	rd_init(&r, buf, len);
	out->code = rd_u8(&r);
	out->id = rd_u8(&r);
	hlen = rd_u16(&r);
	rd_bytes(&r, out->auth, DAE_AUTH_LEN);
	if (hlen < DAE_HDR_LEN)
		return DAE_ERR_SHORT;
	if (hlen > len || hlen > DAE_PKT_MAX)
		return DAE_ERR_LENGTH;
	plen = hlen;
	if (out->code != DAE_CODE_DISCONNECT_REQUEST &&
	    out->code != DAE_CODE_COA_REQUEST)
		return DAE_ERR_CODE;

	/* Framing: every attribute's Length >= 2 and inside the packet. */
	rd_init(&a, buf + DAE_HDR_LEN, plen - DAE_HDR_LEN);
	while (rd_left(&a) > 0) {
		size_t off = (size_t)(a.p - buf);

		type = rd_u8(&a);
		alen = rd_u8(&a);
		if (a.err || alen < 2 || rd_take(&a, alen - 2u) == NULL)
			return DAE_ERR_ATTR;
		if (type == DAE_AT_MESSAGE_AUTHENTICATOR) {
			if (alen != 2 + DAE_AUTH_LEN || nma++ > 0)
				return DAE_ERR_MSGAUTH;
			ma_off = off + 2;
		}
	}

	/*
	 * RFC 5176 §2.3: Request Authenticator = MD5(Code ‖ Identifier ‖
	 * Length ‖ 16 zero octets ‖ Attributes ‖ Secret), as RFC 2866 §3.
	 */
	if (md5_parts(md, buf, 4, zero, sizeof(zero), buf + DAE_HDR_LEN,
	    plen - DAE_HDR_LEN, secret, slen) == -1 ||
	    CRYPTO_memcmp(md, out->auth, DAE_AUTH_LEN) != 0)
		return DAE_ERR_AUTH;

	/* RFC 5176 §3.1: Message-Authenticator over the zeroed vector. */
	if (nma == 1) {
		memcpy(pkt, buf, plen);
		memset(pkt + 4, 0, DAE_AUTH_LEN);
		msgauth(pkt, plen, ma_off, secret, slen, md);
		if (CRYPTO_memcmp(md, buf + ma_off, DAE_AUTH_LEN) != 0)
			return DAE_ERR_MSGAUTH;
		out->has_msgauth = true;
	}

	/* Interpret; the first problem found sets the NAK cause. */
	rd_init(&a, buf + DAE_HDR_LEN, plen - DAE_HDR_LEN);
	while (rd_left(&a) > 0) {
		type = rd_u8(&a);
		alen = (uint8_t)(rd_u8(&a) - 2);
		v = rd_take(&a, alen);
		c = DAE_CAUSE_NONE;
		switch (type) {
		case DAE_AT_USER_NAME:
			c = take_str(&out->user, v, alen);
			break;
		case DAE_AT_ACCT_SESSION_ID:
			c = take_str(&out->session_id, v, alen);
			break;
		case DAE_AT_CALLING_STATION_ID:
			c = take_str(&out->calling, v, alen);
			break;
		case DAE_AT_FRAMED_IP_ADDRESS:
			if (alen != 4 || out->has_framed_ip) {
				c = DAE_CAUSE_INVALID_REQUEST;
				break;
			}
			out->has_framed_ip = true;
			out->framed_ip = (uint32_t)v[0] << 24 |
			    (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
			break;
		case DAE_AT_EVENT_TIMESTAMP:
			if (alen != 4 || out->has_timestamp) {
				c = DAE_CAUSE_INVALID_REQUEST;
				break;
			}
			out->has_timestamp = true;
			out->timestamp = (uint32_t)v[0] << 24 |
			    (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
			break;
		case DAE_AT_PROXY_STATE:
			if (out->nproxy == DAE_PROXY_MAX || alen == 0) {
				c = DAE_CAUSE_INVALID_REQUEST;
				break;
			}
			(void)take_str(&out->proxy[out->nproxy++], v, alen);
			break;
		case DAE_AT_NAS_IP_ADDRESS:
		case DAE_AT_NAS_IDENTIFIER:
		case DAE_AT_NAS_IPV6_ADDRESS:
		case DAE_AT_MESSAGE_AUTHENTICATOR:
		case DAE_AT_REPLY_MESSAGE:
		case DAE_AT_ACCT_TERMINATE_CAUSE:
		case DAE_AT_STATE:
		case DAE_AT_CLASS:
			/* NAS identification and hints: accepted, unused. */
			break;
		default:
			c = DAE_CAUSE_UNSUPPORTED_ATTRIBUTE;
			break;
		}
		if (c != DAE_CAUSE_NONE && out->cause == DAE_CAUSE_NONE) {
			out->cause = c;
			out->bad_type = type;
		}
	}

	/* RFC 5176 §3.5: a request outside the window is discarded. */
	if (out->has_timestamp && window != 0) {
		ts = out->timestamp;
		if ((ts > now ? ts - now : now - ts) > window)
			return DAE_ERR_STALE;
	}

	/* We change nothing in a live session: every CoA is refused. */
	if (out->code == DAE_CODE_COA_REQUEST) {
		out->cause = DAE_CAUSE_UNSUPPORTED_SERVICE;
		out->bad_type = 0;
	}
	if (out->cause != DAE_CAUSE_NONE)
		return DAE_OK;
	if (!out->user.present && !out->session_id.present &&
	    !out->calling.present && !out->has_framed_ip)
		out->cause = DAE_CAUSE_MISSING_ATTRIBUTE;
	return DAE_OK;
}

static bool
str_is(const struct dae_str *s, const char *v)
{
	size_t	n = strnlen(v, DAE_STR_MAX + 1);

	return n == s->len && memcmp(s->v, v, n) == 0;
}

/* Every identification attribute given must match the session. */
bool
dae_match(const struct dae_req *q, const struct dae_session *s)
{
	if (q->user.present && !str_is(&q->user, s->user))
		return false;
	if (q->session_id.present && !str_is(&q->session_id, s->session_id))
		return false;
	if (q->calling.present && !str_is(&q->calling, s->calling))
		return false;
	if (q->has_framed_ip && (s->framed_ip == 0 ||
	    q->framed_ip != s->framed_ip))
		return false;
	return q->user.present || q->session_id.present ||
	    q->calling.present || q->has_framed_ip;
}

/*
 * The ACK (ack) or NAK (with Error-Cause cause) to request q: Proxy-State
 * echoed, a Message-Authenticator when the request had one (RFC 5176
 * §3.1: computed with the Request Authenticator in the vector), then the
 * Response Authenticator = MD5(Code ‖ ID ‖ Length ‖ RequestAuth ‖
 * Attributes ‖ Secret) (§2.3).  Bytes written, or 0.
 */
size_t
dae_build_reply(uint8_t *buf, size_t cap, const struct dae_req *q, bool ack,
    enum dae_cause cause, const void *secret, size_t slen)
{
	struct wr	 w;
	uint8_t		 md[DAE_AUTH_LEN];
	size_t		 i, len, ma_off = 0;

	wr_init(&w, buf, cap);
	wr_u8(&w, (uint8_t)(q->code + (ack ? 1 : 2)));
	wr_u8(&w, q->id);
	wr_u16(&w, 0);				/* Length, below */
	wr_bytes(&w, q->auth, DAE_AUTH_LEN);
	if (cause != DAE_CAUSE_NONE) {
		wr_u8(&w, DAE_AT_ERROR_CAUSE);
		wr_u8(&w, 6);
		wr_u32(&w, (uint32_t)cause);
	}
	for (i = 0; i < q->nproxy && i < DAE_PROXY_MAX; i++) {
		wr_u8(&w, DAE_AT_PROXY_STATE);
		wr_u8(&w, (uint8_t)(q->proxy[i].len + 2));
		wr_bytes(&w, q->proxy[i].v, q->proxy[i].len);
	}
	if (q->has_msgauth) {
		ma_off = (size_t)(w.p - buf) + 2;
		wr_u8(&w, DAE_AT_MESSAGE_AUTHENTICATOR);
		wr_u8(&w, 2 + DAE_AUTH_LEN);
		wr_zero(&w, DAE_AUTH_LEN);
	}
	if (w.err)
		return 0;
	len = (size_t)(w.p - buf);
	buf[2] = (uint8_t)(len >> 8);
	buf[3] = (uint8_t)len;
	if (ma_off != 0)
		msgauth(buf, len, ma_off, secret, slen, buf + ma_off);
	if (md5_parts(md, buf, 4, q->auth, DAE_AUTH_LEN, buf + DAE_HDR_LEN,
	    len - DAE_HDR_LEN, secret, slen) == -1)
		return 0;
	memcpy(buf + 4, md, DAE_AUTH_LEN);
	return len;
}

/*
 * A signed request (what a RADIUS server sends): attrs are alen bytes of
 * ready attributes; with msgauth a Message-Authenticator is appended.
 * For tests and fuzzing.  Bytes written, or 0.
 */
size_t
dae_build_request(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
    const uint8_t *attrs, size_t alen, bool with_ma, const void *secret,
    size_t slen)
{
	static const uint8_t zero[DAE_AUTH_LEN];
	struct wr	 w;
	uint8_t		 md[DAE_AUTH_LEN];
	size_t		 len, ma_off = 0;

	wr_init(&w, buf, cap);
	wr_u8(&w, code);
	wr_u8(&w, id);
	wr_u16(&w, 0);
	wr_zero(&w, DAE_AUTH_LEN);
	wr_bytes(&w, attrs, alen);
	if (with_ma) {
		ma_off = (size_t)(w.p - buf) + 2;
		wr_u8(&w, DAE_AT_MESSAGE_AUTHENTICATOR);
		wr_u8(&w, 2 + DAE_AUTH_LEN);
		wr_zero(&w, DAE_AUTH_LEN);
	}
	if (w.err || (len = (size_t)(w.p - buf)) > DAE_PKT_MAX)
		return 0;
	buf[2] = (uint8_t)(len >> 8);
	buf[3] = (uint8_t)len;
	if (ma_off != 0)
		msgauth(buf, len, ma_off, secret, slen, buf + ma_off);
	if (md5_parts(md, buf, 4, zero, sizeof(zero), buf + DAE_HDR_LEN,
	    len - DAE_HDR_LEN, secret, slen) == -1)
		return 0;
	memcpy(buf + 4, md, DAE_AUTH_LEN);
	return len;
}

/*
 * RFC 5176 §2.3: a retransmission (same source, Identifier and Request
 * Authenticator) gets the answer it got before, not a second action.
 */
const struct dae_dup_ent *
dae_dup_find(const struct dae_dup *d, uint32_t addr, uint16_t port,
    const struct dae_req *q, uint64_t now_ms)
{
	const struct dae_dup_ent *e;
	size_t			 i;

	for (i = 0; i < DAE_DUP_MAX; i++) {
		e = &d->e[i];
		if (e->addr == 0 || e->addr != addr || e->port != port ||
		    e->id != q->id || now_ms - e->t_ms > DAE_DUP_KEEP_MS ||
		    now_ms < e->t_ms)
			continue;
		if (memcmp(e->auth, q->auth, DAE_AUTH_LEN) == 0)
			return e;
	}
	return NULL;
}

/* Remember an answer; the oldest entry makes room. */
void
dae_dup_put(struct dae_dup *d, uint32_t addr, uint16_t port,
    const struct dae_req *q, uint64_t now_ms, const uint8_t *reply,
    size_t len)
{
	struct dae_dup_ent	*e;

	if (addr == 0 || len > DAE_REPLY_MAX)
		return;
	e = &d->e[d->next % DAE_DUP_MAX];
	d->next = (d->next + 1) % DAE_DUP_MAX;
	e->addr = addr;
	e->port = port;
	e->id = q->id;
	memcpy(e->auth, q->auth, DAE_AUTH_LEN);
	e->t_ms = now_ms;
	e->len = len;
	memcpy(e->reply, reply, len);
}
