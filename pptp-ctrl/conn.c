/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conn.c: the I/O shell of one TCP control connection.  Non-blocking read
 * -> ctrl_frame -> ctrl_parse -> ctrl_fsm_step, then executes the actions
 * the FSM returns (queue a message, spawn or hang up a call, close, log).
 * Output is queued and flushed when the socket is writable; a connection
 * is never freed inside its own callback (it is marked dead and reaped by
 * the loop).  Protocol decisions belong to ctrl_fsm.c, not here.
 */
#include <sys/socket.h>

#include <arpa/inet.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cdn_stats.h"
#include "ctrl_wire.h"
#include "pptpd.h"

#define CONN_READ_CHUNK	4096
#define CONN_OUT_MAX	(64 * 1024)	/* a peer that never reads */
#define NOTE_LOG_MS	10000	/* past the free lines: one per 10 s */

static void	conn_read_cb(evutil_socket_t, short, void *);
static void	conn_write_cb(evutil_socket_t, short, void *);
static void	conn_timer_cb(evutil_socket_t, short, void *);
static void	conn_exec(struct conn *, const struct ctrl_actions *);
static void	conn_send(struct conn *, const struct ctrl_msg *);
static void	conn_arm_timer(struct conn *);
static void	conn_kill(struct conn *);
static void	conn_note_msg(struct conn *, const struct ctrl_msg *);
static int	conn_note_pri(struct conn *, int);
static const char *hangup_why(const struct ctrl_input *);

void
conn_log(const struct conn *c, int pri, const char *fmt, ...)
{
	char	buf[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_msg(pri, "%s %s", c->tag, buf);
}

void
conn_new(struct pptpd *d, int fd, const struct sockaddr_in *peer)
{
	struct conn	*c;
	socklen_t	 len = sizeof(c->local);

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_warn("accept: out of memory");
		close(fd);
		return;
	}
	c->d = d;
	c->fd = fd;
	c->id = ++d->next_conn_id;
	c->peer = *peer;
	if (getsockname(fd, (struct sockaddr *)&c->local, &len) == -1)
		log_warn("getsockname");
	inet_ntop(AF_INET, &peer->sin_addr, c->peer_str, sizeof(c->peer_str));
	snprintf(c->tag, sizeof(c->tag), "ctrl=%u peer=%s:%u", c->id,
	    c->peer_str, ntohs(peer->sin_port));
	c->t_start = now_ms();
	ctrl_frame_init(&c->frame, c->framebuf, sizeof(c->framebuf));
	ctrl_fsm_init(&c->fsm, &d->cconf, c->t_start);
	c->out = evbuffer_new();
	c->ev_read = event_new(d->base, fd, EV_READ | EV_PERSIST,
	    conn_read_cb, c);
	c->ev_write = event_new(d->base, fd, EV_WRITE, conn_write_cb, c);
	c->ev_timer = evtimer_new(d->base, conn_timer_cb, c);
	if (c->out == NULL || c->ev_read == NULL || c->ev_write == NULL ||
	    c->ev_timer == NULL) {
		log_warnx("%s: cannot allocate events", c->tag);
		if (c->out)
			evbuffer_free(c->out);
		if (c->ev_read)
			event_free(c->ev_read);
		if (c->ev_write)
			event_free(c->ev_write);
		if (c->ev_timer)
			event_free(c->ev_timer);
		close(fd);
		free(c);
		return;
	}
	TAILQ_INSERT_TAIL(&d->conns, c, entry);
	d->nconns++;
	d->stats.conns_total++;
	event_add(c->ev_read, NULL);
	conn_arm_timer(c);
	conn_log(c, LOG_INFO, "connection opened (%u open)", d->nconns);
}

/*
 * Feed one input to the FSM and execute what it asks.  Inputs produced
 * while executing (a call that failed to start, a hangup of a call whose
 * pppd is already gone) are queued and fed after the current action list,
 * so the FSM is never re-entered.
 */
void
conn_input(struct conn *c, const struct ctrl_input *in)
{
	struct ctrl_actions	acts;
	struct ctrl_input	cur;

	if (c->dead)
		return;
	if (c->stepping) {
		if (c->npending < CONN_INPUTS_MAX)
			c->pending[c->npending++] = *in;
		else
			conn_log(c, LOG_WARNING, "input queue full, event lost");
		return;
	}
	c->stepping = 1;
	cur = *in;
	for (;;) {
		ctrl_fsm_step(&c->fsm, now_ms(), &cur, &acts);
		c->cur = &cur;
		conn_exec(c, &acts);
		c->cur = NULL;
		if (c->npending == 0)
			break;
		cur = c->pending[0];
		memmove(&c->pending[0], &c->pending[1],
		    --c->npending * sizeof(c->pending[0]));
	}
	c->stepping = 0;
	if (!c->dead)
		conn_arm_timer(c);
}

void
conn_admin_stop(struct conn *c)
{
	struct ctrl_input in = { .type = CTRL_IN_ADMIN_STOP };

	conn_input(c, &in);
}

/* The CDN's Call Statistics text for what we know of the call so far. */
void
conn_call_stats(const struct call *call, char *buf, size_t size)
{
	struct cdn_stats	s = {
		.secs = (now_ms() - call->t_start) / 1000,
		.rx_bytes = call->rx_bytes, .rx_pkts = call->rx_pkts,
		.tx_bytes = call->tx_bytes, .tx_pkts = call->tx_pkts,
		.gre = strcmp(call->mode, "user") == 0,
		.gre_lost = call->gre.rx_lost,
		.gre_reordered = call->gre.rx_buffered
	};

	cdn_stats_format(buf, size, &s);
}

/*
 * A CDN the FSM sends while pppd still runs (the peer's CCRQ, an admin
 * stop) gets the counters as last reported; one for a call that ended
 * came with them in CTRL_IN_CALL_DOWN.
 */
static void
conn_send_cdn(struct conn *c, const struct ctrl_msg *m)
{
	struct ctrl_msg	 cdn = *m;
	size_t		 k;

	for (k = 0; cdn.u.cdn.stats[0] == '\0' && k < CTRL_CALLS_MAX; k++)
		if (c->calls[k] != NULL &&
		    c->calls[k]->call_id == cdn.u.cdn.call_id)
			conn_call_stats(c->calls[k], cdn.u.cdn.stats,
			    sizeof(cdn.u.cdn.stats));
	conn_send(c, &cdn);
}

static void
conn_exec(struct conn *c, const struct ctrl_actions *acts)
{
	const struct ctrl_action	*a;
	struct ctrl_input		 in;
	struct call			*call;
	size_t				 i;
	uint8_t				 result, error;
	int				 pri;

	for (i = 0; i < acts->n; i++) {
		a = &acts->a[i];
		switch (a->type) {
		case CTRL_ACT_SEND:
			if (a->u.msg.type == PPTP_MSG_CDN)
				conn_send_cdn(c, &a->u.msg);
			else
				conn_send(c, &a->u.msg);
			break;
		case CTRL_ACT_CALL_SPAWN:
			memset(&in, 0, sizeof(in));
			in.call = a->call;
			call = callmgr_spawn(c, a->call, &a->u.ocrq, &result,
			    &error);
			if (call == NULL) {
				in.type = CTRL_IN_CALL_FAIL;
				in.result = result;
				in.error = error;
			} else {
				c->calls[a->call] = call;
				in.type = CTRL_IN_CALL_UP;
				in.call_id = call->call_id;
				call->up = 1;
			}
			conn_input(c, &in);	/* queued: we are stepping */
			break;
		case CTRL_ACT_CALL_HANGUP:
			call = a->call < CTRL_CALLS_MAX ? c->calls[a->call] : NULL;
			if (call != NULL)
				callmgr_hangup(call, hangup_why(c->cur));
			break;
		case CTRL_ACT_CLOSE:
			c->closing = 1;
			event_del(c->ev_read);
			/* Calls the FSM aborted are detached from us now. */
			for (unsigned k = 0; k < CTRL_CALLS_MAX; k++)
				if (c->calls[k] != NULL) {
					callmgr_conn_gone(c->calls[k]);
					c->calls[k] = NULL;
				}
			if (evbuffer_get_length(c->out) == 0)
				conn_kill(c);
			else {
				struct timeval tv = { 2, 0 };

				event_add(c->ev_write, &tv);
			}
			break;
		case CTRL_ACT_LOG:
			pri = a->u.log.level == CTRL_LOG_WARN ? LOG_WARNING :
			    a->u.log.level == CTRL_LOG_INFO ? LOG_INFO :
			    LOG_DEBUG;
			if (a->u.log.from != a->u.log.to)
				conn_log(c, pri, "%s: %s -> %s (%s)",
				    a->u.log.text,
				    ctrl_state_name(a->u.log.from),
				    ctrl_state_name(a->u.log.to),
				    ctrl_event_name(a->u.log.event));
			else
				conn_log(c, pri, "%s: %s in %s", a->u.log.text,
				    ctrl_event_name(a->u.log.event),
				    ctrl_state_name(a->u.log.from));
			break;
		}
	}
}

/* Why the FSM hangs up a call, from the input that made it: for the log. */
static const char *
hangup_why(const struct ctrl_input *in)
{
	if (in == NULL)
		return "call hung up";
	switch (in->type) {
	case CTRL_IN_MSG:
		if (in->msg != NULL && in->msg->type == PPTP_MSG_CCRQ)
			return "the client cleared the call (Call-Clear-Request)";
		if (in->msg != NULL && in->msg->type == PPTP_MSG_STOPCCRQ)
			return "the client stopped the control connection "
			    "(Stop-Control-Connection-Request)";
		return "control protocol event";
	case CTRL_IN_PEER_CLOSED:
		return "the client closed the control connection";
	case CTRL_IN_TICK:
		return "the control connection timed out (no Echo-Reply)";
	case CTRL_IN_ADMIN_STOP:
		return "administrative shutdown";
	case CTRL_IN_BAD_MSG:
	case CTRL_IN_FRAME_ERR:
		return "the control connection broke (malformed input)";
	case CTRL_IN_CALL_UP:
	case CTRL_IN_CALL_FAIL:
	case CTRL_IN_CALL_DOWN:
		break;
	}
	return "call hung up";
}

static void
conn_send(struct conn *c, const struct ctrl_msg *m)
{
	uint8_t	buf[PPTP_CTRL_MAX_LEN];
	size_t	n;

	if (c->closing && c->dead)
		return;
	if ((n = ctrl_build(buf, sizeof(buf), m)) == 0) {
		conn_log(c, LOG_WARNING, "cannot encode %s",
		    ctrl_type_name(m->type));
		return;
	}
	if (evbuffer_get_length(c->out) + n > CONN_OUT_MAX) {
		conn_log(c, LOG_WARNING, "peer does not read its control "
		    "connection (%zu bytes queued): closing",
		    evbuffer_get_length(c->out));
		conn_kill(c);
		return;
	}
	evbuffer_add(c->out, buf, n);
	c->tx_msgs++;
	if (m->type != PPTP_MSG_ECHORQ && m->type != PPTP_MSG_ECHORP)
		conn_log(c, LOG_DEBUG, "send %s", ctrl_type_name(m->type));
	event_add(c->ev_write, NULL);
}

static void
conn_write_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn	*c = arg;
	int		 n;

	(void)fd;
	if (c->dead)
		return;
	if (what & EV_TIMEOUT) {
		conn_log(c, LOG_INFO, "closing with %zu bytes unsent",
		    evbuffer_get_length(c->out));
		conn_kill(c);
		return;
	}
	n = evbuffer_write(c->out, c->fd);
	if (n == -1 && errno != EAGAIN && errno != EINTR) {
		conn_log(c, LOG_INFO, "write: %s", strerror(errno));
		if (!c->closing) {
			struct ctrl_input in = { .type = CTRL_IN_PEER_CLOSED };

			conn_input(c, &in);
		}
		conn_kill(c);
		return;
	}
	if (evbuffer_get_length(c->out) > 0) {
		event_add(c->ev_write, NULL);
		return;
	}
	if (c->closing)
		conn_kill(c);
}

static void
conn_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn		*c = arg;
	struct ctrl_input	 in;
	struct ctrl_msg		 msg;
	uint8_t			 buf[CONN_READ_CHUNK], one[PPTP_CTRL_MAX_LEN];
	size_t			 off, fed, len;
	ssize_t			 n;
	enum ctrl_frame_res	 r;
	enum ctrl_err		 err;

	(void)what;
	n = read(fd, buf, sizeof(buf));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		if (n == -1)
			conn_log(c, LOG_INFO, "read: %s", strerror(errno));
		memset(&in, 0, sizeof(in));
		in.type = CTRL_IN_PEER_CLOSED;
		conn_input(c, &in);
		if (!c->dead && !c->closing)
			conn_kill(c);
		return;
	}
	/* Feed in pieces the frame buffer can hold; each message goes in turn. */
	for (off = 0; off < (size_t)n && !c->dead && !c->closing; off += fed) {
		fed = ctrl_frame_feed(&c->frame, buf + off, (size_t)n - off);
		for (;;) {
			r = ctrl_frame_next(&c->frame, one, sizeof(one), &len);
			if (r == CTRL_FRAME_NEED_MORE)
				break;
			memset(&in, 0, sizeof(in));
			if (r == CTRL_FRAME_FATAL) {
				conn_log(c, LOG_WARNING, "framing lost: %s",
				    ctrl_err_name(c->frame.err));
				in.type = CTRL_IN_FRAME_ERR;
				in.err = c->frame.err;
				conn_input(c, &in);
				return;
			}
			c->rx_msgs++;
			if ((err = ctrl_parse(one, len, &msg)) != CTRL_OK) {
				conn_log(c, conn_note_pri(c, LOG_WARNING),
				    "bad message: %s", ctrl_err_name(err));
				in.type = CTRL_IN_BAD_MSG;
				in.err = err;
			} else {
				conn_note_msg(c, &msg);
				in.type = CTRL_IN_MSG;
				in.msg = &msg;
			}
			conn_input(c, &in);
			if (c->dead || c->closing)
				return;
		}
		if (fed == 0) {
			/* The frame buffer is full of nothing whole: lost. */
			memset(&in, 0, sizeof(in));
			in.type = CTRL_IN_FRAME_ERR;
			in.err = c->frame.err;
			conn_input(c, &in);
			return;
		}
	}
}

/*
 * The level of a line the peer causes: what was asked for the first
 * lines a legitimate client can cause (SCCRQ, StopCCRQ, an OCRQ and a
 * CCRQ per call), then one per NOTE_LOG_MS, the rest at debug level, so
 * a peer cannot write a line per message it sends.
 */
static int
conn_note_pri(struct conn *c, int pri)
{
	uint64_t	held;

	if (c->notes < 2 * c->d->conf.calls_per_conn + 4) {
		c->notes++;
		return pri;
	}
	return log_limit_pass(&c->lim_note, now_ms(), NOTE_LOG_MS, &held) ?
	    pri : LOG_DEBUG;
}

/* One log line per control message worth tracing (not echoes). */
static void
conn_note_msg(struct conn *c, const struct ctrl_msg *m)
{
	char	h[PPTP_HOSTNAME_LEN + 1], v[PPTP_VENDOR_LEN + 1];
	int	pri = LOG_DEBUG;

	if (m->type == PPTP_MSG_SCCRQ || m->type == PPTP_MSG_OCRQ ||
	    m->type == PPTP_MSG_CCRQ || m->type == PPTP_MSG_STOPCCRQ ||
	    m->type == PPTP_MSG_WEN)
		pri = conn_note_pri(c, LOG_INFO);

	switch (m->type) {
	case PPTP_MSG_SCCRQ:
		ctrl_sanitize(c->peer_host, sizeof(c->peer_host),
		    m->u.sccrq.host_name);
		ctrl_sanitize(c->peer_vendor, sizeof(c->peer_vendor),
		    m->u.sccrq.vendor);
		ctrl_sanitize(h, sizeof(h), m->u.sccrq.host_name);
		ctrl_sanitize(v, sizeof(v), m->u.sccrq.vendor);
		conn_log(c, pri, "recv SCCRQ version=0x%04x host=\"%s\" "
		    "vendor=\"%s\" firmware=0x%04x", m->u.sccrq.version, h, v,
		    m->u.sccrq.firmware_rev);
		break;
	case PPTP_MSG_OCRQ:
		conn_log(c, pri, "recv OCRQ peer-call-id=%u serial=%u "
		    "window=%u ppd=%u", m->u.ocrq.call_id,
		    m->u.ocrq.call_serial, m->u.ocrq.recv_window,
		    m->u.ocrq.ppd);
		break;
	case PPTP_MSG_CCRQ:
		conn_log(c, pri, "recv CCRQ peer-call-id=%u",
		    m->u.ccrq.call_id);
		break;
	case PPTP_MSG_STOPCCRQ:
		conn_log(c, pri, "recv StopCCRQ reason=%s",
		    ctrl_stop_reason_name(m->u.stopccrq.reason));
		break;
	case PPTP_MSG_WEN:
		conn_log(c, pri, "recv WEN crc=%u framing=%u hw-overrun=%u "
		    "buffer-overrun=%u timeout=%u alignment=%u",
		    m->u.wen.crc_errors, m->u.wen.framing_errors,
		    m->u.wen.hw_overruns, m->u.wen.buf_overruns,
		    m->u.wen.timeout_errors, m->u.wen.align_errors);
		break;
	default:
		conn_log(c, LOG_DEBUG, "recv %s", ctrl_type_name(m->type));
		break;
	}
}

static void
conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn		*c = arg;
	struct ctrl_input	 in = { .type = CTRL_IN_TICK };

	(void)fd;
	(void)what;
	conn_input(c, &in);
}

static void
conn_arm_timer(struct conn *c)
{
	uint64_t	dl = ctrl_fsm_next_deadline(&c->fsm), now = now_ms();
	struct timeval	tv;

	if (dl == CTRL_DEADLINE_NONE) {
		evtimer_del(c->ev_timer);
		return;
	}
	dl = dl > now ? dl - now : 0;
	tv.tv_sec = (time_t)(dl / 1000);
	tv.tv_usec = (suseconds_t)(dl % 1000) * 1000;
	evtimer_add(c->ev_timer, &tv);
}

/* Stop all I/O now; the loop frees the object later (conn_reap_all). */
static void
conn_kill(struct conn *c)
{
	unsigned	k;

	if (c->dead)
		return;
	c->dead = 1;
	event_del(c->ev_read);
	event_del(c->ev_write);
	evtimer_del(c->ev_timer);
	for (k = 0; k < CTRL_CALLS_MAX; k++)
		if (c->calls[k] != NULL) {
			callmgr_conn_gone(c->calls[k]);
			c->calls[k] = NULL;
		}
	close(c->fd);
	c->fd = -1;
	conn_log(c, LOG_INFO, "connection closed after %llus, %llu messages "
	    "in, %llu out", (unsigned long long)(now_ms() - c->t_start) / 1000,
	    (unsigned long long)c->rx_msgs, (unsigned long long)c->tx_msgs);
	event_active(c->d->ev_reap, 0, 0);
}

void
conn_reap_all(struct pptpd *d)
{
	struct conn	*c, *next;

	for (c = TAILQ_FIRST(&d->conns); c != NULL; c = next) {
		next = TAILQ_NEXT(c, entry);
		if (!c->dead)
			continue;
		TAILQ_REMOVE(&d->conns, c, entry);
		d->nconns--;
		control_conn_closed(d, c);
		event_free(c->ev_read);
		event_free(c->ev_write);
		event_free(c->ev_timer);
		evbuffer_free(c->out);
		free(c);
	}
}
