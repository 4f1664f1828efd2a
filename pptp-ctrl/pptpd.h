/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptpd.h: the daemon's objects and the prototypes shared by its I/O shell
 * files: struct pptpd (one per process), struct conn (one TCP control
 * connection, listener.c and conn.c) and struct call (one pppd, callmgr.c).
 * Protocol decisions live in the pure modules (ctrl_fsm, conf, pool); these
 * files only execute them.
 */
#ifndef PPTPNG_PPTPD_H
#define PPTPNG_PPTPD_H

#include <sys/queue.h>
#include <sys/types.h>

#include <netinet/in.h>

#include <stdint.h>

#include <event2/event.h>
#include <event2/buffer.h>

#include "../gre/gre_stats.h"
#include "conf.h"
#include "ctrl_frame.h"
#include "ctrl_fsm.h"
#include "log.h"
#include "pool.h"
#include "privsep_wire.h"
#include "srclim.h"

#define PPTPD_NAME		"pptpd-ng"
#define PPTPD_VERSION		"0.1"
#define CALL_ID_SPACE		65536
#define CONN_INPUTS_MAX		(CTRL_CALLS_MAX + 4)
#define CALL_STDERR_MAX		512	/* pppd's last stderr line kept */
#define SRC_RATE_MAX		256	/* sources tracked for the rate limit */
#define CALL_PID_BUCKETS	256	/* the pid index of running pppd */

/* Daemon-wide counters (pptpctl / SNMP scalars in issue 6). */
struct pptpd_stats {
	uint64_t	conns_total;
	uint64_t	conns_refused_limit;
	uint64_t	conns_refused_source;
	uint64_t	conns_refused_stopping;
	uint64_t	conns_refused_acl;	/* allow/deny */
	uint64_t	conns_refused_rate;	/* per-source rate */
	uint64_t	conns_refused_banned;	/* auth-failure ban */
	uint64_t	auth_bans;		/* sources banned */
	uint64_t	calls_total;
	uint64_t	calls_failed;		/* never came up */
	uint64_t	calls_refused_pool;
	uint64_t	calls_refused_callid;
	uint64_t	calls_spawn_failed;
	uint64_t	callid_kernel_busy;	/* redrawn: held in pptp.ko */
	uint64_t	auth_failures;
	uint64_t	no_gre;			/* calls with no GRE from the peer */
	uint64_t	accept_errors;
	/* RFC 5176 (dae.c): every datagram lands in exactly one of these. */
	uint64_t	dae_rx;
	uint64_t	dae_drop_client;	/* not a dae-clients address */
	uint64_t	dae_drop_malformed;	/* header, code or framing */
	uint64_t	dae_drop_auth;		/* Request Authenticator */
	uint64_t	dae_drop_msgauth;	/* Message-Authenticator */
	uint64_t	dae_drop_no_msgauth;	/* required and absent */
	uint64_t	dae_drop_stale;		/* Event-Timestamp window */
	uint64_t	dae_dup;		/* retransmission: answer resent */
	uint64_t	dae_ack;		/* Disconnect-ACK: calls ended */
	uint64_t	dae_nak_session;	/* 503 Session-Context-Not-Found */
	uint64_t	dae_nak_attr;		/* 401 Unsupported-Attribute */
	uint64_t	dae_nak_missing;	/* 402 Missing-Attribute */
	uint64_t	dae_nak_invalid;	/* 404 Invalid-Request */
	uint64_t	dae_nak_coa;		/* 405: every CoA-Request */
	uint64_t	dae_tx_errors;		/* answers not sent */
};

struct call;

struct conn {
	TAILQ_ENTRY(conn)	 entry;
	struct pptpd		*d;
	unsigned		 id;		/* daemon-assigned tunnel id */
	int			 fd;
	struct sockaddr_in	 peer;
	struct sockaddr_in	 local;
	char			 peer_str[INET_ADDRSTRLEN];
	char			 tag[48];	/* "ctrl=N peer=A:P" for logs */
	struct event		*ev_read;
	struct event		*ev_write;
	struct event		*ev_timer;
	struct evbuffer		*out;
	struct ctrl_frame	 frame;
	uint8_t			 framebuf[2 * PPTP_CTRL_MAX_LEN];
	struct ctrl_fsm		 fsm;
	struct call		*calls[CTRL_CALLS_MAX];	/* by FSM handle */
	const struct ctrl_input	*cur;		/* input being stepped */
	struct ctrl_input	 pending[CONN_INPUTS_MAX];
	unsigned		 npending;
	int			 stepping;	/* inside conn_input() */
	int			 closing;	/* CLOSE seen: flush, then go */
	int			 dead;		/* reaped by the loop */
	uint64_t		 t_start;
	uint64_t		 rx_msgs;
	uint64_t		 tx_msgs;
	unsigned		 notes;		/* peer-triggered lines logged */
	struct log_limit	 lim_note;	/* beyond the free ones */
	char			 peer_host[PPTP_HOSTNAME_LEN + 1];
	char			 peer_vendor[PPTP_VENDOR_LEN + 1];
};

struct call {
	struct pptpd		*d;
	struct conn		*conn;		/* NULL once the connection went */
	unsigned		 handle;	/* index in conn->calls */
	uint16_t		 call_id;
	uint16_t		 peer_call_id;
	pid_t			 pid;		/* 0: not running */
	int			 ipc_fd;
	int			 err_fd;	/* pppd's stderr */
	struct event		*ev_ipc;
	struct event		*ev_err;
	int			 has_slot;
	unsigned		 slot;
	uint32_t		 local;		/* host order; 0 with delegate */
	uint32_t		 remote;
	char			 user[64];
	char			 ifname[16];
	uint64_t		 t_start;
	uint64_t		 t_up;		/* ipup seen */
	uint64_t		 rx_bytes, tx_bytes, rx_pkts, tx_pkts;
	struct gre_stats	 gre;		/* its counters, user mode */
	int			 hangup;	/* SIGTERM sent */
	const char		*hangup_why;	/* static text: who asked */
	int			 term_status;	/* pppd's status at terminate */
	char			 mode[8];	/* data path in use: kernel|user */
	char			 channel[8];	/* user mode: l2tp|pty, "" unknown */
	int			 up;		/* CALL_UP told to the FSM */
	char			 cause[96];	/* why it ended */
	char			 last_err[CALL_STDERR_MAX];	/* first line */
	size_t			 errlen;	/* lines pppd wrote */
	unsigned		 tunnel;	/* conn->id, kept after it went */
	struct sockaddr_in	 peer;		/* the client, ditto */
	unsigned		 ifindex;	/* from ipup; 0: not yet */
	uint32_t		 framed;	/* ipup remote, host order */
	char			 acct_session_id[64];	/* pptp-radius.so */
	struct call		*pid_next;	/* d->by_pid chain */
};

TAILQ_HEAD(conn_list, conn);

struct pptpd {
	struct event_base	*base;
	const char		*conffile;
	struct conf		 conf;
	struct conf		 cmdline;	/* what flags set (reapplied on reload) */
	struct pool		 pool;
	struct ctrl_conf	 cconf;
	const char		*plugin;	/* path of pptp-gre.so */
	int			 foreground;
	int			 lfd;		/* listening socket */
	int			 reserve_fd;	/* spare for EMFILE */
	struct event		*ev_accept;
	struct event		*ev_reap;	/* deferred frees */
	struct event		*ev_exit;	/* shutdown deadline */
	struct conn_list	 conns;
	unsigned		 nconns;
	unsigned		 next_conn_id;
	struct call		**by_id;	/* CALL_ID_SPACE entries */
	struct call		*by_pid[CALL_PID_BUCKETS];	/* running pppd */
	unsigned		 ncalls;
	int			 stopping;
	struct pptpd_stats	 stats;
	struct log_limit	 lim_refuse;
	struct log_limit	 lim_accept;
	struct srclim_ent	 rate[SRC_RATE_MAX];	/* listener.c */
	struct control		*ctl;		/* control.c */
	struct dae		*dae;		/* dae.c; NULL: off */
	struct privsep		*ps;		/* privsep.c, this side */
};

uint64_t	 now_ms(void);

/* listener.c */
int		 listener_open(struct pptpd *);
void		 listener_close(struct pptpd *);

/* conn.c */
void		 conn_new(struct pptpd *, int, const struct sockaddr_in *);
void		 conn_input(struct conn *, const struct ctrl_input *);
void		 conn_admin_stop(struct conn *);
void		 conn_call_stats(const struct call *, char *, size_t);
void		 conn_reap_all(struct pptpd *);
void		 conn_log(const struct conn *, int, const char *, ...)
		    __attribute__((__format__(printf, 3, 4)));

/* control.c */
int		 control_open(struct pptpd *);
void		 control_close(struct pptpd *);
void		 control_conn_closed(struct pptpd *, const struct conn *);
bool		 control_auth_failure(struct pptpd *,
		    const struct sockaddr_in *, const char *);
bool		 control_auth_banned(struct pptpd *, struct in_addr);

/* dae.c: RFC 5176 Disconnect/CoA listener (dae-listen) */
int		 dae_open(struct pptpd *, int);
int		 dae_reload(struct pptpd *, int);
void		 dae_close(struct pptpd *);
/* pptpd.c */
int		 pptpd_reload_load(struct pptpd *, struct conf *);
void		 pptpd_reload_apply(struct pptpd *, const struct conf *, int);
void		 pptpd_stop_request(struct pptpd *);

/* privsep.c */
int		 privsep_fork(struct pptpd *);
void		 privsep_parent(struct pptpd *) __attribute__((__noreturn__));
void		 privsep_drop(struct pptpd *);
int		 privsep_spawn(struct pptpd *, const struct ps_spawn *, int,
		    int, pid_t *);
void		 privsep_kill(struct pptpd *, pid_t, int);
void		 privsep_reload_request(struct pptpd *);

/* callmgr.c */
int		 callmgr_init(struct pptpd *);
struct call	*callmgr_spawn(struct conn *, unsigned,
		    const struct ctrl_ocrq *, uint8_t *, uint8_t *);
void		 callmgr_hangup(struct call *, const char *);
void		 callmgr_admin_hangup(struct call *, const char *);
void		 callmgr_conn_gone(struct call *);
void		 callmgr_exited(struct pptpd *, pid_t, int);
void		 callmgr_kill_all(struct pptpd *, int);
void		 call_log(const struct call *, int, const char *, ...)
		    __attribute__((__format__(printf, 3, 4)));

#endif
