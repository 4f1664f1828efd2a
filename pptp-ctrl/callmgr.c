/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * callmgr.c: the calls of the daemon.  Random, unique, non-zero call IDs
 * that return to the pool only when the call is fully gone (drawn again
 * when the kernel's pptp module says another program holds one); the
 * address slot; a socketpair for the plugin's events and a pipe for
 * pppd's stderr, whose other ends go to the privileged process
 * (privsep.c) that execs pppd; the pid index its exit reports are
 * matched with; the exit status turned into a cause an admin can read.
 * No protocol decisions here: ctrl_fsm.c makes them.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "ctrl_wire.h"
#include "../plugins/pptp_ipc.h"
#include "ipc_wire.h"
#include "pptpd.h"

/* Draws of a call ID the kernel's pptp module must also find free. */
#define CALLID_KERNEL_TRIES	16

static int	callid_alloc(struct pptpd *, uint16_t *);
static void	call_ipc_cb(evutil_socket_t, short, void *);
static void	call_err_cb(evutil_socket_t, short, void *);
static void	call_ended(struct call *, int);
static void	call_free(struct call *);
static void	pid_link(struct pptpd *, struct call *);
static void	callmgr_event(struct call *, const struct ipc_msg *);
static const char *pppd_exit_cause(int);

void
call_log(const struct call *call, int pri, const char *fmt, ...)
{
	char	buf[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (call->conn != NULL)
		log_msg(pri, "%s call=%u/%u %s", call->conn->tag,
		    call->call_id, call->peer_call_id, buf);
	else
		log_msg(pri, "call=%u/%u %s", call->call_id,
		    call->peer_call_id, buf);
}

int
callmgr_init(struct pptpd *d)
{
	d->by_id = calloc(CALL_ID_SPACE, sizeof(*d->by_id));
	return d->by_id == NULL ? -1 : 0;
}

/*
 * RFC 2637 §2.7 leaves the Call ID to the PAC; a random one (never 0, which
 * some peers treat as "none") makes spoofed GRE and CCRQ guessing harder
 * than poptop's 0, 128, 256, ...  A few random draws, then a scan from a
 * random start so a nearly full table still finds the free IDs.
 */
static int
callid_alloc(struct pptpd *d, uint16_t *out)
{
	uint32_t	id, start, i;

	for (i = 0; i < 32; i++) {
		id = 1 + arc4random_uniform(CALL_ID_SPACE - 1);
		if (d->by_id[id] == NULL) {
			*out = (uint16_t)id;
			return 0;
		}
	}
	start = arc4random_uniform(CALL_ID_SPACE - 1);
	for (i = 0; i < CALL_ID_SPACE - 1; i++) {
		id = 1 + (start + i) % (CALL_ID_SPACE - 1);
		if (d->by_id[id] == NULL) {
			*out = (uint16_t)id;
			return 0;
		}
	}
	return -1;
}

struct call *
callmgr_spawn(struct conn *c, unsigned handle, const struct ctrl_ocrq *ocrq,
    uint8_t *result, uint8_t *error)
{
	struct pptpd		*d = c->d;
	struct call		*call;
	struct ps_spawn		 ps;
	int			 sp[2] = { -1, -1 }, ep[2] = { -1, -1 };
	pid_t			 pid;
	uint16_t		 id;
	int			 tries, e;
	char			 la[INET_ADDRSTRLEN], ra[INET_ADDRSTRLEN];

	*result = PPTP_OCRP_RESULT_GENERAL;
	*error = PPTP_ERROR_NONE;
	if (d->stopping) {
		*result = PPTP_OCRP_RESULT_DO_NOT_ACCEPT;
		return NULL;
	}
	if ((call = calloc(1, sizeof(*call))) == NULL) {
		conn_log(c, LOG_WARNING, "OCRQ refused: out of memory");
		return NULL;
	}
	call->d = d;
	call->conn = c;
	call->handle = handle;
	call->peer_call_id = ocrq->call_id;
	call->ipc_fd = call->err_fd = -1;
	call->t_start = now_ms();
	call->tunnel = c->id;
	call->peer = c->peer;
	if (callid_alloc(d, &call->call_id) == -1) {
		conn_log(c, LOG_WARNING, "OCRQ refused: all 65535 call IDs "
		    "in use");
		d->stats.calls_refused_callid++;
		*result = PPTP_OCRP_RESULT_BUSY;
		free(call);
		return NULL;
	}
	if (!d->conf.delegate) {
		if (pool_alloc(&d->pool, &call->local, &call->remote,
		    &call->slot) == -1) {
			conn_log(c, LOG_WARNING, "OCRQ refused: address pool "
			    "exhausted (%u of %u in use); raise remoteip/"
			    "connections in pptpd.conf", pool_used(&d->pool),
			    pool_size(&d->pool));
			d->stats.calls_refused_pool++;
			*result = PPTP_OCRP_RESULT_BUSY;
			free(call);
			return NULL;
		}
		call->has_slot = 1;
	}
	d->by_id[call->call_id] = call;
	d->ncalls++;

	memset(&ps, 0, sizeof(ps));
	ps.call_id = call->call_id;
	ps.peer_call_id = call->peer_call_id;
	ps.local = call->local;
	ps.remote = call->remote;
	ps.client = ntohl(c->peer.sin_addr.s_addr);
	ps.ours = ntohl(c->local.sin_addr.s_addr);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) == -1 ||
	    pipe2(ep, O_CLOEXEC) == -1) {
		call_log(call, LOG_WARNING, "cannot start pppd: %s",
		    strerror(errno));
		goto fail;
	}
	/*
	 * The privileged process binds the call ID in pptp.ko, forks and
	 * execs pppd with these ends.  pptp.ko's IDs are host-wide: when
	 * another of its users (a branch client on this host, another
	 * daemon) holds ours, draw again.
	 */
	for (tries = 1; privsep_spawn(d, &ps, sp[1], ep[1], &pid) == -1;
	    tries++) {
		e = errno;
		if (e != EADDRINUSE || tries == CALLID_KERNEL_TRIES ||
		    callid_alloc(d, &id) == -1) {
			call_log(call, LOG_WARNING, "cannot start pppd: %s%s",
			    strerror(e), e == EADDRINUSE ? " (call IDs held "
			    "by other users of the kernel's pptp module)" : "");
			goto fail;
		}
		d->stats.callid_kernel_busy++;
		call_log(call, LOG_DEBUG, "call ID held in pptp.ko by "
		    "another program; using %u", id);
		d->by_id[call->call_id] = NULL;
		d->by_id[id] = call;
		call->call_id = ps.call_id = id;
	}
	close(sp[1]);
	close(ep[1]);
	call->pid = pid;
	pid_link(d, call);
	call->ipc_fd = sp[0];
	call->err_fd = ep[0];
	fcntl(call->ipc_fd, F_SETFL, O_NONBLOCK);
	fcntl(call->err_fd, F_SETFL, O_NONBLOCK);
	call->ev_ipc = event_new(d->base, call->ipc_fd, EV_READ | EV_PERSIST,
	    call_ipc_cb, call);
	call->ev_err = event_new(d->base, call->err_fd, EV_READ | EV_PERSIST,
	    call_err_cb, call);
	if (call->ev_ipc != NULL)
		event_add(call->ev_ipc, NULL);
	if (call->ev_err != NULL)
		event_add(call->ev_err, NULL);
	d->stats.calls_total++;
	pool_addr_str(call->local, la, sizeof(la));
	pool_addr_str(call->remote, ra, sizeof(ra));
	call_log(call, LOG_INFO, "call started: pppd pid %d, %s, "
	    "addresses %s:%s, gre-mode %s", (int)pid, c->peer_str,
	    d->conf.delegate ? "delegated" : la,
	    d->conf.delegate ? "delegated" : ra,
	    conf_gre_mode_name(d->conf.gre_mode));
	return call;

fail:
	if (sp[0] != -1) {
		close(sp[0]);
		close(sp[1]);
	}
	if (ep[0] != -1) {
		close(ep[0]);
		close(ep[1]);
	}
	d->stats.calls_spawn_failed++;
	call->conn = NULL;
	call_free(call);
	return NULL;
}

/* The FSM wants the call down: ask pppd to terminate (LCP, ip-down). */
void
callmgr_hangup(struct call *call, const char *why)
{
	if (call->pid > 0 && !call->hangup) {
		call->hangup = 1;
		call->hangup_why = why;
		privsep_kill(call->d, call->pid, SIGTERM);
		call_log(call, LOG_INFO, "hanging up (%s): SIGTERM to pppd %d",
		    why, (int)call->pid);
	}
}

/*
 * An administrator ends the call (pptpctl disconnect, RFC 5176): tell
 * the plugin first (plugins/pptp_ipc.h `hangup`), so the accounting Stop
 * says Admin-Reset, then hang up as usual.
 */
void
callmgr_admin_hangup(struct call *call, const char *why)
{
	struct ipc_msg	 m;
	char		 buf[IPC_DGRAM_MAX];
	size_t		 n;

	if (call->pid <= 0 || call->hangup)
		return;
	if (call->ipc_fd != -1 &&
	    ipc_msg_init(&m, PPTP_IPC_EV_HANGUP) == IPC_OK &&
	    ipc_msg_add(&m, "reason", PPTP_IPC_REASON_ADMIN) == IPC_OK &&
	    (n = ipc_build(buf, sizeof(buf), &m)) != 0 &&
	    send(call->ipc_fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) == -1)
		call_log(call, LOG_NOTICE, "hangup reason not sent to pppd: "
		    "%s", strerror(errno));
	callmgr_hangup(call, why);
}

/* The control connection is gone: the call cannot outlive it. */
void
callmgr_conn_gone(struct call *call)
{
	call->conn = NULL;
	if (call->pid > 0)
		callmgr_hangup(call, "the control connection is gone");
	else
		call_free(call);
}

static struct call **
pid_slot(struct pptpd *d, pid_t pid)
{
	return &d->by_pid[(unsigned)pid % CALL_PID_BUCKETS];
}

static void
pid_link(struct pptpd *d, struct call *call)
{
	struct call	**head = pid_slot(d, call->pid);

	call->pid_next = *head;
	*head = call;
}

static void
pid_unlink(struct pptpd *d, struct call *call)
{
	struct call	**pp;

	for (pp = pid_slot(d, call->pid); *pp != NULL; pp = &(*pp)->pid_next)
		if (*pp == call) {
			*pp = call->pid_next;
			call->pid_next = NULL;
			return;
		}
}

/* The privileged process reaped a pppd of ours. */
void
callmgr_exited(struct pptpd *d, pid_t pid, int status)
{
	struct call	*call;

	for (call = *pid_slot(d, pid); call != NULL; call = call->pid_next)
		if (call->pid == pid)
			break;
	if (call == NULL) {
		log_debug("pppd %d exited: not a call of ours", (int)pid);
		return;
	}
	pid_unlink(d, call);
	call_ended(call, status);
}

/* Shutdown taking too long: every pppd still running gets sig. */
void
callmgr_kill_all(struct pptpd *d, int sig)
{
	struct call	*call;
	size_t		 i;

	for (i = 0; i < CALL_PID_BUCKETS; i++)
		for (call = d->by_pid[i]; call != NULL; call = call->pid_next)
			privsep_kill(d, call->pid, sig);
}

static const char *
pppd_exit_cause(int code)
{
	/* pppd(8) EXIT STATUS */
	static const char *const causes[] = {
		[0] = "pppd exited normally (peer or admin hangup)",
		[1] = "pppd fatal error",
		[2] = "pppd option error (check the options file and pppd's "
		    "log)",
		[3] = "pppd is not setuid-root and needs to be",
		[4] = "the kernel does not support PPP",
		[5] = "pppd terminated by a signal (hangup requested)",
		[6] = "the serial port could not be locked",
		[7] = "the serial port could not be opened",
		[8] = "the connect script failed",
		[9] = "the pty command could not be run",
		[10] = "PPP negotiation failed (no LCP/IPCP/CCP agreement)",
		[11] = "peer authentication failed (wrong user or password)",
		[12] = "idle timeout",
		[13] = "connect time limit reached",
		[14] = "callback negotiated",
		[15] = "peer not responding to LCP echo",
		[16] = "link hung up (the peer ended the call, or the GRE "
		    "channel went away)",
		[17] = "loopback detected",
		[18] = "init script failed",
		[19] = "we failed to authenticate to the peer",
		[20] = "traffic limit reached",
		[21] = "CNID authentication failed",
	};

	if (code >= 0 && (size_t)code < sizeof(causes) / sizeof(causes[0]) &&
	    causes[code] != NULL)
		return causes[code];
	return "pppd exited with an unknown status";
}

static void
call_ended(struct call *call, int status)
{
	struct pptpd		*d = call->d;
	struct conn		*c = call->conn;
	struct ctrl_input	 in;
	uint64_t		 dur;
	int			 code;

	call->pid = 0;
	code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	/*
	 * Our SIGTERM (or the hangup it causes) replaces pppd's status: the
	 * status pppd had when the link started to terminate tells more.
	 */
	if ((code == 5 || code == 16 || code == -1) && call->term_status > 0 &&
	    call->term_status != 5 && call->term_status != 16)
		code = call->term_status;
	if (code == -1)
		snprintf(call->cause, sizeof(call->cause), "pppd killed by "
		    "signal %d%s%s", WTERMSIG(status),
		    call->hangup ? " after hangup: " : "",
		    call->hangup ? call->hangup_why : "");
	else if (call->hangup && (code == 0 || code == 5 || code == 16))
		snprintf(call->cause, sizeof(call->cause), "hung up: %s",
		    call->hangup_why);
	else
		snprintf(call->cause, sizeof(call->cause), "pppd exit %d: %s",
		    code, code == 127 && call->last_err[0] != '\0' ?
		    "could not run pppd" : pppd_exit_cause(code));
	if (code == 11) {
		d->stats.auth_failures++;
		if (control_auth_failure(d, &call->peer, call->user))
			call_log(call, LOG_WARNING, "%u authentication failures "
			    "from %s within %u s: refusing its connections for "
			    "%u s (pptpd.conf auth-failure-limit)",
			    d->conf.authfail_limit,
			    inet_ntoa(call->peer.sin_addr),
			    d->conf.authfail_window, d->conf.authfail_ban);
	}
	if (call->t_up == 0)
		d->stats.calls_failed++;
	/* Drain what pppd said last; it often names the real problem. */
	if (call->ev_err != NULL)
		call_err_cb(call->err_fd, EV_READ, call);
	dur = (now_ms() - call->t_start) / 1000;
	call_log(call, LOG_INFO, "call ended: user=%s address=%s if=%s "
	    "duration=%llus rx=%llu tx=%llu bytes, cause: %s%s%s%s",
	    call->user[0] ? call->user : "-",
	    call->has_slot ? inet_ntoa((struct in_addr){ htonl(call->remote) })
	    : "-", call->ifname[0] ? call->ifname : "-",
	    (unsigned long long)dur, (unsigned long long)call->rx_bytes,
	    (unsigned long long)call->tx_bytes, call->cause,
	    call->last_err[0] ? " (pppd said: \"" : "", call->last_err,
	    call->last_err[0] ? "\")" : "");
	if (c != NULL && !c->dead) {
		c->calls[call->handle] = NULL;
		memset(&in, 0, sizeof(in));
		in.call = call->handle;
		if (call->up) {
			in.type = CTRL_IN_CALL_DOWN;
			in.result = call->hangup ? PPTP_CDN_RESULT_REQUEST :
			    code == 15 || code == 16 ?
			    PPTP_CDN_RESULT_LOST_CARRIER :
			    PPTP_CDN_RESULT_GENERAL;
			conn_call_stats(call, in.stats, sizeof(in.stats));
		} else {
			in.type = CTRL_IN_CALL_FAIL;
			in.result = PPTP_OCRP_RESULT_GENERAL;
		}
		call->conn = NULL;
		conn_input(c, &in);
	}
	call_free(call);
}

/* Fully gone: the call ID and the address go back to their pools. */
static void
call_free(struct call *call)
{
	struct pptpd	*d = call->d;

	if (call->pid > 0)
		return;		/* freed when reaped */
	if (call->ev_ipc != NULL)
		event_free(call->ev_ipc);
	if (call->ev_err != NULL)
		event_free(call->ev_err);
	if (call->ipc_fd != -1)
		close(call->ipc_fd);
	if (call->err_fd != -1)
		close(call->err_fd);
	if (call->has_slot)
		pool_free(&d->pool, call->slot);
	if (call->call_id != 0 && d->by_id[call->call_id] == call) {
		d->by_id[call->call_id] = NULL;
		d->ncalls--;
	}
	free(call);
}

/* pppd's stderr: option errors and the like; keep the last line. */
static void
call_err_cb(evutil_socket_t fd, short what, void *arg)
{
	struct call	*call = arg;
	char		 buf[512], *p, *nl;
	ssize_t		 n;

	(void)what;
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		for (p = buf; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) != NULL)
				*nl = '\0';
			for (char *q = p; *q != '\0'; q++)
				if (*q < 0x20 || *q > 0x7e)
					*q = '?';
			/*
			 * pppd names the problem first, then may print its
			 * whole usage text: log a few lines, keep the first.
			 */
			if (*p != '\0' && call->errlen++ < 4)
				call_log(call, LOG_WARNING, "pppd: %s", p);
			if (*p != '\0' && call->last_err[0] == '\0')
				snprintf(call->last_err, sizeof(call->last_err),
				    "%s", p);
			if (nl == NULL)
				break;
		}
	}
	if (n == 0 && call->ev_err != NULL) {
		event_del(call->ev_err);
	}
}

/* One event from the plugin per datagram (plugins/pptp_ipc.h). */
static void
call_ipc_cb(evutil_socket_t fd, short what, void *arg)
{
	struct call		*call = arg;
	struct ipc_msg		 ev;
	char			 buf[IPC_DGRAM_MAX + 1];
	ssize_t			 n;
	enum ipc_err		 err;

	(void)what;
	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		if ((err = ipc_parse(buf, (size_t)n, &ev)) != IPC_OK) {
			call_log(call, LOG_WARNING, "malformed event from the "
			    "plugin (%zd bytes: %s) ignored", n,
			    ipc_err_str(err));
			continue;
		}
		callmgr_event(call, &ev);
	}
	if (n == 0)
		event_del(call->ev_ipc);
}

/* Events from pptp-gre.so; unknown events and keys are ignored. */
static void
callmgr_event(struct call *call, const struct ipc_msg *ev)
{
	const char	*v;
	char		 key[IPC_NAME_MAX + 1];
	uint64_t	 x, *field;
	size_t		 i;

	if (strcmp(ev->event, PPTP_IPC_EV_AUTH) == 0) {
		if ((v = ipc_get(ev, "user")) != NULL)
			snprintf(call->user, sizeof(call->user), "%s", v);
		if ((v = ipc_get(ev, "acct_session_id")) != NULL &&
		    strlen(v) < sizeof(call->acct_session_id))
			snprintf(call->acct_session_id,
			    sizeof(call->acct_session_id), "%s", v);
		call_log(call, LOG_INFO, "authenticated: user=%s", call->user);
	} else if (strcmp(ev->event, PPTP_IPC_EV_PHASE) == 0) {
		if (call->term_status == 0 &&
		    (v = ipc_get(ev, "name")) != NULL &&
		    strcmp(v, "terminate") == 0 &&
		    ipc_get_u64(ev, "status", &x) == 0 && x < 256)
			call->term_status = (int)x;
	} else if (strcmp(ev->event, PPTP_IPC_EV_IPUP) == 0) {
		if ((v = ipc_get(ev, "ifname")) != NULL)
			snprintf(call->ifname, sizeof(call->ifname), "%s", v);
		if ((v = ipc_get(ev, "mode")) != NULL)
			snprintf(call->mode, sizeof(call->mode), "%s", v);
		if ((v = ipc_get(ev, "remote")) != NULL &&
		    pool_parse_addr(v, strlen(v), &call->framed) == -1)
			call->framed = 0;
		if (ipc_get_u64(ev, "ifindex", &x) == 0 && x <= UINT32_MAX)
			call->ifindex = (unsigned)x;
		call->t_up = now_ms();
		call_log(call, LOG_INFO, "call up: user=%s if=%s local=%s "
		    "remote=%s mode=%s", call->user[0] ? call->user : "-",
		    call->ifname, (v = ipc_get(ev, "local")) ? v : "-",
		    ipc_get(ev, "remote") ? ipc_get(ev, "remote") : "-",
		    call->mode[0] ? call->mode : "-");
	} else if (strcmp(ev->event, PPTP_IPC_EV_STATS) == 0) {
		(void)ipc_get_u64(ev, "rx_bytes", &call->rx_bytes);
		(void)ipc_get_u64(ev, "tx_bytes", &call->tx_bytes);
		(void)ipc_get_u64(ev, "rx_pkts", &call->rx_pkts);
		(void)ipc_get_u64(ev, "tx_pkts", &call->tx_pkts);
		if ((v = ipc_get(ev, "mode")) != NULL)
			snprintf(call->mode, sizeof(call->mode), "%s", v);
		/* Only the three words the plugin sends; anything else: "". */
		v = ipc_get(ev, "channel");
		snprintf(call->channel, sizeof(call->channel), "%s",
		    v != NULL && (strcmp(v, "tap") == 0 ||
		    strcmp(v, "l2tp") == 0 || strcmp(v, "pty") == 0) ? v : "");
		field = (uint64_t *)&call->gre;
		for (i = 0; strcmp(call->mode, "user") == 0 &&
		    i < GRE_STATS_NFIELDS; i++) {
			snprintf(key, sizeof(key), PPTP_IPC_GRE_PREFIX "%s",
			    gre_stats_name(i));
			if (ipc_get_u64(ev, key, &x) == 0)
				field[i] = x;
		}
	} else if (strcmp(ev->event, PPTP_IPC_EV_NOGRE) == 0) {
		call->d->stats.no_gre++;
		call_log(call, LOG_WARNING, "TCP 1723 is up but no GRE (IP "
		    "protocol 47) arrived from %s in %s s: a firewall or NAT "
		    "between us drops GRE; allow protocol 47 both ways and, "
		    "behind Linux NAT, the pptp conntrack helper",
		    call->conn != NULL ? call->conn->peer_str : "the client",
		    (v = ipc_get(ev, "secs")) ? v : "?");
	} else if (strcmp(ev->event, PPTP_IPC_EV_EXIT) == 0) {
		if ((v = ipc_get(ev, "cause")) != NULL)
			call_log(call, LOG_INFO, "pppd reports: %s", v);
	}
}
