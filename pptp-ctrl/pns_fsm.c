/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pns_fsm.c: the PNS (client) side of one control connection carrying one
 * outgoing call, RFC 2637 §3.1 and §3.2.1, as a {state, event, action,
 * next} table.  An event without a row is counted, reported as one log
 * action and ignored.  Pure: no I/O, no clock, no logging, no allocation;
 * the I/O shell (plugins/pptp_gre_client.c, the keeper) runs the actions.
 *
 * Decisions where RFC 2637 leaves room:
 *  - One call per control connection (as pptp-linux and Windows do): when
 *    the call ends, for whatever reason, we send StopCCRQ and close.
 *  - Hang-up before OCRP: no CCRQ (we have no PAC Call ID to clear and
 *    §2.12 only helps a PAC that already saw our OCRQ): StopCCRQ instead.
 *  - A CDN, OCRP or WEN naming another call: counted, ignored.
 *  - ICRQ: ICRP "do not accept" (§2.10); we place calls, never take them.
 *  - Echo: any valid message from the PAC proves it alive; an Echo-Reply
 *    counts only if its Identifier is our last one (§2.6).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fsm_util.h"
#include "pns_fsm.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define ST_SAME		(-1)

enum pns_act {
	A_NONE,
	A_SCCRQ,
	A_OCRQ,
	A_SCCRP_FAIL,
	A_OCRP_FAIL,
	A_CALL_UP,
	A_CDN,
	A_CDN_CLEARED,
	A_CCRQ,
	A_STOP_SEND,
	A_STOP_REPLY,
	A_ECHO_REPLY,
	A_ECHO_CHECK,
	A_ECHO_SEND,
	A_ICRQ_REFUSE,
	A_WEN,
	A_COUNT_ONLY,
	A_LOG_TIMEOUT,
	A_TIMEOUT_STOP
};

struct pns_row {
	enum pns_state	state;
	enum pns_event	event;
	enum pns_act	act;
	int		next;		/* enum pns_state or ST_SAME */
};

/*
 * Rows common to every state after START are written once per state; the
 * table stays greppable line by line, as ospfd's nbr_fsm_tbl.
 */
static const struct pns_row pns_table[] = {
    { PNS_ST_IDLE, PNS_EV_START, A_SCCRQ, PNS_ST_WAIT_SCCRP },
    { PNS_ST_IDLE, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_IDLE, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_IDLE, PNS_EV_HANGUP, A_NONE, PNS_ST_CLOSED },

    /* §3.1: wait_ctl_reply */
    { PNS_ST_WAIT_SCCRP, PNS_EV_SCCRP_OK, A_OCRQ, PNS_ST_WAIT_OCRP },
    { PNS_ST_WAIT_SCCRP, PNS_EV_SCCRP_FAIL, A_SCCRP_FAIL, PNS_ST_CLOSED },
    { PNS_ST_WAIT_SCCRP, PNS_EV_STOPCCRQ, A_STOP_REPLY, PNS_ST_CLOSED },
    { PNS_ST_WAIT_SCCRP, PNS_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { PNS_ST_WAIT_SCCRP, PNS_EV_STRAY, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_SCCRP, PNS_EV_NOT_FOR_PNS, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_SCCRP, PNS_EV_BAD_MSG, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_SCCRP, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_SCCRP, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_SCCRP, PNS_EV_REPLY_TIMEOUT, A_LOG_TIMEOUT,
	  PNS_ST_CLOSED },
    { PNS_ST_WAIT_SCCRP, PNS_EV_HANGUP, A_NONE, PNS_ST_CLOSED },

    /* §3.2.1: wait_reply */
    { PNS_ST_WAIT_OCRP, PNS_EV_OCRP_OK, A_CALL_UP, PNS_ST_ESTABLISHED },
    { PNS_ST_WAIT_OCRP, PNS_EV_OCRP_FAIL, A_OCRP_FAIL,
	  PNS_ST_WAIT_STOP_REPLY },
    { PNS_ST_WAIT_OCRP, PNS_EV_STOPCCRQ, A_STOP_REPLY, PNS_ST_CLOSED },
    { PNS_ST_WAIT_OCRP, PNS_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_ECHORP, A_ECHO_CHECK, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_STRAY, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_NOT_FOR_PNS, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_BAD_MSG, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_OCRP, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_OCRP, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_OCRP, PNS_EV_REPLY_TIMEOUT, A_TIMEOUT_STOP,
	  PNS_ST_WAIT_STOP_REPLY },
    { PNS_ST_WAIT_OCRP, PNS_EV_HANGUP, A_STOP_SEND, PNS_ST_WAIT_STOP_REPLY },

    /* §3.2.1: established */
    { PNS_ST_ESTABLISHED, PNS_EV_CDN, A_CDN, PNS_ST_WAIT_STOP_REPLY },
    { PNS_ST_ESTABLISHED, PNS_EV_STOPCCRQ, A_STOP_REPLY, PNS_ST_CLOSED },
    { PNS_ST_ESTABLISHED, PNS_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_ECHORP, A_ECHO_CHECK, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_ECHO_DUE, A_ECHO_SEND, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_ECHO_DEAD, A_LOG_TIMEOUT, PNS_ST_CLOSED },
    { PNS_ST_ESTABLISHED, PNS_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_WEN, A_WEN, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_STRAY, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_NOT_FOR_PNS, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_BAD_MSG, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_ESTABLISHED, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_ESTABLISHED, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_ESTABLISHED, PNS_EV_HANGUP, A_CCRQ, PNS_ST_WAIT_CDN },

    /* §3.2.1: wait_disconnect (CCRQ sent) */
    { PNS_ST_WAIT_CDN, PNS_EV_CDN, A_CDN_CLEARED, PNS_ST_WAIT_STOP_REPLY },
    { PNS_ST_WAIT_CDN, PNS_EV_STOPCCRQ, A_STOP_REPLY, PNS_ST_CLOSED },
    { PNS_ST_WAIT_CDN, PNS_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_ECHORP, A_ECHO_CHECK, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_WEN, A_WEN, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_STRAY, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_NOT_FOR_PNS, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_BAD_MSG, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_CDN, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_CDN, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_CDN, PNS_EV_REPLY_TIMEOUT, A_TIMEOUT_STOP,
	  PNS_ST_WAIT_STOP_REPLY },
    { PNS_ST_WAIT_CDN, PNS_EV_HANGUP, A_NONE, ST_SAME },

    /* §3.1: wait_stop_reply */
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_STOPCCRP, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_STOPCCRQ, A_STOP_REPLY, PNS_ST_CLOSED },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_ECHORP, A_NONE, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_CDN, A_NONE, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_WEN, A_NONE, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_STRAY, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_NOT_FOR_PNS, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_BAD_MSG, A_COUNT_ONLY, ST_SAME },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_FRAME_ERR, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_PEER_CLOSED, A_NONE, PNS_ST_CLOSED },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_REPLY_TIMEOUT, A_LOG_TIMEOUT,
	  PNS_ST_CLOSED },
    { PNS_ST_WAIT_STOP_REPLY, PNS_EV_HANGUP, A_NONE, ST_SAME },

    /* Late news after close is expected, not odd. */
    { PNS_ST_CLOSED, PNS_EV_PEER_CLOSED, A_NONE, ST_SAME },
    { PNS_ST_CLOSED, PNS_EV_HANGUP, A_NONE, ST_SAME },
};

static const char *const pns_state_names[] = {
	[PNS_ST_IDLE] = "idle",
	[PNS_ST_WAIT_SCCRP] = "wait-sccrp",
	[PNS_ST_WAIT_OCRP] = "wait-ocrp",
	[PNS_ST_ESTABLISHED] = "established",
	[PNS_ST_WAIT_CDN] = "wait-cdn",
	[PNS_ST_WAIT_STOP_REPLY] = "wait-stop-reply",
	[PNS_ST_CLOSED] = "closed",
};
static_assert(NELEM(pns_state_names) == PNS_ST__MAX,
    "pns_state_names[] must match enum pns_state");

static const char *const pns_event_names[] = {
	[PNS_EV_START] = "start",
	[PNS_EV_SCCRP_OK] = "SCCRP-ok",
	[PNS_EV_SCCRP_FAIL] = "SCCRP-fail",
	[PNS_EV_OCRP_OK] = "OCRP-ok",
	[PNS_EV_OCRP_FAIL] = "OCRP-fail",
	[PNS_EV_CDN] = "CDN",
	[PNS_EV_STOPCCRQ] = "StopCCRQ",
	[PNS_EV_STOPCCRP] = "StopCCRP",
	[PNS_EV_ECHORQ] = "EchoRQ",
	[PNS_EV_ECHORP] = "EchoRP",
	[PNS_EV_ICRQ] = "ICRQ",
	[PNS_EV_WEN] = "WEN",
	[PNS_EV_STRAY] = "message-for-another-call",
	[PNS_EV_NOT_FOR_PNS] = "message-not-for-PNS",
	[PNS_EV_BAD_MSG] = "bad-message",
	[PNS_EV_FRAME_ERR] = "framing-error",
	[PNS_EV_PEER_CLOSED] = "peer-closed",
	[PNS_EV_REPLY_TIMEOUT] = "reply-timeout",
	[PNS_EV_ECHO_DUE] = "echo-due",
	[PNS_EV_ECHO_DEAD] = "echo-timeout",
	[PNS_EV_HANGUP] = "hangup",
};
static_assert(NELEM(pns_event_names) == PNS_EV__MAX,
    "pns_event_names[] must match enum pns_event");

static const char *const pns_stat_names[] = {
	[PNS_STAT_RX_MSG] = "rx_msg",
	[PNS_STAT_RX_BAD_MSG] = "rx_bad_msg",
	[PNS_STAT_RX_RESERVED_NONZERO] = "rx_reserved_nonzero",
	[PNS_STAT_RX_UNEXPECTED] = "rx_unexpected",
	[PNS_STAT_RX_NOT_FOR_PNS] = "rx_not_for_pns",
	[PNS_STAT_RX_STRAY] = "rx_stray",
	[PNS_STAT_FRAME_ERR] = "frame_err",
	[PNS_STAT_REPLY_TIMEOUT] = "reply_timeout",
	[PNS_STAT_ECHO_SENT] = "echo_sent",
	[PNS_STAT_ECHO_BAD_ID] = "echo_bad_id",
	[PNS_STAT_ECHO_TIMEOUT] = "echo_timeout",
	[PNS_STAT_ICRQ_REFUSED] = "icrq_refused",
	[PNS_STAT_WEN] = "wen",
	[PNS_STAT_ACTIONS_OVERFLOW] = "actions_overflow",
};
static_assert(NELEM(pns_stat_names) == PNS_STAT__MAX,
    "pns_stat_names[] must match enum pns_stat");

static const char *const pns_action_names[] = {
	[PNS_ACT_SEND] = "send",
	[PNS_ACT_CALL_UP] = "call-up",
	[PNS_ACT_CALL_DOWN] = "call-down",
	[PNS_ACT_CLOSE] = "close",
	[PNS_ACT_LOG] = "log",
};
static_assert(NELEM(pns_action_names) == PNS_ACT_LOG + 1,
    "pns_action_names[] must match enum pns_action_type");

static enum pns_event	 classify(struct pns_fsm *, uint64_t,
			    const struct pns_input *);
static enum pns_event	 classify_msg(struct pns_fsm *, uint64_t,
			    const struct ctrl_msg *);
static void		 pns_act(struct pns_fsm *, enum pns_act,
			    const struct pns_input *, struct pns_actions *);
static struct pns_action *push(struct pns_fsm *, struct pns_actions *,
			    enum pns_action_type);
static struct ctrl_msg	*push_msg(struct pns_fsm *, struct pns_actions *,
			    enum ctrl_type);
static struct pns_action *push_log(struct pns_fsm *, struct pns_actions *,
			    enum pns_log_level, const char *, enum pns_event);
static void		 send_stop(struct pns_fsm *, struct pns_actions *);
static void		 call_down(struct pns_fsm *, struct pns_actions *);
static void		 heard(struct pns_fsm *, uint64_t);

void
pns_conf_defaults(struct pns_conf *cf)
{
	memset(cf, 0, sizeof(*cf));
	cf->reply_timeout_ms = 10000;
	cf->echo_interval_ms = 60000;
	cf->echo_failures = 3;
	cf->call_id = 1;
	cf->recv_window = 64;
	cf->min_bps = 2400;
	cf->max_bps = 100000000;
	cf->firmware_rev = 1;
	memcpy(cf->host_name, "pptpd-ng", sizeof("pptpd-ng"));
	memcpy(cf->vendor, "pptpd-ng", sizeof("pptpd-ng"));
}

void
pns_fsm_init(struct pns_fsm *c, const struct pns_conf *cf, uint64_t now)
{
	memset(c, 0, sizeof(*c));
	c->conf = *cf;
	c->conf.host_name[PPTP_HOSTNAME_LEN] = '\0';
	c->conf.vendor[PPTP_VENDOR_LEN] = '\0';
	c->state = PNS_ST_IDLE;
	c->t_entered = now;
	c->t_heard = now;
}

uint64_t
pns_fsm_next_deadline(const struct pns_fsm *c)
{
	switch (c->state) {
	case PNS_ST_WAIT_SCCRP:
	case PNS_ST_WAIT_OCRP:
	case PNS_ST_WAIT_CDN:
	case PNS_ST_WAIT_STOP_REPLY:
		return fsm_add_sat(c->t_entered, c->conf.reply_timeout_ms);
	case PNS_ST_ESTABLISHED:
		/* §2.5: keepalive; 0 in either knob disables it. */
		if (c->conf.echo_interval_ms == 0 || c->conf.echo_failures == 0)
			return PNS_DEADLINE_NONE;
		return fsm_add_sat(c->t_heard, c->conf.echo_interval_ms);
	case PNS_ST_IDLE:
	case PNS_ST_CLOSED:
	case PNS_ST__MAX:
		break;
	}
	return PNS_DEADLINE_NONE;
}

static void
heard(struct pns_fsm *c, uint64_t now)
{
	c->t_heard = now;
	c->echo_unanswered = 0;
}

/* Map a parsed message to a table event (RFC 2637 §2, by type). */
static enum pns_event
classify_msg(struct pns_fsm *c, uint64_t now, const struct ctrl_msg *m)
{
	c->stats[PNS_STAT_RX_MSG]++;
	if (m->reserved_nonzero)
		c->stats[PNS_STAT_RX_RESERVED_NONZERO]++;
	if (m->type != PPTP_MSG_ECHORP)
		heard(c, now);
	switch (m->type) {
	case PPTP_MSG_SCCRP:
		/* §2.2: result 1 and the one version we speak. */
		if (m->u.sccrp.result != PPTP_SCCRP_RESULT_OK ||
		    m->u.sccrp.version != PPTP_PROTO_VERSION)
			return PNS_EV_SCCRP_FAIL;
		return PNS_EV_SCCRP_OK;
	case PPTP_MSG_OCRP:
		/* §2.8: Peer's Call ID is ours. */
		if (m->u.ocrp.peer_call_id != c->conf.call_id)
			break;
		if (m->u.ocrp.result != PPTP_OCRP_RESULT_CONNECTED)
			return PNS_EV_OCRP_FAIL;
		return PNS_EV_OCRP_OK;
	case PPTP_MSG_CDN:
		/* §2.13: the PAC names the call by its own Call ID. */
		if (!c->call_up && c->state != PNS_ST_WAIT_CDN)
			break;
		if (m->u.cdn.call_id != c->peer_call_id)
			break;
		return PNS_EV_CDN;
	case PPTP_MSG_WEN:
		/* §2.14: Peer's Call ID is the PNS's. */
		if (m->u.wen.peer_call_id != c->conf.call_id)
			break;
		return PNS_EV_WEN;
	case PPTP_MSG_STOPCCRQ:
		return PNS_EV_STOPCCRQ;
	case PPTP_MSG_STOPCCRP:
		return PNS_EV_STOPCCRP;
	case PPTP_MSG_ECHORQ:
		return PNS_EV_ECHORQ;
	case PPTP_MSG_ECHORP:
		return PNS_EV_ECHORP;
	case PPTP_MSG_ICRQ:
		return PNS_EV_ICRQ;
	case PPTP_MSG_SCCRQ:
	case PPTP_MSG_OCRQ:
	case PPTP_MSG_ICRP:
	case PPTP_MSG_ICCN:
	case PPTP_MSG_CCRQ:
	case PPTP_MSG_SLI:
		/* §2.1, §2.7, §2.10-12, §2.15: a PNS sends these. */
		c->stats[PNS_STAT_RX_NOT_FOR_PNS]++;
		return PNS_EV_NOT_FOR_PNS;
	default:
		/* A struct not made by ctrl_parse(). */
		c->stats[PNS_STAT_RX_BAD_MSG]++;
		return PNS_EV_BAD_MSG;
	}
	c->stats[PNS_STAT_RX_STRAY]++;
	return PNS_EV_STRAY;
}

/* PNS_EV__MAX: nothing to do (a tick before the deadline). */
static enum pns_event
classify(struct pns_fsm *c, uint64_t now, const struct pns_input *in)
{
	switch (in->type) {
	case PNS_IN_START:
		return PNS_EV_START;
	case PNS_IN_MSG:
		if (in->msg == NULL)
			return PNS_EV__MAX;
		return classify_msg(c, now, in->msg);
	case PNS_IN_BAD_MSG:
		c->stats[PNS_STAT_RX_BAD_MSG]++;
		if ((unsigned)in->err < CTRL_ERR__MAX)
			c->rx_err[in->err]++;
		return PNS_EV_BAD_MSG;
	case PNS_IN_FRAME_ERR:
		c->stats[PNS_STAT_FRAME_ERR]++;
		return PNS_EV_FRAME_ERR;
	case PNS_IN_PEER_CLOSED:
		return PNS_EV_PEER_CLOSED;
	case PNS_IN_HANGUP:
		return PNS_EV_HANGUP;
	case PNS_IN_TICK:
		if (now < pns_fsm_next_deadline(c))
			return PNS_EV__MAX;
		if (c->state != PNS_ST_ESTABLISHED) {
			c->stats[PNS_STAT_REPLY_TIMEOUT]++;
			return PNS_EV_REPLY_TIMEOUT;
		}
		if (c->echo_unanswered < c->conf.echo_failures)
			return PNS_EV_ECHO_DUE;
		c->stats[PNS_STAT_ECHO_TIMEOUT]++;
		return PNS_EV_ECHO_DEAD;
	}
	return PNS_EV__MAX;
}

void
pns_fsm_step(struct pns_fsm *c, uint64_t now, const struct pns_input *in,
    struct pns_actions *out)
{
	const struct pns_row	*row = NULL;
	struct pns_action	*a;
	enum pns_event		 ev;
	enum pns_state		 prev = c->state;
	size_t			 i;

	out->n = 0;
	ev = classify(c, now, in);
	if (ev == PNS_EV__MAX)
		return;
	for (i = 0; i < NELEM(pns_table); i++)
		if (pns_table[i].state == prev && pns_table[i].event == ev) {
			row = &pns_table[i];
			break;
		}
	if (row == NULL) {
		c->stats[PNS_STAT_RX_UNEXPECTED]++;
		push_log(c, out, PNS_LOG_WARN, "event not expected in state",
		    ev);
		return;
	}
	pns_act(c, row->act, in, out);
	if (row->next == ST_SAME || (enum pns_state)row->next == prev)
		return;
	c->state = (enum pns_state)row->next;
	c->t_entered = now;
	if (c->state == PNS_ST_ESTABLISHED)
		heard(c, now);
	if ((a = push_log(c, out, PNS_LOG_INFO, "state change", ev)) != NULL)
		a->u.log.from = prev;
	if (c->state == PNS_ST_CLOSED) {
		/* No call outlives its control connection. */
		call_down(c, out);
		push(c, out, PNS_ACT_CLOSE);
	}
}

static void
pns_act(struct pns_fsm *c, enum pns_act act, const struct pns_input *in,
    struct pns_actions *out)
{
	const struct ctrl_msg	*m = in->msg;
	struct pns_action	*a;
	struct ctrl_msg		*r;

	switch (act) {
	case A_NONE:
	case A_COUNT_ONLY:	/* classify() counted it */
		break;
	case A_SCCRQ:
		if ((r = push_msg(c, out, PPTP_MSG_SCCRQ)) == NULL)
			break;
		/* §2.1; Maximum Channels is 0 from a PNS. */
		r->u.sccrq.version = PPTP_PROTO_VERSION;
		r->u.sccrq.framing_caps = PPTP_FRAMING_ASYNC |
		    PPTP_FRAMING_SYNC;
		r->u.sccrq.bearer_caps = PPTP_BEARER_ANALOG |
		    PPTP_BEARER_DIGITAL;
		r->u.sccrq.firmware_rev = c->conf.firmware_rev;
		memcpy(r->u.sccrq.host_name, c->conf.host_name,
		    sizeof(r->u.sccrq.host_name));
		memcpy(r->u.sccrq.vendor, c->conf.vendor,
		    sizeof(r->u.sccrq.vendor));
		break;
	case A_OCRQ:
		if ((r = push_msg(c, out, PPTP_MSG_OCRQ)) == NULL)
			break;
		/* §2.7: any bearer, any framing, no phone number. */
		r->u.ocrq.call_id = c->conf.call_id;
		r->u.ocrq.call_serial = c->conf.call_serial;
		r->u.ocrq.min_bps = c->conf.min_bps;
		r->u.ocrq.max_bps = c->conf.max_bps;
		r->u.ocrq.bearer_type = PPTP_BEARER_ANY;
		r->u.ocrq.framing_type = PPTP_FRAMING_ANY;
		r->u.ocrq.recv_window = c->conf.recv_window;
		break;
	case A_SCCRP_FAIL:
		if ((a = push_log(c, out, PNS_LOG_WARN,
		    "server refused the control connection",
		    PNS_EV_SCCRP_FAIL)) == NULL)
			break;
		a->u.log.type = PPTP_MSG_SCCRP;
		a->u.log.result = m->u.sccrp.result;
		a->u.log.error = m->u.sccrp.error;
		break;
	case A_OCRP_FAIL:
		if ((a = push_log(c, out, PNS_LOG_WARN,
		    "server refused the call", PNS_EV_OCRP_FAIL)) != NULL) {
			a->u.log.type = PPTP_MSG_OCRP;
			a->u.log.result = m->u.ocrp.result;
			a->u.log.error = m->u.ocrp.error;
			a->u.log.cause = m->u.ocrp.cause;
		}
		send_stop(c, out);
		break;
	case A_CALL_UP:
		c->peer_call_id = m->u.ocrp.call_id;
		c->call_up = 1;
		if ((a = push(c, out, PNS_ACT_CALL_UP)) == NULL)
			break;
		a->u.up.peer_call_id = m->u.ocrp.call_id;
		a->u.up.recv_window = m->u.ocrp.recv_window;
		a->u.up.connect_speed = m->u.ocrp.connect_speed;
		break;
	case A_CDN:
		if ((a = push_log(c, out, PNS_LOG_WARN,
		    "server disconnected the call", PNS_EV_CDN)) != NULL) {
			a->u.log.type = PPTP_MSG_CDN;
			a->u.log.result = m->u.cdn.result;
			a->u.log.error = m->u.cdn.error;
			a->u.log.cause = m->u.cdn.cause;
		}
		call_down(c, out);
		send_stop(c, out);
		break;
	case A_CDN_CLEARED:
		send_stop(c, out);
		break;
	case A_CCRQ:
		/* pppd asked for it: no CALL_DOWN back. */
		c->call_up = 0;
		if ((r = push_msg(c, out, PPTP_MSG_CCRQ)) != NULL)
			r->u.ccrq.call_id = c->conf.call_id;	/* §2.12 */
		break;
	case A_TIMEOUT_STOP:
		push_log(c, out, PNS_LOG_WARN, "no reply from the server",
		    PNS_EV_REPLY_TIMEOUT);
		send_stop(c, out);
		break;
	case A_STOP_SEND:
		send_stop(c, out);
		break;
	case A_STOP_REPLY:
		if ((a = push_log(c, out, PNS_LOG_WARN,
		    "server stopped the control connection",
		    PNS_EV_STOPCCRQ)) != NULL) {
			a->u.log.type = PPTP_MSG_STOPCCRQ;
			a->u.log.result = m->u.stopccrq.reason;
		}
		if ((r = push_msg(c, out, PPTP_MSG_STOPCCRP)) != NULL)
			r->u.stopccrp.result = PPTP_STOPCCRP_RESULT_OK;
		break;
	case A_ECHO_REPLY:
		if ((r = push_msg(c, out, PPTP_MSG_ECHORP)) == NULL)
			break;
		r->u.echorp.id = m->u.echorq.id;	/* §2.6 */
		r->u.echorp.result = PPTP_ECHORP_RESULT_OK;
		break;
	case A_ECHO_CHECK:
		if (m->u.echorp.id == c->echo_id && c->echo_unanswered > 0) {
			c->echo_unanswered = 0;
			break;
		}
		c->stats[PNS_STAT_ECHO_BAD_ID]++;
		break;
	case A_ECHO_SEND:
		if ((r = push_msg(c, out, PPTP_MSG_ECHORQ)) == NULL)
			break;
		r->u.echorq.id = ++c->echo_id;
		c->echo_unanswered++;
		c->stats[PNS_STAT_ECHO_SENT]++;
		/* The next deadline is one interval after this request. */
		c->t_heard = fsm_add_sat(c->t_heard, c->conf.echo_interval_ms);
		break;
	case A_ICRQ_REFUSE:
		c->stats[PNS_STAT_ICRQ_REFUSED]++;
		if ((r = push_msg(c, out, PPTP_MSG_ICRP)) == NULL)
			break;
		r->u.icrp.peer_call_id = m->u.icrq.call_id;	/* §2.10 */
		r->u.icrp.result = PPTP_ICRP_RESULT_DO_NOT_ACCEPT;
		break;
	case A_WEN:
		c->stats[PNS_STAT_WEN]++;
		push_log(c, out, PNS_LOG_INFO, "WAN error notify", PNS_EV_WEN);
		break;
	case A_LOG_TIMEOUT:
		push_log(c, out, PNS_LOG_WARN, "timeout", PNS_EV__MAX);
		break;
	}
}

/* §2.3: General Request; we send it after the call, or instead of it. */
static void
send_stop(struct pns_fsm *c, struct pns_actions *out)
{
	struct ctrl_msg	*r = push_msg(c, out, PPTP_MSG_STOPCCRQ);

	if (r != NULL)
		r->u.stopccrq.reason = PPTP_STOP_REASON_NONE;
}

static void
call_down(struct pns_fsm *c, struct pns_actions *out)
{
	if (!c->call_up)
		return;
	c->call_up = 0;
	push(c, out, PNS_ACT_CALL_DOWN);
}

static struct pns_action *
push(struct pns_fsm *c, struct pns_actions *out, enum pns_action_type t)
{
	struct pns_action	*a;

	if (out->n >= PNS_ACTIONS_MAX) {
		c->stats[PNS_STAT_ACTIONS_OVERFLOW]++;
		return NULL;
	}
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	a->type = t;
	return a;
}

static struct ctrl_msg *
push_msg(struct pns_fsm *c, struct pns_actions *out, enum ctrl_type t)
{
	struct pns_action	*a = push(c, out, PNS_ACT_SEND);

	if (a == NULL)
		return NULL;
	a->u.msg.type = t;
	return &a->u.msg;
}

static struct pns_action *
push_log(struct pns_fsm *c, struct pns_actions *out,
    enum pns_log_level level, const char *text, enum pns_event ev)
{
	struct pns_action	*a = push(c, out, PNS_ACT_LOG);

	if (a == NULL)
		return NULL;
	a->u.log.level = level;
	a->u.log.text = text;
	a->u.log.from = c->state;
	a->u.log.to = c->state;
	a->u.log.event = ev;
	return a;
}

const char *
pns_state_name(enum pns_state s)
{
	return fsm_name(pns_state_names, NELEM(pns_state_names), (unsigned)s);
}

const char *
pns_event_name(enum pns_event e)
{
	return fsm_name(pns_event_names, NELEM(pns_event_names), (unsigned)e);
}

const char *
pns_stat_name(enum pns_stat s)
{
	return fsm_name(pns_stat_names, NELEM(pns_stat_names), (unsigned)s);
}

const char *
pns_action_name(enum pns_action_type t)
{
	return fsm_name(pns_action_names, NELEM(pns_action_names),
	    (unsigned)t);
}
