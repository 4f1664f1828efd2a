/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pns_fsm.h: the PNS-side (client) control connection of RFC 2637 §3.1
 * with its single outgoing call (§3.2.1, "PNS outgoing call states"), as
 * one {state, event, action, next} table: SCCRQ, OCRQ, keepalive, CCRQ on
 * hang-up, StopCCRQ.  Events in, actions out; time is passed in.  Pure: no
 * I/O, no clock, no logging, no allocation; the call ID comes from the shell.
 */
#ifndef PPTPNG_PNS_FSM_H
#define PPTPNG_PNS_FSM_H

#include <stddef.h>
#include <stdint.h>

#include "ctrl_wire.h"

#define PNS_ACTIONS_MAX		8
#define PNS_DEADLINE_NONE	UINT64_MAX

enum pns_state {
	PNS_ST_IDLE,			/* TCP not up yet */
	PNS_ST_WAIT_SCCRP,		/* SCCRQ sent */
	PNS_ST_WAIT_OCRP,		/* OCRQ sent */
	PNS_ST_ESTABLISHED,		/* the call is up */
	PNS_ST_WAIT_CDN,		/* CCRQ sent (our hang-up) */
	PNS_ST_WAIT_STOP_REPLY,		/* StopCCRQ sent */
	PNS_ST_CLOSED,			/* terminal: PNS_ACT_CLOSE emitted */
	PNS_ST__MAX
};

enum pns_event {
	PNS_EV_START,			/* shell: TCP connected */
	PNS_EV_SCCRP_OK,
	PNS_EV_SCCRP_FAIL,		/* result != 1 or version != 1.0 */
	PNS_EV_OCRP_OK,
	PNS_EV_OCRP_FAIL,		/* result != 1 */
	PNS_EV_CDN,			/* for our call */
	PNS_EV_STOPCCRQ,
	PNS_EV_STOPCCRP,
	PNS_EV_ECHORQ,
	PNS_EV_ECHORP,
	PNS_EV_ICRQ,
	PNS_EV_WEN,
	PNS_EV_STRAY,			/* OCRP/CDN/WEN for another call */
	PNS_EV_NOT_FOR_PNS,		/* SCCRQ OCRQ ICRP ICCN CCRQ SLI */
	PNS_EV_BAD_MSG,
	PNS_EV_FRAME_ERR,
	PNS_EV_PEER_CLOSED,
	PNS_EV_REPLY_TIMEOUT,		/* no SCCRP/OCRP/CDN/StopCCRP */
	PNS_EV_ECHO_DUE,
	PNS_EV_ECHO_DEAD,
	PNS_EV_HANGUP,			/* shell: pppd hung up */
	PNS_EV__MAX
};

enum pns_stat {
	PNS_STAT_RX_MSG,
	PNS_STAT_RX_BAD_MSG,
	PNS_STAT_RX_RESERVED_NONZERO,
	PNS_STAT_RX_UNEXPECTED,		/* no table row for (state, event) */
	PNS_STAT_RX_NOT_FOR_PNS,
	PNS_STAT_RX_STRAY,
	PNS_STAT_FRAME_ERR,
	PNS_STAT_REPLY_TIMEOUT,
	PNS_STAT_ECHO_SENT,
	PNS_STAT_ECHO_BAD_ID,
	PNS_STAT_ECHO_TIMEOUT,
	PNS_STAT_ICRQ_REFUSED,
	PNS_STAT_WEN,
	PNS_STAT_ACTIONS_OVERFLOW,	/* never expected: PNS_ACTIONS_MAX */
	PNS_STAT__MAX
};

struct pns_conf {
	uint32_t	reply_timeout_ms;	/* SCCRP, OCRP, CDN, StopCCRP */
	uint32_t	echo_interval_ms;	/* peer silence -> EchoRQ; 0 off */
	unsigned	echo_failures;		/* unanswered: close; 0 off */
	uint16_t	call_id;		/* ours, from the shell, != 0 */
	uint16_t	call_serial;
	uint16_t	recv_window;		/* OCRQ Packet Recv Window */
	uint32_t	min_bps, max_bps;	/* OCRQ */
	uint16_t	firmware_rev;		/* SCCRQ */
	char		host_name[PPTP_HOSTNAME_LEN + 1];
	char		vendor[PPTP_VENDOR_LEN + 1];
};

struct pns_fsm {
	struct pns_conf	conf;
	enum pns_state	state;
	uint64_t	t_entered;
	uint64_t	t_heard;	/* peer alive, or our last EchoRQ */
	unsigned	echo_unanswered;
	uint32_t	echo_id;
	int		call_up;	/* PNS_ACT_CALL_UP emitted, not down */
	uint16_t	peer_call_id;	/* the PAC's, from OCRP */
	uint64_t	stats[PNS_STAT__MAX];
	uint64_t	rx_err[CTRL_ERR__MAX];
};

enum pns_input_type {
	PNS_IN_START,
	PNS_IN_MSG,		/* msg */
	PNS_IN_BAD_MSG,		/* err */
	PNS_IN_FRAME_ERR,
	PNS_IN_PEER_CLOSED,
	PNS_IN_TICK,		/* spurious ticks are fine */
	PNS_IN_HANGUP
};

struct pns_input {
	enum pns_input_type	 type;
	const struct ctrl_msg	*msg;
	enum ctrl_err		 err;
};

enum pns_action_type {
	PNS_ACT_SEND,		/* u.msg: build and write it */
	PNS_ACT_CALL_UP,	/* u.up: start the data path */
	PNS_ACT_CALL_DOWN,	/* the call is gone: pppd must hang up */
	PNS_ACT_CLOSE,		/* close the TCP connection */
	PNS_ACT_LOG		/* u.log */
};

enum pns_log_level {
	PNS_LOG_DEBUG,
	PNS_LOG_INFO,
	PNS_LOG_WARN
};

struct pns_action {
	enum pns_action_type	type;
	union {
		struct ctrl_msg	msg;
		struct {
			uint16_t	peer_call_id;
			uint16_t	recv_window;
			uint32_t	connect_speed;
		} up;
		struct {
			enum pns_log_level	 level;
			const char		*text;	/* static */
			enum pns_state		 from, to;
			enum pns_event		 event;
			unsigned		 type;	/* message type */
			unsigned		 result, error, cause;
		} log;
	} u;
};

struct pns_actions {
	size_t			n;
	struct pns_action	a[PNS_ACTIONS_MAX];
};

void		 pns_conf_defaults(struct pns_conf *);
void		 pns_fsm_init(struct pns_fsm *, const struct pns_conf *,
		    uint64_t now);
/* The one entry point.  out is reset, then filled. */
void		 pns_fsm_step(struct pns_fsm *, uint64_t now,
		    const struct pns_input *, struct pns_actions *out);
uint64_t	 pns_fsm_next_deadline(const struct pns_fsm *);

const char	*pns_state_name(enum pns_state);
const char	*pns_event_name(enum pns_event);
const char	*pns_stat_name(enum pns_stat);
const char	*pns_action_name(enum pns_action_type);

#endif /* PPTPNG_PNS_FSM_H */
