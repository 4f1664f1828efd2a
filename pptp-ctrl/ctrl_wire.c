/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_wire.c: PPTP control-message codec (RFC 2637 §1.4, §2).  Each
 * message layout is written down once, as a transfer function that reads
 * or writes through gre/bytes.h, so parse and build cannot disagree.
 * Pure: no I/O, no allocation, no logging, no clock; never overlays structs
 * on wire bytes and never trusts a wire string to be NUL-terminated.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../gre/bytes.h"
#include "ctrl_wire.h"
#include "fsm_util.h"

/* A cursor that either reads (parse) or writes (build) one message body. */
struct xf {
	struct rd	r;
	struct wr	w;
	int		writing;
	unsigned	rsv_nonzero;	/* reading: Reserved fields != 0 */
};

static void	xf_u8(struct xf *, uint8_t *);
static void	xf_u16(struct xf *, uint16_t *);
static void	xf_u32(struct xf *, uint32_t *);
static void	xf_rsv8(struct xf *, uint8_t *);
static void	xf_rsv16(struct xf *, uint16_t *);
static void	xf_str(struct xf *, char *, size_t, size_t);
static void	xf_body(struct xf *, struct ctrl_msg *);

/*
 * RFC 2637 §2: every control message has one fixed length, header
 * included.  Indexed by Control Message Type; 0 marks "no such type".
 */
static const uint16_t ctrl_sizes[] = {
	[0] = 0,
	[PPTP_MSG_SCCRQ] = 156,
	[PPTP_MSG_SCCRP] = 156,
	[PPTP_MSG_STOPCCRQ] = 16,
	[PPTP_MSG_STOPCCRP] = 16,
	[PPTP_MSG_ECHORQ] = 16,
	[PPTP_MSG_ECHORP] = 20,
	[PPTP_MSG_OCRQ] = 168,
	[PPTP_MSG_OCRP] = 32,
	[PPTP_MSG_ICRQ] = 220,
	[PPTP_MSG_ICRP] = 24,
	[PPTP_MSG_ICCN] = 28,
	[PPTP_MSG_CCRQ] = 16,
	[PPTP_MSG_CDN] = 148,
	[PPTP_MSG_WEN] = 40,
	[PPTP_MSG_SLI] = 24,
};
static_assert(sizeof(ctrl_sizes) / sizeof(ctrl_sizes[0]) == PPTP_MSG_MAX + 1,
    "ctrl_sizes[] must have one entry per control message type");

static const char *const ctrl_type_names[] = {
	[PPTP_MSG_SCCRQ] = "SCCRQ",
	[PPTP_MSG_SCCRP] = "SCCRP",
	[PPTP_MSG_STOPCCRQ] = "StopCCRQ",
	[PPTP_MSG_STOPCCRP] = "StopCCRP",
	[PPTP_MSG_ECHORQ] = "EchoRQ",
	[PPTP_MSG_ECHORP] = "EchoRP",
	[PPTP_MSG_OCRQ] = "OCRQ",
	[PPTP_MSG_OCRP] = "OCRP",
	[PPTP_MSG_ICRQ] = "ICRQ",
	[PPTP_MSG_ICRP] = "ICRP",
	[PPTP_MSG_ICCN] = "ICCN",
	[PPTP_MSG_CCRQ] = "CCRQ",
	[PPTP_MSG_CDN] = "CDN",
	[PPTP_MSG_WEN] = "WEN",
	[PPTP_MSG_SLI] = "SLI",
};
static_assert(sizeof(ctrl_type_names) / sizeof(ctrl_type_names[0]) ==
    PPTP_MSG_MAX + 1, "ctrl_type_names[] must match enum ctrl_type");

static const char *const ctrl_err_names[] = {
	[CTRL_OK] = "ok",
	[CTRL_ERR_SHORT] = "shorter than header",
	[CTRL_ERR_LEN_SHORT] = "length field below 12",
	[CTRL_ERR_LEN_LONG] = "length field above 220",
	[CTRL_ERR_MSGTYPE] = "not a control message",
	[CTRL_ERR_MAGIC] = "bad magic cookie",
	[CTRL_ERR_RESERVED0] = "reserved0 not zero",
	[CTRL_ERR_TYPE] = "unknown control message type",
	[CTRL_ERR_SIZE] = "wrong length for type",
	[CTRL_ERR_TRUNCATED] = "truncated",
	[CTRL_ERR_TRAILING] = "trailing bytes",
};
static_assert(sizeof(ctrl_err_names) / sizeof(ctrl_err_names[0]) ==
    CTRL_ERR__MAX, "ctrl_err_names[] must match enum ctrl_err");

/* §2.2 */
static const char *const sccrp_results[] = {
	[PPTP_SCCRP_RESULT_OK] = "successful",
	[PPTP_SCCRP_RESULT_GENERAL] = "general error",
	[PPTP_SCCRP_RESULT_EXISTS] = "command channel already exists",
	[PPTP_SCCRP_RESULT_NOT_AUTH] = "requester not authorized",
	[PPTP_SCCRP_RESULT_BAD_VERSION] = "protocol version not supported",
};
/* §2.4, §2.6 */
static const char *const ok_general_results[] = {
	[1] = "ok",
	[2] = "general error",
};
/* §2.8 */
static const char *const ocrp_results[] = {
	[PPTP_OCRP_RESULT_CONNECTED] = "connected",
	[PPTP_OCRP_RESULT_GENERAL] = "general error",
	[PPTP_OCRP_RESULT_NO_CARRIER] = "no carrier",
	[PPTP_OCRP_RESULT_BUSY] = "busy",
	[PPTP_OCRP_RESULT_NO_DIAL_TONE] = "no dial tone",
	[PPTP_OCRP_RESULT_TIMEOUT] = "time-out",
	[PPTP_OCRP_RESULT_DO_NOT_ACCEPT] = "do not accept",
};
/* §2.10 */
static const char *const icrp_results[] = {
	[PPTP_ICRP_RESULT_CONNECT] = "connect",
	[PPTP_ICRP_RESULT_GENERAL] = "general error",
	[PPTP_ICRP_RESULT_DO_NOT_ACCEPT] = "do not accept",
};
/* §2.13 */
static const char *const cdn_results[] = {
	[PPTP_CDN_RESULT_LOST_CARRIER] = "lost carrier",
	[PPTP_CDN_RESULT_GENERAL] = "general error",
	[PPTP_CDN_RESULT_ADMIN_SHUTDOWN] = "admin shutdown",
	[PPTP_CDN_RESULT_REQUEST] = "request",
};
/* §2.16 */
static const char *const error_names[] = {
	[PPTP_ERROR_NONE] = "none",
	[PPTP_ERROR_NOT_CONNECTED] = "not-connected",
	[PPTP_ERROR_BAD_FORMAT] = "bad-format",
	[PPTP_ERROR_BAD_VALUE] = "bad-value",
	[PPTP_ERROR_NO_RESOURCE] = "no-resource",
	[PPTP_ERROR_BAD_CALLID] = "bad-call-id",
	[PPTP_ERROR_PAC_ERROR] = "pac-error",
};
/* §2.3 */
static const char *const stop_reasons[] = {
	[PPTP_STOP_REASON_NONE] = "none",
	[PPTP_STOP_REASON_PROTOCOL] = "stop-protocol",
	[PPTP_STOP_REASON_LOCAL_SHUTDOWN] = "stop-local-shutdown",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	unsigned		 type;
	const char *const	*names;
	size_t			 n;
} result_tables[] = {
	{ PPTP_MSG_SCCRP, sccrp_results, NELEM(sccrp_results) },
	{ PPTP_MSG_STOPCCRP, ok_general_results, NELEM(ok_general_results) },
	{ PPTP_MSG_ECHORP, ok_general_results, NELEM(ok_general_results) },
	{ PPTP_MSG_OCRP, ocrp_results, NELEM(ocrp_results) },
	{ PPTP_MSG_ICRP, icrp_results, NELEM(icrp_results) },
	{ PPTP_MSG_CDN, cdn_results, NELEM(cdn_results) },
};

static void
xf_u8(struct xf *x, uint8_t *v)
{
	if (x->writing)
		wr_u8(&x->w, *v);
	else
		*v = rd_u8(&x->r);
}

static void
xf_u16(struct xf *x, uint16_t *v)
{
	if (x->writing)
		wr_u16(&x->w, *v);
	else
		*v = rd_u16(&x->r);
}

static void
xf_u32(struct xf *x, uint32_t *v)
{
	if (x->writing)
		wr_u32(&x->w, *v);
	else
		*v = rd_u32(&x->r);
}

/* Reserved fields: kept as received and counted when non-zero. */
static void
xf_rsv8(struct xf *x, uint8_t *v)
{
	xf_u8(x, v);
	if (!x->writing && *v != 0)
		x->rsv_nonzero++;
}

static void
xf_rsv16(struct xf *x, uint16_t *v)
{
	xf_u16(x, v);
	if (!x->writing && *v != 0)
		x->rsv_nonzero++;
}

static void
xf_str(struct xf *x, char *s, size_t ssize, size_t width)
{
	if (x->writing)
		wr_fixstr(&x->w, s, width);
	else
		rd_fixstr(&x->r, s, ssize, width);
}

#define XF_STR(x, f, w)	xf_str((x), (f), sizeof(f), (w))

/* The body of each message, after the 12-byte header, in wire order. */
static void
xf_body(struct xf *x, struct ctrl_msg *m)
{
	switch (m->type) {
	case PPTP_MSG_SCCRQ:		/* §2.1 */
	case PPTP_MSG_SCCRP: {		/* §2.2 */
		struct ctrl_scc *s = &m->u.sccrq;

		xf_u16(x, &s->version);
		if (m->type == PPTP_MSG_SCCRQ) {
			xf_rsv16(x, &s->reserved1);
		} else {
			xf_u8(x, &s->result);
			xf_u8(x, &s->error);
		}
		xf_u32(x, &s->framing_caps);
		xf_u32(x, &s->bearer_caps);
		xf_u16(x, &s->max_channels);
		xf_u16(x, &s->firmware_rev);
		XF_STR(x, s->host_name, PPTP_HOSTNAME_LEN);
		XF_STR(x, s->vendor, PPTP_VENDOR_LEN);
		break;
	}
	case PPTP_MSG_STOPCCRQ:		/* §2.3 */
		xf_u8(x, &m->u.stopccrq.reason);
		xf_rsv8(x, &m->u.stopccrq.reserved1);
		xf_rsv16(x, &m->u.stopccrq.reserved2);
		break;
	case PPTP_MSG_STOPCCRP:		/* §2.4 */
		xf_u8(x, &m->u.stopccrp.result);
		xf_u8(x, &m->u.stopccrp.error);
		xf_rsv16(x, &m->u.stopccrp.reserved1);
		break;
	case PPTP_MSG_ECHORQ:		/* §2.5 */
		xf_u32(x, &m->u.echorq.id);
		break;
	case PPTP_MSG_ECHORP:		/* §2.6 */
		xf_u32(x, &m->u.echorp.id);
		xf_u8(x, &m->u.echorp.result);
		xf_u8(x, &m->u.echorp.error);
		xf_rsv16(x, &m->u.echorp.reserved1);
		break;
	case PPTP_MSG_OCRQ: {		/* §2.7 */
		struct ctrl_ocrq *o = &m->u.ocrq;

		xf_u16(x, &o->call_id);
		xf_u16(x, &o->call_serial);
		xf_u32(x, &o->min_bps);
		xf_u32(x, &o->max_bps);
		xf_u32(x, &o->bearer_type);
		xf_u32(x, &o->framing_type);
		xf_u16(x, &o->recv_window);
		xf_u16(x, &o->ppd);
		xf_u16(x, &o->phone_len);
		xf_rsv16(x, &o->reserved1);
		XF_STR(x, o->phone, PPTP_PHONE_LEN);
		XF_STR(x, o->subaddr, PPTP_SUBADDR_LEN);
		break;
	}
	case PPTP_MSG_OCRP: {		/* §2.8 */
		struct ctrl_ocrp *o = &m->u.ocrp;

		xf_u16(x, &o->call_id);
		xf_u16(x, &o->peer_call_id);
		xf_u8(x, &o->result);
		xf_u8(x, &o->error);
		xf_u16(x, &o->cause);
		xf_u32(x, &o->connect_speed);
		xf_u16(x, &o->recv_window);
		xf_u16(x, &o->ppd);
		xf_u32(x, &o->phys_channel_id);
		break;
	}
	case PPTP_MSG_ICRQ: {		/* §2.9 */
		struct ctrl_icrq *i = &m->u.icrq;

		xf_u16(x, &i->call_id);
		xf_u16(x, &i->call_serial);
		xf_u32(x, &i->bearer_type);
		xf_u32(x, &i->phys_channel_id);
		xf_u16(x, &i->dialed_len);
		xf_u16(x, &i->dialing_len);
		XF_STR(x, i->dialed, PPTP_PHONE_LEN);
		XF_STR(x, i->dialing, PPTP_PHONE_LEN);
		XF_STR(x, i->subaddr, PPTP_SUBADDR_LEN);
		break;
	}
	case PPTP_MSG_ICRP: {		/* §2.10 */
		struct ctrl_icrp *i = &m->u.icrp;

		xf_u16(x, &i->call_id);
		xf_u16(x, &i->peer_call_id);
		xf_u8(x, &i->result);
		xf_u8(x, &i->error);
		xf_u16(x, &i->recv_window);
		xf_u16(x, &i->ptd);
		xf_rsv16(x, &i->reserved1);
		break;
	}
	case PPTP_MSG_ICCN: {		/* §2.11 */
		struct ctrl_iccn *i = &m->u.iccn;

		xf_u16(x, &i->peer_call_id);
		xf_rsv16(x, &i->reserved1);
		xf_u32(x, &i->connect_speed);
		xf_u16(x, &i->recv_window);
		xf_u16(x, &i->ptd);
		xf_u32(x, &i->framing_type);
		break;
	}
	case PPTP_MSG_CCRQ:		/* §2.12 */
		xf_u16(x, &m->u.ccrq.call_id);
		xf_rsv16(x, &m->u.ccrq.reserved1);
		break;
	case PPTP_MSG_CDN: {		/* §2.13 */
		struct ctrl_cdn *c = &m->u.cdn;

		xf_u16(x, &c->call_id);
		xf_u8(x, &c->result);
		xf_u8(x, &c->error);
		xf_u16(x, &c->cause);
		xf_rsv16(x, &c->reserved1);
		XF_STR(x, c->stats, PPTP_STATS_LEN);
		break;
	}
	case PPTP_MSG_WEN: {		/* §2.14 */
		struct ctrl_wen *w = &m->u.wen;

		xf_u16(x, &w->peer_call_id);
		xf_rsv16(x, &w->reserved1);
		xf_u32(x, &w->crc_errors);
		xf_u32(x, &w->framing_errors);
		xf_u32(x, &w->hw_overruns);
		xf_u32(x, &w->buf_overruns);
		xf_u32(x, &w->timeout_errors);
		xf_u32(x, &w->align_errors);
		break;
	}
	case PPTP_MSG_SLI:		/* §2.15 */
		xf_u16(x, &m->u.sli.peer_call_id);
		xf_rsv16(x, &m->u.sli.reserved1);
		xf_u32(x, &m->u.sli.send_accm);
		xf_u32(x, &m->u.sli.recv_accm);
		break;
	}
}

size_t
ctrl_msg_size(unsigned t)
{
	return t < NELEM(ctrl_sizes) ? ctrl_sizes[t] : 0;
}

/*
 * Validate the header in the order of aesthetics §8.3 and RFC 2637 §1.4,
 * then decode the body.  On any error *out is left all zero.
 */
enum ctrl_err
ctrl_parse(const uint8_t *buf, size_t len, struct ctrl_msg *out)
{
	struct xf	 x;
	uint16_t	 length, msgtype, type, rsv0;
	uint32_t	 magic;

	memset(out, 0, sizeof(*out));
	if (len < PPTP_CTRL_HDR_LEN)
		return CTRL_ERR_SHORT;
	memset(&x, 0, sizeof(x));
	rd_init(&x.r, buf, len);
	length = rd_u16(&x.r);
	msgtype = rd_u16(&x.r);
	magic = rd_u32(&x.r);
	type = rd_u16(&x.r);
	rsv0 = rd_u16(&x.r);

	if (length < PPTP_CTRL_HDR_LEN)
		return CTRL_ERR_LEN_SHORT;
	if (length > PPTP_CTRL_MAX_LEN)
		return CTRL_ERR_LEN_LONG;
	/* §1.4: Message Type 1 is control; 2 (management) is unused. */
	if (msgtype != PPTP_MSGTYPE_CONTROL)
		return CTRL_ERR_MSGTYPE;
	if (magic != PPTP_MAGIC_COOKIE)
		return CTRL_ERR_MAGIC;
	/* §2.x: Reserved0 "MUST be 0". */
	if (rsv0 != 0)
		return CTRL_ERR_RESERVED0;
	if (ctrl_msg_size(type) == 0)
		return CTRL_ERR_TYPE;
	/* §2: every message type has exactly one length. */
	if (length != ctrl_msg_size(type))
		return CTRL_ERR_SIZE;
	if (len < length)
		return CTRL_ERR_TRUNCATED;
	if (len > length)
		return CTRL_ERR_TRAILING;

	out->type = (enum ctrl_type)type;
	xf_body(&x, out);
	if (x.r.err || rd_left(&x.r) != 0) {
		/* Unreachable with a consistent size table; fail closed. */
		memset(out, 0, sizeof(*out));
		return CTRL_ERR_TRUNCATED;
	}
	out->reserved_nonzero = x.rsv_nonzero;
	return CTRL_OK;
}

size_t
ctrl_build(uint8_t *buf, size_t cap, const struct ctrl_msg *m)
{
	struct xf	 x;
	struct ctrl_msg	 copy;
	size_t		 size;

	size = ctrl_msg_size((unsigned)m->type);
	if (size == 0 || cap < size)
		return 0;
	copy = *m;
	memset(&x, 0, sizeof(x));
	x.writing = 1;
	wr_init(&x.w, buf, size);
	wr_u16(&x.w, (uint16_t)size);
	wr_u16(&x.w, PPTP_MSGTYPE_CONTROL);
	wr_u32(&x.w, PPTP_MAGIC_COOKIE);
	wr_u16(&x.w, (uint16_t)m->type);
	wr_u16(&x.w, 0);		/* Reserved0 */
	xf_body(&x, &copy);
	if (x.w.err || x.w.p != x.w.end)
		return 0;
	return size;
}

char *
ctrl_sanitize(char *dst, size_t dstsz, const char *src)
{
	size_t		 i;
	unsigned char	 ch;

	if (dstsz == 0)
		return dst;
	for (i = 0; i + 1 < dstsz && src[i] != '\0'; i++) {
		ch = (unsigned char)src[i];
		/* '"' and '\\' too: a value must not end its quotes. */
		dst[i] = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ?
		    (char)ch : '?';
	}
	dst[i] = '\0';
	return dst;
}

const char *
ctrl_err_name(enum ctrl_err e)
{
	return fsm_name(ctrl_err_names, NELEM(ctrl_err_names), (unsigned)e);
}

const char *
ctrl_type_name(unsigned type)
{
	return fsm_name(ctrl_type_names, NELEM(ctrl_type_names), type);
}

const char *
ctrl_result_name(unsigned type, unsigned result)
{
	size_t	i;

	for (i = 0; i < NELEM(result_tables); i++)
		if (result_tables[i].type == type)
			return fsm_name(result_tables[i].names,
			    result_tables[i].n, result);
	return "unknown";
}

const char *
ctrl_error_name(unsigned error)
{
	return fsm_name(error_names, NELEM(error_names), error);
}

const char *
ctrl_stop_reason_name(unsigned reason)
{
	return fsm_name(stop_reasons, NELEM(stop_reasons), reason);
}
