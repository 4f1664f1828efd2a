/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctl_wire.h: the codec of the local control socket that pptpctl and
 * pptpd-ng-snmp speak to pptpd-ng.  Pure and bounded: no I/O, no
 * allocation, no logging, no global state; shared unchanged by the daemon,
 * pptpctl, the SNMP subagent, the Check suite and the fuzzer.
 *
 * Transport: a unix SOCK_STREAM socket.  The client writes one request
 * line; the daemon answers with zero or more record lines and ends with
 * one `result` line, then closes.  A line is one flat JSON object (RFC
 * 8259) and a LF, at most CTL_LINE_MAX octets:
 *
 *   {"v":1,"type":"<record type>", "<key>":<value>, ...}
 *
 * "v" and "type" come first, in that order.  Values are strings (printable
 * ASCII; escapes \" \\ \/ \b \f \n \r \t and \u0001-\u007f), unsigned
 * decimal integers (no sign, fraction, exponent or leading zero), true,
 * false or null.  Objects and arrays are not values.  Unknown keys of a
 * known type are skipped (forward compatibility); a key twice, a known key
 * with a value of the wrong kind, or a string longer than its field is an
 * error.  A reader skips lines of an unknown type (CTL_ERR_UNKNOWN_TYPE).
 *
 * Records: request (client -> daemon); stats, tunnel, call, authfail and
 * result (daemon -> client).  Their keys are the field tables in
 * ctl_wire.c; pptpctl(8) lists them.
 */
#ifndef PPTPNG_CTL_WIRE_H
#define PPTPNG_CTL_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../gre/gre_stats.h"
#include "ctrl_fsm.h"

#define CTL_VERSION	1
#define CTL_LINE_MAX	4096	/* one record, LF included */
#define CTL_ADDR_MAX	46	/* INET6_ADDRSTRLEN: text address */
#define CTL_NAME_MAX	65	/* user, host, vendor: 64 + NUL */
#define CTL_WORD_MAX	16	/* command, state, mode */
#define CTL_TEXT_MAX	160	/* error text */

enum ctl_err {
	CTL_OK = 0,
	CTL_ERR_EMPTY,		/* no object */
	CTL_ERR_TOO_LONG,	/* above CTL_LINE_MAX */
	CTL_ERR_SYNTAX,		/* not one flat JSON object */
	CTL_ERR_STRING,		/* bad character or escape in a string */
	CTL_ERR_NUMBER,		/* not an unsigned integer, or too big */
	CTL_ERR_VERSION,	/* "v" missing, not first, or not ours */
	CTL_ERR_NO_TYPE,	/* "type" missing or not second */
	CTL_ERR_UNKNOWN_TYPE,	/* a record type we do not know */
	CTL_ERR_KIND,		/* a known key with a value of another kind */
	CTL_ERR_FIELD_LEN,	/* a string longer than its field */
	CTL_ERR_DUP_KEY,	/* a key twice */
	CTL_ERR_TRAILING,	/* bytes after the object (but one LF) */
	CTL_ERR_NO_ROOM,	/* builder: output buffer too small */
	CTL_ERR__MAX
};

enum ctl_rec_type {
	CTL_REC_REQUEST,
	CTL_REC_STATS,
	CTL_REC_TUNNEL,
	CTL_REC_CALL,
	CTL_REC_AUTHFAIL,
	CTL_REC_RESULT,
	CTL_REC__MAX
};

/*
 * cmd: "show" (what: "all", "stats", "tunnels", "calls", "pool",
 * "authfail"), "disconnect" (by call id, user or addr; at least one),
 * "reload".
 */
struct ctl_request {
	char		cmd[CTL_WORD_MAX];
	char		what[CTL_WORD_MAX];
	uint64_t	id;		/* our call ID; 0: none */
	char		user[CTL_NAME_MAX];
	char		addr[CTL_ADDR_MAX];	/* assigned (framed) address */
};

/* Daemon-wide; counters since the daemon started. */
struct ctl_stats {
	char		version[CTL_WORD_MAX];
	uint64_t	uptime;			/* seconds */
	uint64_t	tunnels_active;
	uint64_t	tunnels_total;
	uint64_t	tunnels_refused_limit;
	uint64_t	tunnels_refused_source;
	uint64_t	tunnels_refused_stopping;
	uint64_t	tunnels_refused_acl;
	uint64_t	tunnels_refused_rate;
	uint64_t	tunnels_refused_banned;
	uint64_t	calls_active;
	uint64_t	calls_total;
	uint64_t	calls_failed;
	uint64_t	calls_refused_pool;
	uint64_t	calls_refused_callid;
	uint64_t	calls_spawn_failed;
	uint64_t	callid_kernel_busy;
	uint64_t	auth_failures;
	uint64_t	auth_bans;
	uint64_t	no_gre;
	uint64_t	accept_errors;
	uint64_t	dae_rx;
	uint64_t	dae_drop_client;
	uint64_t	dae_drop_malformed;
	uint64_t	dae_drop_auth;
	uint64_t	dae_drop_msgauth;
	uint64_t	dae_drop_no_msgauth;
	uint64_t	dae_drop_stale;
	uint64_t	dae_dup;
	uint64_t	dae_ack;
	uint64_t	dae_nak_session;
	uint64_t	dae_nak_attr;
	uint64_t	dae_nak_missing;
	uint64_t	dae_nak_invalid;
	uint64_t	dae_nak_coa;
	uint64_t	dae_tx_errors;
	uint64_t	pool_size;		/* 0 with delegate */
	uint64_t	pool_used;
	bool		delegate;
	uint64_t	ctrl[CTRL_STAT__MAX];	/* "ctrl_<name>", all tunnels */
};

struct ctl_tunnel {
	uint64_t	id;			/* daemon-assigned, never reused */
	char		peer[CTL_ADDR_MAX];
	uint64_t	peer_port;
	char		local[CTL_ADDR_MAX];
	char		state[CTL_WORD_MAX];	/* ctrl_state_name() */
	char		host[CTL_NAME_MAX];	/* SCCRQ, sanitised */
	char		vendor[CTL_NAME_MAX];
	uint64_t	uptime;
	uint64_t	calls;
	uint64_t	rx_msgs;
	uint64_t	tx_msgs;
};

struct ctl_call {
	uint64_t	tunnel;
	uint64_t	call_id;
	uint64_t	peer_call_id;
	char		user[CTL_NAME_MAX];
	char		peer[CTL_ADDR_MAX];	/* the client */
	uint64_t	peer_port;
	char		addr[CTL_ADDR_MAX];	/* assigned to the client */
	char		local[CTL_ADDR_MAX];	/* our end of the link */
	char		ifname[CTL_WORD_MAX];
	uint64_t	ifindex;		/* 0: not known yet */
	char		mode[CTL_WORD_MAX];	/* "kernel", "user" or "" */
	char		channel[CTL_WORD_MAX];	/* user: "tap", "l2tp", "pty" or "" */
	char		state[CTL_WORD_MAX];	/* starting, up, clearing */
	uint64_t	uptime;
	uint64_t	pid;
	char		acct_session_id[CTL_NAME_MAX];	/* pptp-radius.so */
	uint64_t	rx_bytes, tx_bytes, rx_pkts, tx_pkts;
	struct gre_stats gre;		/* "gre_<name>", mode "user" only */
};

/* Recent authentication failures, one per client address. */
struct ctl_authfail {
	char		peer[CTL_ADDR_MAX];
	uint64_t	count;
	char		user[CTL_NAME_MAX];	/* the last one tried */
	uint64_t	age;			/* seconds since the last */
};

struct ctl_result {
	bool		ok;
	uint64_t	count;			/* records sent, or calls hit */
	char		error[CTL_TEXT_MAX];
};

struct ctl_rec {
	enum ctl_rec_type	type;
	union {
		struct ctl_request	req;
		struct ctl_stats	stats;
		struct ctl_tunnel	tunnel;
		struct ctl_call		call;
		struct ctl_authfail	authfail;
		struct ctl_result	result;
	} u;
};

const char	*ctl_err_str(enum ctl_err);
const char	*ctl_rec_type_name(enum ctl_rec_type);

/* One line (a trailing LF optional) into *out; out is zeroed first. */
enum ctl_err	 ctl_parse(const char *, size_t, struct ctl_rec *);

/* The line with its LF; bytes written, or 0 (*err says why). */
size_t		 ctl_build(char *, size_t, const struct ctl_rec *,
		    enum ctl_err *);

/* Where a request line ends: index of its LF + 1 in buf, or 0. */
size_t		 ctl_line_len(const char *, size_t);

#endif /* PPTPNG_CTL_WIRE_H */
