/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * control.c: the I/O shell of the local control socket (codec and grammar
 * in ctl_wire.[ch]).  Owns the unix socket (mode 0660, group pptpd-ng when
 * that group exists), the SO_PEERCRED check, one request per connection,
 * the snapshot of the daemon's objects as records, the commands
 * (disconnect, reload) and the recent-auth-failures table.  It reads the
 * daemon's objects and never changes them except through callmgr_hangup().
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ctl_wire.h"
#include "pptpd.h"

#define CONTROL_GROUP		"pptpd-ng"	/* read access */
#define CONTROL_CLIENTS_MAX	16
#define CONTROL_READ_SECS	5
#define CONTROL_WRITE_SECS	30
#define AUTHFAIL_MAX		64
#define AUTHFAIL_KEEP_MS	(3600 * 1000)	/* "recent": the last hour */
#define NGROUPS_PEER		64

/* What "show authfail" adds to the entry of the same index in af_lim. */
struct authfail {
	uint64_t	count;
	char		user[CTL_NAME_MAX];
};

struct ctlc {
	struct control	*ctl;
	int		 fd;
	int		 admin;		/* may disconnect and reload */
	struct event	*ev_read;
	struct event	*ev_write;
	struct evbuffer	*out;
	char		 in[CTL_LINE_MAX];
	size_t		 inlen;
	int		 done;		/* answered: close when flushed */
};

struct control {
	struct pptpd	*d;
	int		 fd;
	gid_t		 gid;		/* readers' group; (gid_t)-1: none */
	char		 path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct event	*ev_accept;
	unsigned	 nclients;
	uint64_t	 t_start;
	uint64_t	 ctrl_closed[CTRL_STAT__MAX];	/* reaped tunnels */
	struct srclim_ent af_lim[AUTHFAIL_MAX];	/* window, ban (srclim.c) */
	struct authfail	 af[AUTHFAIL_MAX];
};

static void	control_accept_cb(evutil_socket_t, short, void *);
static void	ctlc_read_cb(evutil_socket_t, short, void *);
static void	ctlc_write_cb(evutil_socket_t, short, void *);
static void	ctlc_free(struct ctlc *);
static int	ctlc_peer_ok(struct ctlc *, gid_t);
static void	ctlc_request(struct ctlc *, const struct ctl_rec *);
static void	ctlc_send(struct ctlc *, const struct ctl_rec *);
static void	ctlc_result(struct ctlc *, int, uint64_t, const char *);
static void	fill_stats(struct control *, struct ctl_stats *);
static void	fill_tunnel(const struct conn *, uint64_t, struct ctl_tunnel *);
static void	fill_call(const struct call *, uint64_t, struct ctl_call *);

int
control_open(struct pptpd *d)
{
	struct control		*ctl;
	struct sockaddr_un	 sun;
	struct group		*gr;
	struct stat		 st;
	char			 dir[sizeof(sun.sun_path)], *slash;
	int			 fd = -1, probe;
	mode_t			 old;

	if (d->conf.control_socket[0] == '\0')
		return 0;
	if ((ctl = calloc(1, sizeof(*ctl))) == NULL)
		return -1;
	ctl->d = d;
	ctl->fd = -1;
	ctl->t_start = now_ms();
	d->ctl = ctl;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(d->conf.control_socket) >= sizeof(sun.sun_path)) {
		log_warnx("control-socket %s: path too long",
		    d->conf.control_socket);
		return -1;
	}
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s",
	    d->conf.control_socket);
	snprintf(ctl->path, sizeof(ctl->path), "%s", sun.sun_path);
	ctl->gid = (gr = getgrnam(CONTROL_GROUP)) != NULL ? gr->gr_gid :
	    (gid_t)-1;

	/* The default lives under /run, which starts empty. */
	snprintf(dir, sizeof(dir), "%s", sun.sun_path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) == 0)
			log_info("created %s", dir);
	}
	/* A live daemon keeps its socket; a stale one is replaced. */
	if (lstat(sun.sun_path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_warnx("control-socket %s exists and is not a "
			    "socket", sun.sun_path);
			return -1;
		}
		if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0))
		    != -1) {
			if (connect(probe, (struct sockaddr *)&sun,
			    sizeof(sun)) == 0) {
				close(probe);
				log_warnx("control-socket %s: another pptpd-ng "
				    "answers there", sun.sun_path);
				return -1;
			}
			close(probe);
		}
		unlink(sun.sun_path);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		goto fail;
	/* Never a moment with wider permissions than the final ones. */
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(old);
		goto fail;
	}
	umask(old);
	if (ctl->gid != (gid_t)-1) {
		if (chown(sun.sun_path, (uid_t)-1, ctl->gid) == -1 ||
		    chmod(sun.sun_path, 0660) == -1)
			log_warn("control-socket %s: group %s", sun.sun_path,
			    CONTROL_GROUP);
	}
	if (listen(fd, CONTROL_CLIENTS_MAX) == -1)
		goto fail;
	ctl->fd = fd;
	ctl->ev_accept = event_new(d->base, fd, EV_READ | EV_PERSIST,
	    control_accept_cb, ctl);
	if (ctl->ev_accept == NULL || event_add(ctl->ev_accept, NULL) == -1) {
		log_warnx("control-socket: cannot watch it");
		return -1;
	}
	log_info("control socket %s (%s)", sun.sun_path, ctl->gid !=
	    (gid_t)-1 ? "mode 0660, group " CONTROL_GROUP : "mode 0600");
	return 0;

fail:
	log_warn("control-socket %s", sun.sun_path);
	if (fd != -1)
		close(fd);
	return -1;
}

void
control_close(struct pptpd *d)
{
	struct control	*ctl = d->ctl;

	if (ctl == NULL || ctl->fd == -1)
		return;
	if (ctl->ev_accept != NULL)
		event_free(ctl->ev_accept);
	ctl->ev_accept = NULL;
	close(ctl->fd);
	ctl->fd = -1;
	unlink(ctl->path);
}

/* A connection is reaped: keep its per-reason counters in the totals. */
void
control_conn_closed(struct pptpd *d, const struct conn *c)
{
	size_t	i;

	if (d->ctl == NULL)
		return;
	for (i = 0; i < CTRL_STAT__MAX; i++)
		d->ctl->ctrl_closed[i] += c->fsm.stats.n[i];
}

/*
 * pppd said "peer authentication failed": remember who, bounded.  Returns
 * true when this failure bans the source (auth-failure-limit).
 */
bool
control_auth_failure(struct pptpd *d, const struct sockaddr_in *peer,
    const char *user)
{
	struct control		*ctl = d->ctl;
	struct srclim_ent	*e;
	struct authfail		*a;
	uint32_t		 addr = ntohl(peer->sin_addr.s_addr);
	uint64_t		 now = now_ms();
	bool			 fresh, over;

	if (ctl == NULL || addr == 0)
		return false;
	fresh = srclim_find(ctl->af_lim, AUTHFAIL_MAX, addr) == NULL;
	e = srclim_slot(ctl->af_lim, AUTHFAIL_MAX, addr, now,
	    AUTHFAIL_KEEP_MS);
	a = &ctl->af[e - ctl->af_lim];
	if (fresh)
		memset(a, 0, sizeof(*a));
	a->count++;
	snprintf(a->user, sizeof(a->user), "%s", user);
	over = srclim_count(e, now, d->conf.authfail_limit == 0 ? UINT32_MAX :
	    d->conf.authfail_limit - 1, (uint64_t)d->conf.authfail_window *
	    1000);
	if (!over || d->conf.authfail_limit == 0 || e->ban_until > now)
		return false;
	e->ban_until = now + (uint64_t)d->conf.authfail_ban * 1000;
	d->stats.auth_bans++;
	return true;
}

/* Whether a source is serving an auth-failure ban. */
bool
control_auth_banned(struct pptpd *d, struct in_addr a)
{
	if (d->ctl == NULL)
		return false;
	return srclim_banned(d->ctl->af_lim, AUTHFAIL_MAX, ntohl(a.s_addr),
	    now_ms());
}

static void
control_accept_cb(evutil_socket_t lfd, short what, void *arg)
{
	struct control	*ctl = arg;
	struct ctlc	*cc;
	struct timeval	 tv = { CONTROL_READ_SECS, 0 };
	int		 fd;

	(void)what;
	if ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) ==
	    -1)
		return;
	if (ctl->nclients >= CONTROL_CLIENTS_MAX ||
	    (cc = calloc(1, sizeof(*cc))) == NULL) {
		log_warnx("control socket: too many clients, one refused");
		close(fd);
		return;
	}
	cc->ctl = ctl;
	cc->fd = fd;
	cc->out = evbuffer_new();
	cc->ev_read = event_new(ctl->d->base, fd, EV_READ | EV_PERSIST,
	    ctlc_read_cb, cc);
	cc->ev_write = event_new(ctl->d->base, fd, EV_WRITE, ctlc_write_cb,
	    cc);
	ctl->nclients++;
	if (cc->out == NULL || cc->ev_read == NULL || cc->ev_write == NULL) {
		ctlc_free(cc);
		return;
	}
	if (!ctlc_peer_ok(cc, ctl->gid)) {
		ctlc_result(cc, 0, 0, "access denied");
		return;
	}
	event_add(cc->ev_read, &tv);
}

/*
 * Defence in depth behind the file mode: root and our own user may do
 * anything; members of the pptpd-ng group may only read.
 */
static int
ctlc_peer_ok(struct ctlc *cc, gid_t gid)
{
	struct ucred	cred;
	socklen_t	len = sizeof(cred);
	gid_t		groups[NGROUPS_PEER];
	size_t		i, n;

	if (getsockopt(cc->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1)
		return 0;
	if (cred.uid == 0 || cred.uid == geteuid()) {
		cc->admin = 1;
		return 1;
	}
	if (gid == (gid_t)-1)
		goto denied;
	if (cred.gid == gid)
		return 1;
#ifdef SO_PEERGROUPS
	len = sizeof(groups);
	if (getsockopt(cc->fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0) {
		n = len / sizeof(groups[0]);
		for (i = 0; i < n; i++)
			if (groups[i] == gid)
				return 1;
	}
#else
	(void)groups;
	(void)i;
	(void)n;
#endif
denied:
	log_info("control socket: uid %u gid %u refused", (unsigned)cred.uid,
	    (unsigned)cred.gid);
	return 0;
}

static void
ctlc_free(struct ctlc *cc)
{
	if (cc->ev_read != NULL)
		event_free(cc->ev_read);
	if (cc->ev_write != NULL)
		event_free(cc->ev_write);
	if (cc->out != NULL)
		evbuffer_free(cc->out);
	close(cc->fd);
	cc->ctl->nclients--;
	free(cc);
}

static void
ctlc_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ctlc	*cc = arg;
	struct ctl_rec	 req;
	enum ctl_err	 e;
	ssize_t		 n;
	size_t		 len;

	if (what & EV_TIMEOUT) {
		ctlc_free(cc);
		return;
	}
	n = read(fd, cc->in + cc->inlen, sizeof(cc->in) - cc->inlen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		ctlc_free(cc);
		return;
	}
	cc->inlen += (size_t)n;
	if ((len = ctl_line_len(cc->in, cc->inlen)) == 0) {
		if (cc->inlen == sizeof(cc->in))
			ctlc_result(cc, 0, 0, "request too long");
		return;
	}
	event_del(cc->ev_read);
	if ((e = ctl_parse(cc->in, len, &req)) != CTL_OK) {
		char	msg[CTL_TEXT_MAX];

		snprintf(msg, sizeof(msg), "bad request: %s", ctl_err_str(e));
		ctlc_result(cc, 0, 0, msg);
		return;
	}
	if (req.type != CTL_REC_REQUEST) {
		ctlc_result(cc, 0, 0, "bad request: not a request record");
		return;
	}
	ctlc_request(cc, &req);
}

static int
want(const char *what, const char *part)
{
	return what[0] == '\0' || strcmp(what, "all") == 0 ||
	    strcmp(what, part) == 0;
}

static void
ctlc_request(struct ctlc *cc, const struct ctl_rec *req)
{
	struct control		*ctl = cc->ctl;
	struct pptpd		*d = ctl->d;
	const struct ctl_request *r = &req->u.req;
	struct ctl_rec		 rec;
	struct conn		*c;
	struct call		*call;
	char			 addr[INET_ADDRSTRLEN], msg[CTL_TEXT_MAX];
	uint64_t		 now = now_ms(), n = 0;
	size_t			 i;

	if (strcmp(r->cmd, "show") == 0) {
		if (!want(r->what, "stats") && !want(r->what, "pool") &&
		    !want(r->what, "tunnels") && !want(r->what, "calls") &&
		    !want(r->what, "authfail")) {
			ctlc_result(cc, 0, 0, "show: unknown part");
			return;
		}
		if (want(r->what, "stats") || want(r->what, "pool")) {
			memset(&rec, 0, sizeof(rec));
			rec.type = CTL_REC_STATS;
			fill_stats(ctl, &rec.u.stats);
			ctlc_send(cc, &rec);
			n++;
		}
		if (want(r->what, "tunnels"))
			TAILQ_FOREACH(c, &d->conns, entry) {
				if (c->dead)
					continue;
				memset(&rec, 0, sizeof(rec));
				rec.type = CTL_REC_TUNNEL;
				fill_tunnel(c, now, &rec.u.tunnel);
				ctlc_send(cc, &rec);
				n++;
			}
		if (want(r->what, "calls"))
			for (i = 1; i < CALL_ID_SPACE; i++) {
				if ((call = d->by_id[i]) == NULL)
					continue;
				memset(&rec, 0, sizeof(rec));
				rec.type = CTL_REC_CALL;
				fill_call(call, now, &rec.u.call);
				ctlc_send(cc, &rec);
				n++;
			}
		if (want(r->what, "authfail"))
			for (i = 0; i < AUTHFAIL_MAX; i++) {
				struct authfail *a = &ctl->af[i];
				struct srclim_ent *e = &ctl->af_lim[i];
				struct in_addr ia;

				if (e->addr == 0 ||
				    now - e->last_ms > AUTHFAIL_KEEP_MS)
					continue;
				memset(&rec, 0, sizeof(rec));
				rec.type = CTL_REC_AUTHFAIL;
				ia.s_addr = htonl(e->addr);
				inet_ntop(AF_INET, &ia, rec.u.authfail.peer,
				    sizeof(rec.u.authfail.peer));
				rec.u.authfail.count = a->count;
				snprintf(rec.u.authfail.user,
				    sizeof(rec.u.authfail.user), "%s", a->user);
				rec.u.authfail.age = (now - e->last_ms) / 1000;
				ctlc_send(cc, &rec);
				n++;
			}
		ctlc_result(cc, 1, n, "");
		return;
	}
	if (!cc->admin) {
		ctlc_result(cc, 0, 0, "permission denied: read-only access");
		return;
	}
	if (strcmp(r->cmd, "reload") == 0) {
		/* The privileged process reads the file, as for kill -HUP. */
		log_info("control socket: reload requested");
		privsep_reload_request(d);
		ctlc_result(cc, 1, 0, "");
		return;
	}
	if (strcmp(r->cmd, "disconnect") == 0) {
		if (r->id == 0 && r->user[0] == '\0' && r->addr[0] == '\0') {
			ctlc_result(cc, 0, 0, "disconnect: give an id, a user "
			    "or an address");
			return;
		}
		for (i = 1; i < CALL_ID_SPACE; i++) {
			if ((call = d->by_id[i]) == NULL || call->pid <= 0)
				continue;
			if (r->id != 0 && r->id != call->call_id)
				continue;
			if (r->user[0] != '\0' && strcmp(r->user, call->user))
				continue;
			pool_addr_str(call->remote, addr, sizeof(addr));
			if (r->addr[0] != '\0' && (!call->has_slot ||
			    strcmp(r->addr, addr) != 0))
				continue;
			call_log(call, LOG_INFO, "disconnect requested on the "
			    "control socket");
			callmgr_admin_hangup(call,
			    "disconnected by the administrator (pptpctl)");
			n++;
		}
		if (n == 0) {
			ctlc_result(cc, 0, 0, "disconnect: no such call");
			return;
		}
		ctlc_result(cc, 1, n, "");
		return;
	}
	snprintf(msg, sizeof(msg), "unknown command");
	ctlc_result(cc, 0, 0, msg);
}

static void
ctlc_send(struct ctlc *cc, const struct ctl_rec *rec)
{
	char		line[CTL_LINE_MAX];
	size_t		n;
	enum ctl_err	e;

	if ((n = ctl_build(line, sizeof(line), rec, &e)) == 0) {
		log_warnx("control socket: cannot encode a %s record: %s",
		    ctl_rec_type_name(rec->type), ctl_err_str(e));
		return;
	}
	evbuffer_add(cc->out, line, n);
}

/* The last line of every answer; then flush and close. */
static void
ctlc_result(struct ctlc *cc, int ok, uint64_t count, const char *error)
{
	struct ctl_rec	rec;
	struct timeval	tv = { CONTROL_WRITE_SECS, 0 };

	memset(&rec, 0, sizeof(rec));
	rec.type = CTL_REC_RESULT;
	rec.u.result.ok = ok;
	rec.u.result.count = count;
	snprintf(rec.u.result.error, sizeof(rec.u.result.error), "%s", error);
	ctlc_send(cc, &rec);
	cc->done = 1;
	event_del(cc->ev_read);
	event_add(cc->ev_write, &tv);
}

static void
ctlc_write_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ctlc	*cc = arg;
	struct timeval	 tv = { CONTROL_WRITE_SECS, 0 };
	int		 n;

	if (what & EV_TIMEOUT) {
		ctlc_free(cc);
		return;
	}
	n = evbuffer_write(cc->out, fd);
	if ((n == -1 && errno != EAGAIN && errno != EINTR) ||
	    evbuffer_get_length(cc->out) == 0) {
		ctlc_free(cc);
		return;
	}
	event_add(cc->ev_write, &tv);
}

static void
fill_stats(struct control *ctl, struct ctl_stats *s)
{
	struct pptpd	*d = ctl->d;
	struct conn	*c;
	size_t		 i;

	snprintf(s->version, sizeof(s->version), "%s", PPTPD_VERSION);
	s->uptime = (now_ms() - ctl->t_start) / 1000;
	s->tunnels_active = d->nconns;
	s->tunnels_total = d->stats.conns_total;
	s->tunnels_refused_limit = d->stats.conns_refused_limit;
	s->tunnels_refused_source = d->stats.conns_refused_source;
	s->tunnels_refused_stopping = d->stats.conns_refused_stopping;
	s->tunnels_refused_acl = d->stats.conns_refused_acl;
	s->tunnels_refused_rate = d->stats.conns_refused_rate;
	s->tunnels_refused_banned = d->stats.conns_refused_banned;
	s->auth_bans = d->stats.auth_bans;
	s->calls_active = d->ncalls;
	s->calls_total = d->stats.calls_total;
	s->calls_failed = d->stats.calls_failed;
	s->calls_refused_pool = d->stats.calls_refused_pool;
	s->calls_refused_callid = d->stats.calls_refused_callid;
	s->calls_spawn_failed = d->stats.calls_spawn_failed;
	s->callid_kernel_busy = d->stats.callid_kernel_busy;
	s->auth_failures = d->stats.auth_failures;
	s->no_gre = d->stats.no_gre;
	s->accept_errors = d->stats.accept_errors;
	s->dae_rx = d->stats.dae_rx;
	s->dae_drop_client = d->stats.dae_drop_client;
	s->dae_drop_malformed = d->stats.dae_drop_malformed;
	s->dae_drop_auth = d->stats.dae_drop_auth;
	s->dae_drop_msgauth = d->stats.dae_drop_msgauth;
	s->dae_drop_no_msgauth = d->stats.dae_drop_no_msgauth;
	s->dae_drop_stale = d->stats.dae_drop_stale;
	s->dae_dup = d->stats.dae_dup;
	s->dae_ack = d->stats.dae_ack;
	s->dae_nak_session = d->stats.dae_nak_session;
	s->dae_nak_attr = d->stats.dae_nak_attr;
	s->dae_nak_missing = d->stats.dae_nak_missing;
	s->dae_nak_invalid = d->stats.dae_nak_invalid;
	s->dae_nak_coa = d->stats.dae_nak_coa;
	s->dae_tx_errors = d->stats.dae_tx_errors;
	s->delegate = d->conf.delegate != 0;
	if (!d->conf.delegate) {
		s->pool_size = pool_size(&d->pool);
		s->pool_used = pool_used(&d->pool);
	}
	for (i = 0; i < CTRL_STAT__MAX; i++)
		s->ctrl[i] = ctl->ctrl_closed[i];
	TAILQ_FOREACH(c, &d->conns, entry)
		for (i = 0; i < CTRL_STAT__MAX; i++)
			s->ctrl[i] += c->fsm.stats.n[i];
}

static void
fill_tunnel(const struct conn *c, uint64_t now, struct ctl_tunnel *t)
{
	unsigned	k;

	t->id = c->id;
	inet_ntop(AF_INET, &c->peer.sin_addr, t->peer, sizeof(t->peer));
	t->peer_port = ntohs(c->peer.sin_port);
	inet_ntop(AF_INET, &c->local.sin_addr, t->local, sizeof(t->local));
	snprintf(t->state, sizeof(t->state), "%s",
	    ctrl_state_name(c->fsm.state));
	snprintf(t->host, sizeof(t->host), "%s", c->peer_host);
	snprintf(t->vendor, sizeof(t->vendor), "%s", c->peer_vendor);
	t->uptime = (now - c->t_start) / 1000;
	for (k = 0; k < CTRL_CALLS_MAX; k++)
		if (c->calls[k] != NULL)
			t->calls++;
	t->rx_msgs = c->rx_msgs;
	t->tx_msgs = c->tx_msgs;
}

static void
fill_call(const struct call *call, uint64_t now, struct ctl_call *o)
{
	o->tunnel = call->tunnel;
	o->call_id = call->call_id;
	o->peer_call_id = call->peer_call_id;
	snprintf(o->user, sizeof(o->user), "%s", call->user);
	inet_ntop(AF_INET, &call->peer.sin_addr, o->peer, sizeof(o->peer));
	o->peer_port = ntohs(call->peer.sin_port);
	if (call->has_slot) {
		pool_addr_str(call->remote, o->addr, sizeof(o->addr));
		pool_addr_str(call->local, o->local, sizeof(o->local));
	}
	snprintf(o->ifname, sizeof(o->ifname), "%s", call->ifname);
	o->ifindex = call->ifindex;
	snprintf(o->mode, sizeof(o->mode), "%s", call->mode);
	snprintf(o->channel, sizeof(o->channel), "%s", call->channel);
	snprintf(o->state, sizeof(o->state), "%s", call->hangup || call->pid
	    <= 0 ? "clearing" : call->t_up != 0 ? "up" : "starting");
	o->uptime = (now - call->t_start) / 1000;
	o->pid = call->pid > 0 ? (uint64_t)call->pid : 0;
	snprintf(o->acct_session_id, sizeof(o->acct_session_id), "%s",
	    call->acct_session_id);
	o->rx_bytes = call->rx_bytes;
	o->tx_bytes = call->tx_bytes;
	o->rx_pkts = call->rx_pkts;
	o->tx_pkts = call->tx_pkts;
	if (strcmp(call->mode, "user") == 0)
		o->gre = call->gre;
}
