/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctl_wire.c: the control-socket codec (grammar in ctl_wire.h).  One table
 * of keys per record type drives both the parser and the builder, so the
 * two cannot drift apart.  Pure: no I/O, no allocation, no logging, no
 * global state; every input byte is untrusted and bounded.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "ctl_wire.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define SEEN_MAX	128	/* keys per record, array members included */

enum fkind {
	F_U64,
	F_STR,
	F_BOOL,
	F_CTRL,		/* uint64_t[CTRL_STAT__MAX], "ctrl_<name>" */
};

#define FL_USER	0x1	/* call: only when mode is "user" */

struct field {
	const char	*name;
	enum fkind	 kind;
	size_t		 off;
	size_t		 size;	/* F_STR: buffer size */
	unsigned	 flags;
};

#define U(s, m)		{ #m, F_U64, offsetof(struct s, m), 0, 0 }
#define S(s, m)		{ #m, F_STR, offsetof(struct s, m), \
			  sizeof(((struct s *)0)->m), 0 }
#define B(s, m)		{ #m, F_BOOL, offsetof(struct s, m), 0, 0 }
#define SU(s, m)	{ #m, F_STR, offsetof(struct s, m), \
			  sizeof(((struct s *)0)->m), FL_USER }

static const struct field req_fields[] = {
	S(ctl_request, cmd), S(ctl_request, what), U(ctl_request, id),
	S(ctl_request, user), S(ctl_request, addr),
};

static const struct field stats_fields[] = {
	S(ctl_stats, version), U(ctl_stats, uptime),
	U(ctl_stats, tunnels_active), U(ctl_stats, tunnels_total),
	U(ctl_stats, tunnels_refused_limit),
	U(ctl_stats, tunnels_refused_source),
	U(ctl_stats, tunnels_refused_stopping),
	U(ctl_stats, tunnels_refused_acl), U(ctl_stats, tunnels_refused_rate),
	U(ctl_stats, tunnels_refused_banned),
	U(ctl_stats, calls_active), U(ctl_stats, calls_total),
	U(ctl_stats, calls_failed), U(ctl_stats, calls_refused_pool),
	U(ctl_stats, calls_refused_callid), U(ctl_stats, calls_spawn_failed),
	U(ctl_stats, callid_kernel_busy),
	U(ctl_stats, auth_failures), U(ctl_stats, auth_bans),
	U(ctl_stats, no_gre),
	U(ctl_stats, accept_errors),
	U(ctl_stats, dae_rx), U(ctl_stats, dae_drop_client),
	U(ctl_stats, dae_drop_malformed), U(ctl_stats, dae_drop_auth),
	U(ctl_stats, dae_drop_msgauth), U(ctl_stats, dae_drop_no_msgauth),
	U(ctl_stats, dae_drop_stale), U(ctl_stats, dae_dup),
	U(ctl_stats, dae_ack), U(ctl_stats, dae_nak_session),
	U(ctl_stats, dae_nak_attr), U(ctl_stats, dae_nak_missing),
	U(ctl_stats, dae_nak_invalid), U(ctl_stats, dae_nak_coa),
	U(ctl_stats, dae_tx_errors),
	U(ctl_stats, pool_size),
	U(ctl_stats, pool_used), B(ctl_stats, delegate),
	{ "ctrl_", F_CTRL, offsetof(struct ctl_stats, ctrl), 0, 0 },
};

static const struct field tunnel_fields[] = {
	U(ctl_tunnel, id), S(ctl_tunnel, peer), U(ctl_tunnel, peer_port),
	S(ctl_tunnel, local), S(ctl_tunnel, state), S(ctl_tunnel, host),
	S(ctl_tunnel, vendor), U(ctl_tunnel, uptime), U(ctl_tunnel, calls),
	U(ctl_tunnel, rx_msgs), U(ctl_tunnel, tx_msgs),
};

#define GRE_FIELD(n)	{ "gre_" #n, F_U64, \
			  offsetof(struct ctl_call, gre) + \
			  offsetof(struct gre_stats, n), 0, FL_USER },
static const struct field call_fields[] = {
	U(ctl_call, tunnel), U(ctl_call, call_id), U(ctl_call, peer_call_id),
	S(ctl_call, user), S(ctl_call, peer), U(ctl_call, peer_port),
	S(ctl_call, addr), S(ctl_call, local), S(ctl_call, ifname),
	U(ctl_call, ifindex), S(ctl_call, mode), SU(ctl_call, channel),
	S(ctl_call, state),
	U(ctl_call, uptime), U(ctl_call, pid),
	S(ctl_call, acct_session_id), U(ctl_call, rx_bytes),
	U(ctl_call, tx_bytes), U(ctl_call, rx_pkts), U(ctl_call, tx_pkts),
	GRE_STATS_COUNTERS(GRE_FIELD)
	GRE_STATS_GAUGES(GRE_FIELD)
};
#undef GRE_FIELD

static const struct field authfail_fields[] = {
	S(ctl_authfail, peer), U(ctl_authfail, count), S(ctl_authfail, user),
	U(ctl_authfail, age),
};

static const struct field result_fields[] = {
	B(ctl_result, ok), U(ctl_result, count), S(ctl_result, error),
};

#undef U
#undef S
#undef B
#undef SU

static const struct {
	const char		*name;
	const struct field	*f;
	size_t			 n;
} rec_types[] = {
	[CTL_REC_REQUEST] = { "request", req_fields, NELEM(req_fields) },
	[CTL_REC_STATS] = { "stats", stats_fields, NELEM(stats_fields) },
	[CTL_REC_TUNNEL] = { "tunnel", tunnel_fields, NELEM(tunnel_fields) },
	[CTL_REC_CALL] = { "call", call_fields, NELEM(call_fields) },
	[CTL_REC_AUTHFAIL] = { "authfail", authfail_fields,
	    NELEM(authfail_fields) },
	[CTL_REC_RESULT] = { "result", result_fields, NELEM(result_fields) },
};
static_assert(NELEM(rec_types) == CTL_REC__MAX,
    "rec_types[] must match enum ctl_rec_type");
static_assert(NELEM(call_fields) + CTRL_STAT__MAX < SEEN_MAX,
    "SEEN_MAX too small");
static_assert(NELEM(stats_fields) + CTRL_STAT__MAX < SEEN_MAX,
    "SEEN_MAX too small for stats");

static const char *const ctl_err_names[] = {
	[CTL_OK] = "ok",
	[CTL_ERR_EMPTY] = "empty",
	[CTL_ERR_TOO_LONG] = "line too long",
	[CTL_ERR_SYNTAX] = "not a flat JSON object",
	[CTL_ERR_STRING] = "bad string",
	[CTL_ERR_NUMBER] = "bad number",
	[CTL_ERR_VERSION] = "missing or unsupported version",
	[CTL_ERR_NO_TYPE] = "missing record type",
	[CTL_ERR_UNKNOWN_TYPE] = "unknown record type",
	[CTL_ERR_KIND] = "value of the wrong kind",
	[CTL_ERR_FIELD_LEN] = "string too long for its field",
	[CTL_ERR_DUP_KEY] = "duplicate key",
	[CTL_ERR_TRAILING] = "trailing bytes",
	[CTL_ERR_NO_ROOM] = "no room",
};
static_assert(NELEM(ctl_err_names) == CTL_ERR__MAX,
    "ctl_err_names[] must match enum ctl_err");

const char *
ctl_err_str(enum ctl_err e)
{
	return (size_t)e < NELEM(ctl_err_names) ? ctl_err_names[e] : "?";
}

const char *
ctl_rec_type_name(enum ctl_rec_type t)
{
	return (size_t)t < NELEM(rec_types) ? rec_types[t].name : "?";
}

/* ------------------------------------------------------------ parsing */

enum vkind { V_STR, V_NUM, V_BOOL, V_NULL };

struct val {
	enum vkind	kind;
	char		s[CTL_TEXT_MAX + 1];	/* V_STR, decoded */
	size_t		slen;
	int		s_over;			/* longer than s */
	uint64_t	n;			/* V_NUM, V_BOOL */
};

struct cur {
	const char	*p, *end;
};

static void
skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
	    *c->p == '\r' || *c->p == '\n'))
		c->p++;
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* A string at c->p (the opening quote); decoded into dst (cap bytes). */
static enum ctl_err
parse_str(struct cur *c, char *dst, size_t cap, size_t *len, int *over)
{
	size_t	n = 0;
	int	ch, i, h;

	*over = 0;
	if (c->p >= c->end || *c->p != '"')
		return CTL_ERR_SYNTAX;
	c->p++;
	for (;;) {
		if (c->p >= c->end)
			return CTL_ERR_STRING;
		ch = (unsigned char)*c->p++;
		if (ch == '"')
			break;
		if (ch < 0x20 || ch > 0x7e)
			return CTL_ERR_STRING;
		if (ch == '\\') {
			if (c->p >= c->end)
				return CTL_ERR_STRING;
			switch (*c->p++) {
			case '"': ch = '"'; break;
			case '\\': ch = '\\'; break;
			case '/': ch = '/'; break;
			case 'b': ch = '\b'; break;
			case 'f': ch = '\f'; break;
			case 'n': ch = '\n'; break;
			case 'r': ch = '\r'; break;
			case 't': ch = '\t'; break;
			case 'u':
				/* \u0001-\u007f only: ASCII, never NUL. */
				if (c->end - c->p < 4)
					return CTL_ERR_STRING;
				for (ch = 0, i = 0; i < 4; i++) {
					if ((h = hexval(c->p[i])) == -1)
						return CTL_ERR_STRING;
					ch = ch * 16 + h;
				}
				c->p += 4;
				if (ch == 0 || ch > 0x7f)
					return CTL_ERR_STRING;
				break;
			default:
				return CTL_ERR_STRING;
			}
		}
		if (n + 1 < cap)
			dst[n++] = (char)ch;
		else
			*over = 1;
	}
	if (cap > 0)
		dst[n] = '\0';
	*len = n;
	return CTL_OK;
}

static enum ctl_err
parse_num(struct cur *c, uint64_t *out)
{
	uint64_t	v = 0;
	const char	*start = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		if (v > (UINT64_MAX - (uint64_t)(*c->p - '0')) / 10)
			return CTL_ERR_NUMBER;
		v = v * 10 + (uint64_t)(*c->p - '0');
		c->p++;
	}
	if (c->p == start || (c->p - start > 1 && *start == '0'))
		return CTL_ERR_NUMBER;
	/* Sign, fraction and exponent are not ours. */
	if (c->p < c->end && (*c->p == '.' || *c->p == 'e' || *c->p == 'E'))
		return CTL_ERR_NUMBER;
	*out = v;
	return CTL_OK;
}

static int
literal(struct cur *c, const char *w)
{
	size_t	n = strlen(w);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

static enum ctl_err
parse_val(struct cur *c, struct val *v)
{
	skip_ws(c);
	if (c->p >= c->end)
		return CTL_ERR_SYNTAX;
	memset(v, 0, sizeof(*v));
	switch (*c->p) {
	case '"':
		v->kind = V_STR;
		return parse_str(c, v->s, sizeof(v->s), &v->slen, &v->s_over);
	case 't':
	case 'f':
	case 'n':
		if (literal(c, "true")) {
			v->kind = V_BOOL;
			v->n = 1;
		} else if (literal(c, "false"))
			v->kind = V_BOOL;
		else if (literal(c, "null"))
			v->kind = V_NULL;
		else
			return CTL_ERR_SYNTAX;
		return CTL_OK;
	case '-':
		return CTL_ERR_NUMBER;
	default:
		if (*c->p >= '0' && *c->p <= '9') {
			v->kind = V_NUM;
			return parse_num(c, &v->n);
		}
		return CTL_ERR_SYNTAX;
	}
}

/* Field of this record named key: its table entry, slot and array index. */
static const struct field *
find_field(enum ctl_rec_type t, const char *key, size_t *slot, size_t *idx)
{
	const struct field	*f = rec_types[t].f;
	size_t			 i, j, n = rec_types[t].n, plen;

	for (i = 0; i < n; i++) {
		if (f[i].kind == F_CTRL) {
			plen = strlen(f[i].name);
			if (strncmp(key, f[i].name, plen) != 0)
				continue;
			for (j = 0; j < CTRL_STAT__MAX; j++)
				if (strcmp(key + plen, ctrl_stat_name(j)) == 0) {
					*slot = n + j;
					*idx = j;
					return &f[i];
				}
			continue;
		}
		if (strcmp(key, f[i].name) == 0) {
			*slot = i;
			*idx = 0;
			return &f[i];
		}
	}
	return NULL;
}

static enum ctl_err
store(void *rec, const struct field *f, size_t idx, const struct val *v)
{
	char	*base = rec;

	switch (f->kind) {
	case F_U64:
	case F_CTRL:
		if (v->kind != V_NUM)
			return CTL_ERR_KIND;
		memcpy(base + f->off + idx * sizeof(uint64_t), &v->n,
		    sizeof(uint64_t));
		return CTL_OK;
	case F_BOOL:
		if (v->kind != V_BOOL)
			return CTL_ERR_KIND;
		*(bool *)(void *)(base + f->off) = v->n != 0;
		return CTL_OK;
	case F_STR:
		if (v->kind != V_STR)
			return CTL_ERR_KIND;
		if (v->s_over || v->slen + 1 > f->size)
			return CTL_ERR_FIELD_LEN;
		memcpy(base + f->off, v->s, v->slen + 1);
		return CTL_OK;
	}
	return CTL_ERR_KIND;
}

enum ctl_err
ctl_parse(const char *buf, size_t len, struct ctl_rec *out)
{
	struct cur		 c = { buf, buf + len };
	struct val		 v;
	char			 key[CTL_WORD_MAX * 2];
	const struct field	*f;
	bool			 seen[SEEN_MAX];
	size_t			 klen, slot, idx, nkeys = 0, t;
	int			 over;
	enum ctl_err		 e;

	memset(out, 0, sizeof(*out));
	memset(seen, 0, sizeof(seen));
	if (len > CTL_LINE_MAX)
		return CTL_ERR_TOO_LONG;
	/* At most one LF at the very end, none inside. */
	if (len > 0 && buf[len - 1] == '\n')
		c.end--;
	skip_ws(&c);
	if (c.p >= c.end)
		return CTL_ERR_EMPTY;
	if (*c.p++ != '{')
		return CTL_ERR_SYNTAX;
	skip_ws(&c);
	if (c.p < c.end && *c.p == '}')
		return CTL_ERR_VERSION;
	for (;;) {
		skip_ws(&c);
		if ((e = parse_str(&c, key, sizeof(key), &klen, &over)) !=
		    CTL_OK)
			return e == CTL_ERR_STRING ? e : CTL_ERR_SYNTAX;
		skip_ws(&c);
		if (c.p >= c.end || *c.p++ != ':')
			return CTL_ERR_SYNTAX;
		if ((e = parse_val(&c, &v)) != CTL_OK)
			return e;
		if (nkeys == 0) {
			if (over || strcmp(key, "v") != 0 || v.kind != V_NUM ||
			    v.n != CTL_VERSION)
				return CTL_ERR_VERSION;
		} else if (nkeys == 1) {
			if (over || strcmp(key, "type") != 0 || v.kind != V_STR)
				return CTL_ERR_NO_TYPE;
			for (t = 0; t < CTL_REC__MAX; t++)
				if (strcmp(v.s, rec_types[t].name) == 0)
					break;
			if (t == CTL_REC__MAX || v.s_over)
				return CTL_ERR_UNKNOWN_TYPE;
			out->type = (enum ctl_rec_type)t;
		} else if (strcmp(key, "v") == 0 ||
		    strcmp(key, "type") == 0) {
			return CTL_ERR_DUP_KEY;
		} else if (!over &&
		    (f = find_field(out->type, key, &slot, &idx)) != NULL) {
			if (seen[slot])
				return CTL_ERR_DUP_KEY;
			seen[slot] = true;
			if ((e = store(&out->u, f, idx, &v)) != CTL_OK)
				return e;
		}
		/* else: a key of a newer version, skipped. */
		nkeys++;
		skip_ws(&c);
		if (c.p >= c.end)
			return CTL_ERR_SYNTAX;
		if (*c.p == ',') {
			c.p++;
			continue;
		}
		if (*c.p++ != '}')
			return CTL_ERR_SYNTAX;
		break;
	}
	if (nkeys < 2)
		return CTL_ERR_NO_TYPE;
	/* Blanks may follow the object, but not a second line. */
	while (c.p < c.end && (*c.p == ' ' || *c.p == '\t' || *c.p == '\r'))
		c.p++;
	if (c.p != c.end)
		return CTL_ERR_TRAILING;
	return CTL_OK;
}

size_t
ctl_line_len(const char *buf, size_t len)
{
	const char	*nl = memchr(buf, '\n', len);

	return nl == NULL ? 0 : (size_t)(nl - buf) + 1;
}

/* ----------------------------------------------------------- building */

struct out {
	char	*p;
	size_t	 cap, n;
	int	 full;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->full || o->n + n > o->cap) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void
puts_lit(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
put_str(struct out *o, const char *s)
{
	char	esc[8];

	put(o, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char	ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			put(o, esc, 2);
		} else if (ch < 0x20 || ch > 0x7e) {
			/* Not ASCII: never from us; sent as '?'. */
			snprintf(esc, sizeof(esc), "\\u%04x",
			    ch < 0x80 ? ch : '?');
			put(o, esc, 6);
		} else
			put(o, (const char *)&ch, 1);
	}
	put(o, "\"", 1);
}

static void
put_u64(struct out *o, uint64_t v)
{
	char	num[24];
	int	n;

	n = snprintf(num, sizeof(num), "%llu", (unsigned long long)v);
	put(o, num, (size_t)n);
}

static void
put_key(struct out *o, const char *prefix, const char *name)
{
	puts_lit(o, ",\"");
	puts_lit(o, prefix);
	puts_lit(o, name);
	puts_lit(o, "\":");
}

size_t
ctl_build(char *buf, size_t cap, const struct ctl_rec *r, enum ctl_err *err)
{
	struct out		 o = { buf, cap, 0, 0 };
	const char		*base = (const char *)&r->u;
	const struct field	*f;
	size_t			 i, j, n;
	int			 user_mode;
	uint64_t		 v;

	if ((size_t)r->type >= CTL_REC__MAX) {
		*err = CTL_ERR_UNKNOWN_TYPE;
		return 0;
	}
	user_mode = r->type == CTL_REC_CALL &&
	    strcmp(r->u.call.mode, "user") == 0;
	puts_lit(&o, "{\"v\":1,\"type\":");
	put_str(&o, rec_types[r->type].name);
	f = rec_types[r->type].f;
	n = rec_types[r->type].n;
	for (i = 0; i < n; i++) {
		if ((f[i].flags & FL_USER) && !user_mode)
			continue;
		switch (f[i].kind) {
		case F_U64:
			put_key(&o, "", f[i].name);
			memcpy(&v, base + f[i].off, sizeof(v));
			put_u64(&o, v);
			break;
		case F_BOOL:
			put_key(&o, "", f[i].name);
			puts_lit(&o, *(const bool *)(const void *)
			    (base + f[i].off) ? "true" : "false");
			break;
		case F_STR:
			/* Never read past the field, even unterminated. */
			if (memchr(base + f[i].off, '\0', f[i].size) == NULL) {
				*err = CTL_ERR_FIELD_LEN;
				return 0;
			}
			put_key(&o, "", f[i].name);
			put_str(&o, base + f[i].off);
			break;
		case F_CTRL:
			for (j = 0; j < CTRL_STAT__MAX; j++) {
				put_key(&o, f[i].name, ctrl_stat_name(j));
				memcpy(&v, base + f[i].off + j * sizeof(v),
				    sizeof(v));
				put_u64(&o, v);
			}
			break;
		}
	}
	puts_lit(&o, "}\n");
	if (o.full || o.n > CTL_LINE_MAX) {
		*err = CTL_ERR_NO_ROOM;
		return 0;
	}
	*err = CTL_OK;
	return o.n;
}
