/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_pns.c: the I/O shell of the client (PNS) role's control
 * connection: reads the TCP stream through ctrl_frame and ctrl_parse into
 * pptp-ctrl/pns_fsm.c, writes what it asks for, ticks its deadlines.  Used
 * twice: by pppd's connect() for the handshake, then by the keeper child
 * for the rest of the call.  Never includes pppd.h: logs through the
 * caller's function; owns no global state but the keeper's signal flag.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pptp_gre.h"

#define PNS_WRITE_MS	5000	/* longest wait to write one message */

static volatile sig_atomic_t	 keeper_hup;

static void	 pns_io_exec(struct pns_io *, const struct pns_actions *);
static int	 pns_io_write(struct pns_io *, const struct ctrl_msg *);
static void	 pns_io_read(struct pns_io *, uint64_t);
static void	 keeper_sig(int);

uint64_t
pns_io_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
pns_io_init(struct pns_io *io, int fd, const struct pns_conf *cf,
    pns_log_fn *log)
{
	memset(io, 0, sizeof(*io));
	io->fd = fd;
	io->log = log;
	pns_fsm_init(&io->fsm, cf, pns_io_now());
	(void)ctrl_frame_init(&io->fr, io->store, sizeof(io->store));
}

/* One non-message input (start, hang-up, peer closed, tick). */
void
pns_io_input(struct pns_io *io, enum pns_input_type t)
{
	struct pns_input	in;
	struct pns_actions	acts;

	memset(&in, 0, sizeof(in));
	in.type = t;
	pns_fsm_step(&io->fsm, pns_io_now(), &in, &acts);
	pns_io_exec(io, &acts);
}

/* Blocking-with-deadline write of one whole message. */
static int
pns_io_write(struct pns_io *io, const struct ctrl_msg *m)
{
	uint8_t		 buf[PPTP_CTRL_MAX_LEN];
	struct pollfd	 pfd;
	size_t		 n, off = 0;
	ssize_t		 w;

	if ((n = ctrl_build(buf, sizeof(buf), m)) == 0)
		return -1;
	pfd.fd = io->fd;
	pfd.events = POLLOUT;
	while (off < n) {
		w = send(io->fd, buf + off, n - off, MSG_NOSIGNAL);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN &&
		    poll(&pfd, 1, PNS_WRITE_MS) > 0)
			continue;
		return -1;
	}
	io->log(PNS_LOG_DEBUG, "sent %s", ctrl_type_name(m->type));
	return 0;
}

static void
pns_io_exec(struct pns_io *io, const struct pns_actions *acts)
{
	const struct pns_action	*a;
	size_t			 i;
	int			 lost = 0;

	for (i = 0; i < acts->n; i++) {
		a = &acts->a[i];
		switch (a->type) {
		case PNS_ACT_SEND:
			if (!io->closed && !lost &&
			    pns_io_write(io, &a->u.msg) == -1)
				lost = 1;
			break;
		case PNS_ACT_CALL_UP:
			io->up = 1;
			io->peer_call_id = a->u.up.peer_call_id;
			io->connect_speed = a->u.up.connect_speed;
			io->recv_window = a->u.up.recv_window;
			break;
		case PNS_ACT_CALL_DOWN:
			io->down = 1;
			break;
		case PNS_ACT_CLOSE:
			io->closed = 1;
			break;
		case PNS_ACT_LOG:
			if (a->u.log.from != a->u.log.to)
				io->log(a->u.log.level, "%s -> %s (%s)",
				    pns_state_name(a->u.log.from),
				    pns_state_name(a->u.log.to),
				    pns_event_name(a->u.log.event));
			else if (a->u.log.type != 0)
				io->log(a->u.log.level, "%s: %s, result %u "
				    "(%s), error %u (%s), cause %u",
				    a->u.log.text,
				    ctrl_type_name(a->u.log.type),
				    a->u.log.result,
				    a->u.log.type == PPTP_MSG_STOPCCRQ ?
				    ctrl_stop_reason_name(a->u.log.result) :
				    ctrl_result_name(a->u.log.type,
				    a->u.log.result), a->u.log.error,
				    ctrl_error_name(a->u.log.error),
				    a->u.log.cause);
			else
				io->log(a->u.log.level, "%s in %s (%s)",
				    a->u.log.text,
				    pns_state_name(a->u.log.from),
				    pns_event_name(a->u.log.event));
			break;
		}
	}
	/* A write that failed is a lost connection (§3.1: close). */
	if (lost && !io->closed)
		pns_io_input(io, PNS_IN_PEER_CLOSED);
}

/* Everything readable now, framed and parsed, into the FSM. */
static void
pns_io_read(struct pns_io *io, uint64_t now)
{
	uint8_t			 rbuf[512], msg[PPTP_CTRL_MAX_LEN];
	struct pns_input	 in;
	struct pns_actions	 acts;
	struct ctrl_msg		 m;
	enum ctrl_frame_res	 res;
	size_t			 off, fed, mlen;
	ssize_t			 n;

	n = recv(io->fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		io->log(PNS_LOG_WARN, "control connection lost (%s)",
		    n == 0 ? "closed by the server" : strerror(errno));
		pns_io_input(io, PNS_IN_PEER_CLOSED);
		return;
	}
	for (off = 0; off < (size_t)n && !io->closed; off += fed) {
		fed = ctrl_frame_feed(&io->fr, rbuf + off, (size_t)n - off);
		while (!io->closed && (res = ctrl_frame_next(&io->fr, msg,
		    sizeof(msg), &mlen)) == CTRL_FRAME_MSG) {
			memset(&in, 0, sizeof(in));
			in.err = ctrl_parse(msg, mlen, &m);
			in.type = in.err == CTRL_OK ? PNS_IN_MSG :
			    PNS_IN_BAD_MSG;
			in.msg = &m;
			if (in.err == CTRL_OK)
				io->log(PNS_LOG_DEBUG, "received %s",
				    ctrl_type_name(m.type));
			else
				io->log(PNS_LOG_WARN, "bad control message: "
				    "%s", ctrl_err_name(in.err));
			pns_fsm_step(&io->fsm, now, &in, &acts);
			pns_io_exec(io, &acts);
		}
		if (io->closed)
			break;
		if (res == CTRL_FRAME_FATAL || fed == 0) {
			io->log(PNS_LOG_WARN, "control stream framing lost: %s",
			    ctrl_err_name(io->fr.err));
			pns_io_input(io, PNS_IN_FRAME_ERR);
			break;
		}
	}
}

/*
 * Run until the call is up (until_up), the connection is closed, or
 * until_ms (monotonic ms) has passed.  A set *hup is a hang-up from pppd,
 * handed to the FSM once.
 */
void
pns_io_run(struct pns_io *io, uint64_t until_ms, int until_up,
    volatile sig_atomic_t *hup)
{
	struct pollfd	 pfd;
	uint64_t	 now, dl;
	int		 tmo, hup_done = 0;

	pfd.fd = io->fd;
	pfd.events = POLLIN;
	while (!io->closed && !(until_up && io->up)) {
		if (hup != NULL && *hup && !hup_done) {
			hup_done = 1;
			pns_io_input(io, PNS_IN_HANGUP);
			continue;
		}
		now = pns_io_now();
		if (now >= until_ms)
			return;
		dl = pns_fsm_next_deadline(&io->fsm);
		if (dl > until_ms)
			dl = until_ms;
		tmo = dl <= now ? 0 : dl - now > 60000 ? 60000 :
		    (int)(dl - now);
		pfd.revents = 0;
		if (poll(&pfd, 1, tmo) < 0) {
			if (errno == EINTR)
				continue;
			pns_io_input(io, PNS_IN_PEER_CLOSED);
			return;
		}
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
			pns_io_read(io, pns_io_now());
		if (!io->closed)
			pns_io_input(io, PNS_IN_TICK);
	}
}

static void
keeper_sig(int sig)
{
	(void)sig;
	keeper_hup = 1;
}

/*
 * The keeper's life: SIGTERM (pppd hung up, or died: PR_SET_PDEATHSIG)
 * clears the call and stops the connection; a call ended by the server
 * or a lost connection ends the keeper, which pppd notices as a reaped
 * child.  Returns the exit code: 0 after our hang-up, 1 otherwise.
 */
int
pns_keeper_run(struct pns_io *io)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = keeper_sig;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	/*
	 * When the server ended the call the FSM has already sent StopCCRQ;
	 * pppd must learn it now, not after the StopCCRP wait.
	 */
	while (!io->closed && !io->down)
		pns_io_run(io, UINT64_MAX, 0, &keeper_hup);
	(void)close(io->fd);
	return keeper_hup && !io->down ? 0 : 1;
}
