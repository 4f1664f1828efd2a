/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_client.c: the client (PNS) role inside pppd: resolves
 * pptp-server at every connect, opens TCP/1723, runs SCCRQ/SCCRP and
 * OCRQ/OCRP with a bounded time (pptp_gre_pns.c), then forks the keeper
 * that owns the connection for the rest of the call.  pppd cannot watch
 * a plugin's fd (2.4.9 has no add_fd_callback), so the keeper's exit is
 * how pppd learns the call is gone.  Never exits; logs through pppd.
 */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <linux/if_pppox.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "pppd_compat.h"

#include "pptp_gre.h"
#include "../pptp-ctrl/kernel_pptp.h"

static struct pns_io	 cio;		/* the handshake's, then the keeper's */
static int		 cio_open;	/* cio.fd belongs to us (no keeper) */
static pid_t		 keeper_pid = -1;
static unsigned		 keeper_gen;	/* which connect the keeper serves */
static int		 keeper_stopping;
static uint16_t		 call_serial;

static void	 client_log(enum pns_log_level, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	 client_tcp(const char *, int, struct sockaddr_in *);
static int	 client_tcp_one(const struct sockaddr_in *, int);
static int	 client_call_id(int, struct in_addr, uint16_t *);
static void	 keeper_done(void *);
static void	 keeper_child(void);

/* The FSM's and the keeper's log lines, through pppd's logger. */
static void
client_log(enum pns_log_level lvl, const char *fmt, ...)
{
	char	 buf[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	switch (lvl) {
	case PNS_LOG_DEBUG:
		dbglog("pptp-gre: ctrl: %s", buf);
		break;
	case PNS_LOG_INFO:
		info("pptp-gre: ctrl: %s", buf);
		break;
	case PNS_LOG_WARN:
		warn("pptp-gre: ctrl: %s", buf);
		break;
	}
}

/* One non-blocking connect, bounded by timeout_ms. */
static int
client_tcp_one(const struct sockaddr_in *sin, int timeout_ms)
{
	struct pollfd	 pfd;
	socklen_t	 len = sizeof(int);
	int		 fd, err = 0, one = 1;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd == -1) {
		error("pptp-gre: TCP socket: %m");
		return -1;
	}
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)sin, sizeof(*sin)) == -1) {
		if (errno != EINPROGRESS)
			goto bad;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (poll(&pfd, 1, timeout_ms) != 1) {
			errno = ETIMEDOUT;
			goto bad;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 ||
		    err != 0) {
			errno = err != 0 ? err : errno;
			goto bad;
		}
	}
	return fd;
bad:
	warn("pptp-gre: connect to %I port %d: %m", sin->sin_addr.s_addr,
	    PPTP_TCP_PORT);
	close(fd);
	return -1;
}

/*
 * Resolve the server now (its address may have changed since the last
 * call: dynamic DNS at HQ) and connect to the first address that answers.
 */
static int
client_tcp(const char *server, int timeout_ms, struct sockaddr_in *peer)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	char		 port[8];
	int		 fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", PPTP_TCP_PORT);
	if ((rc = getaddrinfo(server, port, &hints, &res)) != 0) {
		warn("pptp-gre: cannot resolve %s: %s", server,
		    gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		if (ai->ai_addrlen != sizeof(*peer))
			continue;
		memcpy(peer, ai->ai_addr, sizeof(*peer));
		fd = client_tcp_one(peer, timeout_ms);
	}
	freeaddrinfo(res);
	return fd;
}

/*
 * Our Call ID.  Kernel mode: bind the pppox socket with ID 0 and let the
 * kernel pick a free one (its IDs are host-wide); user mode: random, so
 * two branch routers behind one NAT rarely collide.
 */
static int
client_call_id(int kfd, struct in_addr local, uint16_t *id)
{
	struct sockaddr_pppox	 sp;
	socklen_t		 len = sizeof(sp);

	if (kfd < 0) {
		do {
			if (getrandom(id, sizeof(*id), 0) != sizeof(*id))
				*id = (uint16_t)(getpid() ^ time(NULL));
		} while (*id == 0);
		return 0;
	}
	sp = kernel_pptp_addr(0, local);
	if (bind(kfd, (struct sockaddr *)&sp, sizeof(sp)) == -1 ||
	    getsockname(kfd, (struct sockaddr *)&sp, &len) == -1) {
		error("pptp-gre: bind a kernel call ID at %I: %m",
		    local.s_addr);
		return -1;
	}
	*id = sp.sa_addr.pptp.call_id;
	return 0;
}

/*
 * The control connection up to OCRP.  Fills c (addresses, both call IDs);
 * kfd, when >= 0, is the kernel socket to bind.  0 or -1.
 */
int
pptp_client_connect(const struct pptp_client_conf *cc, struct pptp_conf *c,
    int kfd)
{
	struct sockaddr_in	 peer, local;
	socklen_t		 len = sizeof(local);
	struct pns_conf		 pc;
	int			 fd;

	if ((fd = client_tcp(cc->server, cc->timeout_secs * 1000,
	    &peer)) == -1)
		return -1;
	if (getsockname(fd, (struct sockaddr *)&local, &len) == -1) {
		error("pptp-gre: getsockname: %m");
		goto bad;
	}
	c->local = local.sin_addr;
	c->peer = peer.sin_addr;
	/* For ip-up: a full tunnel must keep the server's address out. */
	ppp_script_setenv("PPTP_SERVER_IP", inet_ntoa(peer.sin_addr), 0);
	ppp_script_setenv("PPTP_LOCAL_IP", inet_ntoa(local.sin_addr), 0);
	pns_conf_defaults(&pc);
	if (client_call_id(kfd, c->local, &pc.call_id) == -1)
		goto bad;
	c->call_id = pc.call_id;
	pc.call_serial = ++call_serial;
	pc.reply_timeout_ms = (uint32_t)cc->timeout_secs * 1000;
	pc.echo_interval_ms = (uint32_t)cc->echo_secs * 1000;
	pc.recv_window = 64;
	/* Our host name, as pppd knows it, for the server's log. */
	strlcpy(pc.host_name, ppp_hostname(), sizeof(pc.host_name));
	pns_io_init(&cio, fd, &pc, client_log);
	cio_open = 1;
	info("pptp-gre: control connection %I -> %I (%s), call ID %u",
	    c->local.s_addr, c->peer.s_addr, cc->server, c->call_id);
	pns_io_input(&cio, PNS_IN_START);
	/* The FSM bounds each reply; this bounds the whole handshake. */
	pns_io_run(&cio, pns_io_now() + 3ULL * pc.reply_timeout_ms, 1, NULL);
	if (!cio.up) {
		error("pptp-gre: no call with %s (control connection %s)",
		    cc->server, pns_state_name(cio.fsm.state));
		pptp_client_abort();
		return -1;
	}
	c->peer_call_id = cio.peer_call_id;
	info("pptp-gre: call up: our call ID %u, server's %u, speed %u, "
	    "window %u", c->call_id, c->peer_call_id, cio.connect_speed,
	    cio.recv_window);
	return 0;
bad:
	close(fd);
	return -1;
}

/* No keeper yet (the data path failed): hang up in place, bounded. */
void
pptp_client_abort(void)
{
	if (!cio_open)
		return;
	if (!cio.closed) {
		pns_io_input(&cio, PNS_IN_HANGUP);
		pns_io_run(&cio, pns_io_now() + 2000, 0, NULL);
	}
	close(cio.fd);
	cio_open = 0;
}

/* pppd reaped the keeper: the call ended unless we asked for it. */
static void
keeper_done(void *arg)
{
	unsigned gen = (unsigned)(uintptr_t)arg;

	if (gen != keeper_gen)
		return;		/* an earlier call's keeper finishing */
	keeper_pid = -1;
	if (keeper_stopping || pptp_phase == PHASE_DEAD ||
	    pptp_phase == PHASE_DISCONNECT || pptp_phase == PHASE_HOLDOFF)
		return;
	notice("pptp-gre: the call with the server ended; hanging up");
	/* As pppd's own "Modem hangup": the lower layer is gone. */
	hungup = 1;
	ppp_set_status(EXIT_HANGUP);
	lcp_lowerdown(0);
	link_terminated(0);
}

/* In the child: only the TCP socket and pppd's log fd stay open. */
static void
keeper_child(void)
{
	closelog();	/* syslog() reopens it on the next line */
	pptp_child_init(cio.fd, log_to_fd);
	(void)prctl(PR_SET_NAME, "pptp-keeper");
	_exit(pns_keeper_run(&cio));
}

/* Hand the connection to a keeper child; pppd reaps it. */
int
pptp_client_keep(void)
{
	pid_t	 ppid = getpid();

	keeper_stopping = 0;
	keeper_gen++;
	switch ((keeper_pid = fork())) {
	case -1:
		error("pptp-gre: fork of the control keeper: %m");
		pptp_client_abort();
		return -1;
	case 0:
		if (getppid() != ppid)
			_exit(1);
		keeper_child();
		_exit(1);
	default:
		break;
	}
	record_child(keeper_pid, "pptp-gre keeper", keeper_done,
	    (void *)(uintptr_t)keeper_gen, 1);
	close(cio.fd);
	cio_open = 0;
	dbglog("pptp-gre: control keeper pid %d", (int)keeper_pid);
	return 0;
}

/* pppd hangs up: the keeper sends CCRQ, then StopCCRQ, and exits. */
void
pptp_client_disconnect(void)
{
	if (keeper_pid > 0) {
		keeper_stopping = 1;
		if (kill(keeper_pid, SIGTERM) == -1 && errno != ESRCH)
			warn("pptp-gre: kill keeper %d: %m", (int)keeper_pid);
		keeper_pid = -1;
	}
	pptp_client_abort();
}
