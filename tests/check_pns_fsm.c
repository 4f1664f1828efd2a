/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_pns_fsm.c: unit tests for pptp-ctrl/pns_fsm.c: every (state,
 * event) pair against an expectation table written from the design in
 * pptp-gre(8) (not from the FSM's own table), and scripted timelines with
 * explicit times: handshake, refusals, CDN, hang-up, echo, reply timeouts.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../pptp-ctrl/pns_fsm.h"

#define OUR_ID		0x1234
#define PAC_ID		0x0077
#define R		(-1)	/* rejected: no row, counted, state kept */
#define X		(-2)	/* cannot be raised in that state */

static struct pns_fsm		c;
static struct pns_actions	acts;

static void
start_fsm(void)
{
	struct pns_conf	cf;

	pns_conf_defaults(&cf);
	cf.call_id = OUR_ID;
	cf.reply_timeout_ms = 5000;
	cf.echo_interval_ms = 1000;
	cf.echo_failures = 2;
	pns_fsm_init(&c, &cf, 0);
	memset(&acts, 0, sizeof(acts));
}

static void
in_type(uint64_t now, enum pns_input_type t)
{
	struct pns_input	in;

	memset(&in, 0, sizeof(in));
	in.type = t;
	in.err = CTRL_ERR_MAGIC;
	pns_fsm_step(&c, now, &in, &acts);
}

static void
in_msg(uint64_t now, const struct ctrl_msg *m)
{
	struct pns_input	in;

	memset(&in, 0, sizeof(in));
	in.type = PNS_IN_MSG;
	in.msg = m;
	pns_fsm_step(&c, now, &in, &acts);
}

static struct ctrl_msg
msg(enum ctrl_type t)
{
	struct ctrl_msg	m;

	memset(&m, 0, sizeof(m));
	m.type = t;
	switch (t) {
	case PPTP_MSG_SCCRP:
		m.u.sccrp.version = PPTP_PROTO_VERSION;
		m.u.sccrp.result = PPTP_SCCRP_RESULT_OK;
		break;
	case PPTP_MSG_OCRP:
		m.u.ocrp.call_id = PAC_ID;
		m.u.ocrp.peer_call_id = OUR_ID;
		m.u.ocrp.result = PPTP_OCRP_RESULT_CONNECTED;
		m.u.ocrp.recv_window = 64;
		break;
	case PPTP_MSG_CDN:
		m.u.cdn.call_id = PAC_ID;
		m.u.cdn.result = PPTP_CDN_RESULT_ADMIN_SHUTDOWN;
		break;
	case PPTP_MSG_WEN:
		m.u.wen.peer_call_id = OUR_ID;
		break;
	case PPTP_MSG_ECHORQ:
		m.u.echorq.id = 42;
		break;
	case PPTP_MSG_ICRQ:
		m.u.icrq.call_id = 9;
		break;
	default:
		break;
	}
	return m;
}

static void
in_ctrl(uint64_t now, enum ctrl_type t)
{
	struct ctrl_msg	m = msg(t);

	in_msg(now, &m);
}

static size_t
count(enum pns_action_type t)
{
	size_t	i, n = 0;

	for (i = 0; i < acts.n; i++)
		if (acts.a[i].type == t)
			n++;
	return n;
}

/* The i-th message sent in the last step, checked to encode and decode. */
static const struct ctrl_msg *
sent(size_t idx, enum ctrl_type want)
{
	struct ctrl_msg	 back;
	uint8_t		 buf[PPTP_CTRL_MAX_LEN];
	size_t		 i, k = 0, n;

	for (i = 0; i < acts.n; i++) {
		if (acts.a[i].type != PNS_ACT_SEND)
			continue;
		if (k++ != idx)
			continue;
		ck_assert_msg(acts.a[i].u.msg.type == want, "sent %s, not %s",
		    ctrl_type_name(acts.a[i].u.msg.type),
		    ctrl_type_name(want));
		n = ctrl_build(buf, sizeof(buf), &acts.a[i].u.msg);
		ck_assert_uint_gt(n, 0);
		ck_assert_int_eq(ctrl_parse(buf, n, &back), CTRL_OK);
		return &acts.a[i].u.msg;
	}
	ck_abort_msg("message %zu (%s) not sent", idx, ctrl_type_name(want));
	return NULL;
}

static void
enter_state(enum pns_state s)
{
	start_fsm();
	if (s == PNS_ST_IDLE)
		return;
	in_type(0, PNS_IN_START);
	if (s == PNS_ST_CLOSED) {
		in_type(0, PNS_IN_PEER_CLOSED);
		return;
	}
	if (s == PNS_ST_WAIT_SCCRP)
		return;
	in_ctrl(0, PPTP_MSG_SCCRP);
	if (s == PNS_ST_WAIT_OCRP)
		return;
	in_ctrl(0, PPTP_MSG_OCRP);
	if (s == PNS_ST_ESTABLISHED)
		return;
	if (s == PNS_ST_WAIT_CDN) {
		in_type(0, PNS_IN_HANGUP);
		return;
	}
	in_ctrl(0, PPTP_MSG_CDN);	/* -> wait-stop-reply */
}

/* Raise ev in the current state (the caller knows it can be raised). */
static void
raise_event(enum pns_event ev)
{
	struct ctrl_msg	m;
	unsigned	i;

	switch (ev) {
	case PNS_EV_START:
		in_type(0, PNS_IN_START);
		return;
	case PNS_EV_SCCRP_OK:
		in_ctrl(0, PPTP_MSG_SCCRP);
		return;
	case PNS_EV_SCCRP_FAIL:
		m = msg(PPTP_MSG_SCCRP);
		m.u.sccrp.result = PPTP_SCCRP_RESULT_NOT_AUTH;
		in_msg(0, &m);
		return;
	case PNS_EV_OCRP_OK:
		in_ctrl(0, PPTP_MSG_OCRP);
		return;
	case PNS_EV_OCRP_FAIL:
		m = msg(PPTP_MSG_OCRP);
		m.u.ocrp.result = PPTP_OCRP_RESULT_BUSY;
		in_msg(0, &m);
		return;
	case PNS_EV_CDN:
		in_ctrl(0, PPTP_MSG_CDN);
		return;
	case PNS_EV_STOPCCRQ:
		in_ctrl(0, PPTP_MSG_STOPCCRQ);
		return;
	case PNS_EV_STOPCCRP:
		in_ctrl(0, PPTP_MSG_STOPCCRP);
		return;
	case PNS_EV_ECHORQ:
		in_ctrl(0, PPTP_MSG_ECHORQ);
		return;
	case PNS_EV_ECHORP:
		in_ctrl(0, PPTP_MSG_ECHORP);
		return;
	case PNS_EV_ICRQ:
		in_ctrl(0, PPTP_MSG_ICRQ);
		return;
	case PNS_EV_WEN:
		in_ctrl(0, PPTP_MSG_WEN);
		return;
	case PNS_EV_STRAY:
		m = msg(PPTP_MSG_WEN);
		m.u.wen.peer_call_id = OUR_ID + 1;
		in_msg(0, &m);
		return;
	case PNS_EV_NOT_FOR_PNS:
		in_ctrl(0, PPTP_MSG_OCRQ);
		return;
	case PNS_EV_BAD_MSG:
		in_type(0, PNS_IN_BAD_MSG);
		return;
	case PNS_EV_FRAME_ERR:
		in_type(0, PNS_IN_FRAME_ERR);
		return;
	case PNS_EV_PEER_CLOSED:
		in_type(0, PNS_IN_PEER_CLOSED);
		return;
	case PNS_EV_REPLY_TIMEOUT:
		in_type(5000, PNS_IN_TICK);
		return;
	case PNS_EV_ECHO_DUE:
		in_type(1000, PNS_IN_TICK);
		return;
	case PNS_EV_ECHO_DEAD:
		for (i = 1; i <= 2; i++)
			in_type(1000 * i, PNS_IN_TICK);
		in_type(3000, PNS_IN_TICK);
		return;
	case PNS_EV_HANGUP:
		in_type(0, PNS_IN_HANGUP);
		return;
	case PNS_EV__MAX:
		return;
	}
}

enum { I, WS, WO, E, WC, WSR, C };	/* short names for the table */

/* What the design says for each (state, event): next state, R or X. */
static int want_next[PNS_ST__MAX][PNS_EV__MAX];
/* The first message sent, 0 for none. */
static int want_sent[PNS_ST__MAX][PNS_EV__MAX];

static void
want(int s, enum pns_event ev, int next, int first_sent)
{
	want_next[s][ev] = next;
	want_sent[s][ev] = first_sent;
}

static void
build_expectations(void)
{
	int	s, e;

	for (s = 0; s < PNS_ST__MAX; s++)
		for (e = 0; e < PNS_EV__MAX; e++)
			want(s, e, R, 0);
	/* Events only some states can produce. */
	for (s = 0; s < PNS_ST__MAX; s++) {
		if (s != E && s != WC)
			want(s, PNS_EV_CDN, X, 0);
		if (s != WS && s != WO && s != WC && s != WSR)
			want(s, PNS_EV_REPLY_TIMEOUT, X, 0);
		if (s != E) {
			want(s, PNS_EV_ECHO_DUE, X, 0);
			want(s, PNS_EV_ECHO_DEAD, X, 0);
		}
	}
	want(I, PNS_EV_START, WS, PPTP_MSG_SCCRQ);
	want(I, PNS_EV_PEER_CLOSED, C, 0);
	want(I, PNS_EV_FRAME_ERR, C, 0);
	want(I, PNS_EV_HANGUP, C, 0);
	/* States where the connection is up share the housekeeping. */
	for (s = WS; s <= WSR; s++) {
		want(s, PNS_EV_STOPCCRQ, C, PPTP_MSG_STOPCCRP);
		want(s, PNS_EV_ECHORQ, s, PPTP_MSG_ECHORP);
		want(s, PNS_EV_STRAY, s, 0);
		want(s, PNS_EV_NOT_FOR_PNS, s, 0);
		want(s, PNS_EV_BAD_MSG, s, 0);
		want(s, PNS_EV_FRAME_ERR, C, 0);
		want(s, PNS_EV_PEER_CLOSED, C, 0);
		if (s != WS) {
			want(s, PNS_EV_ECHORP, s, 0);
			want(s, PNS_EV_ICRQ, s, PPTP_MSG_ICRP);
		}
		if (s >= E)
			want(s, PNS_EV_WEN, s, 0);
	}
	want(WS, PNS_EV_SCCRP_OK, WO, PPTP_MSG_OCRQ);
	want(WS, PNS_EV_SCCRP_FAIL, C, 0);
	want(WS, PNS_EV_REPLY_TIMEOUT, C, 0);
	want(WS, PNS_EV_HANGUP, C, 0);
	want(WO, PNS_EV_OCRP_OK, E, 0);
	want(WO, PNS_EV_OCRP_FAIL, WSR, PPTP_MSG_STOPCCRQ);
	want(WO, PNS_EV_REPLY_TIMEOUT, WSR, PPTP_MSG_STOPCCRQ);
	want(WO, PNS_EV_HANGUP, WSR, PPTP_MSG_STOPCCRQ);
	want(E, PNS_EV_CDN, WSR, PPTP_MSG_STOPCCRQ);
	want(E, PNS_EV_ECHO_DUE, E, PPTP_MSG_ECHORQ);
	want(E, PNS_EV_ECHO_DEAD, C, 0);
	want(E, PNS_EV_HANGUP, WC, PPTP_MSG_CCRQ);
	want(WC, PNS_EV_CDN, WSR, PPTP_MSG_STOPCCRQ);
	want(WC, PNS_EV_REPLY_TIMEOUT, WSR, PPTP_MSG_STOPCCRQ);
	want(WC, PNS_EV_HANGUP, WC, 0);
	want(WSR, PNS_EV_STOPCCRP, C, 0);
	want(WSR, PNS_EV_REPLY_TIMEOUT, C, 0);
	want(WSR, PNS_EV_HANGUP, WSR, 0);
	want(C, PNS_EV_PEER_CLOSED, C, 0);
	want(C, PNS_EV_HANGUP, C, 0);
}

START_TEST(t_state_event_pair)
{
	enum pns_state	s = (enum pns_state)(_i / PNS_EV__MAX);
	enum pns_event	ev = (enum pns_event)(_i % PNS_EV__MAX);
	int		w, was_up;
	uint64_t	unexpected;
	const struct pns_action *a;
	size_t		i;

	build_expectations();
	w = want_next[s][ev];
	enter_state(s);
	ck_assert_int_eq(c.state, s);
	if (w == X)
		return;
	unexpected = c.stats[PNS_STAT_RX_UNEXPECTED];
	was_up = c.call_up;
	raise_event(ev);
	if (w == R) {
		ck_assert_msg(c.stats[PNS_STAT_RX_UNEXPECTED] ==
		    unexpected + 1, "%s in %s: not rejected",
		    pns_event_name(ev), pns_state_name(s));
		ck_assert_int_eq(c.state, s);
		ck_assert_uint_eq(acts.n, 1);
		ck_assert_int_eq(acts.a[0].type, PNS_ACT_LOG);
		return;
	}
	ck_assert_uint_eq(c.stats[PNS_STAT_RX_UNEXPECTED], unexpected);
	ck_assert_msg((int)c.state == w, "%s in %s: went to %s",
	    pns_event_name(ev), pns_state_name(s), pns_state_name(c.state));
	if (want_sent[s][ev] != 0)
		(void)sent(0, (enum ctrl_type)want_sent[s][ev]);
	else
		ck_assert_msg(count(PNS_ACT_SEND) == 0, "%s in %s: sent",
		    pns_event_name(ev), pns_state_name(s));
	ck_assert_uint_eq(count(PNS_ACT_CLOSE), w == C && (int)s != C ? 1 : 0);
	/* The data path is told once: up on OCRP, down when the call dies
	 * by the server's hand or the connection's (not on our hang-up). */
	ck_assert_uint_eq(count(PNS_ACT_CALL_UP), ev == PNS_EV_OCRP_OK);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN),
	    was_up && !c.call_up && ev != PNS_EV_HANGUP ? 1 : 0);
	if (c.state == PNS_ST_CLOSED)
		ck_assert_uint_eq(pns_fsm_next_deadline(&c),
		    PNS_DEADLINE_NONE);
	for (i = 0; i < acts.n; i++) {
		a = &acts.a[i];
		if (a->type == PNS_ACT_LOG)
			ck_assert_ptr_nonnull(a->u.log.text);
	}
	ck_assert_uint_eq(c.stats[PNS_STAT_ACTIONS_OVERFLOW], 0);
}
END_TEST

START_TEST(t_handshake)
{
	const struct ctrl_msg	*m;

	start_fsm();
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), PNS_DEADLINE_NONE);
	in_type(100, PNS_IN_START);
	m = sent(0, PPTP_MSG_SCCRQ);
	ck_assert_uint_eq(m->u.sccrq.version, PPTP_PROTO_VERSION);
	ck_assert_uint_eq(m->u.sccrq.max_channels, 0);
	ck_assert_str_eq(m->u.sccrq.host_name, "pptpd-ng");
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), 5100);
	in_ctrl(900, PPTP_MSG_SCCRP);
	m = sent(0, PPTP_MSG_OCRQ);
	ck_assert_uint_eq(m->u.ocrq.call_id, OUR_ID);
	ck_assert_uint_eq(m->u.ocrq.bearer_type, PPTP_BEARER_ANY);
	ck_assert_uint_eq(m->u.ocrq.recv_window, 64);
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), 5900);
	in_ctrl(1000, PPTP_MSG_OCRP);
	ck_assert_int_eq(c.state, PNS_ST_ESTABLISHED);
	ck_assert_uint_eq(count(PNS_ACT_CALL_UP), 1);
	ck_assert_uint_eq(acts.a[0].u.up.peer_call_id, PAC_ID);
	ck_assert_uint_eq(acts.a[0].u.up.recv_window, 64);
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), 2000);
}
END_TEST

START_TEST(t_ocrp_for_another_call)
{
	struct ctrl_msg	m = msg(PPTP_MSG_OCRP);

	enter_state(PNS_ST_WAIT_OCRP);
	m.u.ocrp.peer_call_id = OUR_ID ^ 1;
	in_msg(10, &m);
	ck_assert_int_eq(c.state, PNS_ST_WAIT_OCRP);
	ck_assert_uint_eq(c.stats[PNS_STAT_RX_STRAY], 1);
	ck_assert_uint_eq(acts.n, 0);
}
END_TEST

START_TEST(t_sccrp_bad_version_closes)
{
	struct ctrl_msg	m = msg(PPTP_MSG_SCCRP);

	enter_state(PNS_ST_WAIT_SCCRP);
	m.u.sccrp.version = 0x0200;
	in_msg(10, &m);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
	ck_assert_uint_eq(count(PNS_ACT_CLOSE), 1);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 0);
}
END_TEST

START_TEST(t_hangup_clears_then_stops)
{
	const struct ctrl_msg	*m;

	enter_state(PNS_ST_ESTABLISHED);
	in_type(10, PNS_IN_HANGUP);
	m = sent(0, PPTP_MSG_CCRQ);
	ck_assert_uint_eq(m->u.ccrq.call_id, OUR_ID);
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), 5010);
	/* A CDN for another call does not count. */
	{
		struct ctrl_msg	o = msg(PPTP_MSG_CDN);

		o.u.cdn.call_id = PAC_ID + 1;
		in_msg(20, &o);
		ck_assert_int_eq(c.state, PNS_ST_WAIT_CDN);
	}
	in_ctrl(30, PPTP_MSG_CDN);
	m = sent(0, PPTP_MSG_STOPCCRQ);
	ck_assert_uint_eq(m->u.stopccrq.reason, PPTP_STOP_REASON_NONE);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 0);
	in_ctrl(40, PPTP_MSG_STOPCCRP);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
	ck_assert_uint_eq(count(PNS_ACT_CLOSE), 1);
}
END_TEST

START_TEST(t_hangup_without_cdn_times_out)
{
	enter_state(PNS_ST_ESTABLISHED);
	in_type(0, PNS_IN_HANGUP);
	in_type(4999, PNS_IN_TICK);
	ck_assert_uint_eq(acts.n, 0);
	in_type(5000, PNS_IN_TICK);
	(void)sent(0, PPTP_MSG_STOPCCRQ);
	in_type(10000, PNS_IN_TICK);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
	ck_assert_uint_eq(c.stats[PNS_STAT_REPLY_TIMEOUT], 2);
}
END_TEST

START_TEST(t_server_cdn_downs_the_call)
{
	enter_state(PNS_ST_ESTABLISHED);
	in_ctrl(50, PPTP_MSG_CDN);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 1);
	(void)sent(0, PPTP_MSG_STOPCCRQ);
	/* The server may just close instead of answering. */
	in_type(60, PNS_IN_PEER_CLOSED);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 0);
	ck_assert_uint_eq(count(PNS_ACT_CLOSE), 1);
}
END_TEST

START_TEST(t_server_restart_downs_the_call)
{
	enter_state(PNS_ST_ESTABLISHED);
	in_type(50, PNS_IN_PEER_CLOSED);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 1);
	ck_assert_uint_eq(count(PNS_ACT_CLOSE), 1);
	ck_assert_int_eq(acts.a[acts.n - 1].type, PNS_ACT_CLOSE);
}
END_TEST

START_TEST(t_echo_keepalive)
{
	const struct ctrl_msg	*m;
	struct ctrl_msg		 r = msg(PPTP_MSG_ECHORP);

	enter_state(PNS_ST_ESTABLISHED);
	in_type(999, PNS_IN_TICK);
	ck_assert_uint_eq(acts.n, 0);
	in_type(1000, PNS_IN_TICK);
	m = sent(0, PPTP_MSG_ECHORQ);
	r.u.echorp.id = m->u.echorq.id + 1;	/* wrong id: not liveness */
	in_msg(1100, &r);
	ck_assert_uint_eq(c.stats[PNS_STAT_ECHO_BAD_ID], 1);
	ck_assert_uint_eq(c.echo_unanswered, 1);
	r.u.echorp.id = c.echo_id;
	in_msg(1200, &r);
	ck_assert_uint_eq(c.echo_unanswered, 0);
	/* Any other message also proves the server alive. */
	in_ctrl(1900, PPTP_MSG_ECHORQ);
	(void)sent(0, PPTP_MSG_ECHORP);
	ck_assert_uint_eq(acts.a[0].u.msg.u.echorp.id, 42);
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), 2900);
}
END_TEST

START_TEST(t_echo_dead)
{
	enter_state(PNS_ST_ESTABLISHED);
	in_type(1000, PNS_IN_TICK);
	in_type(2000, PNS_IN_TICK);
	ck_assert_uint_eq(c.stats[PNS_STAT_ECHO_SENT], 2);
	in_type(3000, PNS_IN_TICK);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
	ck_assert_uint_eq(count(PNS_ACT_CALL_DOWN), 1);
	ck_assert_uint_eq(c.stats[PNS_STAT_ECHO_TIMEOUT], 1);
}
END_TEST

START_TEST(t_echo_disabled)
{
	struct pns_conf	cf;

	pns_conf_defaults(&cf);
	cf.call_id = OUR_ID;
	cf.echo_interval_ms = 0;
	pns_fsm_init(&c, &cf, 0);
	in_type(0, PNS_IN_START);
	in_ctrl(0, PPTP_MSG_SCCRP);
	in_ctrl(0, PPTP_MSG_OCRP);
	ck_assert_uint_eq(pns_fsm_next_deadline(&c), PNS_DEADLINE_NONE);
}
END_TEST

START_TEST(t_ocrp_refused)
{
	struct ctrl_msg	m = msg(PPTP_MSG_OCRP);

	enter_state(PNS_ST_WAIT_OCRP);
	m.u.ocrp.result = PPTP_OCRP_RESULT_GENERAL;
	m.u.ocrp.error = PPTP_ERROR_NO_RESOURCE;
	in_msg(5, &m);
	ck_assert_uint_eq(count(PNS_ACT_CALL_UP), 0);
	ck_assert_int_eq(acts.a[0].type, PNS_ACT_LOG);
	ck_assert_uint_eq(acts.a[0].u.log.error, PPTP_ERROR_NO_RESOURCE);
	(void)sent(0, PPTP_MSG_STOPCCRQ);
	in_ctrl(6, PPTP_MSG_STOPCCRQ);	/* crossing stops */
	(void)sent(0, PPTP_MSG_STOPCCRP);
	ck_assert_int_eq(c.state, PNS_ST_CLOSED);
}
END_TEST

START_TEST(t_icrq_refused)
{
	const struct ctrl_msg	*m;

	enter_state(PNS_ST_ESTABLISHED);
	in_ctrl(5, PPTP_MSG_ICRQ);
	m = sent(0, PPTP_MSG_ICRP);
	ck_assert_uint_eq(m->u.icrp.peer_call_id, 9);
	ck_assert_uint_eq(m->u.icrp.result, PPTP_ICRP_RESULT_DO_NOT_ACCEPT);
	ck_assert_uint_eq(c.stats[PNS_STAT_ICRQ_REFUSED], 1);
}
END_TEST

START_TEST(t_bad_msg_counted)
{
	enter_state(PNS_ST_ESTABLISHED);
	in_type(5, PNS_IN_BAD_MSG);
	ck_assert_uint_eq(c.stats[PNS_STAT_RX_BAD_MSG], 1);
	ck_assert_uint_eq(c.rx_err[CTRL_ERR_MAGIC], 1);
	ck_assert_int_eq(c.state, PNS_ST_ESTABLISHED);
}
END_TEST

START_TEST(t_names)
{
	ck_assert_str_eq(pns_state_name(PNS_ST_WAIT_CDN), "wait-cdn");
	ck_assert_str_eq(pns_state_name(PNS_ST__MAX), "unknown");
	ck_assert_str_eq(pns_event_name(PNS_EV_HANGUP), "hangup");
	ck_assert_str_eq(pns_event_name(PNS_EV__MAX), "unknown");
	ck_assert_str_eq(pns_stat_name(PNS_STAT_RX_STRAY), "rx_stray");
	ck_assert_str_eq(pns_action_name(PNS_ACT_CALL_DOWN), "call-down");
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("pns_fsm");
	TCase	*tc = tcase_create("pairs");
	TCase	*tl = tcase_create("timelines");

	tcase_add_loop_test(tc, t_state_event_pair, 0,
	    PNS_ST__MAX * PNS_EV__MAX);
	suite_add_tcase(s, tc);
	tcase_add_test(tl, t_handshake);
	tcase_add_test(tl, t_ocrp_for_another_call);
	tcase_add_test(tl, t_sccrp_bad_version_closes);
	tcase_add_test(tl, t_hangup_clears_then_stops);
	tcase_add_test(tl, t_hangup_without_cdn_times_out);
	tcase_add_test(tl, t_server_cdn_downs_the_call);
	tcase_add_test(tl, t_server_restart_downs_the_call);
	tcase_add_test(tl, t_echo_keepalive);
	tcase_add_test(tl, t_echo_dead);
	tcase_add_test(tl, t_echo_disabled);
	tcase_add_test(tl, t_ocrp_refused);
	tcase_add_test(tl, t_icrq_refused);
	tcase_add_test(tl, t_bad_msg_counted);
	tcase_add_test(tl, t_names);
	suite_add_tcase(s, tl);
	return s;
}
