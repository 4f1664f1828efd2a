/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_fsm.c: PAC-side control connection (RFC 2637 §3.1) and its calls
 * (§3.2), each a {state, event, action, next} table in the style of ospfd's
 * nbr_fsm().  An event without a row is counted, reported as one log
 * action and ignored.  Pure: no I/O, no clock, no logging, no allocation;
 * the I/O shell executes the returned actions in order.
 *
 * Decisions where RFC 2637 leaves room (see also the tables below):
 *  - Duplicate SCCRQ on an established connection: SCCRP result 3
 *    ("command channel already exists", §2.2), connection unchanged.
 *  - SCCRQ with a version other than 0x0100: SCCRP result 5, then close.
 *  - OCRQ before SCCRQ: OCRP general error, error 1 "not-connected"
 *    (§2.16 defines it for exactly this); the handshake timer still runs.
 *  - ICRQ: ICRP "do not accept" (§2.10); we are a PAC without dial-in.
 *  - CCRQ for an unknown call: counted and ignored.  A CDN names the call
 *    by the PAC's Call ID (§2.13), which an unknown call does not have,
 *    and the usual cause is a CCRQ crossing our own CDN.
 *  - CCRQ while pppd is still starting (§2.12 allows it before OCRP,
 *    §3.2.4.1 answers it with CDN): the call is hung up and the CDN is
 *    sent once the shell reports our Call ID; if the call never comes up
 *    the OCRP carries the failure instead.
 *  - Messages only a PAC sends (SCCRP, OCRP, ICRP, ICCN, CDN) and SLI/WEN
 *    for unknown calls: counted and ignored.  SLI is accepted and ignored
 *    (GRE framing is not affected by ACCMs); WEN is logged.
 *  - Peer StopCCRQ with calls up: calls hung up, StopCCRP, close (§2.3
 *    says calls should have been cleared first; we clear them).
 *  - Echo: any valid message from the peer proves it alive; an Echo-Reply
 *    whose Identifier is not our last one does not, and is counted.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ctrl_fsm.h"
#include "fsm_util.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define ST_SAME		(-1)	/* row "next": stay in the current state */

enum ctrl_act {
	A_NONE,
	A_SCCRP_OK,
	A_SCCRP_BADVER,
	A_SCCRP_EXISTS,
	A_STOP_REPLY,
	A_ECHO_REPLY,
	A_ECHO_CHECK,
	A_ECHO_SEND,
	A_OCRQ,
	A_OCRQ_NOT_CONNECTED,
	A_OCRQ_REFUSE,
	A_ICRQ_REFUSE,
	A_CCRQ,
	A_SLI_WEN,
	A_NOT_FOR_PAC,
	A_BAD_MSG,
	A_CALL_DISPATCH,
	A_ADMIN_STOP,
	A_LOG_TIMEOUT
};

struct ctrl_row {
	enum ctrl_state	state;
	enum ctrl_event	event;
	enum ctrl_act	act;
	int		next;	/* enum ctrl_state or ST_SAME */
};

/*
 * RFC 2637 §3.1 (control connection states: idle -> established on SCCRQ)
 * extended with wait-stop-reply for our admin stop and the keepalive of §2.5.
 * Entering CTRL_ST_CLOSED always aborts the calls and emits CLOSE.
 */
static const struct ctrl_row ctrl_table[] = {
    /* state, event, action, next */
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_SCCRQ, A_SCCRP_OK, CTRL_ST_ESTABLISHED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_SCCRQ_BADVER, A_SCCRP_BADVER,
	  CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_STOPCCRQ, A_STOP_REPLY, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_OCRQ, A_OCRQ_NOT_CONNECTED, ST_SAME },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_NOT_FOR_PAC, A_NOT_FOR_PAC, ST_SAME },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_BAD_MSG, A_BAD_MSG, ST_SAME },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_FRAME_ERR, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_PEER_CLOSED, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_HANDSHAKE_TIMEOUT, A_LOG_TIMEOUT,
	  CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_SCCRQ, CTRL_EV_ADMIN_STOP, A_NONE, CTRL_ST_CLOSED },

    { CTRL_ST_ESTABLISHED, CTRL_EV_SCCRQ, A_SCCRP_EXISTS, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_SCCRQ_BADVER, A_SCCRP_EXISTS, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_STOPCCRQ, A_STOP_REPLY, CTRL_ST_CLOSED },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ECHORP, A_ECHO_CHECK, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_OCRQ, A_OCRQ, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_CCRQ, A_CCRQ, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_SLI, A_SLI_WEN, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_WEN, A_SLI_WEN, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_NOT_FOR_PAC, A_NOT_FOR_PAC, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_BAD_MSG, A_BAD_MSG, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_FRAME_ERR, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_ESTABLISHED, CTRL_EV_PEER_CLOSED, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ECHO_DUE, A_ECHO_SEND, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ECHO_DEAD, A_LOG_TIMEOUT, CTRL_ST_CLOSED },
    { CTRL_ST_ESTABLISHED, CTRL_EV_CALL_UP, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_CALL_FAIL, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_CALL_DOWN, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_ESTABLISHED, CTRL_EV_ADMIN_STOP, A_ADMIN_STOP,
	  CTRL_ST_WAIT_STOP_REPLY },

    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_STOPCCRQ, A_STOP_REPLY, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_STOPCCRP, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_ECHORQ, A_ECHO_REPLY, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_ECHORP, A_ECHO_CHECK, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_OCRQ, A_OCRQ_REFUSE, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_ICRQ, A_ICRQ_REFUSE, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_CCRQ, A_CCRQ, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_SLI, A_SLI_WEN, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_WEN, A_SLI_WEN, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_NOT_FOR_PAC, A_NOT_FOR_PAC, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_BAD_MSG, A_BAD_MSG, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_FRAME_ERR, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_PEER_CLOSED, A_NONE, CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_STOP_TIMEOUT, A_LOG_TIMEOUT,
	  CTRL_ST_CLOSED },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_CALL_UP, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_CALL_FAIL, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_CALL_DOWN, A_CALL_DISPATCH, ST_SAME },
    { CTRL_ST_WAIT_STOP_REPLY, CTRL_EV_ADMIN_STOP, A_NONE, ST_SAME },

    /* Late reports from the shell after close are expected, not odd. */
    { CTRL_ST_CLOSED, CTRL_EV_CALL_UP, A_NONE, ST_SAME },
    { CTRL_ST_CLOSED, CTRL_EV_CALL_FAIL, A_NONE, ST_SAME },
    { CTRL_ST_CLOSED, CTRL_EV_CALL_DOWN, A_NONE, ST_SAME },
    { CTRL_ST_CLOSED, CTRL_EV_PEER_CLOSED, A_NONE, ST_SAME },
    { CTRL_ST_CLOSED, CTRL_EV_ADMIN_STOP, A_NONE, ST_SAME },
};

enum call_act {
	CA_NONE,
	CA_OCRP_OK,		/* OCRP connected with our Call ID */
	CA_OCRP_FAIL,		/* OCRP with the shell's failure result */
	CA_HANGUP,
	CA_HANGUP_OWE_CDN,	/* CCRQ before our Call ID is known */
	CA_CDN_REQUEST_HANGUP,	/* CCRQ: CDN result 4 (§2.13) */
	CA_CDN_ADMIN_HANGUP,	/* admin: CDN result 3 */
	CA_OCRP_ADMIN_HANGUP,	/* admin while pppd starts: OCRP refusal */
	CA_CDN_DOWN,		/* pppd exited: CDN with the shell's cause */
	CA_LATE_UP,		/* pppd came up after we cleared the call */
	CA_LATE_END,		/* cleared call ended */
	CA_SLI,
	CA_WEN
};

struct call_row {
	enum call_state	state;
	enum call_event	event;
	enum call_act	act;
	int		next;	/* enum call_state or ST_SAME */
};

/* RFC 2637 §3.2.4.1 (PAC outgoing call states: wait_cs_ans = WAIT_PPP). */
static const struct call_row call_table[] = {
    /* state, event, action, next */
    { CALL_ST_WAIT_PPP, CALL_EV_UP, CA_OCRP_OK, CALL_ST_ESTABLISHED },
    { CALL_ST_WAIT_PPP, CALL_EV_FAIL, CA_OCRP_FAIL, CALL_ST_IDLE },
    { CALL_ST_WAIT_PPP, CALL_EV_DOWN, CA_OCRP_FAIL, CALL_ST_IDLE },
    { CALL_ST_WAIT_PPP, CALL_EV_CCRQ, CA_HANGUP_OWE_CDN, CALL_ST_CLEARING },
    { CALL_ST_WAIT_PPP, CALL_EV_ADMIN, CA_OCRP_ADMIN_HANGUP, CALL_ST_CLEARING },
    { CALL_ST_WAIT_PPP, CALL_EV_ABORT, CA_HANGUP, CALL_ST_IDLE },

    { CALL_ST_ESTABLISHED, CALL_EV_DOWN, CA_CDN_DOWN, CALL_ST_IDLE },
    { CALL_ST_ESTABLISHED, CALL_EV_CCRQ, CA_CDN_REQUEST_HANGUP,
	  CALL_ST_CLEARING },
    { CALL_ST_ESTABLISHED, CALL_EV_ADMIN, CA_CDN_ADMIN_HANGUP,
	  CALL_ST_CLEARING },
    { CALL_ST_ESTABLISHED, CALL_EV_ABORT, CA_HANGUP, CALL_ST_IDLE },
    { CALL_ST_ESTABLISHED, CALL_EV_SLI, CA_SLI, ST_SAME },
    { CALL_ST_ESTABLISHED, CALL_EV_WEN, CA_WEN, ST_SAME },

    { CALL_ST_CLEARING, CALL_EV_UP, CA_LATE_UP, ST_SAME },
    { CALL_ST_CLEARING, CALL_EV_FAIL, CA_LATE_END, CALL_ST_IDLE },
    { CALL_ST_CLEARING, CALL_EV_DOWN, CA_LATE_END, CALL_ST_IDLE },
    { CALL_ST_CLEARING, CALL_EV_CCRQ, CA_NONE, ST_SAME },
    { CALL_ST_CLEARING, CALL_EV_ADMIN, CA_NONE, ST_SAME },
    { CALL_ST_CLEARING, CALL_EV_ABORT, CA_NONE, CALL_ST_IDLE },
    { CALL_ST_CLEARING, CALL_EV_SLI, CA_SLI, ST_SAME },
    { CALL_ST_CLEARING, CALL_EV_WEN, CA_WEN, ST_SAME },
};

static const char *const ctrl_state_names[] = {
	[CTRL_ST_WAIT_SCCRQ] = "wait-sccrq",
	[CTRL_ST_ESTABLISHED] = "established",
	[CTRL_ST_WAIT_STOP_REPLY] = "wait-stop-reply",
	[CTRL_ST_CLOSED] = "closed",
};
static_assert(NELEM(ctrl_state_names) == CTRL_ST__MAX,
    "ctrl_state_names[] must match enum ctrl_state");

static const char *const ctrl_event_names[] = {
	[CTRL_EV_SCCRQ] = "SCCRQ",
	[CTRL_EV_SCCRQ_BADVER] = "SCCRQ-bad-version",
	[CTRL_EV_STOPCCRQ] = "StopCCRQ",
	[CTRL_EV_STOPCCRP] = "StopCCRP",
	[CTRL_EV_ECHORQ] = "EchoRQ",
	[CTRL_EV_ECHORP] = "EchoRP",
	[CTRL_EV_OCRQ] = "OCRQ",
	[CTRL_EV_ICRQ] = "ICRQ",
	[CTRL_EV_CCRQ] = "CCRQ",
	[CTRL_EV_SLI] = "SLI",
	[CTRL_EV_WEN] = "WEN",
	[CTRL_EV_NOT_FOR_PAC] = "message-not-for-PAC",
	[CTRL_EV_BAD_MSG] = "bad-message",
	[CTRL_EV_FRAME_ERR] = "framing-error",
	[CTRL_EV_PEER_CLOSED] = "peer-closed",
	[CTRL_EV_HANDSHAKE_TIMEOUT] = "handshake-timeout",
	[CTRL_EV_ECHO_DUE] = "echo-due",
	[CTRL_EV_ECHO_DEAD] = "echo-timeout",
	[CTRL_EV_STOP_TIMEOUT] = "stop-reply-timeout",
	[CTRL_EV_CALL_UP] = "call-up",
	[CTRL_EV_CALL_FAIL] = "call-fail",
	[CTRL_EV_CALL_DOWN] = "call-down",
	[CTRL_EV_ADMIN_STOP] = "admin-stop",
};
static_assert(NELEM(ctrl_event_names) == CTRL_EV__MAX,
    "ctrl_event_names[] must match enum ctrl_event");

static const char *const ctrl_stat_names[] = {
	[CTRL_STAT_RX_MSG] = "rx_msg",
	[CTRL_STAT_RX_BAD_MSG] = "rx_bad_msg",
	[CTRL_STAT_RX_RESERVED_NONZERO] = "rx_reserved_nonzero",
	[CTRL_STAT_RX_UNEXPECTED] = "rx_unexpected",
	[CTRL_STAT_RX_NOT_FOR_PAC] = "rx_not_for_pac",
	[CTRL_STAT_FRAME_ERR] = "frame_err",
	[CTRL_STAT_SCCRQ_BAD_VERSION] = "sccrq_bad_version",
	[CTRL_STAT_SCCRQ_DUPLICATE] = "sccrq_duplicate",
	[CTRL_STAT_HANDSHAKE_TIMEOUT] = "handshake_timeout",
	[CTRL_STAT_ECHO_SENT] = "echo_sent",
	[CTRL_STAT_ECHO_BAD_ID] = "echo_bad_id",
	[CTRL_STAT_ECHO_TIMEOUT] = "echo_timeout",
	[CTRL_STAT_STOP_TIMEOUT] = "stop_timeout",
	[CTRL_STAT_STOP_WITH_CALLS] = "stop_with_calls",
	[CTRL_STAT_OCRQ_BUSY] = "ocrq_busy",
	[CTRL_STAT_OCRQ_DUP_CALLID] = "ocrq_dup_callid",
	[CTRL_STAT_OCRQ_REFUSED] = "ocrq_refused",
	[CTRL_STAT_CALL_FAILED] = "call_failed",
	[CTRL_STAT_ICRQ_REFUSED] = "icrq_refused",
	[CTRL_STAT_CCRQ_UNKNOWN_CALL] = "ccrq_unknown_call",
	[CTRL_STAT_SLI] = "sli",
	[CTRL_STAT_WEN] = "wen",
	[CTRL_STAT_SLI_WEN_UNKNOWN_CALL] = "sli_wen_unknown_call",
	[CTRL_STAT_CALL_UNEXPECTED] = "call_unexpected",
	[CTRL_STAT_ACTIONS_OVERFLOW] = "actions_overflow",
};
static_assert(NELEM(ctrl_stat_names) == CTRL_STAT__MAX,
    "ctrl_stat_names[] must match enum ctrl_stat");

static const char *const ctrl_action_names[] = {
	[CTRL_ACT_SEND] = "send",
	[CTRL_ACT_CALL_SPAWN] = "call-spawn",
	[CTRL_ACT_CALL_HANGUP] = "call-hangup",
	[CTRL_ACT_CLOSE] = "close",
	[CTRL_ACT_LOG] = "log",
};
static_assert(NELEM(ctrl_action_names) == CTRL_ACT_LOG + 1,
    "ctrl_action_names[] must match enum ctrl_action_type");

static const char *const call_state_names[] = {
	[CALL_ST_IDLE] = "idle",
	[CALL_ST_WAIT_PPP] = "wait-ppp",
	[CALL_ST_ESTABLISHED] = "established",
	[CALL_ST_CLEARING] = "clearing",
};
static_assert(NELEM(call_state_names) == CALL_ST__MAX,
    "call_state_names[] must match enum call_state");

static const char *const call_event_names[] = {
	[CALL_EV_UP] = "up",
	[CALL_EV_FAIL] = "fail",
	[CALL_EV_DOWN] = "down",
	[CALL_EV_CCRQ] = "CCRQ",
	[CALL_EV_ADMIN] = "admin",
	[CALL_EV_ABORT] = "abort",
	[CALL_EV_SLI] = "SLI",
	[CALL_EV_WEN] = "WEN",
};
static_assert(NELEM(call_event_names) == CALL_EV__MAX,
    "call_event_names[] must match enum call_event");

static enum ctrl_event	classify(struct ctrl_fsm *, uint64_t,
			    const struct ctrl_input *);
static enum ctrl_event	classify_msg(struct ctrl_fsm *, uint64_t,
			    const struct ctrl_msg *);
static void		ctrl_act(struct ctrl_fsm *, enum ctrl_act, uint64_t,
			    const struct ctrl_input *, struct ctrl_actions *);
static void		call_step(struct ctrl_fsm *, unsigned, enum call_event,
			    const struct ctrl_input *, struct ctrl_actions *);
static void		call_act(struct ctrl_fsm *, unsigned, enum call_act,
			    const struct ctrl_input *, struct ctrl_actions *);
static void		calls_all(struct ctrl_fsm *, enum call_event,
			    struct ctrl_actions *);
static int		call_by_peer_id(const struct ctrl_fsm *, uint16_t);
static int		call_by_our_id(const struct ctrl_fsm *, uint16_t);
static struct ctrl_action *push(struct ctrl_fsm *, struct ctrl_actions *,
			    enum ctrl_action_type);
static struct ctrl_msg	*push_msg(struct ctrl_fsm *, struct ctrl_actions *,
			    enum ctrl_type);
static struct ctrl_action *push_log(struct ctrl_fsm *, struct ctrl_actions *,
			    enum ctrl_log_level, const char *, enum ctrl_event);
static void		send_sccrp(struct ctrl_fsm *, struct ctrl_actions *,
			    uint8_t);
static void		send_ocrp(struct ctrl_fsm *, struct ctrl_actions *,
			    uint16_t, uint16_t, uint8_t, uint8_t);
static void		send_cdn(struct ctrl_fsm *, struct ctrl_actions *,
			    uint16_t, uint8_t, uint8_t, uint16_t, const char *);
static void		heard(struct ctrl_fsm *, uint64_t);

void
ctrl_conf_defaults(struct ctrl_conf *cf)
{
	memset(cf, 0, sizeof(*cf));
	cf->handshake_timeout_ms = 10000;
	cf->echo_interval_ms = 60000;
	cf->echo_failures = 3;
	cf->stop_timeout_ms = 5000;
	cf->calls_per_conn = 4;
	cf->recv_window = CTRL_RECV_WINDOW;
	cf->ppd = 0;
	cf->connect_speed = 10000000;
	cf->framing_caps = PPTP_FRAMING_ASYNC | PPTP_FRAMING_SYNC;
	cf->bearer_caps = PPTP_BEARER_ANALOG | PPTP_BEARER_DIGITAL;
	cf->firmware_rev = 1;
	memcpy(cf->host_name, "pptpd-ng", sizeof("pptpd-ng"));
	memcpy(cf->vendor, "pptpd-ng", sizeof("pptpd-ng"));
}

void
ctrl_fsm_init(struct ctrl_fsm *c, const struct ctrl_conf *cf, uint64_t now)
{
	memset(c, 0, sizeof(*c));
	c->conf = *cf;
	if (c->conf.calls_per_conn > CTRL_CALLS_MAX)
		c->conf.calls_per_conn = CTRL_CALLS_MAX;
	/* Strings in conf come from our config, but never trust a length. */
	c->conf.host_name[PPTP_HOSTNAME_LEN] = '\0';
	c->conf.vendor[PPTP_VENDOR_LEN] = '\0';
	c->state = CTRL_ST_WAIT_SCCRQ;
	c->t_entered = now;
	c->t_heard = now;
}

uint64_t
ctrl_fsm_next_deadline(const struct ctrl_fsm *c)
{
	switch (c->state) {
	case CTRL_ST_WAIT_SCCRQ:
		if (c->conf.handshake_timeout_ms == 0)
			return CTRL_DEADLINE_NONE;
		return fsm_add_sat(c->t_entered, c->conf.handshake_timeout_ms);
	case CTRL_ST_ESTABLISHED:
		/* §2.5: keepalive; 0 in either knob disables it. */
		if (c->conf.echo_interval_ms == 0 || c->conf.echo_failures == 0)
			return CTRL_DEADLINE_NONE;
		return fsm_add_sat(c->t_heard, c->conf.echo_interval_ms);
	case CTRL_ST_WAIT_STOP_REPLY:
		return fsm_add_sat(c->t_entered, c->conf.stop_timeout_ms);
	case CTRL_ST_CLOSED:
		return CTRL_DEADLINE_NONE;
	case CTRL_ST__MAX:
		break;
	}
	return CTRL_DEADLINE_NONE;
}

unsigned
ctrl_fsm_ncalls(const struct ctrl_fsm *c)
{
	unsigned	i, n = 0;

	for (i = 0; i < CTRL_CALLS_MAX; i++)
		if (c->calls[i].state != CALL_ST_IDLE)
			n++;
	return n;
}

static void
heard(struct ctrl_fsm *c, uint64_t now)
{
	c->t_heard = now;
	c->echo_unanswered = 0;
}

/* Map a parsed message to a table event (RFC 2637 §2, by type). */
static enum ctrl_event
classify_msg(struct ctrl_fsm *c, uint64_t now, const struct ctrl_msg *m)
{
	c->stats.n[CTRL_STAT_RX_MSG]++;
	if (m->reserved_nonzero)
		c->stats.n[CTRL_STAT_RX_RESERVED_NONZERO]++;
	/* Liveness: an Echo-Reply counts only if it answers us. */
	if (m->type != PPTP_MSG_ECHORP)
		heard(c, now);
	switch (m->type) {
	case PPTP_MSG_SCCRQ:
		/* §2.1: we implement protocol version 1.0 only. */
		if (m->u.sccrq.version != PPTP_PROTO_VERSION)
			return CTRL_EV_SCCRQ_BADVER;
		return CTRL_EV_SCCRQ;
	case PPTP_MSG_STOPCCRQ:
		return CTRL_EV_STOPCCRQ;
	case PPTP_MSG_STOPCCRP:
		return CTRL_EV_STOPCCRP;
	case PPTP_MSG_ECHORQ:
		return CTRL_EV_ECHORQ;
	case PPTP_MSG_ECHORP:
		return CTRL_EV_ECHORP;
	case PPTP_MSG_OCRQ:
		return CTRL_EV_OCRQ;
	case PPTP_MSG_ICRQ:
		return CTRL_EV_ICRQ;
	case PPTP_MSG_CCRQ:
		return CTRL_EV_CCRQ;
	case PPTP_MSG_SLI:
		return CTRL_EV_SLI;
	case PPTP_MSG_WEN:
		return CTRL_EV_WEN;
	case PPTP_MSG_SCCRP:
	case PPTP_MSG_OCRP:
	case PPTP_MSG_ICRP:
	case PPTP_MSG_ICCN:
	case PPTP_MSG_CDN:
		/* §2.2, §2.8, §2.10, §2.11, §2.13: a PAC sends these. */
		return CTRL_EV_NOT_FOR_PAC;
	}
	/* A struct not made by ctrl_parse(); treat as unparseable. */
	c->stats.n[CTRL_STAT_RX_BAD_MSG]++;
	return CTRL_EV__MAX;
}

/* CTRL_EV__MAX: nothing to do (a tick before the deadline). */
static enum ctrl_event
classify(struct ctrl_fsm *c, uint64_t now, const struct ctrl_input *in)
{
	switch (in->type) {
	case CTRL_IN_MSG:
		if (in->msg == NULL)
			return CTRL_EV__MAX;
		return classify_msg(c, now, in->msg);
	case CTRL_IN_BAD_MSG:
		c->stats.n[CTRL_STAT_RX_BAD_MSG]++;
		if ((unsigned)in->err < CTRL_ERR__MAX)
			c->stats.rx_err[in->err]++;
		return CTRL_EV_BAD_MSG;
	case CTRL_IN_FRAME_ERR:
		c->stats.n[CTRL_STAT_FRAME_ERR]++;
		return CTRL_EV_FRAME_ERR;
	case CTRL_IN_PEER_CLOSED:
		return CTRL_EV_PEER_CLOSED;
	case CTRL_IN_TICK:
		if (now < ctrl_fsm_next_deadline(c))
			return CTRL_EV__MAX;
		switch (c->state) {
		case CTRL_ST_WAIT_SCCRQ:
			c->stats.n[CTRL_STAT_HANDSHAKE_TIMEOUT]++;
			return CTRL_EV_HANDSHAKE_TIMEOUT;
		case CTRL_ST_ESTABLISHED:
			if (c->echo_unanswered < c->conf.echo_failures)
				return CTRL_EV_ECHO_DUE;
			c->stats.n[CTRL_STAT_ECHO_TIMEOUT]++;
			return CTRL_EV_ECHO_DEAD;
		case CTRL_ST_WAIT_STOP_REPLY:
			c->stats.n[CTRL_STAT_STOP_TIMEOUT]++;
			return CTRL_EV_STOP_TIMEOUT;
		case CTRL_ST_CLOSED:
		case CTRL_ST__MAX:
			break;
		}
		return CTRL_EV__MAX;
	case CTRL_IN_CALL_UP:
		return CTRL_EV_CALL_UP;
	case CTRL_IN_CALL_FAIL:
		return CTRL_EV_CALL_FAIL;
	case CTRL_IN_CALL_DOWN:
		return CTRL_EV_CALL_DOWN;
	case CTRL_IN_ADMIN_STOP:
		return CTRL_EV_ADMIN_STOP;
	}
	return CTRL_EV__MAX;
}

void
ctrl_fsm_step(struct ctrl_fsm *c, uint64_t now, const struct ctrl_input *in,
    struct ctrl_actions *out)
{
	const struct ctrl_row	*row = NULL;
	struct ctrl_action	*a;
	enum ctrl_event		 ev;
	enum ctrl_state		 prev = c->state;
	size_t			 i;

	out->n = 0;
	ev = classify(c, now, in);
	if (ev == CTRL_EV__MAX)
		return;
	for (i = 0; i < NELEM(ctrl_table); i++)
		if (ctrl_table[i].state == prev && ctrl_table[i].event == ev) {
			row = &ctrl_table[i];
			break;
		}
	if (row == NULL) {
		/* RFC 2637 §3.1: not legal here; count it, change nothing. */
		c->stats.n[CTRL_STAT_RX_UNEXPECTED]++;
		push_log(c, out, CTRL_LOG_WARN, "event not expected in state",
		    ev);
		return;
	}
	ctrl_act(c, row->act, now, in, out);
	if (row->next == ST_SAME || (enum ctrl_state)row->next == prev)
		return;
	c->state = (enum ctrl_state)row->next;
	c->t_entered = now;
	if (c->state == CTRL_ST_ESTABLISHED)
		heard(c, now);
	/* The one trace line per transition, as bgpd's rtr_fsm(). */
	if ((a = push_log(c, out, CTRL_LOG_INFO, "state change", ev)) != NULL)
		a->u.log.from = prev;
	if (c->state == CTRL_ST_CLOSED) {
		/* Whatever closed us, no call outlives the connection. */
		calls_all(c, CALL_EV_ABORT, out);
		push(c, out, CTRL_ACT_CLOSE);
	}
}

static void
ctrl_act(struct ctrl_fsm *c, enum ctrl_act act, uint64_t now,
    const struct ctrl_input *in, struct ctrl_actions *out)
{
	const struct ctrl_msg	*m = in->msg;
	struct ctrl_action	*a;
	struct ctrl_msg		*r;
	int			 i;

	switch (act) {
	case A_NONE:
		break;
	case A_SCCRP_OK:
		send_sccrp(c, out, PPTP_SCCRP_RESULT_OK);
		break;
	case A_SCCRP_BADVER:
		/* §2.2 result 5: "protocol version not supported". */
		c->stats.n[CTRL_STAT_SCCRQ_BAD_VERSION]++;
		send_sccrp(c, out, PPTP_SCCRP_RESULT_BAD_VERSION);
		break;
	case A_SCCRP_EXISTS:
		/* §2.2 result 3: the control connection already exists. */
		c->stats.n[CTRL_STAT_SCCRQ_DUPLICATE]++;
		send_sccrp(c, out, PPTP_SCCRP_RESULT_EXISTS);
		break;
	case A_STOP_REPLY:
		/* §2.3/§2.4: calls are cleared on entering CLOSED. */
		if (ctrl_fsm_ncalls(c) > 0)
			c->stats.n[CTRL_STAT_STOP_WITH_CALLS]++;
		r = push_msg(c, out, PPTP_MSG_STOPCCRP);
		if (r != NULL)
			r->u.stopccrp.result = PPTP_STOPCCRP_RESULT_OK;
		break;
	case A_ECHO_REPLY:
		/* §2.6: echo the Identifier back. */
		r = push_msg(c, out, PPTP_MSG_ECHORP);
		if (r != NULL) {
			r->u.echorp.id = m->u.echorq.id;
			r->u.echorp.result = PPTP_ECHORP_RESULT_OK;
		}
		break;
	case A_ECHO_CHECK:
		/* §2.6: a reply must carry the Identifier we sent. */
		if (c->echo_id != 0 && m->u.echorp.id == c->echo_id)
			heard(c, now);
		else
			c->stats.n[CTRL_STAT_ECHO_BAD_ID]++;
		break;
	case A_ECHO_SEND:
		/* §2.5: probe a silent peer; next probe one interval later. */
		c->echo_id++;
		c->echo_unanswered++;
		c->t_heard = now;
		c->stats.n[CTRL_STAT_ECHO_SENT]++;
		r = push_msg(c, out, PPTP_MSG_ECHORQ);
		if (r != NULL)
			r->u.echorq.id = c->echo_id;
		break;
	case A_OCRQ:
		/* §2.7: one call per distinct PNS Call ID, up to the limit. */
		if (call_by_peer_id(c, m->u.ocrq.call_id) >= 0) {
			c->stats.n[CTRL_STAT_OCRQ_DUP_CALLID]++;
			send_ocrp(c, out, 0, m->u.ocrq.call_id,
			    PPTP_OCRP_RESULT_GENERAL, PPTP_ERROR_BAD_CALLID);
			break;
		}
		for (i = 0; i < CTRL_CALLS_MAX; i++)
			if (c->calls[i].state == CALL_ST_IDLE)
				break;
		if (ctrl_fsm_ncalls(c) >= c->conf.calls_per_conn ||
		    i == CTRL_CALLS_MAX) {
			c->stats.n[CTRL_STAT_OCRQ_BUSY]++;
			send_ocrp(c, out, 0, m->u.ocrq.call_id,
			    PPTP_OCRP_RESULT_BUSY, PPTP_ERROR_NONE);
			break;
		}
		memset(&c->calls[i], 0, sizeof(c->calls[i]));
		c->calls[i].state = CALL_ST_WAIT_PPP;
		c->calls[i].peer_call_id = m->u.ocrq.call_id;
		a = push(c, out, CTRL_ACT_CALL_SPAWN);
		if (a != NULL) {
			a->call = (unsigned)i;
			a->u.ocrq = m->u.ocrq;
		}
		break;
	case A_OCRQ_NOT_CONNECTED:
		/* §2.16 error 1: no control connection exists yet. */
		c->stats.n[CTRL_STAT_OCRQ_REFUSED]++;
		send_ocrp(c, out, 0, m->u.ocrq.call_id,
		    PPTP_OCRP_RESULT_GENERAL, PPTP_ERROR_NOT_CONNECTED);
		break;
	case A_OCRQ_REFUSE:
		/* §2.8 result 7: shutting down, administratively refused. */
		c->stats.n[CTRL_STAT_OCRQ_REFUSED]++;
		send_ocrp(c, out, 0, m->u.ocrq.call_id,
		    PPTP_OCRP_RESULT_DO_NOT_ACCEPT, PPTP_ERROR_NONE);
		break;
	case A_ICRQ_REFUSE:
		/* §2.10 result 3: we take no incoming calls. */
		c->stats.n[CTRL_STAT_ICRQ_REFUSED]++;
		r = push_msg(c, out, PPTP_MSG_ICRP);
		if (r != NULL) {
			r->u.icrp.peer_call_id = m->u.icrq.call_id;
			r->u.icrp.result = PPTP_ICRP_RESULT_DO_NOT_ACCEPT;
		}
		break;
	case A_CCRQ:
		/* §2.12: the Call ID here is the PNS's own. */
		i = call_by_peer_id(c, m->u.ccrq.call_id);
		if (i < 0) {
			c->stats.n[CTRL_STAT_CCRQ_UNKNOWN_CALL]++;
			break;
		}
		call_step(c, (unsigned)i, CALL_EV_CCRQ, in, out);
		break;
	case A_SLI_WEN:
		/* §2.14/§2.15: Peer's Call ID is the PAC's, i.e. ours. */
		i = call_by_our_id(c, m->type == PPTP_MSG_SLI ?
		    m->u.sli.peer_call_id : m->u.wen.peer_call_id);
		if (i < 0) {
			c->stats.n[CTRL_STAT_SLI_WEN_UNKNOWN_CALL]++;
			break;
		}
		call_step(c, (unsigned)i, m->type == PPTP_MSG_SLI ?
		    CALL_EV_SLI : CALL_EV_WEN, in, out);
		break;
	case A_NOT_FOR_PAC:
		c->stats.n[CTRL_STAT_RX_NOT_FOR_PAC]++;
		break;
	case A_BAD_MSG:
		/* Framing is intact, so the stream stays usable: drop it. */
		break;
	case A_CALL_DISPATCH:
		if (in->call >= CTRL_CALLS_MAX ||
		    c->calls[in->call].state == CALL_ST_IDLE) {
			c->stats.n[CTRL_STAT_CALL_UNEXPECTED]++;
			push_log(c, out, CTRL_LOG_WARN,
			    "report for an unknown call", CTRL_EV__MAX);
			break;
		}
		call_step(c, in->call, in->type == CTRL_IN_CALL_UP ?
		    CALL_EV_UP : in->type == CTRL_IN_CALL_FAIL ?
		    CALL_EV_FAIL : CALL_EV_DOWN, in, out);
		break;
	case A_ADMIN_STOP:
		/* §2.3: clear every call (CDN) before StopCCRQ. */
		calls_all(c, CALL_EV_ADMIN, out);
		r = push_msg(c, out, PPTP_MSG_STOPCCRQ);
		if (r != NULL)
			r->u.stopccrq.reason = PPTP_STOP_REASON_LOCAL_SHUTDOWN;
		break;
	case A_LOG_TIMEOUT:
		push_log(c, out, CTRL_LOG_WARN, "timeout", CTRL_EV__MAX);
		break;
	}
}

static void
calls_all(struct ctrl_fsm *c, enum call_event ev, struct ctrl_actions *out)
{
	struct ctrl_input	none;
	unsigned		i;

	memset(&none, 0, sizeof(none));
	for (i = 0; i < CTRL_CALLS_MAX; i++)
		if (c->calls[i].state != CALL_ST_IDLE)
			call_step(c, i, ev, &none, out);
}

static void
call_step(struct ctrl_fsm *c, unsigned slot, enum call_event ev,
    const struct ctrl_input *in, struct ctrl_actions *out)
{
	struct ctrl_call	*call = &c->calls[slot];
	size_t			 i;

	for (i = 0; i < NELEM(call_table); i++) {
		if (call_table[i].state != call->state ||
		    call_table[i].event != ev)
			continue;
		call_act(c, slot, call_table[i].act, in, out);
		if (call_table[i].next == CALL_ST_IDLE)
			memset(call, 0, sizeof(*call));
		else if (call_table[i].next != ST_SAME)
			call->state = (enum call_state)call_table[i].next;
		return;
	}
	c->stats.n[CTRL_STAT_CALL_UNEXPECTED]++;
	push_log(c, out, CTRL_LOG_WARN, "call event not expected in state",
	    CTRL_EV__MAX);
}

static void
call_act(struct ctrl_fsm *c, unsigned slot, enum call_act act,
    const struct ctrl_input *in, struct ctrl_actions *out)
{
	struct ctrl_call	*call = &c->calls[slot];
	struct ctrl_action	*a;
	uint8_t			 result;

	switch (act) {
	case CA_NONE:
		break;
	case CA_OCRP_OK:
		/* §2.8: connected, with the Call ID the shell allocated. */
		call->call_id = in->call_id;
		call->has_call_id = 1;
		send_ocrp(c, out, call->call_id, call->peer_call_id,
		    PPTP_OCRP_RESULT_CONNECTED, PPTP_ERROR_NONE);
		break;
	case CA_OCRP_FAIL:
		c->stats.n[CTRL_STAT_CALL_FAILED]++;
		/* CALL_DOWN results are CDN codes: not for an OCRP. */
		result = in->type == CTRL_IN_CALL_FAIL && in->result != 0 &&
		    in->result != PPTP_OCRP_RESULT_CONNECTED ?
		    in->result : PPTP_OCRP_RESULT_GENERAL;
		send_ocrp(c, out, 0, call->peer_call_id, result, in->error);
		break;
	case CA_HANGUP_OWE_CDN:
		call->cdn_owed = 1;
		/* FALLTHROUGH */
	case CA_HANGUP:
		a = push(c, out, CTRL_ACT_CALL_HANGUP);
		if (a != NULL)
			a->call = slot;
		break;
	case CA_CDN_REQUEST_HANGUP:
		send_cdn(c, out, call->call_id, PPTP_CDN_RESULT_REQUEST,
		    PPTP_ERROR_NONE, 0, NULL);
		call_act(c, slot, CA_HANGUP, in, out);
		break;
	case CA_CDN_ADMIN_HANGUP:
		send_cdn(c, out, call->call_id, PPTP_CDN_RESULT_ADMIN_SHUTDOWN,
		    PPTP_ERROR_NONE, 0, NULL);
		call_act(c, slot, CA_HANGUP, in, out);
		break;
	case CA_OCRP_ADMIN_HANGUP:
		send_ocrp(c, out, 0, call->peer_call_id,
		    PPTP_OCRP_RESULT_DO_NOT_ACCEPT, PPTP_ERROR_NONE);
		call_act(c, slot, CA_HANGUP, in, out);
		break;
	case CA_CDN_DOWN:
		/* §2.13: the shell's result (default: lost carrier). */
		result = in->result != 0 ? in->result :
		    PPTP_CDN_RESULT_LOST_CARRIER;
		send_cdn(c, out, call->call_id, result, in->error, in->cause,
		    in->stats);
		break;
	case CA_LATE_UP:
		call->call_id = in->call_id;
		call->has_call_id = 1;
		if (call->cdn_owed) {
			call->cdn_owed = 0;
			send_cdn(c, out, call->call_id, PPTP_CDN_RESULT_REQUEST,
			    PPTP_ERROR_NONE, 0, NULL);
		}
		break;
	case CA_LATE_END:
		/* The PNS still waits for an answer to its OCRQ. */
		if (call->cdn_owed)
			send_ocrp(c, out, 0, call->peer_call_id,
			    PPTP_OCRP_RESULT_GENERAL, PPTP_ERROR_NONE);
		break;
	case CA_SLI:
		/* §2.15: ACCMs do not apply to GRE-carried PPP; ignore. */
		c->stats.n[CTRL_STAT_SLI]++;
		push_log(c, out, CTRL_LOG_DEBUG, "SLI ignored", CTRL_EV_SLI);
		break;
	case CA_WEN:
		c->stats.n[CTRL_STAT_WEN]++;
		push_log(c, out, CTRL_LOG_INFO, "WAN error notify",
		    CTRL_EV_WEN);
		break;
	}
}

static int
call_by_peer_id(const struct ctrl_fsm *c, uint16_t peer_call_id)
{
	int	i;

	for (i = 0; i < CTRL_CALLS_MAX; i++)
		if (c->calls[i].state != CALL_ST_IDLE &&
		    c->calls[i].peer_call_id == peer_call_id)
			return i;
	return -1;
}

static int
call_by_our_id(const struct ctrl_fsm *c, uint16_t call_id)
{
	int	i;

	for (i = 0; i < CTRL_CALLS_MAX; i++)
		if (c->calls[i].state != CALL_ST_IDLE &&
		    c->calls[i].has_call_id && c->calls[i].call_id == call_id)
			return i;
	return -1;
}

static struct ctrl_action *
push(struct ctrl_fsm *c, struct ctrl_actions *out, enum ctrl_action_type t)
{
	struct ctrl_action	*a;

	if (out->n >= CTRL_ACTIONS_MAX) {
		c->stats.n[CTRL_STAT_ACTIONS_OVERFLOW]++;
		return NULL;
	}
	a = &out->a[out->n++];
	memset(a, 0, sizeof(*a));
	a->type = t;
	return a;
}

static struct ctrl_msg *
push_msg(struct ctrl_fsm *c, struct ctrl_actions *out, enum ctrl_type t)
{
	struct ctrl_action	*a = push(c, out, CTRL_ACT_SEND);

	if (a == NULL)
		return NULL;
	a->u.msg.type = t;
	return &a->u.msg;
}

static struct ctrl_action *
push_log(struct ctrl_fsm *c, struct ctrl_actions *out,
    enum ctrl_log_level level, const char *text, enum ctrl_event ev)
{
	struct ctrl_action	*a = push(c, out, CTRL_ACT_LOG);

	if (a == NULL)
		return NULL;
	a->u.log.level = level;
	a->u.log.text = text;
	a->u.log.from = c->state;
	a->u.log.to = c->state;
	a->u.log.event = ev;
	return a;
}

static void
send_sccrp(struct ctrl_fsm *c, struct ctrl_actions *out, uint8_t result)
{
	struct ctrl_msg	*r = push_msg(c, out, PPTP_MSG_SCCRP);

	if (r == NULL)
		return;
	/* §2.2 */
	r->u.sccrp.version = PPTP_PROTO_VERSION;
	r->u.sccrp.result = result;
	r->u.sccrp.error = PPTP_ERROR_NONE;
	r->u.sccrp.framing_caps = c->conf.framing_caps;
	r->u.sccrp.bearer_caps = c->conf.bearer_caps;
	r->u.sccrp.max_channels = (uint16_t)c->conf.calls_per_conn;
	r->u.sccrp.firmware_rev = c->conf.firmware_rev;
	memcpy(r->u.sccrp.host_name, c->conf.host_name,
	    sizeof(r->u.sccrp.host_name));
	memcpy(r->u.sccrp.vendor, c->conf.vendor, sizeof(r->u.sccrp.vendor));
}

static void
send_ocrp(struct ctrl_fsm *c, struct ctrl_actions *out, uint16_t call_id,
    uint16_t peer_call_id, uint8_t result, uint8_t error)
{
	struct ctrl_msg	*r = push_msg(c, out, PPTP_MSG_OCRP);

	if (r == NULL)
		return;
	/* §2.8 */
	r->u.ocrp.call_id = call_id;
	r->u.ocrp.peer_call_id = peer_call_id;
	r->u.ocrp.result = result;
	r->u.ocrp.error = error;
	if (result == PPTP_OCRP_RESULT_CONNECTED) {
		r->u.ocrp.connect_speed = c->conf.connect_speed;
		r->u.ocrp.recv_window = c->conf.recv_window;
		r->u.ocrp.ppd = c->conf.ppd;
	}
}

static void
send_cdn(struct ctrl_fsm *c, struct ctrl_actions *out, uint16_t call_id,
    uint8_t result, uint8_t error, uint16_t cause, const char *stats)
{
	struct ctrl_msg	*r = push_msg(c, out, PPTP_MSG_CDN);

	if (r == NULL)
		return;
	/* §2.13 */
	r->u.cdn.call_id = call_id;
	r->u.cdn.result = result;
	r->u.cdn.error = error;
	r->u.cdn.cause = cause;
	if (stats != NULL)
		memcpy(r->u.cdn.stats, stats,
		    strnlen(stats, PPTP_STATS_LEN));
}

const char *
ctrl_state_name(enum ctrl_state s)
{
	return fsm_name(ctrl_state_names, NELEM(ctrl_state_names), s);
}

const char *
ctrl_event_name(enum ctrl_event e)
{
	return fsm_name(ctrl_event_names, NELEM(ctrl_event_names), e);
}

const char *
ctrl_stat_name(enum ctrl_stat s)
{
	return fsm_name(ctrl_stat_names, NELEM(ctrl_stat_names), s);
}

const char *
ctrl_action_name(enum ctrl_action_type t)
{
	return fsm_name(ctrl_action_names, NELEM(ctrl_action_names), t);
}

const char *
call_state_name(enum call_state s)
{
	return fsm_name(call_state_names, NELEM(call_state_names), s);
}

const char *
call_event_name(enum call_event e)
{
	return fsm_name(call_event_names, NELEM(call_event_names), e);
}
