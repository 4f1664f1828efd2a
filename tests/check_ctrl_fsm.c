/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_ctrl_fsm.c: unit tests for pptp-ctrl/ctrl_fsm.c: every (state,
 * event) pair against an expectation table written from the design (not
 * from the FSM's own table), and scripted timelines with explicit times:
 * echo, handshake and stop timeouts, several calls, CCRQ, StopCCRQ, admin.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/ctrl_fsm.h"

static struct ctrl_fsm		c;
static struct ctrl_actions	acts;

static struct ctrl_conf
conf_test(void)
{
	struct ctrl_conf	cf;

	ctrl_conf_defaults(&cf);
	cf.handshake_timeout_ms = 5000;
	cf.echo_interval_ms = 1000;
	cf.echo_failures = 3;
	cf.stop_timeout_ms = 2000;
	cf.calls_per_conn = 2;
	return cf;
}

static struct ctrl_msg
msg(enum ctrl_type t)
{
	struct ctrl_msg	m;

	memset(&m, 0, sizeof(m));
	m.type = t;
	if (t == PPTP_MSG_SCCRQ)
		m.u.sccrq.version = PPTP_PROTO_VERSION;
	return m;
}

static void
in_msg(uint64_t now, const struct ctrl_msg *m)
{
	struct ctrl_input	in;

	memset(&in, 0, sizeof(in));
	in.type = CTRL_IN_MSG;
	in.msg = m;
	ctrl_fsm_step(&c, now, &in, &acts);
}

static void
in_type(uint64_t now, enum ctrl_type t)
{
	struct ctrl_msg	m = msg(t);

	in_msg(now, &m);
}

static void
in_ocrq(uint64_t now, uint16_t peer_call_id)
{
	struct ctrl_msg	m = msg(PPTP_MSG_OCRQ);

	m.u.ocrq.call_id = peer_call_id;
	m.u.ocrq.recv_window = 16;
	in_msg(now, &m);
}

static void
in_ccrq(uint64_t now, uint16_t peer_call_id)
{
	struct ctrl_msg	m = msg(PPTP_MSG_CCRQ);

	m.u.ccrq.call_id = peer_call_id;
	in_msg(now, &m);
}

static void
in_other(uint64_t now, enum ctrl_input_type t, unsigned call,
    uint16_t call_id, uint8_t result)
{
	struct ctrl_input	in;

	memset(&in, 0, sizeof(in));
	in.type = t;
	in.call = call;
	in.call_id = call_id;
	in.result = result;
	in.err = CTRL_ERR_SIZE;
	ctrl_fsm_step(&c, now, &in, &acts);
}

/* The index-th action of the given type, or NULL. */
static const struct ctrl_action *
nth(enum ctrl_action_type t, unsigned index)
{
	size_t	i;

	for (i = 0; i < acts.n; i++)
		if (acts.a[i].type == t && index-- == 0)
			return &acts.a[i];
	return NULL;
}

static unsigned
count(enum ctrl_action_type t)
{
	unsigned	n = 0;
	size_t		i;

	for (i = 0; i < acts.n; i++)
		n += acts.a[i].type == t;
	return n;
}

/* The index-th message sent, which must exist and have type t. */
static const struct ctrl_msg *
sent(unsigned index, enum ctrl_type t)
{
	const struct ctrl_action	*a = nth(CTRL_ACT_SEND, index);

	ck_assert_msg(a != NULL, "no message #%u sent", index);
	ck_assert_msg(a->u.msg.type == t, "sent %s, want %s",
	    ctrl_type_name(a->u.msg.type), ctrl_type_name(t));
	return &a->u.msg;
}

static void
fsm_new(const struct ctrl_conf *cf)
{
	ctrl_fsm_init(&c, cf, 0);
	memset(&acts, 0, sizeof(acts));
}

static void
established(void)
{
	struct ctrl_conf	cf = conf_test();

	fsm_new(&cf);
	in_type(0, PPTP_MSG_SCCRQ);
	ck_assert_int_eq(c.state, CTRL_ST_ESTABLISHED);
}

/* Two calls up: handles 0/1, peer IDs 10/11, our IDs 100/101. */
static void
two_calls_up(void)
{
	established();
	in_ocrq(10, 10);
	in_other(11, CTRL_IN_CALL_UP, 0, 100, 0);
	in_ocrq(12, 11);
	in_other(13, CTRL_IN_CALL_UP, 1, 101, 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 2);
}

/*
 * ---- Every (state, event) pair ------------------------------------------
 * R: no row, counted in rx_unexpected, state kept.  X: cannot happen (a
 * tick only raises the timer event of the current state); checked as a
 * spurious tick.  Else the next state and the first message type sent.
 */
#define R	(-1)
#define X	(-2)
#define W	CTRL_ST_WAIT_SCCRQ
#define E	CTRL_ST_ESTABLISHED
#define S	CTRL_ST_WAIT_STOP_REPLY
#define C	CTRL_ST_CLOSED

static const int want_next[CTRL_ST__MAX][CTRL_EV__MAX] = {
	/* SCCRQ BADVER STOPRQ STOPRP ECHORQ ECHORP OCRQ ICRQ CCRQ SLI WEN
	 * NFP BAD FRAME CLOSED HSTO ECHODUE ECHODEAD STOPTO UP FAIL DOWN
	 * ADMIN */
	[W] = { E, C, C, R, W, R, W, R, R, R, R,
		W, W, C, C, C, X, X, X, R, R, R, C },
	[E] = { E, E, C, R, E, E, E, E, E, E, E,
		E, E, C, C, X, E, C, X, E, E, E, S },
	[S] = { R, R, C, C, S, S, S, S, S, S, S,
		S, S, C, C, X, X, X, C, S, S, S, S },
	[C] = { R, R, R, R, R, R, R, R, R, R, R,
		R, R, R, C, X, X, X, X, C, C, C, C },
};

static const int want_sent[CTRL_ST__MAX][CTRL_EV__MAX] = {
	[W] = { PPTP_MSG_SCCRP, PPTP_MSG_SCCRP, PPTP_MSG_STOPCCRP, 0,
		PPTP_MSG_ECHORP, 0, PPTP_MSG_OCRP, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	/* One call waiting for pppd (handle 0, peer ID 7). */
	[E] = { PPTP_MSG_SCCRP, PPTP_MSG_SCCRP, PPTP_MSG_STOPCCRP, 0,
		PPTP_MSG_ECHORP, 0, 0, PPTP_MSG_ICRP, 0, 0, 0,
		0, 0, 0, 0, 0, PPTP_MSG_ECHORQ, 0, 0,
		PPTP_MSG_OCRP, PPTP_MSG_OCRP, PPTP_MSG_OCRP, PPTP_MSG_OCRP },
	/* That call is clearing: late reports send nothing. */
	[S] = { 0, 0, PPTP_MSG_STOPCCRP, 0,
		PPTP_MSG_ECHORP, 0, PPTP_MSG_OCRP, PPTP_MSG_ICRP, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	[C] = { 0 },
};

static void
enter_state(enum ctrl_state s)
{
	established();
	in_ocrq(1, 7);			/* handle 0 in WAIT_PPP */
	switch (s) {
	case CTRL_ST_WAIT_SCCRQ: {
		struct ctrl_conf cf = conf_test();

		fsm_new(&cf);
		break;
	}
	case CTRL_ST_ESTABLISHED:
		break;
	case CTRL_ST_WAIT_STOP_REPLY:
		in_other(2, CTRL_IN_ADMIN_STOP, 0, 0, 0);
		break;
	case CTRL_ST_CLOSED:
		in_other(2, CTRL_IN_PEER_CLOSED, 0, 0, 0);
		break;
	case CTRL_ST__MAX:
		break;
	}
	ck_assert_int_eq(c.state, s);
}

static void
raise_event(enum ctrl_event ev)
{
	struct ctrl_msg	m;
	uint64_t	now = 3;

	memset(&m, 0, sizeof(m));
	switch (ev) {
	case CTRL_EV_SCCRQ:
		m = msg(PPTP_MSG_SCCRQ);
		break;
	case CTRL_EV_SCCRQ_BADVER:
		m = msg(PPTP_MSG_SCCRQ);
		m.u.sccrq.version = 0x0200;
		break;
	case CTRL_EV_STOPCCRQ:
		m = msg(PPTP_MSG_STOPCCRQ);
		break;
	case CTRL_EV_STOPCCRP:
		m = msg(PPTP_MSG_STOPCCRP);
		break;
	case CTRL_EV_ECHORQ:
		m = msg(PPTP_MSG_ECHORQ);
		break;
	case CTRL_EV_ECHORP:
		m = msg(PPTP_MSG_ECHORP);
		break;
	case CTRL_EV_OCRQ:
		m = msg(PPTP_MSG_OCRQ);
		m.u.ocrq.call_id = 8;
		break;
	case CTRL_EV_ICRQ:
		m = msg(PPTP_MSG_ICRQ);
		break;
	case CTRL_EV_CCRQ:
		m = msg(PPTP_MSG_CCRQ);
		m.u.ccrq.call_id = 7;
		break;
	case CTRL_EV_SLI:
		m = msg(PPTP_MSG_SLI);
		break;
	case CTRL_EV_WEN:
		m = msg(PPTP_MSG_WEN);
		break;
	case CTRL_EV_NOT_FOR_PAC:
		m = msg(PPTP_MSG_CDN);
		break;
	case CTRL_EV_BAD_MSG:
		in_other(now, CTRL_IN_BAD_MSG, 0, 0, 0);
		return;
	case CTRL_EV_FRAME_ERR:
		in_other(now, CTRL_IN_FRAME_ERR, 0, 0, 0);
		return;
	case CTRL_EV_PEER_CLOSED:
		in_other(now, CTRL_IN_PEER_CLOSED, 0, 0, 0);
		return;
	case CTRL_EV_HANDSHAKE_TIMEOUT:
	case CTRL_EV_ECHO_DUE:
	case CTRL_EV_STOP_TIMEOUT:
		in_other(ctrl_fsm_next_deadline(&c), CTRL_IN_TICK, 0, 0, 0);
		return;
	case CTRL_EV_ECHO_DEAD:
		c.echo_unanswered = c.conf.echo_failures;
		in_other(ctrl_fsm_next_deadline(&c), CTRL_IN_TICK, 0, 0, 0);
		return;
	case CTRL_EV_CALL_UP:
		in_other(now, CTRL_IN_CALL_UP, 0, 77, 0);
		return;
	case CTRL_EV_CALL_FAIL:
		in_other(now, CTRL_IN_CALL_FAIL, 0, 0, PPTP_OCRP_RESULT_BUSY);
		return;
	case CTRL_EV_CALL_DOWN:
		in_other(now, CTRL_IN_CALL_DOWN, 0, 0, 0);
		return;
	case CTRL_EV_ADMIN_STOP:
		in_other(now, CTRL_IN_ADMIN_STOP, 0, 0, 0);
		return;
	case CTRL_EV__MAX:
		return;
	}
	in_msg(now, &m);
}

START_TEST(t_state_event_pair)
{
	enum ctrl_state	s = (enum ctrl_state)(_i / CTRL_EV__MAX);
	enum ctrl_event	ev = (enum ctrl_event)(_i % CTRL_EV__MAX);
	int		want = want_next[s][ev];
	uint64_t	unexpected;
	const struct ctrl_action *a;

	enter_state(s);
	unexpected = c.stats.n[CTRL_STAT_RX_UNEXPECTED];
	if (want == X) {
		/* A tick before any deadline does nothing at all. */
		in_other(3, CTRL_IN_TICK, 0, 0, 0);
		ck_assert_uint_eq(acts.n, 0);
		ck_assert_int_eq(c.state, s);
		return;
	}
	raise_event(ev);
	if (want == R) {
		ck_assert_msg(c.stats.n[CTRL_STAT_RX_UNEXPECTED] ==
		    unexpected + 1, "%s in %s: not rejected",
		    ctrl_event_name(ev), ctrl_state_name(s));
		ck_assert_int_eq(c.state, s);
		ck_assert_uint_eq(acts.n, 1);
		ck_assert_int_eq(acts.a[0].type, CTRL_ACT_LOG);
		ck_assert_int_eq(acts.a[0].u.log.event, ev);
		return;
	}
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_RX_UNEXPECTED], unexpected);
	ck_assert_msg((int)c.state == want, "%s in %s: went to %s",
	    ctrl_event_name(ev), ctrl_state_name(s),
	    ctrl_state_name(c.state));
	a = nth(CTRL_ACT_SEND, 0);
	if (want_sent[s][ev] == 0)
		ck_assert_msg(a == NULL, "%s in %s: sent %s",
		    ctrl_event_name(ev), ctrl_state_name(s),
		    ctrl_type_name(a->u.msg.type));
	else
		(void)sent(0, (enum ctrl_type)want_sent[s][ev]);
	/* Entering CLOSED, and only that, closes the socket. */
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE),
	    want == C && s != C ? 1 : 0);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_ACTIONS_OVERFLOW], 0);
}
END_TEST

/* ---- Handshake ---------------------------------------------------------- */

START_TEST(t_handshake_ok)
{
	struct ctrl_conf	cf = conf_test();
	const struct ctrl_msg	*r;

	fsm_new(&cf);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 5000);
	in_type(100, PPTP_MSG_SCCRQ);
	r = sent(0, PPTP_MSG_SCCRP);
	ck_assert_uint_eq(r->u.sccrp.version, PPTP_PROTO_VERSION);
	ck_assert_uint_eq(r->u.sccrp.result, PPTP_SCCRP_RESULT_OK);
	ck_assert_uint_eq(r->u.sccrp.max_channels, 2);
	ck_assert_str_eq(r->u.sccrp.host_name, "pptpd-ng");
	ck_assert_int_eq(c.state, CTRL_ST_ESTABLISHED);
	/* Echo timer now runs from the SCCRQ. */
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 1100);
}
END_TEST

START_TEST(t_handshake_timeout)
{
	struct ctrl_conf	cf = conf_test();

	fsm_new(&cf);
	in_other(4999, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_uint_eq(acts.n, 0);
	in_other(5000, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_HANDSHAKE_TIMEOUT], 1);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), CTRL_DEADLINE_NONE);
}
END_TEST

START_TEST(t_bad_version_closes)
{
	struct ctrl_conf	cf = conf_test();
	struct ctrl_msg		m = msg(PPTP_MSG_SCCRQ);

	fsm_new(&cf);
	m.u.sccrq.version = 0x0101;
	in_msg(1, &m);
	ck_assert_uint_eq(sent(0, PPTP_MSG_SCCRP)->u.sccrp.result,
	    PPTP_SCCRP_RESULT_BAD_VERSION);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_SCCRQ_BAD_VERSION], 1);
}
END_TEST

START_TEST(t_duplicate_sccrq_exists)
{
	established();
	in_type(5, PPTP_MSG_SCCRQ);
	ck_assert_uint_eq(sent(0, PPTP_MSG_SCCRP)->u.sccrp.result,
	    PPTP_SCCRP_RESULT_EXISTS);
	ck_assert_int_eq(c.state, CTRL_ST_ESTABLISHED);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_SCCRQ_DUPLICATE], 1);
}
END_TEST

START_TEST(t_ocrq_before_sccrq)
{
	struct ctrl_conf	cf = conf_test();
	const struct ctrl_msg	*r;

	fsm_new(&cf);
	in_ocrq(1, 9);
	r = sent(0, PPTP_MSG_OCRP);
	ck_assert_uint_eq(r->u.ocrp.result, PPTP_OCRP_RESULT_GENERAL);
	ck_assert_uint_eq(r->u.ocrp.error, PPTP_ERROR_NOT_CONNECTED);
	ck_assert_uint_eq(r->u.ocrp.peer_call_id, 9);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_SPAWN), 0);
	/* The handshake timer was not restarted by the stray message. */
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 5000);
}
END_TEST

/* ---- Echo --------------------------------------------------------------- */

START_TEST(t_echo_timeout_closes)
{
	uint32_t	id;
	uint64_t	t;

	established();
	for (t = 1000, id = 1; id <= 3; t += 1000, id++) {
		in_other(t - 1, CTRL_IN_TICK, 0, 0, 0);
		ck_assert_uint_eq(acts.n, 0);
		in_other(t, CTRL_IN_TICK, 0, 0, 0);
		ck_assert_uint_eq(sent(0, PPTP_MSG_ECHORQ)->u.echorq.id, id);
		ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), t + 1000);
	}
	in_other(t, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_ECHO_SENT], 3);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_ECHO_TIMEOUT], 1);
}
END_TEST

START_TEST(t_echo_reply_must_match)
{
	struct ctrl_msg	m = msg(PPTP_MSG_ECHORP);

	established();
	in_other(1000, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_uint_eq(c.echo_unanswered, 1);
	m.u.echorp.id = 99;		/* wrong Identifier: not liveness */
	in_msg(1500, &m);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_ECHO_BAD_ID], 1);
	ck_assert_uint_eq(c.echo_unanswered, 1);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 2000);
	m.u.echorp.id = 1;
	in_msg(1600, &m);
	ck_assert_uint_eq(c.echo_unanswered, 0);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 2600);
}
END_TEST

START_TEST(t_echo_any_traffic_is_liveness)
{
	established();
	in_other(1000, CTRL_IN_TICK, 0, 0, 0);
	in_other(2000, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_uint_eq(c.echo_unanswered, 2);
	in_type(2500, PPTP_MSG_SLI);
	ck_assert_uint_eq(c.echo_unanswered, 0);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 3500);
}
END_TEST

START_TEST(t_echo_request_answered)
{
	struct ctrl_msg	m = msg(PPTP_MSG_ECHORQ);
	const struct ctrl_msg *r;

	established();
	m.u.echorq.id = 0xcafe;
	in_msg(10, &m);
	r = sent(0, PPTP_MSG_ECHORP);
	ck_assert_uint_eq(r->u.echorp.id, 0xcafe);
	ck_assert_uint_eq(r->u.echorp.result, PPTP_ECHORP_RESULT_OK);
}
END_TEST

START_TEST(t_echo_disabled)
{
	struct ctrl_conf	cf = conf_test();

	cf.echo_failures = _i == 0 ? 0 : 3;
	cf.echo_interval_ms = _i == 0 ? 1000 : 0;
	fsm_new(&cf);
	in_type(0, PPTP_MSG_SCCRQ);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), CTRL_DEADLINE_NONE);
	in_other(UINT64_MAX - 1, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_uint_eq(acts.n, 0);
}
END_TEST

/* ---- Calls -------------------------------------------------------------- */

START_TEST(t_multiple_calls)
{
	const struct ctrl_action	*a;
	const struct ctrl_msg		*r;

	established();
	in_ocrq(10, 10);
	a = nth(CTRL_ACT_CALL_SPAWN, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->call, 0);
	ck_assert_uint_eq(a->u.ocrq.call_id, 10);
	ck_assert_uint_eq(a->u.ocrq.recv_window, 16);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
	in_ocrq(11, 11);
	ck_assert_uint_eq(nth(CTRL_ACT_CALL_SPAWN, 0)->call, 1);
	/* calls_per_conn = 2: the third is busy (§2.8 result 4). */
	in_ocrq(12, 12);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.result,
	    PPTP_OCRP_RESULT_BUSY);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_OCRQ_BUSY], 1);
	in_other(13, CTRL_IN_CALL_UP, 0, 100, 0);
	r = sent(0, PPTP_MSG_OCRP);
	ck_assert_uint_eq(r->u.ocrp.result, PPTP_OCRP_RESULT_CONNECTED);
	ck_assert_uint_eq(r->u.ocrp.call_id, 100);
	ck_assert_uint_eq(r->u.ocrp.peer_call_id, 10);
	ck_assert_uint_eq(r->u.ocrp.recv_window, 64);
	ck_assert_uint_eq(r->u.ocrp.ppd, 0);
	ck_assert_uint_eq(r->u.ocrp.connect_speed, 10000000);
	/* The shell could not start the second: its failure is relayed. */
	in_other(14, CTRL_IN_CALL_FAIL, 1, 0, PPTP_OCRP_RESULT_BUSY);
	r = sent(0, PPTP_MSG_OCRP);
	ck_assert_uint_eq(r->u.ocrp.result, PPTP_OCRP_RESULT_BUSY);
	ck_assert_uint_eq(r->u.ocrp.peer_call_id, 11);
	ck_assert_uint_eq(r->u.ocrp.call_id, 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_CALL_FAILED], 1);
}
END_TEST

START_TEST(t_ocrq_duplicate_peer_call_id)
{
	established();
	in_ocrq(10, 10);
	in_ocrq(11, 10);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.error,
	    PPTP_ERROR_BAD_CALLID);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_SPAWN), 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_OCRQ_DUP_CALLID], 1);
}
END_TEST

/* CCRQ clears its call only, not the connection (unlike poptop). */
START_TEST(t_ccrq_clears_only_its_call)
{
	const struct ctrl_msg	*r;
	struct ctrl_msg		 m = msg(PPTP_MSG_SLI);

	two_calls_up();
	in_ccrq(20, 11);
	r = sent(0, PPTP_MSG_CDN);
	ck_assert_uint_eq(r->u.cdn.call_id, 101);
	ck_assert_uint_eq(r->u.cdn.result, PPTP_CDN_RESULT_REQUEST);
	ck_assert_uint_eq(nth(CTRL_ACT_CALL_HANGUP, 0)->call, 1);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 1);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 0);
	ck_assert_int_eq(c.state, CTRL_ST_ESTABLISHED);
	/* pppd of call 1 exits: no second CDN, the slot is freed. */
	in_other(21, CTRL_IN_CALL_DOWN, 1, 0, 0);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 1);
	/* Call 0 lives on. */
	m.u.sli.peer_call_id = 100;
	in_msg(22, &m);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_SLI], 1);
	ck_assert_uint_eq(c.calls[0].state, CALL_ST_ESTABLISHED);
}
END_TEST

START_TEST(t_ccrq_unknown_call_ignored)
{
	two_calls_up();
	in_ccrq(20, 55);
	ck_assert_uint_eq(acts.n, 0);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_CCRQ_UNKNOWN_CALL], 1);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 2);
}
END_TEST

/* §2.12: CCRQ before our OCRP; CDN follows once our Call ID is known. */
START_TEST(t_ccrq_before_call_up)
{
	established();
	in_ocrq(10, 10);
	in_ccrq(11, 10);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 1);
	in_other(12, CTRL_IN_CALL_UP, 0, 55, 0);
	ck_assert_uint_eq(sent(0, PPTP_MSG_CDN)->u.cdn.call_id, 55);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 1);	/* no OCRP */
	in_other(13, CTRL_IN_CALL_DOWN, 0, 0, 0);
	ck_assert_uint_eq(acts.n, 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 0);
}
END_TEST

START_TEST(t_ccrq_before_call_fail)
{
	established();
	in_ocrq(10, 10);
	in_ccrq(11, 10);
	in_other(12, CTRL_IN_CALL_FAIL, 0, 0, PPTP_OCRP_RESULT_BUSY);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.peer_call_id, 10);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 0);
}
END_TEST

START_TEST(t_pppd_exit_sends_cdn)
{
	const struct ctrl_msg	*r;
	struct ctrl_input	 in;

	two_calls_up();
	memset(&in, 0, sizeof(in));
	in.type = CTRL_IN_CALL_DOWN;
	in.call = 0;
	in.result = PPTP_CDN_RESULT_GENERAL;
	in.error = PPTP_ERROR_PAC_ERROR;
	in.cause = 7;
	strcpy(in.stats, "duration 0:00:30");
	ctrl_fsm_step(&c, 30, &in, &acts);
	r = sent(0, PPTP_MSG_CDN);
	ck_assert_str_eq(r->u.cdn.stats, "duration 0:00:30");
	ck_assert_uint_eq(r->u.cdn.call_id, 100);
	ck_assert_uint_eq(r->u.cdn.result, PPTP_CDN_RESULT_GENERAL);
	ck_assert_uint_eq(r->u.cdn.error, PPTP_ERROR_PAC_ERROR);
	ck_assert_uint_eq(r->u.cdn.cause, 7);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 1);
	/* Default result when the shell gives none: lost carrier. */
	in_other(31, CTRL_IN_CALL_DOWN, 1, 0, 0);
	ck_assert_uint_eq(sent(0, PPTP_MSG_CDN)->u.cdn.result,
	    PPTP_CDN_RESULT_LOST_CARRIER);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 0);
}
END_TEST

START_TEST(t_report_for_unknown_handle)
{
	established();
	in_other(5, CTRL_IN_CALL_UP, 3, 1, 0);
	in_other(5, CTRL_IN_CALL_DOWN, 1000, 1, 0);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_CALL_UNEXPECTED], 2);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
}
END_TEST

START_TEST(t_icrq_refused)
{
	struct ctrl_msg	m = msg(PPTP_MSG_ICRQ);
	const struct ctrl_msg *r;

	established();
	m.u.icrq.call_id = 0x4242;
	in_msg(5, &m);
	r = sent(0, PPTP_MSG_ICRP);
	ck_assert_uint_eq(r->u.icrp.result, PPTP_ICRP_RESULT_DO_NOT_ACCEPT);
	ck_assert_uint_eq(r->u.icrp.peer_call_id, 0x4242);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_SPAWN), 0);
}
END_TEST

START_TEST(t_sli_wen_unknown_call)
{
	struct ctrl_msg	m = msg(PPTP_MSG_WEN);

	two_calls_up();
	m.u.wen.peer_call_id = 999;
	in_msg(5, &m);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_SLI_WEN_UNKNOWN_CALL], 1);
	m.u.wen.peer_call_id = 101;
	in_msg(6, &m);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_WEN], 1);
	ck_assert_ptr_nonnull(nth(CTRL_ACT_LOG, 0));
}
END_TEST

/* ---- Teardown ----------------------------------------------------------- */

START_TEST(t_stopccrq_with_calls)
{
	two_calls_up();
	in_type(40, PPTP_MSG_STOPCCRQ);
	ck_assert_uint_eq(sent(0, PPTP_MSG_STOPCCRP)->u.stopccrp.result,
	    PPTP_STOPCCRP_RESULT_OK);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 2);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	ck_assert_int_eq(acts.a[acts.n - 1].type, CTRL_ACT_CLOSE);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 0);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_STOP_WITH_CALLS], 1);
}
END_TEST

/* Admin stop: CDN for every call first, then StopCCRQ, bounded wait. */
START_TEST(t_admin_shutdown)
{
	const struct ctrl_msg	*r;
	size_t			 i, stop_at = 0;

	two_calls_up();
	in_other(50, CTRL_IN_ADMIN_STOP, 0, 0, 0);
	ck_assert_uint_eq(sent(0, PPTP_MSG_CDN)->u.cdn.result,
	    PPTP_CDN_RESULT_ADMIN_SHUTDOWN);
	ck_assert_uint_eq(sent(1, PPTP_MSG_CDN)->u.cdn.call_id, 101);
	r = sent(2, PPTP_MSG_STOPCCRQ);
	ck_assert_uint_eq(r->u.stopccrq.reason,
	    PPTP_STOP_REASON_LOCAL_SHUTDOWN);
	for (i = 0; i < acts.n; i++)
		if (acts.a[i].type == CTRL_ACT_SEND &&
		    acts.a[i].u.msg.type == PPTP_MSG_STOPCCRQ)
			stop_at = i;
	for (i = stop_at; i < acts.n; i++)
		ck_assert(acts.a[i].type != CTRL_ACT_CALL_HANGUP);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 2);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 0);
	ck_assert_int_eq(c.state, CTRL_ST_WAIT_STOP_REPLY);
	ck_assert_uint_eq(ctrl_fsm_next_deadline(&c), 2050);
	/* A new call is refused while stopping. */
	in_ocrq(60, 30);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.result,
	    PPTP_OCRP_RESULT_DO_NOT_ACCEPT);
	/* pppd exits: no further CDN. */
	in_other(70, CTRL_IN_CALL_DOWN, 0, 0, 0);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
	in_type(80, PPTP_MSG_STOPCCRP);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	/* Call 1 was already hung up: no second hangup. */
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 0);
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), 0);
}
END_TEST

START_TEST(t_admin_stop_timeout)
{
	established();
	in_other(100, CTRL_IN_ADMIN_STOP, 0, 0, 0);
	in_other(2099, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_int_eq(c.state, CTRL_ST_WAIT_STOP_REPLY);
	in_other(2100, CTRL_IN_TICK, 0, 0, 0);
	ck_assert_int_eq(c.state, CTRL_ST_CLOSED);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_STOP_TIMEOUT], 1);
}
END_TEST

START_TEST(t_admin_stop_with_pending_call)
{
	established();
	in_ocrq(10, 10);
	in_other(11, CTRL_IN_ADMIN_STOP, 0, 0, 0);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.result,
	    PPTP_OCRP_RESULT_DO_NOT_ACCEPT);
	(void)sent(1, PPTP_MSG_STOPCCRQ);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 1);
	/* pppd came up anyway: it was told to hang up; no OCRP, no CDN. */
	in_other(12, CTRL_IN_CALL_UP, 0, 5, 0);
	ck_assert_uint_eq(acts.n, 0);
}
END_TEST

START_TEST(t_peer_close_hangs_up)
{
	two_calls_up();
	in_other(5, CTRL_IN_PEER_CLOSED, 0, 0, 0);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), 2);
	ck_assert_uint_eq(count(CTRL_ACT_SEND), 0);
	ck_assert_uint_eq(count(CTRL_ACT_CLOSE), 1);
	/* A late pppd exit report after close is quietly accepted. */
	in_other(6, CTRL_IN_CALL_DOWN, 0, 0, 0);
	ck_assert_uint_eq(acts.n, 0);
}
END_TEST

START_TEST(t_bad_msg_counted)
{
	established();
	in_other(5, CTRL_IN_BAD_MSG, 0, 0, 0);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_RX_BAD_MSG], 1);
	ck_assert_uint_eq(c.stats.rx_err[CTRL_ERR_SIZE], 1);
	ck_assert_int_eq(c.state, CTRL_ST_ESTABLISHED);
	ck_assert_uint_eq(acts.n, 0);
}
END_TEST

START_TEST(t_conf_clamped)
{
	struct ctrl_conf	cf = conf_test();
	unsigned		i;

	cf.calls_per_conn = 1000;
	fsm_new(&cf);
	in_type(0, PPTP_MSG_SCCRQ);
	ck_assert_uint_eq(c.conf.calls_per_conn, CTRL_CALLS_MAX);
	for (i = 0; i < CTRL_CALLS_MAX; i++)
		in_ocrq(1, (uint16_t)(i + 1));
	ck_assert_uint_eq(ctrl_fsm_ncalls(&c), CTRL_CALLS_MAX);
	for (i = 0; i < CTRL_CALLS_MAX; i++)
		in_other(2, CTRL_IN_CALL_UP, i, (uint16_t)(i + 100), 0);
	in_ocrq(3, 500);
	ck_assert_uint_eq(sent(0, PPTP_MSG_OCRP)->u.ocrp.result,
	    PPTP_OCRP_RESULT_BUSY);
	/* The worst step fits in the action list. */
	in_other(4, CTRL_IN_ADMIN_STOP, 0, 0, 0);
	ck_assert_uint_eq(count(CTRL_ACT_CALL_HANGUP), CTRL_CALLS_MAX);
	ck_assert_uint_eq(c.stats.n[CTRL_STAT_ACTIONS_OVERFLOW], 0);
}
END_TEST

START_TEST(t_names)
{
	unsigned	i;

	for (i = 0; i < CTRL_ST__MAX; i++)
		ck_assert_str_ne(ctrl_state_name((enum ctrl_state)i),
		    "unknown");
	for (i = 0; i < CTRL_EV__MAX; i++)
		ck_assert_str_ne(ctrl_event_name((enum ctrl_event)i),
		    "unknown");
	for (i = 0; i < CTRL_STAT__MAX; i++)
		ck_assert_str_ne(ctrl_stat_name((enum ctrl_stat)i), "unknown");
	for (i = 0; i < CALL_ST__MAX; i++)
		ck_assert_str_ne(call_state_name((enum call_state)i),
		    "unknown");
	for (i = 0; i < CALL_EV__MAX; i++)
		ck_assert_str_ne(call_event_name((enum call_event)i),
		    "unknown");
	for (i = 0; i <= CTRL_ACT_LOG; i++)
		ck_assert_str_ne(ctrl_action_name((enum ctrl_action_type)i),
		    "unknown");
	ck_assert_str_eq(ctrl_state_name(CTRL_ST__MAX), "unknown");
	ck_assert_str_eq(ctrl_stat_name(CTRL_STAT_OCRQ_BUSY), "ocrq_busy");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("ctrl_fsm");
	TCase	*tc = tcase_create("pairs");
	TCase	*tl = tcase_create("timelines");

	tcase_add_loop_test(tc, t_state_event_pair, 0,
	    CTRL_ST__MAX * CTRL_EV__MAX);
	suite_add_tcase(s, tc);

	tcase_add_test(tl, t_handshake_ok);
	tcase_add_test(tl, t_handshake_timeout);
	tcase_add_test(tl, t_bad_version_closes);
	tcase_add_test(tl, t_duplicate_sccrq_exists);
	tcase_add_test(tl, t_ocrq_before_sccrq);
	tcase_add_test(tl, t_echo_timeout_closes);
	tcase_add_test(tl, t_echo_reply_must_match);
	tcase_add_test(tl, t_echo_any_traffic_is_liveness);
	tcase_add_test(tl, t_echo_request_answered);
	tcase_add_loop_test(tl, t_echo_disabled, 0, 2);
	tcase_add_test(tl, t_multiple_calls);
	tcase_add_test(tl, t_ocrq_duplicate_peer_call_id);
	tcase_add_test(tl, t_ccrq_clears_only_its_call);
	tcase_add_test(tl, t_ccrq_unknown_call_ignored);
	tcase_add_test(tl, t_ccrq_before_call_up);
	tcase_add_test(tl, t_ccrq_before_call_fail);
	tcase_add_test(tl, t_pppd_exit_sends_cdn);
	tcase_add_test(tl, t_report_for_unknown_handle);
	tcase_add_test(tl, t_icrq_refused);
	tcase_add_test(tl, t_sli_wen_unknown_call);
	tcase_add_test(tl, t_stopccrq_with_calls);
	tcase_add_test(tl, t_admin_shutdown);
	tcase_add_test(tl, t_admin_stop_timeout);
	tcase_add_test(tl, t_admin_stop_with_pending_call);
	tcase_add_test(tl, t_peer_close_hangs_up);
	tcase_add_test(tl, t_bad_msg_counted);
	tcase_add_test(tl, t_conf_clamped);
	tcase_add_test(tl, t_names);
	suite_add_tcase(s, tl);
	return s;
}
