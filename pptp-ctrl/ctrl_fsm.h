/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_fsm.h: the PAC-side control-connection state machine (RFC 2637
 * §3.1) and the per-call state machine of its outgoing calls (§3.2), as
 * two {state, event, action, next} tables.  Events in, actions out; time
 * is passed in (milliseconds, any monotonic origin) and the next deadline
 * is queried.  Pure: no I/O, no clock, no logging, no allocation; call IDs
 * come from the I/O shell.
 */
#ifndef PPTPNG_CTRL_FSM_H
#define PPTPNG_CTRL_FSM_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl_wire.h"

#define CTRL_CALLS_MAX		16	/* hard cap on calls_per_conn */
/* Worst step: admin stop with every call up (CDN + hangup each). */
#define CTRL_ACTIONS_MAX	(2 * CTRL_CALLS_MAX + 8)
#define CTRL_DEADLINE_NONE	UINT64_MAX
#define CTRL_RECV_WINDOW	64	/* what we advertise in OCRP */

enum ctrl_state {
	CTRL_ST_WAIT_SCCRQ,		/* TCP up, handshake timer running */
	CTRL_ST_ESTABLISHED,
	CTRL_ST_WAIT_STOP_REPLY,	/* we sent StopCCRQ (admin stop) */
	CTRL_ST_CLOSED,			/* terminal: CTRL_ACT_CLOSE emitted */
	CTRL_ST__MAX
};

/* Table events; the step function derives one from each input. */
enum ctrl_event {
	CTRL_EV_SCCRQ,
	CTRL_EV_SCCRQ_BADVER,		/* SCCRQ, version != 0x0100 */
	CTRL_EV_STOPCCRQ,
	CTRL_EV_STOPCCRP,
	CTRL_EV_ECHORQ,
	CTRL_EV_ECHORP,
	CTRL_EV_OCRQ,
	CTRL_EV_ICRQ,
	CTRL_EV_CCRQ,
	CTRL_EV_SLI,
	CTRL_EV_WEN,
	CTRL_EV_NOT_FOR_PAC,		/* SCCRP OCRP ICRP ICCN CDN */
	CTRL_EV_BAD_MSG,		/* framed but ctrl_parse() failed */
	CTRL_EV_FRAME_ERR,
	CTRL_EV_PEER_CLOSED,
	CTRL_EV_HANDSHAKE_TIMEOUT,
	CTRL_EV_ECHO_DUE,		/* peer silent for echo_interval */
	CTRL_EV_ECHO_DEAD,		/* echo_failures requests unanswered */
	CTRL_EV_STOP_TIMEOUT,
	CTRL_EV_CALL_UP,
	CTRL_EV_CALL_FAIL,
	CTRL_EV_CALL_DOWN,
	CTRL_EV_ADMIN_STOP,
	CTRL_EV__MAX
};

enum call_state {
	CALL_ST_IDLE,			/* slot free (dead) */
	CALL_ST_WAIT_PPP,		/* OCRQ taken, pppd starting */
	CALL_ST_ESTABLISHED,		/* OCRP "connected" sent */
	CALL_ST_CLEARING,		/* hangup asked, waiting for pppd */
	CALL_ST__MAX
};

enum call_event {
	CALL_EV_UP,			/* shell: pppd started, call ID given */
	CALL_EV_FAIL,			/* shell: could not start the call */
	CALL_EV_DOWN,			/* shell: pppd exited */
	CALL_EV_CCRQ,
	CALL_EV_ADMIN,			/* admin shutdown of the connection */
	CALL_EV_ABORT,			/* the connection is gone */
	CALL_EV_SLI,
	CALL_EV_WEN,
	CALL_EV__MAX
};

/* Per-reason counters; names from ctrl_stat_name(). */
enum ctrl_stat {
	CTRL_STAT_RX_MSG,
	CTRL_STAT_RX_BAD_MSG,
	CTRL_STAT_RX_RESERVED_NONZERO,
	CTRL_STAT_RX_UNEXPECTED,	/* no table row for (state, event) */
	CTRL_STAT_RX_NOT_FOR_PAC,
	CTRL_STAT_FRAME_ERR,
	CTRL_STAT_SCCRQ_BAD_VERSION,
	CTRL_STAT_SCCRQ_DUPLICATE,
	CTRL_STAT_HANDSHAKE_TIMEOUT,
	CTRL_STAT_ECHO_SENT,
	CTRL_STAT_ECHO_BAD_ID,
	CTRL_STAT_ECHO_TIMEOUT,
	CTRL_STAT_STOP_TIMEOUT,
	CTRL_STAT_STOP_WITH_CALLS,
	CTRL_STAT_OCRQ_BUSY,
	CTRL_STAT_OCRQ_DUP_CALLID,
	CTRL_STAT_OCRQ_REFUSED,
	CTRL_STAT_CALL_FAILED,
	CTRL_STAT_ICRQ_REFUSED,
	CTRL_STAT_CCRQ_UNKNOWN_CALL,
	CTRL_STAT_SLI,
	CTRL_STAT_WEN,
	CTRL_STAT_SLI_WEN_UNKNOWN_CALL,
	CTRL_STAT_CALL_UNEXPECTED,	/* no call-table row, or bad handle */
	CTRL_STAT_ACTIONS_OVERFLOW,	/* never expected: CTRL_ACTIONS_MAX */
	CTRL_STAT__MAX
};

struct ctrl_stats {
	uint64_t	n[CTRL_STAT__MAX];
	uint64_t	rx_err[CTRL_ERR__MAX];	/* CTRL_EV_BAD_MSG by reason */
};

struct ctrl_conf {
	uint32_t	handshake_timeout_ms;	/* TCP up -> SCCRQ; 0: none */
	uint32_t	echo_interval_ms;	/* peer silence -> EchoRQ */
	unsigned	echo_failures;		/* unanswered: close; 0: off */
	uint32_t	stop_timeout_ms;	/* StopCCRQ -> StopCCRP wait */
	unsigned	calls_per_conn;		/* clamped to CTRL_CALLS_MAX */
	uint16_t	recv_window;		/* OCRP Packet Recv Window */
	uint16_t	ppd;			/* OCRP Packet Proc. Delay */
	uint32_t	connect_speed;		/* OCRP, bits per second */
	uint32_t	framing_caps;		/* SCCRP */
	uint32_t	bearer_caps;		/* SCCRP */
	uint16_t	firmware_rev;		/* SCCRP */
	char		host_name[PPTP_HOSTNAME_LEN + 1];
	char		vendor[PPTP_VENDOR_LEN + 1];
};

struct ctrl_call {
	enum call_state	state;
	int		has_call_id;	/* CALL_UP seen */
	uint16_t	call_id;	/* ours (PAC), from the shell */
	uint16_t	peer_call_id;	/* the PNS's, from OCRQ */
	int		cdn_owed;	/* CCRQ came before CALL_UP */
};

struct ctrl_fsm {
	struct ctrl_conf	conf;
	enum ctrl_state		state;
	uint64_t		t_entered;	/* when state was entered */
	uint64_t		t_heard;	/* peer alive, or last EchoRQ */
	unsigned		echo_unanswered;
	uint32_t		echo_id;	/* of our last EchoRQ */
	struct ctrl_call	calls[CTRL_CALLS_MAX];
	struct ctrl_stats	stats;
};

/* What the I/O shell tells the FSM. */
enum ctrl_input_type {
	CTRL_IN_MSG,		/* msg: a parsed message */
	CTRL_IN_BAD_MSG,	/* err: framed, but ctrl_parse() refused it */
	CTRL_IN_FRAME_ERR,	/* err: ctrl_frame fatal, stream lost */
	CTRL_IN_PEER_CLOSED,	/* TCP EOF or error */
	CTRL_IN_TICK,		/* the deadline passed (spurious ticks ok) */
	CTRL_IN_CALL_UP,	/* call, call_id */
	CTRL_IN_CALL_FAIL,	/* call, result (OCRP §2.8), error */
	CTRL_IN_CALL_DOWN,	/* call, result (CDN §2.13), error, cause */
	CTRL_IN_ADMIN_STOP	/* shut this connection down cleanly */
};

struct ctrl_input {
	enum ctrl_input_type	 type;
	const struct ctrl_msg	*msg;
	enum ctrl_err		 err;
	unsigned		 call;	/* handle from CTRL_ACT_CALL_SPAWN */
	uint16_t		 call_id;
	uint8_t			 result;
	uint8_t			 error;
	uint16_t		 cause;
	char			 stats[PPTP_STATS_LEN + 1];	/* CALL_DOWN: the
						 * CDN's Call Statistics */
};

/* What the FSM asks the I/O shell to do, in order. */
enum ctrl_action_type {
	CTRL_ACT_SEND,		/* u.msg: ctrl_build() it and queue it */
	CTRL_ACT_CALL_SPAWN,	/* call, u.ocrq: allocate a call ID, start
				 * pppd, answer CALL_UP or CALL_FAIL */
	CTRL_ACT_CALL_HANGUP,	/* call: stop pppd; answer CALL_DOWN (or
				 * CALL_FAIL if it never came up) */
	CTRL_ACT_CLOSE,		/* flush queued output, close the socket */
	CTRL_ACT_LOG		/* u.log */
};

enum ctrl_log_level {
	CTRL_LOG_DEBUG,
	CTRL_LOG_INFO,
	CTRL_LOG_WARN
};

struct ctrl_action {
	enum ctrl_action_type	type;
	unsigned		call;
	union {
		struct ctrl_msg		msg;
		struct ctrl_ocrq	ocrq;
		struct {
			enum ctrl_log_level	 level;
			const char		*text;	/* static string */
			enum ctrl_state		 from;
			enum ctrl_state		 to;
			enum ctrl_event		 event;
		} log;
	} u;
};

struct ctrl_actions {
	size_t			n;
	struct ctrl_action	a[CTRL_ACTIONS_MAX];
};

void		 ctrl_conf_defaults(struct ctrl_conf *);
void		 ctrl_fsm_init(struct ctrl_fsm *, const struct ctrl_conf *,
		    uint64_t now);
/* The one entry point.  out is reset, then filled. */
void		 ctrl_fsm_step(struct ctrl_fsm *, uint64_t now,
		    const struct ctrl_input *, struct ctrl_actions *out);
/* When to send CTRL_IN_TICK next; CTRL_DEADLINE_NONE for never. */
uint64_t	 ctrl_fsm_next_deadline(const struct ctrl_fsm *);
unsigned	 ctrl_fsm_ncalls(const struct ctrl_fsm *);

const char	*ctrl_state_name(enum ctrl_state);
const char	*ctrl_event_name(enum ctrl_event);
const char	*ctrl_stat_name(enum ctrl_stat);
const char	*ctrl_action_name(enum ctrl_action_type);
const char	*call_state_name(enum call_state);
const char	*call_event_name(enum call_event);

#endif /* PPTPNG_CTRL_FSM_H */
