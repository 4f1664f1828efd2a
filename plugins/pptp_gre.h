/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre.h: internal interface between the files of pptp-gre.so: the
 * pppd shell (pptp_gre.c), the event sender (pptp_gre_ipc.c), the user
 * data path set-up (pptp_gre_user.c) and the pump (pptp_gre_pump.c, which
 * runs in a forked child and must not call pppd); in the client role, the
 * control connection in pppd (pptp_gre_client.c) and its I/O loop, shared
 * with the keeper child (pptp_gre_pns.c, which must not call pppd).
 * Never include <stdbool.h> here: pppd 2.4.9's pppd.h typedefs bool.
 */
#ifndef PPTPNG_PPTP_GRE_H
#define PPTPNG_PPTP_GRE_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include <signal.h>

#include "../gre/gre_stats.h"
#include "../pptp-ctrl/ctrl_frame.h"
#include "../pptp-ctrl/pns_fsm.h"
#include "pppoe_frame.h"

struct ipc_msg;

/*
 * Receive and send buffers of the pump's sockets (raw GRE, loopback UDP):
 * asked for past net.core.[rw]mem_max when pppd may (CAP_NET_ADMIN).
 */
#define PPTP_SOCKBUF	(1 << 20)

/* pptp-user-channel: how the user-mode pump reaches pppd. */
enum pptp_user_chan {
	UCHAN_AUTO,			/* the first of tap, l2tp, pty that works */
	UCHAN_TAP,			/* PPPoE PPP channel on a private tap */
	UCHAN_L2TP,			/* the kernel's L2TP PPP channel */
	UCHAN_PTY			/* a pty with ppp_async */
};

/* Parameters of the call, fixed once the options are checked. */
struct pptp_conf {
	struct in_addr	 local;		/* pptp-local */
	struct in_addr	 peer;		/* pptp-peer */
	uint16_t	 call_id;	/* pptp-call-id: ours, checked on input */
	uint16_t	 peer_call_id;	/* pptp-peer-call-id: written on output */
	uint32_t	 reorder_max;	/* pptp-reorder-max (user mode) */
	uint32_t	 reorder_ms;	/* pptp-reorder-timeout (user mode) */
	enum pptp_user_chan user_chan;	/* pptp-user-channel (user mode) */
};

/*
 * What the pump publishes for the plugin, in a MAP_SHARED page, under a
 * sequence lock: gen is odd while the pump writes.
 */
struct pptp_pump_shm {
	uint64_t	 gen;
	struct gre_stats gre;
	uint64_t	 hdlc_bad_fcs;	/* frames from pppd with bad FCS */
	uint64_t	 hdlc_too_long;	/* frames from pppd above 2048 */
	uint64_t	 tx_errors;	/* GRE sends that failed (ENOBUFS...) */
	uint64_t	 ppp_errors;	/* frames pppd's side did not take */
	uint64_t	 l2tp_bad;	/* L2TP datagrams refused (not ours) */
	uint64_t	 gre_sock_drops; /* GRE the raw socket dropped (full) */
	uint64_t	 ppp_sock_drops; /* pppd's frames the channel dropped */
	uint64_t	 l2tp_late;	/* pppd's frames dropped: loopback had
					   swapped them (l2tp_seq_order) */
	uint64_t	 tap_bad;	/* frames on the tap refused (not our
					   session, longer than 2048) */
};

/* The channel a user-mode call's pppd has to the pump. */
enum pptp_chan {
	PCHAN_PTY,			/* async HDLC bytes through a pty */
	PCHAN_L2TP,			/* L2TPv2 datagrams on loopback */
	PCHAN_TAP			/* PPPoE session frames on a tap */
};

/*
 * The pump's side towards pppd (pptp_gre_user.c): a pty (async HDLC
 * bytes; pppd's ppp_async on the slave), a UDP socket joined on
 * loopback to the kernel's L2TP PPP channel that pppd drives (one
 * L2TPv2 data message per frame), or a private tap device on which
 * pppd drives the kernel's PPPoE PPP channel (one session frame each).
 */
struct pptp_pump_ppp {
	int		 fd;
	enum pptp_chan	 kind;
	uint16_t	 tunnel;	/* the L2TP channel's tunnel ID */
	uint16_t	 session;	/* ... and session ID */
	int		 seq;		/* 1: Ns both ways, kernel reorders */
	struct pppoe_link link;		/* the tap channel's two ends */
	char		 ifname[16];	/* ... and its device (IFNAMSIZ) */
};

/* pptp_gre_ipc.c: events to pptpd-ng; all no-ops without pptp-ctrl-fd. */
/* pppd's phase, from the phase notifier (2.5 has no getter). */
extern int	 pptp_phase;

void	 pptp_ipc_open(int);
int	 pptp_ipc_enabled(void);
void	 pptp_ipc_send(const struct ipc_msg *);
uint64_t pptp_ipc_dropped(void);

/* pptp_gre_user.c: the user-mode data path. */
int	 pptp_user_connect(const struct pptp_conf *, enum pptp_chan *);
const char *pptp_chan_name(enum pptp_chan);
void	 pptp_user_disconnect(void);
int	 pptp_user_stats(struct pptp_pump_shm *);
void	 pptp_child_init(int, int);

/* pptp_gre_pump.c: the child's loop; returns the child's exit code. */
int	 pptp_pump_run(int, const struct pptp_pump_ppp *,
	    const struct pptp_conf *, struct pptp_pump_shm *);
int	 pptp_pump_udp_pair(int [2], struct sockaddr_in *);
int	 pptp_pump_tap(const char *, int, uint16_t, struct pptp_pump_ppp *,
	    const char **);
void	 pptp_sockbuf(int);

/* pptp_gre_pns.c: the client role's control connection I/O (no pppd). */
typedef void	 pns_log_fn(enum pns_log_level, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

struct pns_io {
	int		 fd;		/* TCP to the server */
	struct pns_fsm	 fsm;
	struct ctrl_frame fr;
	uint8_t		 store[2 * PPTP_CTRL_MAX_LEN];
	pns_log_fn	*log;
	int		 up, down, closed;	/* PNS_ACT_CALL_UP/DOWN/CLOSE */
	uint16_t	 peer_call_id;	/* from OCRP */
	uint16_t	 recv_window;
	uint32_t	 connect_speed;
};

uint64_t pns_io_now(void);
void	 pns_io_init(struct pns_io *, int, const struct pns_conf *,
	    pns_log_fn *);
void	 pns_io_input(struct pns_io *, enum pns_input_type);
void	 pns_io_run(struct pns_io *, uint64_t, int, volatile sig_atomic_t *);
int	 pns_keeper_run(struct pns_io *);

/* pptp_gre_client.c: the client (PNS) role inside pppd. */
struct pptp_client_conf {
	const char	*server;	/* pptp-server: name or address */
	int		 echo_secs;	/* pptp-echo-interval */
	int		 timeout_secs;	/* pptp-connect-timeout */
};
int	 pptp_client_connect(const struct pptp_client_conf *,
	    struct pptp_conf *, int);
int	 pptp_client_keep(void);
void	 pptp_client_abort(void);
void	 pptp_client_disconnect(void);

#endif /* PPTPNG_PPTP_GRE_H */
