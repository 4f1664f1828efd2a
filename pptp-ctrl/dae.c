/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dae.c: the I/O shell of RFC 5176 Dynamic Authorization (codec in
 * dae_wire.[ch]).  Owns the UDP socket of `dae-listen`, the client table
 * read from `dae-clients`, the duplicate cache, the per-reason counters
 * in d->stats and the one log line per authenticated request.  It ends
 * calls only through callmgr_admin_hangup(); unknown sources and bad
 * packets are dropped, counted and logged at a bounded rate.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "dae_wire.h"
#include "pptpd.h"

#define DAE_CLIENTS_MAX		64
#define DAE_SECRET_MAX		128
#define DAE_READS_PER_EVENT	64
#define DAE_DROP_LOG_MS		10000	/* one drop line per 10 s */

struct dae_client {
	uint32_t	addr;			/* host order */
	size_t		slen;
	char		secret[DAE_SECRET_MAX + 1];
};

struct dae {
	struct pptpd		*d;
	int			 fd;
	struct event		*ev;
	uint32_t		 addr;		/* bound, host order */
	uint16_t		 port;
	size_t			 nclients;
	struct dae_client	 clients[DAE_CLIENTS_MAX];
	struct dae_dup		 dup;
	struct log_limit	 lim_drop;
};

static int	 dae_load_clients(struct dae *, const char *, int);
static void	 dae_read_cb(evutil_socket_t, short, void *);
static void	 dae_input(struct dae *, const uint8_t *, size_t,
		    const struct sockaddr_in *);
static void	 dae_drop(struct dae *, const struct sockaddr_in *,
		    const char *);
static unsigned	 dae_disconnect(struct dae *, const struct dae_req *,
		    const char *);

/*
 * dae-clients: one "ADDRESS SECRET" per line; '#' starts a comment line.
 * The secret is the rest of the line (trailing blanks removed).  Read
 * from fd when it is not -1 (a reload: the privileged process opened the
 * file, the network process is chrooted), else opened by path (start-up).
 */
static int
dae_load_clients(struct dae *e, const char *path, int fd)
{
	FILE		*f;
	struct stat	 st;
	char		 line[512], *p, *sp;
	size_t		 n;
	unsigned	 lineno = 0;
	int		 rc = 0;

	f = fd == -1 ? fopen(path, "re") : fdopen(fd, "r");
	if (f == NULL) {
		log_warn("dae-clients %s", path);
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0)
		log_warnx("dae-clients %s: readable by others (mode %04o); "
		    "it holds shared secrets: chmod 600 it", path,
		    (unsigned)(st.st_mode & 07777));
	e->nclients = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		n = strcspn(line, "\r\n");
		if (line[n] == '\0' && !feof(f)) {
			log_warnx("dae-clients %s:%u: line too long", path,
			    lineno);
			rc = -1;
			break;
		}
		line[n] = '\0';
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '\0' || *p == '#')
			continue;
		sp = p + strcspn(p, " \t");
		if (*sp == '\0') {
			log_warnx("dae-clients %s:%u: no secret after the "
			    "address", path, lineno);
			rc = -1;
			continue;
		}
		*sp++ = '\0';
		while (*sp == ' ' || *sp == '\t')
			sp++;
		if (e->nclients == DAE_CLIENTS_MAX) {
			log_warnx("dae-clients %s:%u: more than %d clients",
			    path, lineno, DAE_CLIENTS_MAX);
			rc = -1;
			break;
		}
		if (pool_parse_addr(p, strlen(p),
		    &e->clients[e->nclients].addr) == -1 ||
		    e->clients[e->nclients].addr == 0) {
			log_warnx("dae-clients %s:%u: '%.40s' is not an IPv4 "
			    "address", path, lineno, p);
			rc = -1;
			continue;
		}
		if (strlen(sp) > DAE_SECRET_MAX) {
			log_warnx("dae-clients %s:%u: secret longer than %d "
			    "characters", path, lineno, DAE_SECRET_MAX);
			rc = -1;
			continue;
		}
		e->clients[e->nclients].slen = strlen(sp);
		memcpy(e->clients[e->nclients].secret, sp, strlen(sp) + 1);
		e->nclients++;
	}
	explicit_bzero(line, sizeof(line));
	fclose(f);
	if (rc == 0 && e->nclients == 0)
		log_warnx("dae-clients %s: no clients: every request will be "
		    "dropped", path);
	return rc;
}

/* clients_fd: the dae-clients file already open, or -1; always consumed. */
int
dae_open(struct pptpd *d, int clients_fd)
{
	struct dae		*e;
	struct sockaddr_in	 sin;
	char			 a[INET_ADDRSTRLEN];
	uint32_t		 addr;
	uint16_t		 port;
	int			 rc = -1;

	if (d->conf.dae_listen[0] == '\0')
		rc = 0;
	else if (conf_addrport(d->conf.dae_listen, &addr, &port) == -1)
		log_warnx("dae-listen %s: not A.B.C.D[:PORT]",
		    d->conf.dae_listen);
	else if (d->conf.dae_clients[0] == '\0')
		log_warnx("dae-listen is set but dae-clients is not: no "
		    "client could ever be answered");
	else if ((e = calloc(1, sizeof(*e))) != NULL)
		goto open;
	if (clients_fd != -1)
		close(clients_fd);
	return rc;

open:
	e->d = d;
	e->fd = -1;
	e->addr = addr;
	e->port = port;
	if (dae_load_clients(e, d->conf.dae_clients, clients_fd) == -1)
		goto fail;
	if ((e->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1)
		goto fail_sys;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(e->addr);
	sin.sin_port = htons(e->port);
	if (bind(e->fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		goto fail_sys;
	e->ev = event_new(d->base, e->fd, EV_READ | EV_PERSIST, dae_read_cb,
	    e);
	if (e->ev == NULL || event_add(e->ev, NULL) == -1) {
		log_warnx("dae-listen: cannot watch the socket");
		goto fail;
	}
	d->dae = e;
	pool_addr_str(e->addr, a, sizeof(a));
	log_info("RFC 5176 Disconnect/CoA on %s:%u (udp), %zu client%s, "
	    "Event-Timestamp window %us%s", a, (unsigned)e->port, e->nclients,
	    e->nclients == 1 ? "" : "s", d->conf.dae_window,
	    d->conf.dae_require_ma ? ", Message-Authenticator required" : "");
	return 0;

fail_sys:
	log_warn("dae-listen %s", d->conf.dae_listen);
fail:
	if (e->ev != NULL)
		event_free(e->ev);
	if (e->fd != -1)
		close(e->fd);
	explicit_bzero(e, sizeof(*e));
	free(e);
	return -1;
}

void
dae_close(struct pptpd *d)
{
	struct dae	*e = d->dae;

	if (e == NULL)
		return;
	event_free(e->ev);
	close(e->fd);
	explicit_bzero(e, sizeof(*e));
	free(e);
	d->dae = NULL;
}

/* SIGHUP: reopen with the new settings (new secrets, address, port). */
int
dae_reload(struct pptpd *d, int clients_fd)
{
	dae_close(d);
	return dae_open(d, clients_fd);
}

static void
dae_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dae		*e = arg;
	struct sockaddr_in	 from;
	socklen_t		 flen;
	uint8_t			 buf[DAE_PKT_MAX + 1];
	ssize_t			 n;
	int			 i;

	(void)what;
	for (i = 0; i < DAE_READS_PER_EVENT; i++) {
		flen = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_TRUNC,
		    (struct sockaddr *)&from, &flen);
		if (n == -1)
			return;
		e->d->stats.dae_rx++;
		if (flen != sizeof(from) || from.sin_family != AF_INET) {
			e->d->stats.dae_drop_malformed++;
			continue;
		}
		if ((size_t)n > DAE_PKT_MAX) {
			e->d->stats.dae_drop_malformed++;
			dae_drop(e, &from, "datagram above 4096 bytes");
			continue;
		}
		dae_input(e, buf, (size_t)n, &from);
	}
}

static void
dae_drop(struct dae *e, const struct sockaddr_in *from, const char *why)
{
	char		a[INET_ADDRSTRLEN];
	uint64_t	held;

	if (!log_limit_pass(&e->lim_drop, now_ms(), DAE_DROP_LOG_MS, &held))
		return;
	inet_ntop(AF_INET, &from->sin_addr, a, sizeof(a));
	log_info("dae: request from %s:%u dropped: %s%s", a,
	    (unsigned)ntohs(from->sin_port), why, held ? " (and earlier "
	    "drops not logged)" : "");
}

/* One datagram from the network: untrusted until dae_parse() says so. */
static void
dae_input(struct dae *e, const uint8_t *buf, size_t len,
    const struct sockaddr_in *from)
{
	struct pptpd			*d = e->d;
	const struct dae_client		*cl = NULL;
	const struct dae_dup_ent	*dup;
	struct dae_req			 q;
	enum dae_err			 err;
	enum dae_cause			 cause;
	uint8_t				 out[DAE_REPLY_MAX];
	char				 a[INET_ADDRSTRLEN], why[96];
	uint32_t			 src = ntohl(from->sin_addr.s_addr);
	unsigned			 hit = 0;
	size_t				 i, n;

	for (i = 0; i < e->nclients; i++)
		if (e->clients[i].addr == src) {
			cl = &e->clients[i];
			break;
		}
	if (cl == NULL) {
		d->stats.dae_drop_client++;
		dae_drop(e, from, "not a dae-clients address");
		return;
	}
	err = dae_parse(buf, len, cl->secret, cl->slen, (uint64_t)time(NULL),
	    d->conf.dae_window, &q);
	switch (err) {
	case DAE_OK:
		break;
	case DAE_ERR_SHORT:
	case DAE_ERR_LENGTH:
	case DAE_ERR_CODE:
	case DAE_ERR_ATTR:
		d->stats.dae_drop_malformed++;
		dae_drop(e, from, dae_err_str(err));
		return;
	case DAE_ERR_AUTH:
		d->stats.dae_drop_auth++;
		dae_drop(e, from, "bad Request Authenticator (wrong secret?)");
		return;
	case DAE_ERR_MSGAUTH:
		d->stats.dae_drop_msgauth++;
		dae_drop(e, from, dae_err_str(err));
		return;
	case DAE_ERR_STALE:
		d->stats.dae_drop_stale++;
		dae_drop(e, from, "Event-Timestamp outside dae-window (clocks "
		    "apart, or a replay)");
		return;
	case DAE_ERR__COUNT:
		return;
	}
	if (d->conf.dae_require_ma && !q.has_msgauth) {
		d->stats.dae_drop_no_msgauth++;
		dae_drop(e, from, "no Message-Authenticator "
		    "(dae-require-message-authenticator)");
		return;
	}
	if ((dup = dae_dup_find(&e->dup, src, ntohs(from->sin_port), &q,
	    now_ms())) != NULL) {
		d->stats.dae_dup++;
		if (sendto(e->fd, dup->reply, dup->len, 0,
		    (const struct sockaddr *)from, sizeof(*from)) == -1)
			d->stats.dae_tx_errors++;
		return;
	}

	inet_ntop(AF_INET, &from->sin_addr, a, sizeof(a));
	cause = q.cause;
	if (cause == DAE_CAUSE_NONE) {
		snprintf(why, sizeof(why), "RFC 5176 Disconnect-Request from "
		    "%s", a);
		if ((hit = dae_disconnect(e, &q, why)) == 0)
			cause = DAE_CAUSE_SESSION_NOT_FOUND;
	}
	switch (cause) {
	case DAE_CAUSE_NONE:
		d->stats.dae_ack++;
		break;
	case DAE_CAUSE_SESSION_NOT_FOUND:
		d->stats.dae_nak_session++;
		break;
	case DAE_CAUSE_UNSUPPORTED_ATTRIBUTE:
		d->stats.dae_nak_attr++;
		break;
	case DAE_CAUSE_MISSING_ATTRIBUTE:
		d->stats.dae_nak_missing++;
		break;
	case DAE_CAUSE_INVALID_REQUEST:
		d->stats.dae_nak_invalid++;
		break;
	case DAE_CAUSE_UNSUPPORTED_SERVICE:
		d->stats.dae_nak_coa++;
		break;
	case DAE_CAUSE_RESOURCES_UNAVAILABLE:
		break;
	}
	n = dae_build_reply(out, sizeof(out), &q, cause == DAE_CAUSE_NONE,
	    cause, cl->secret, cl->slen);
	if (n == 0 || sendto(e->fd, out, n, 0, (const struct sockaddr *)from,
	    sizeof(*from)) == -1) {
		d->stats.dae_tx_errors++;
		log_warnx("dae: answer to %s:%u not sent", a,
		    (unsigned)ntohs(from->sin_port));
	} else
		dae_dup_put(&e->dup, src, ntohs(from->sin_port), &q, now_ms(),
		    out, n);
	if (cause == DAE_CAUSE_NONE)
		log_info("dae: %s id %u from %s: ACK, %u call%s ended",
		    dae_code_str(q.code), (unsigned)q.id, a, hit,
		    hit == 1 ? "" : "s");
	else if (q.bad_type != 0)
		log_info("dae: %s id %u from %s: NAK %d %s (attribute %u)",
		    dae_code_str(q.code), (unsigned)q.id, a, (int)cause,
		    dae_cause_str(cause), (unsigned)q.bad_type);
	else
		log_info("dae: %s id %u from %s: NAK %d %s",
		    dae_code_str(q.code), (unsigned)q.id, a, (int)cause,
		    dae_cause_str(cause));
}

/* Every call that matches all identification attributes is ended. */
static unsigned
dae_disconnect(struct dae *e, const struct dae_req *q, const char *why)
{
	struct pptpd		*d = e->d;
	struct call		*call;
	struct dae_session	 s;
	char			 peer[INET_ADDRSTRLEN];
	unsigned		 i, hit = 0;

	for (i = 1; i < CALL_ID_SPACE; i++) {
		if ((call = d->by_id[i]) == NULL || call->pid <= 0)
			continue;
		inet_ntop(AF_INET, &call->peer.sin_addr, peer, sizeof(peer));
		s.user = call->user;
		s.session_id = call->acct_session_id;
		s.calling = peer;
		s.framed_ip = call->framed;
		if (!dae_match(q, &s))
			continue;
		hit++;
		call_log(call, LOG_INFO, "%s", why);
		callmgr_admin_hangup(call, "RFC 5176 Disconnect-Request");
	}
	return hit;
}
