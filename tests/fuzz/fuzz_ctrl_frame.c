/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ctrl_frame.c: libFuzzer target for ctrl_frame -> ctrl_parse ->
 * ctrl_fsm, the path of every byte a peer sends.  The input is a script:
 * an op byte below 0xe0 feeds the next (op % 37) + 1 bytes as one TCP
 * segment; other op bytes inject shell events and time jumps.  Invariants
 * of the FSM and of its actions are checked after every step; abort()s.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/ctrl_frame.h"
#include "../../pptp-ctrl/ctrl_fsm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct run {
	struct ctrl_fsm		fsm;
	struct ctrl_actions	acts;
	uint64_t		now;
	int			closed;	/* CTRL_ACT_CLOSE seen */
};

static void
check(struct run *r)
{
	const struct ctrl_action	*a;
	struct ctrl_msg			 m;
	uint8_t				 out[PPTP_CTRL_MAX_LEN];
	size_t				 i, n;
	int				 was_closed = r->closed;

	if (r->acts.n > CTRL_ACTIONS_MAX ||
	    r->fsm.stats.n[CTRL_STAT_ACTIONS_OVERFLOW] != 0)
		abort();
	if (r->fsm.state >= CTRL_ST__MAX)
		abort();
	if (ctrl_fsm_ncalls(&r->fsm) > r->fsm.conf.calls_per_conn)
		abort();
	for (i = 0; i < r->acts.n; i++) {
		a = &r->acts.a[i];
		if (was_closed && a->type != CTRL_ACT_LOG)
			abort();	/* nothing happens after close */
		switch (a->type) {
		case CTRL_ACT_SEND:
			/* Everything we send must encode and decode. */
			n = ctrl_build(out, sizeof(out), &a->u.msg);
			if (n == 0 || ctrl_parse(out, n, &m) != CTRL_OK ||
			    m.type != a->u.msg.type)
				abort();
			break;
		case CTRL_ACT_CALL_SPAWN:
			if (a->call >= CTRL_CALLS_MAX ||
			    r->fsm.calls[a->call].state != CALL_ST_WAIT_PPP)
				abort();
			break;
		case CTRL_ACT_CALL_HANGUP:
			if (a->call >= CTRL_CALLS_MAX)
				abort();
			break;
		case CTRL_ACT_CLOSE:
			if (r->closed || r->fsm.state != CTRL_ST_CLOSED ||
			    ctrl_fsm_ncalls(&r->fsm) != 0)
				abort();
			r->closed = 1;
			break;
		case CTRL_ACT_LOG:
			if (a->u.log.text == NULL)
				abort();
			(void)ctrl_state_name(a->u.log.from);
			(void)ctrl_event_name(a->u.log.event);
			break;
		}
	}
	if (r->fsm.state == CTRL_ST_CLOSED &&
	    ctrl_fsm_next_deadline(&r->fsm) != CTRL_DEADLINE_NONE)
		abort();
}

static void
step(struct run *r, const struct ctrl_input *in)
{
	ctrl_fsm_step(&r->fsm, r->now, in, &r->acts);
	check(r);
}

static void
shell_event(struct run *r, uint8_t op, uint8_t arg)
{
	struct ctrl_input	in;

	memset(&in, 0, sizeof(in));
	in.call = arg % (CTRL_CALLS_MAX + 2);	/* sometimes bogus */
	in.call_id = (uint16_t)(arg * 257u);
	in.result = arg & 7;
	in.error = arg >> 5;
	in.cause = arg;
	switch (op & 7) {
	case 0:
		/* Jump to the deadline (or a bit past), then tick. */
		if (ctrl_fsm_next_deadline(&r->fsm) != CTRL_DEADLINE_NONE)
			r->now = ctrl_fsm_next_deadline(&r->fsm) + (arg & 3);
		in.type = CTRL_IN_TICK;
		break;
	case 1:
		r->now += (uint64_t)arg * 97;
		in.type = CTRL_IN_TICK;
		break;
	case 2:
		in.type = CTRL_IN_CALL_UP;
		break;
	case 3:
		in.type = CTRL_IN_CALL_FAIL;
		break;
	case 4:
		in.type = CTRL_IN_CALL_DOWN;
		break;
	case 5:
		in.type = CTRL_IN_ADMIN_STOP;
		break;
	case 6:
		in.type = CTRL_IN_PEER_CLOSED;
		break;
	default:
		in.type = CTRL_IN_TICK;
		break;
	}
	step(r, &in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run	 r;
	struct ctrl_conf	 cf;
	struct ctrl_frame	 f;
	struct ctrl_input	 in;
	struct ctrl_msg		 m;
	uint8_t			 store[PPTP_CTRL_MAX_LEN + 64];
	uint8_t			 msg[PPTP_CTRL_MAX_LEN];
	size_t			 pos = 0, n, fed, msglen;
	enum ctrl_frame_res	 res;
	uint8_t			 op;
	int			 fatal = 0;

	ctrl_conf_defaults(&cf);
	cf.echo_interval_ms = 1000;
	cf.calls_per_conn = size > 0 ? data[0] % (CTRL_CALLS_MAX + 2) : 4;
	memset(&r, 0, sizeof(r));
	ctrl_fsm_init(&r.fsm, &cf, 0);
	if (ctrl_frame_init(&f, store, sizeof(store)) != 0)
		abort();

	while (pos < size) {
		op = data[pos++];
		if (op >= 0xe0) {
			shell_event(&r, op, pos < size ? data[pos++] : 0);
			continue;
		}
		n = (size_t)(op % 37) + 1;
		if (n > size - pos)
			n = size - pos;
		while (n > 0 && !fatal) {
			fed = ctrl_frame_feed(&f, data + pos, n);
			pos += fed;
			n -= fed;
			/* Progress: a drained buffer always takes a byte. */
			while ((res = ctrl_frame_next(&f, msg, sizeof(msg),
			    &msglen)) == CTRL_FRAME_MSG) {
				if (msglen < PPTP_CTRL_HDR_LEN ||
				    msglen > PPTP_CTRL_MAX_LEN)
					abort();
				memset(&in, 0, sizeof(in));
				in.err = ctrl_parse(msg, msglen, &m);
				in.type = in.err == CTRL_OK ? CTRL_IN_MSG :
				    CTRL_IN_BAD_MSG;
				in.msg = &m;
				step(&r, &in);
			}
			if (res == CTRL_FRAME_FATAL) {
				memset(&in, 0, sizeof(in));
				in.type = CTRL_IN_FRAME_ERR;
				in.err = f.err;
				step(&r, &in);
				fatal = 1;
			} else if (fed == 0)
				abort();	/* the npppd spin */
		}
		pos += n;	/* bytes after a fatal error are dropped */
	}
	return 0;
}
