/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * listener.c: the TCP/1723 listening socket.  Non-blocking accept in a
 * loop (a silent peer never blocks it, unlike poptop's stimeout), the
 * allow/deny lists, the auth-failure ban, the per-source connection rate
 * and the total and per-source connection limits (decided by srclim.c),
 * each refusal counted and logged at most once per interval; a spare
 * descriptor to refuse connections when out of file descriptors.  Hands
 * accepted sockets to conn.c.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ctrl_wire.h"
#include "pptpd.h"

#define REFUSE_LOG_MS	10000	/* one refusal line per 10 s */
#define RATE_KEEP_MS	(3600 * 1000)	/* forget idle sources after 1 h */

static void	listener_accept_cb(evutil_socket_t, short, void *);
static unsigned	conns_from(const struct pptpd *, struct in_addr);
static bool	rate_exceeded(struct pptpd *, struct in_addr);
static void	refuse(struct pptpd *, int, const struct sockaddr_in *,
		    uint64_t *, const char *);
static int	refuse_nofd(struct pptpd *, int);

int
listener_open(struct pptpd *d)
{
	struct sockaddr_in	sin;
	int			fd, on = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(PPTP_TCP_PORT);
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	if (d->conf.listen[0] != '\0' &&
	    inet_pton(AF_INET, d->conf.listen, &sin.sin_addr) != 1) {
		log_warnx("listen %s: not an IPv4 address", d->conf.listen);
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_warn("socket");
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		log_warn("bind %s:%d (is another PPTP server running?)",
		    inet_ntoa(sin.sin_addr), PPTP_TCP_PORT);
		close(fd);
		return -1;
	}
	if (listen(fd, (int)d->conf.listen_backlog) == -1) {
		log_warn("listen");
		close(fd);
		return -1;
	}
	d->lfd = fd;
	d->reserve_fd = open("/", O_RDONLY | O_CLOEXEC);
	d->ev_accept = event_new(d->base, fd, EV_READ | EV_PERSIST,
	    listener_accept_cb, d);
	if (d->ev_accept == NULL || event_add(d->ev_accept, NULL) == -1) {
		log_warnx("cannot watch the listening socket");
		close(fd);
		return -1;
	}
	log_info("listening on %s:%d", inet_ntoa(sin.sin_addr), PPTP_TCP_PORT);
	return 0;
}

void
listener_close(struct pptpd *d)
{
	if (d->ev_accept != NULL) {
		event_free(d->ev_accept);
		d->ev_accept = NULL;
	}
	if (d->lfd != -1) {
		close(d->lfd);
		d->lfd = -1;
	}
}

static unsigned
conns_from(const struct pptpd *d, struct in_addr a)
{
	const struct conn	*c;
	unsigned		 n = 0;

	TAILQ_FOREACH(c, &d->conns, entry)
		if (!c->dead && c->peer.sin_addr.s_addr == a.s_addr)
			n++;
	return n;
}

/* One more connection from a; true when it is over the rate. */
static bool
rate_exceeded(struct pptpd *d, struct in_addr a)
{
	struct srclim_ent	*e;
	uint64_t		 now = now_ms();

	if (d->conf.conn_rate.n == 0)
		return false;
	e = srclim_slot(d->rate, SRC_RATE_MAX, ntohl(a.s_addr), now,
	    RATE_KEEP_MS);
	return srclim_count(e, now, d->conf.conn_rate.n,
	    (uint64_t)d->conf.conn_rate.secs * 1000);
}

static void
refuse(struct pptpd *d, int fd, const struct sockaddr_in *sin,
    uint64_t *counter, const char *why)
{
	uint64_t	held;
	char		a[INET_ADDRSTRLEN];

	(*counter)++;
	close(fd);
	if (log_limit_pass(&d->lim_refuse, now_ms(), REFUSE_LOG_MS, &held)) {
		inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
		log_warnx("refused connection from %s: %s (%llu more refusals "
		    "not logged in the last %d s)", a, why,
		    (unsigned long long)held, REFUSE_LOG_MS / 1000);
	}
}

/*
 * Out of file descriptors: the pending connection would keep the socket
 * readable and the loop spinning.  The spare descriptor makes room to
 * accept it and close it at once; the client sees a reset, not a hang.
 */
static int
refuse_nofd(struct pptpd *d, int lfd)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof(sin);
	int			fd;

	close(d->reserve_fd);
	memset(&sin, 0, sizeof(sin));
	fd = accept4(lfd, (struct sockaddr *)&sin, &len, SOCK_CLOEXEC);
	if (fd != -1)
		refuse(d, fd, &sin, &d->stats.accept_errors, "out of file "
		    "descriptors (raise ulimit -n / LimitNOFILE, or lower "
		    "connections in pptpd.conf)");
	/* "/" is the empty directory once chrooted: always there. */
	d->reserve_fd = open("/", O_RDONLY | O_CLOEXEC);
	return fd == -1 ? -1 : 0;
}

static void
listener_accept_cb(evutil_socket_t lfd, short what, void *arg)
{
	struct pptpd		*d = arg;
	struct sockaddr_in	 sin;
	socklen_t		 len;
	uint64_t		 held;
	int			 fd, on = 1;

	(void)what;
	for (;;) {
		len = sizeof(sin);
		fd = accept4(lfd, (struct sockaddr *)&sin, &len,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EAGAIN || errno == EINTR ||
			    errno == ECONNABORTED)
				return;
			if ((errno == EMFILE || errno == ENFILE) &&
			    d->reserve_fd != -1) {
				if (refuse_nofd(d, lfd) == 0)
					continue;
				return;
			}
			d->stats.accept_errors++;
			if (log_limit_pass(&d->lim_accept, now_ms(),
			    REFUSE_LOG_MS, &held))
				log_warn("accept (%llu similar errors held)",
				    (unsigned long long)held);
			return;
		}
		if (len != sizeof(sin) || sin.sin_family != AF_INET) {
			close(fd);
			continue;
		}
		if (d->stopping) {
			refuse(d, fd, &sin, &d->stats.conns_refused_stopping,
			    "shutting down");
			continue;
		}
		if (srclim_acl_refuses(d->conf.allow, d->conf.deny,
		    ntohl(sin.sin_addr.s_addr))) {
			refuse(d, fd, &sin, &d->stats.conns_refused_acl,
			    "not allowed (pptpd.conf allow/deny)");
			continue;
		}
		if (control_auth_banned(d, sin.sin_addr)) {
			refuse(d, fd, &sin, &d->stats.conns_refused_banned,
			    "banned after authentication failures (pptpd.conf "
			    "auth-failure-limit)");
			continue;
		}
		if (rate_exceeded(d, sin.sin_addr)) {
			refuse(d, fd, &sin, &d->stats.conns_refused_rate,
			    "connection rate exceeded (pptpd.conf "
			    "max-connection-rate-per-source)");
			continue;
		}
		if (d->nconns >= d->conf.connections) {
			refuse(d, fd, &sin, &d->stats.conns_refused_limit,
			    "connections limit reached (pptpd.conf "
			    "connections)");
			continue;
		}
		if (d->conf.max_per_source != 0 &&
		    conns_from(d, sin.sin_addr) >= d->conf.max_per_source) {
			refuse(d, fd, &sin, &d->stats.conns_refused_source,
			    "per-source limit reached (pptpd.conf "
			    "max-connections-per-source)");
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		conn_new(d, fd, &sin);
	}
}
