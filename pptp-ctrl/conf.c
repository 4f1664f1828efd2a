/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf.c: the pptpd.conf parser.  Reproduces poptop's configfile.c rules
 * (first occurrence wins, case-sensitive keywords, '#' only in column 0,
 * indented and over-long lines ignored) over a caller's buffer and adds
 * pptpd-ng's keywords.  Pure: no file I/O, no logging, no resolver; every
 * problem becomes a conf_diag entry with its line number.
 */
#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "pool.h"
#include "srclim.h"

enum conf_type {
	T_FLAG,		/* no value */
	T_UINT,		/* bounded decimal */
	T_PATH,		/* file name */
	T_SOCK,		/* absolute AF_UNIX path */
	T_SPEC,		/* localip/remoteip list */
	T_HOST,		/* one address or host name */
	T_IFNAME,	/* interface or VRF name */
	T_WORD,		/* one of words[], stored as its index (an enum) */
	T_RATE,		/* N/SECONDS */
	T_ACL,		/* list of A.B.C.D[/LEN] */
	T_ADDRPORT,	/* A.B.C.D[:PORT] */
	T_USER		/* a user name */
};

struct conf_kwdef {
	const char	*name;
	enum conf_type	 type;
	size_t		 off;
	size_t		 size;
	unsigned	 min;
	unsigned	 max;
	unsigned	 zero_default;	/* poptop maps 0 to this; 0: no */
	const char *const *words;	/* T_WORD: the names, max the last */
};

#define F(field)	offsetof(struct conf, field), \
			sizeof(((struct conf *)NULL)->field)

static const char *const conf_gre_names[] = {
	[CONF_GRE_AUTO] = "auto",
	[CONF_GRE_KERNEL] = "kernel",
	[CONF_GRE_USER] = "user",
};
static_assert(sizeof(conf_gre_names) / sizeof(conf_gre_names[0]) ==
    CONF_GRE_USER + 1, "conf_gre_names matches enum conf_gre_mode");
static const char *const conf_chan_names[] = {
	[CONF_CHAN_AUTO] = "auto",
	[CONF_CHAN_TAP] = "tap",
	[CONF_CHAN_L2TP] = "l2tp",
	[CONF_CHAN_PTY] = "pty",
};
static_assert(sizeof(conf_chan_names) / sizeof(conf_chan_names[0]) ==
    CONF_CHAN_PTY + 1, "conf_chan_names matches enum conf_user_chan");
static_assert(sizeof(enum conf_gre_mode) == sizeof(int) &&
    sizeof(enum conf_user_chan) == sizeof(int), "T_WORD fields are ints");

static const struct conf_kwdef conf_kws[CONF_KW__COUNT] = {
	[CONF_KW_OPTION] =	{ "option", T_PATH, F(option), 0, 0, 0 },
	[CONF_KW_PPP] =		{ "ppp", T_PATH, F(ppp), 0, 0, 0 },
	[CONF_KW_DEBUG] =	{ "debug", T_FLAG, F(debug), 0, 0, 0 },
	[CONF_KW_STIMEOUT] =	{ "stimeout", T_UINT, F(stimeout), 1, 3600,
				  CONF_STIMEOUT_DEFAULT },
	[CONF_KW_NOIPPARAM] =	{ "noipparam", T_FLAG, F(noipparam), 0, 0, 0 },
	[CONF_KW_LOGWTMP] =	{ "logwtmp", T_FLAG, F(logwtmp), 0, 0, 0 },
	[CONF_KW_BCRELAY] =	{ "bcrelay", T_IFNAME, F(bcrelay), 0, 0, 0 },
	[CONF_KW_DELEGATE] =	{ "delegate", T_FLAG, F(delegate), 0, 0, 0 },
	[CONF_KW_CONNECTIONS] =	{ "connections", T_UINT, F(connections), 1,
				  65535, CONF_CONNECTIONS_DEFAULT },
	[CONF_KW_LOCALIP] =	{ "localip", T_SPEC, F(localip), 0, 0, 0 },
	[CONF_KW_REMOTEIP] =	{ "remoteip", T_SPEC, F(remoteip), 0, 0, 0 },
	[CONF_KW_LISTEN] =	{ "listen", T_HOST, F(listen), 0, 0, 0 },
	[CONF_KW_SPEED] =	{ "speed", T_UINT, F(speed), 1, 4000000, 0 },
	[CONF_KW_PIDFILE] =	{ "pidfile", T_PATH, F(pidfile), 0, 0, 0 },
	[CONF_KW_VRF] =		{ "vrf", T_IFNAME, F(vrf), 0, 0, 0 },
	[CONF_KW_GRE_MODE] =	{ "gre-mode", T_WORD, F(gre_mode), 0,
				  CONF_GRE_USER, 0, conf_gre_names },
	[CONF_KW_USER_CHANNEL] = { "user-channel", T_WORD, F(user_chan), 0,
				  CONF_CHAN_PTY, 0, conf_chan_names },
	[CONF_KW_ECHO_INTERVAL] = { "echo-interval", T_UINT, F(echo_interval),
				  1, 3600, 0 },
	[CONF_KW_ECHO_FAILURES] = { "echo-failures", T_UINT, F(echo_failures),
				  0, 100, 0 },
	[CONF_KW_HANDSHAKE_TIMEOUT] = { "handshake-timeout", T_UINT,
				  F(handshake_timeout), 1, 3600, 0 },
	[CONF_KW_CALLS_PER_CONN] = { "calls-per-connection", T_UINT,
				  F(calls_per_conn), 1, 128, 0 },
	[CONF_KW_PER_SOURCE] =	{ "max-connections-per-source", T_UINT,
				  F(max_per_source), 0, 65535, 0 },
	[CONF_KW_BACKLOG] =	{ "listen-backlog", T_UINT, F(listen_backlog),
				  1, 65535, 0 },
	[CONF_KW_CONTROL_SOCKET] = { "control-socket", T_SOCK,
				  F(control_socket), 0, 0, 0 },
	[CONF_KW_REORDER_MAX] =	{ "user-reorder-max", T_UINT, F(reorder_max),
				  0, 1024, 0 },
	[CONF_KW_REORDER_TIMEOUT] = { "user-reorder-timeout", T_UINT,
				  F(reorder_timeout_ms), 1, 1000, 0 },
	[CONF_KW_NO_GRE_TIMEOUT] = { "no-gre-timeout", T_UINT,
				  F(no_gre_timeout), 0, 3600, 0 },
	[CONF_KW_CONN_RATE] =	{ "max-connection-rate-per-source", T_RATE,
				  F(conn_rate), 0, 65535, 0 },
	[CONF_KW_AUTHFAIL_LIMIT] = { "auth-failure-limit", T_UINT,
				  F(authfail_limit), 0, 1000, 0 },
	[CONF_KW_AUTHFAIL_WINDOW] = { "auth-failure-window", T_UINT,
				  F(authfail_window), 1, 86400, 0 },
	[CONF_KW_AUTHFAIL_BAN] = { "auth-failure-ban", T_UINT,
				  F(authfail_ban), 1, 86400, 0 },
	[CONF_KW_ALLOW] =	{ "allow", T_ACL, F(allow), 0, 0, 0 },
	[CONF_KW_DENY] =	{ "deny", T_ACL, F(deny), 0, 0, 0 },
	[CONF_KW_DAE_LISTEN] =	{ "dae-listen", T_ADDRPORT, F(dae_listen), 0,
				  0, 0 },
	[CONF_KW_DAE_CLIENTS] =	{ "dae-clients", T_PATH, F(dae_clients), 0,
				  0, 0 },
	[CONF_KW_DAE_WINDOW] =	{ "dae-window", T_UINT, F(dae_window), 0,
				  86400, 0 },
	[CONF_KW_DAE_REQUIRE_MA] = { "dae-require-message-authenticator",
				  T_FLAG, F(dae_require_ma), 0, 0, 0 },
	[CONF_KW_PRIVSEP_USER] = { "privsep-user", T_USER, F(privsep_user),
				  0, 0, 0 },
};

static_assert(CONF_KW__COUNT <= 64, "conf.set has one bit per keyword");

static int	 conf_num(const char *, unsigned, unsigned, unsigned *);
static int	 conf_set_kw(struct conf *, enum conf_kw, const char *,
		    unsigned, struct conf_diag *);
static int	 conf_set_str(struct conf *, const struct conf_kwdef *,
		    const char *, unsigned, struct conf_diag *);
static int	 conf_set_rate(struct conf *, const struct conf_kwdef *,
		    const char *, unsigned, struct conf_diag *);
static int	 conf_lookup(const char *, size_t);
static const char *conf_words(const struct conf_kwdef *, char *, size_t);
static void	 conf_line(struct conf *, const char *, size_t, unsigned,
		    struct conf_diag *);
static const char *comment_hint(const char *);

void
conf_diag_init(struct conf_diag *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = file;
}

void
conf_diag_add(struct conf_diag *d, enum conf_sev sev, unsigned line,
    const char *fmt, ...)
{
	struct conf_diag_entry	*e;
	va_list			 ap;

	if (d == NULL)
		return;
	if (sev == CONF_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->n == CONF_DIAG_MAX) {
		d->dropped++;
		return;
	}
	e = &d->e[d->n++];
	e->line = line;
	e->sev = sev;
	va_start(ap, fmt);
	(void)vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

/* "pptpd.conf:12: error: remoteip: ..."; snprintf's return value. */
int
conf_diag_format(const struct conf_diag *d, size_t i, char *buf, size_t cap)
{
	const struct conf_diag_entry	*e = &d->e[i];
	const char			*file, *sev;

	file = d->file != NULL ? d->file : "pptpd.conf";
	sev = e->sev == CONF_ERROR ? "error" : "warning";
	if (e->line != 0)
		return snprintf(buf, cap, "%s:%u: %s: %s", file, e->line, sev,
		    e->msg);
	return snprintf(buf, cap, "%s: %s: %s", file, sev, e->msg);
}

void
conf_diag_print(const struct conf_diag *d, FILE *f)
{
	char	buf[CONF_DIAG_MSGLEN + CONF_PATH_MAX + 32];
	size_t	i;

	for (i = 0; i < d->n; i++) {
		(void)conf_diag_format(d, i, buf, sizeof(buf));
		fprintf(f, "%s\n", buf);
	}
	if (d->dropped > 0)
		fprintf(f, "%s: %zu more diagnostics not shown\n",
		    d->file != NULL ? d->file : "pptpd.conf", d->dropped);
}

const char *
conf_kw_name(enum conf_kw kw)
{
	return conf_kws[kw].name;
}

/* "a, b, c": the words a T_WORD keyword takes, for its error message. */
static const char *
conf_words(const struct conf_kwdef *k, char *buf, size_t cap)
{
	size_t		 used = 0;
	unsigned	 i;
	int		 n;

	buf[0] = '\0';
	for (i = 0; i <= k->max; i++) {
		n = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "",
		    k->words[i]);
		if (n < 0 || (size_t)n >= cap - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

const char *
conf_gre_mode_name(enum conf_gre_mode m)
{
	return conf_gre_names[m];
}

const char *
conf_user_chan_name(enum conf_user_chan ch)
{
	return conf_chan_names[ch];
}

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	(void)snprintf(c->ppp, sizeof(c->ppp), "%s", CONF_PPP_DEFAULT);
	(void)snprintf(c->pidfile, sizeof(c->pidfile), "%s",
	    CONF_PIDFILE_DEFAULT);
	(void)snprintf(c->control_socket, sizeof(c->control_socket), "%s",
	    CONF_SOCKET_DEFAULT);
	(void)snprintf(c->privsep_user, sizeof(c->privsep_user), "%s",
	    CONF_PRIVSEP_USER_DEFAULT);
	c->connections = CONF_CONNECTIONS_DEFAULT;
	c->stimeout = CONF_STIMEOUT_DEFAULT;
	c->speed = CONF_SPEED_DEFAULT;
	c->gre_mode = CONF_GRE_AUTO;
	c->echo_interval = CONF_ECHO_INTERVAL_DEFAULT;
	c->echo_failures = CONF_ECHO_FAILURES_DEFAULT;
	c->handshake_timeout = 0;
	c->calls_per_conn = CONF_CALLS_PER_CONN_DEFAULT;
	c->max_per_source = CONF_PER_SOURCE_DEFAULT;
	c->listen_backlog = CONF_BACKLOG_DEFAULT;
	c->reorder_max = CONF_REORDER_MAX_DEFAULT;
	c->reorder_timeout_ms = CONF_REORDER_MS_DEFAULT;
	c->no_gre_timeout = CONF_NO_GRE_DEFAULT;
	c->authfail_window = CONF_AUTHFAIL_WINDOW_DEFAULT;
	c->authfail_ban = CONF_AUTHFAIL_BAN_DEFAULT;
	c->dae_window = CONF_DAE_WINDOW_DEFAULT;
}

/*
 * "A.B.C.D" or "A.B.C.D:PORT" (dae-listen): the address in host order
 * and the port (DAE_PORT_DEFAULT, 3799, when not given).  0 or -1.
 */
int
conf_addrport(const char *v, uint32_t *addr, uint16_t *port)
{
	const char	*colon = strchr(v, ':');
	size_t		 alen = colon != NULL ? (size_t)(colon - v) : strlen(v);
	unsigned	 n = CONF_DAE_PORT_DEFAULT;

	if (pool_parse_addr(v, alen, addr) == -1)
		return -1;
	if (colon != NULL && conf_num(colon + 1, 1, 65535, &n) != 0)
		return -1;
	*port = (uint16_t)n;
	return 0;
}

unsigned
conf_handshake_timeout(const struct conf *c)
{
	return c->handshake_timeout != 0 ? c->handshake_timeout : c->stimeout;
}

static const char *
comment_hint(const char *v)
{
	return strchr(v, '#') != NULL ? " ('#' starts a comment only at the "
	    "start of a line)" : "";
}

/* strtonum(3)-like: decimal digits only, nothing before or after. */
static int
conf_num(const char *s, unsigned min, unsigned max, unsigned *out)
{
	unsigned long long	v = 0;
	size_t			i;

	if (s[0] == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v <= UINT32_MAX)
			v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v < min || v > max)
		return -2;
	*out = (unsigned)v;
	return 0;
}

static int
conf_set_str(struct conf *c, const struct conf_kwdef *k, const char *v,
    unsigned line, struct conf_diag *d)
{
	char		err[CONF_DIAG_MSGLEN];
	size_t		len = strlen(v);
	uint32_t	a;
	uint16_t	port;

	if (len == 0) {
		conf_diag_add(d, CONF_ERROR, line, "%s: missing value",
		    k->name);
		return -1;
	}
	if (len >= k->size) {
		conf_diag_add(d, CONF_ERROR, line, "%s: value is %zu "
		    "characters long, at most %zu are allowed", k->name, len,
		    k->size - 1);
		return -1;
	}
	switch (k->type) {
	case T_PATH:
		if (strstr(v, " #") != NULL || strstr(v, "\t#") != NULL)
			conf_diag_add(d, CONF_WARNING, line, "%s: the value "
			    "'%.64s' includes the '#'%s", k->name, v,
			    comment_hint(v));
		if (v[0] != '/')
			conf_diag_add(d, CONF_WARNING, line, "%s: '%s' is a "
			    "relative path; the daemon runs from /, so write "
			    "an absolute path", k->name, v);
		break;
	case T_SOCK:
		if (v[0] != '/') {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%s' must be "
			    "an absolute path", k->name, v);
			return -1;
		}
		break;
	case T_SPEC:
		if (pool_spec_check(v, err, sizeof(err)) == -1) {
			conf_diag_add(d, CONF_ERROR, line, "%s: %s", k->name,
			    err);
			return -1;
		}
		break;
	case T_HOST:
		if (strpbrk(v, " \t,") != NULL) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' must "
			    "be one IPv4 address or host name%s", k->name, v,
			    comment_hint(v));
			return -1;
		}
		if (pool_parse_addr(v, len, &a) == -1 &&
		    !pool_is_hostname(v, len)) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
			    "an IPv4 address or host name", k->name, v);
			return -1;
		}
		break;
	case T_IFNAME:
		if (strpbrk(v, " \t/") != NULL || strcmp(v, ".") == 0 ||
		    strcmp(v, "..") == 0) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
			    "an interface name%s", k->name, v,
			    comment_hint(v));
			return -1;
		}
		break;
	case T_USER:
		if (len == 0 || v[0] == '-' || strspn(v, "abcdefghijklmnopqrs"
		    "tuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != len) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
			    "a user name%s", k->name, v, comment_hint(v));
			return -1;
		}
		break;
	case T_ACL:
		if (srclim_acl_check(v, err, sizeof(err)) == -1) {
			conf_diag_add(d, CONF_ERROR, line, "%s: %s%s", k->name,
			    err, comment_hint(v));
			return -1;
		}
		break;
	case T_ADDRPORT:
		if (conf_addrport(v, &a, &port) == -1) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
			    "A.B.C.D or A.B.C.D:PORT (PORT 1 to 65535)%s",
			    k->name, v, comment_hint(v));
			return -1;
		}
		break;
	case T_FLAG:
	case T_UINT:
	case T_WORD:
	case T_RATE:
		break;
	}
	memcpy((char *)c + k->off, v, len + 1);
	return 0;
}

/* "N/SECONDS" (N 0: off; "0" alone is accepted too). */
static int
conf_set_rate(struct conf *c, const struct conf_kwdef *k, const char *v,
    unsigned line, struct conf_diag *d)
{
	char		 num[16];
	const char	*slash;
	unsigned	 n, secs;
	size_t		 len;

	if (strcmp(v, "0") == 0) {
		c->conn_rate.n = 0;
		c->conn_rate.secs = 0;
		return 0;
	}
	slash = strchr(v, '/');
	len = slash != NULL ? (size_t)(slash - v) : 0;
	if (slash == NULL || len >= sizeof(num)) {
		conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
		    "COUNT/SECONDS, for example 10/60%s", k->name, v,
		    comment_hint(v));
		return -1;
	}
	memcpy(num, v, len);
	num[len] = '\0';
	if (conf_num(num, 1, k->max, &n) != 0 ||
	    conf_num(slash + 1, 1, 3600, &secs) != 0) {
		conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not "
		    "COUNT/SECONDS with COUNT from 1 to %u and SECONDS from 1 "
		    "to 3600 (0 turns the limit off)%s", k->name, v, k->max,
		    comment_hint(v));
		return -1;
	}
	c->conn_rate.n = n;
	c->conn_rate.secs = secs;
	return 0;
}

static int
conf_set_kw(struct conf *c, enum conf_kw kw, const char *v, unsigned line,
    struct conf_diag *d)
{
	const struct conf_kwdef	*k = &conf_kws[kw];
	char			 words[64];
	unsigned		 n, i;

	c->set |= UINT64_C(1) << kw;
	c->line[kw] = line;
	switch (k->type) {
	case T_FLAG:
		if (v[0] != '\0')
			conf_diag_add(d, CONF_WARNING, line, "%s takes no "
			    "value; '%.64s' is ignored", k->name, v);
		*(bool *)((char *)c + k->off) = true;
		return 0;
	case T_UINT:
		if (k->zero_default != 0 && strcmp(v, "0") == 0) {
			conf_diag_add(d, CONF_WARNING, line, "%s 0 means the "
			    "default, %u (as in poptop)", k->name,
			    k->zero_default);
			n = k->zero_default;
		} else if (v[0] == '\0') {
			conf_diag_add(d, CONF_ERROR, line, "%s: missing value "
			    "(allowed: %u to %u)", k->name, k->min, k->max);
			return -1;
		} else if (conf_num(v, k->min, k->max, &n) != 0) {
			conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is %s "
			    "(allowed: %u to %u)%s", k->name, v,
			    conf_num(v, 0, UINT32_MAX, &n) == 0 ?
			    "out of range" : "not a whole decimal number", k->min, k->max,
			    comment_hint(v));
			return -1;
		}
		*(unsigned *)((char *)c + k->off) = n;
		return 0;
	case T_WORD:
		for (i = 0; i <= k->max; i++) {
			if (strcmp(v, k->words[i]) != 0)
				continue;
			*(int *)((char *)c + k->off) = (int)i;
			return 0;
		}
		conf_diag_add(d, CONF_ERROR, line, "%s: '%.64s' is not one of "
		    "%s", k->name, v, conf_words(k, words, sizeof(words)));
		return -1;
	case T_RATE:
		return conf_set_rate(c, k, v, line, d);
	case T_PATH:
	case T_SOCK:
	case T_SPEC:
	case T_HOST:
	case T_IFNAME:
	case T_ACL:
	case T_ADDRPORT:
	case T_USER:
		if (conf_set_str(c, k, v, line, d) == -1)
			return -1;
		if (kw == CONF_KW_VRF)
			conf_diag_add(d, CONF_WARNING, line, "vrf is accepted "
			    "but not supported: pptpd-ng listens in the "
			    "default VRF (run it under 'ip vrf exec %s')",
			    c->vrf);
		return 0;
	}
	return -1;
}

static int
conf_lookup(const char *kw, size_t len)
{
	int	i;

	for (i = 0; i < CONF_KW__COUNT; i++)
		if (strlen(conf_kws[i].name) == len &&
		    memcmp(conf_kws[i].name, kw, len) == 0)
			return i;
	return -1;
}

/* Sets one keyword by name (the command line uses this); 0 or -1. */
int
conf_set(struct conf *c, const char *kw, const char *value, unsigned line,
    struct conf_diag *d)
{
	int	i;

	if ((i = conf_lookup(kw, strlen(kw))) == -1) {
		conf_diag_add(d, CONF_ERROR, line, "unknown keyword '%.64s'",
		    kw);
		return -1;
	}
	return conf_set_kw(c, (enum conf_kw)i, value, line, d);
}

/* Copies every keyword src has set over dst: the command line wins. */
void
conf_override(struct conf *dst, const struct conf *src)
{
	int	i;

	for (i = 0; i < CONF_KW__COUNT; i++) {
		if ((src->set & UINT64_C(1) << i) == 0)
			continue;
		memcpy((char *)dst + conf_kws[i].off,
		    (const char *)src + conf_kws[i].off, conf_kws[i].size);
		dst->set |= UINT64_C(1) << i;
		dst->line[i] = src->line[i];
	}
}

/* One line, newline and trailing blanks already removed (poptop). */
static void
conf_line(struct conf *c, const char *s, size_t len, unsigned line,
    struct conf_diag *d)
{
	char	 value[CONF_LINE_MAX + 1];
	size_t	 klen, i;
	int	 kw;

	if (len == 0 || s[0] == '#')
		return;
	if (s[0] == ' ' || s[0] == '\t') {
		for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
			;
		if (s[i] != '#')
			conf_diag_add(d, CONF_WARNING, line, "line starts with "
			    "white space and is ignored (as in poptop); remove "
			    "the indentation to make '%.*s' count",
			    (int)(len - i > 40 ? 40 : len - i), s + i);
		return;
	}
	for (klen = 0; klen < len && s[klen] != ' ' && s[klen] != '\t'; klen++)
		;
	for (i = klen; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	memcpy(value, s + i, len - i);
	value[len - i] = '\0';

	if ((kw = conf_lookup(s, klen)) == -1) {
		for (kw = 0; kw < CONF_KW__COUNT; kw++)
			if (strlen(conf_kws[kw].name) == klen &&
			    strncasecmp(conf_kws[kw].name, s, klen) == 0)
				break;
		if (kw < CONF_KW__COUNT)
			conf_diag_add(d, CONF_WARNING, line, "unknown keyword "
			    "'%.*s' ignored; keywords are case-sensitive: "
			    "write '%s'", (int)klen, s, conf_kws[kw].name);
		else
			conf_diag_add(d, CONF_WARNING, line, "unknown keyword "
			    "'%.*s' ignored", (int)(klen > 40 ? 40 : klen), s);
		return;
	}
	if (c->set & UINT64_C(1) << kw) {
		conf_diag_add(d, CONF_WARNING, line, "%s: duplicate ignored; "
		    "the first one, on line %u, wins (as in poptop)",
		    conf_kws[kw].name, c->line[kw]);
		return;
	}
	(void)conf_set_kw(c, (enum conf_kw)kw, value, line, d);
}

/*
 * Parses a whole pptpd.conf image into *c, defaults first.  Returns 0, or
 * -1 when an error was reported (the daemon must not start).
 */
int
conf_parse(struct conf *c, const char *buf, size_t len, struct conf_diag *d)
{
	const char	*p = buf, *end = buf + len, *nl;
	size_t		 n;
	unsigned	 line = 0, errors;
	bool		 crwarned = false;

	conf_init(c);
	errors = d != NULL ? d->errors : 0;
	while (p < end) {
		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (nl != NULL ? nl : end) - p;
		if (n >= CONF_LINE_MAX) {
			conf_diag_add(d, CONF_WARNING, line, "line is %zu "
			    "characters long, at most %d are read: the whole "
			    "line is ignored (as in poptop)", n,
			    CONF_LINE_MAX - 1);
		} else if (memchr(p, '\0', n) != NULL) {
			conf_diag_add(d, CONF_ERROR, line, "line contains a "
			    "NUL byte and is ignored");
		} else {
			if (n > 0 && p[n - 1] == '\r') {
				if (!crwarned)
					conf_diag_add(d, CONF_WARNING, line,
					    "DOS line ending (CR LF): the CR is "
					    "ignored here, but poptop would "
					    "read it as part of the value");
				crwarned = true;
				n--;
			}
			while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			conf_line(c, p, n, line, d);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (d == NULL)
		return 0;
	return d->errors > errors ? -1 : 0;
}

/*
 * The value of one keyword as pptpd.conf text.  Returns 1 when the keyword
 * is on or has a value, 0 when it is an unset flag or an empty string.
 */
int
conf_value_str(const struct conf *c, enum conf_kw kw, char *buf, size_t cap)
{
	const struct conf_kwdef	*k = &conf_kws[kw];
	const char		*base = (const char *)c + k->off;
	unsigned		 n;

	buf[0] = '\0';
	switch (k->type) {
	case T_FLAG:
		return *(const bool *)base ? 1 : 0;
	case T_UINT:
		n = *(const unsigned *)base;
		if (kw == CONF_KW_HANDSHAKE_TIMEOUT)
			n = conf_handshake_timeout(c);
		(void)snprintf(buf, cap, "%u", n);
		return 1;
	case T_WORD:
		(void)snprintf(buf, cap, "%s",
		    k->words[*(const int *)base]);
		return 1;
	case T_RATE:
		if (c->conn_rate.n == 0)
			return 0;
		(void)snprintf(buf, cap, "%u/%u", c->conn_rate.n,
		    c->conn_rate.secs);
		return 1;
	case T_ACL:
	case T_USER:
	case T_PATH:
	case T_SOCK:
	case T_SPEC:
	case T_HOST:
	case T_IFNAME:
	case T_ADDRPORT:
		(void)snprintf(buf, cap, "%s", base);
		return buf[0] != '\0';
	}
	return 0;
}
