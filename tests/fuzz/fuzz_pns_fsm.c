/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_pns_fsm.c: libFuzzer target for ctrl_frame -> ctrl_parse ->
 * pns_fsm, the path of every byte a PPTP server sends to our client.  An
 * op byte below 0xe0 feeds the next (op % 37) + 1 bytes as one TCP
 * segment; other op bytes inject shell events (start, hang-up, peer
 * close) and time jumps.  Invariants are checked after every step.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/ctrl_frame.h"
#include "../../pptp-ctrl/pns_fsm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct run {
	struct pns_fsm		fsm;
	struct pns_actions	acts;
	uint64_t		now;
	int			closed, up;
};

static void
check(struct run *r)
{
	const struct pns_action	*a;
	struct ctrl_msg		 m;
	uint8_t			 out[PPTP_CTRL_MAX_LEN];
	size_t			 i, n;
	int			 was_closed = r->closed;

	if (r->acts.n > PNS_ACTIONS_MAX ||
	    r->fsm.stats[PNS_STAT_ACTIONS_OVERFLOW] != 0 ||
	    r->fsm.state >= PNS_ST__MAX)
		abort();
	for (i = 0; i < r->acts.n; i++) {
		a = &r->acts.a[i];
		if (was_closed && a->type != PNS_ACT_LOG)
			abort();	/* nothing happens after close */
		switch (a->type) {
		case PNS_ACT_SEND:
			n = ctrl_build(out, sizeof(out), &a->u.msg);
			if (n == 0 || ctrl_parse(out, n, &m) != CTRL_OK ||
			    m.type != a->u.msg.type)
				abort();
			break;
		case PNS_ACT_CALL_UP:
			if (r->up++ != 0)	/* one call per connection */
				abort();
			break;
		case PNS_ACT_CALL_DOWN:
			if (r->up != 1)
				abort();
			r->up = 2;
			break;
		case PNS_ACT_CLOSE:
			if (r->closed || r->fsm.state != PNS_ST_CLOSED ||
			    r->fsm.call_up)
				abort();
			r->closed = 1;
			break;
		case PNS_ACT_LOG:
			if (a->u.log.text == NULL)
				abort();
			break;
		}
	}
	if (r->fsm.state == PNS_ST_CLOSED &&
	    pns_fsm_next_deadline(&r->fsm) != PNS_DEADLINE_NONE)
		abort();
}

static void
step(struct run *r, const struct pns_input *in)
{
	pns_fsm_step(&r->fsm, r->now, in, &r->acts);
	check(r);
}

static void
shell_event(struct run *r, uint8_t op, uint8_t arg)
{
	struct pns_input	in;

	memset(&in, 0, sizeof(in));
	switch (op & 7) {
	case 0:
		if (pns_fsm_next_deadline(&r->fsm) != PNS_DEADLINE_NONE)
			r->now = pns_fsm_next_deadline(&r->fsm) + (arg & 3);
		in.type = PNS_IN_TICK;
		break;
	case 1:
		r->now += (uint64_t)arg * 97;
		in.type = PNS_IN_TICK;
		break;
	case 2:
		in.type = PNS_IN_START;
		break;
	case 3:
		in.type = PNS_IN_HANGUP;
		break;
	case 4:
		in.type = PNS_IN_PEER_CLOSED;
		break;
	default:
		in.type = PNS_IN_TICK;
		break;
	}
	step(r, &in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run	 r;
	struct pns_conf		 cf;
	struct ctrl_frame	 f;
	struct pns_input	 in;
	struct ctrl_msg		 m;
	uint8_t			 store[PPTP_CTRL_MAX_LEN + 64];
	uint8_t			 msg[PPTP_CTRL_MAX_LEN];
	size_t			 pos = 0, n, fed, msglen;
	enum ctrl_frame_res	 res;
	uint8_t			 op;
	int			 fatal = 0;

	pns_conf_defaults(&cf);
	cf.echo_interval_ms = 1000;
	cf.call_id = size > 1 ? (uint16_t)(data[0] << 8 | data[1]) : 1;
	memset(&r, 0, sizeof(r));
	pns_fsm_init(&r.fsm, &cf, 0);
	if (ctrl_frame_init(&f, store, sizeof(store)) != 0)
		abort();
	memset(&in, 0, sizeof(in));
	in.type = PNS_IN_START;
	step(&r, &in);
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
			while ((res = ctrl_frame_next(&f, msg, sizeof(msg),
			    &msglen)) == CTRL_FRAME_MSG) {
				memset(&in, 0, sizeof(in));
				in.err = ctrl_parse(msg, msglen, &m);
				in.type = in.err == CTRL_OK ? PNS_IN_MSG :
				    PNS_IN_BAD_MSG;
				in.msg = &m;
				step(&r, &in);
			}
			if (res == CTRL_FRAME_FATAL) {
				memset(&in, 0, sizeof(in));
				in.type = PNS_IN_FRAME_ERR;
				step(&r, &in);
				fatal = 1;
			} else if (fed == 0)
				abort();
		}
		pos += n;
	}
	return 0;
}
