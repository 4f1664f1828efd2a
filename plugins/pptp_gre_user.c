/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_user.c: sets up and tears down the user-mode data path: the
 * raw GRE socket (connected to the peer, classic BPF filter on our call
 * ID), pppd's channel to the pump (the kernel's PPPoE PPP channel on a
 * private tap device, else its L2TP PPP channel over a loopback UDP
 * pair, else a pty pair whose slave pppd drives with ppp_async), the
 * shared counter page and the pump child.  Runs inside
 * pppd: logs with pppd's functions and never exits; the packet loop
 * itself is pptp_gre_pump.c.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <linux/filter.h>
#include <linux/if_tun.h>
#include <linux/if_pppox.h>
#include <linux/if_pppol2tp.h>
#include <linux/ppp-ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pppd_compat.h"

#include "../gre/gre_wire.h"
#include "pptp_gre.h"

#define L2TP_SESSION	1		/* the tunnel's one session */
#define L2TP_TRIES	16		/* tunnel IDs drawn before giving up */
/*
 * How long the kernel's L2TP session holds a frame from the pump that
 * overtook an earlier one on loopback (l2tp_frame.h): only a frame still
 * in another CPU's backlog is ever missing, so this is a bound, not a
 * delay; a frame held longer is discarded by the kernel.
 */
#define L2TP_REORDER_MS	100
#define TAP_NAME	"pptptap%d"	/* the tap channel's device */
#define TAP_SID		1		/* its one PPPoE session */
/*
 * The tap's MTU: room for the largest frame the pump passes (2048) and
 * the PPPoE header; the kernel's channel takes its MTU from it.
 */
#define TAP_MTU		(2048 + 8)

static pid_t			 pump_pid = -1;
static int			 pump_stopping;
static struct pptp_pump_shm	*pump_shm = MAP_FAILED;
/* pppd's end of the L2TP channel; -1 when the pty is used. */
static int			 l2tp_tun = -1;		/* UDP, the tunnel's */
static int			 l2tp_mgmt = -1;	/* PPPoL2TP, session 0 */
static int			 l2tp_sess = -1;	/* PPPoL2TP: the channel */
/* pppd's end of the tap channel: the PPPoE socket; -1 when not used. */
static int			 tap_sess = -1;
static char			 tap_name[IFNAMSIZ];

static int	 user_raw_socket(const struct pptp_conf *);
static int	 l2tp_attach(int, int, const struct sockaddr_in *,
		    uint16_t, uint16_t);
static int	 l2tp_open(struct pptp_pump_ppp *);
static int	 l2tp_number(int);
static void	 l2tp_close(void);
static int	 tap_open(struct pptp_pump_ppp *);
static void	 tap_close(void);
static int	 pty_open(struct pptp_pump_ppp *);
static void	 user_pump_done(void *);
static void	 user_child(int, const struct pptp_pump_ppp *,
		    const struct pptp_conf *);

/*
 * A raw IPv4 socket for protocol 47 that only ever queues enhanced-GRE
 * packets for our call ID from the peer (study §a.3 items 7 and 8): the
 * kernel matches the addresses (bind + connect), the filter the rest.
 */
static int
user_raw_socket(const struct pptp_conf *c)
{
	struct sock_filter	 code[] = {
		/* X = IHL * 4 */
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),
		/* GRE protocol type (§4.1, offset 2) == 0x880B */
		BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GRE_PROTO_PPP, 0, 5),
		/* Ver (low 3 bits of byte 1) == 1 */
		BPF_STMT(BPF_LD | BPF_B | BPF_IND, 1),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x07),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 2),
		/* Call ID (offset 6) == ours */
		BPF_STMT(BPF_LD | BPF_H | BPF_IND, 6),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, c->call_id, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, 0),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct sock_fprog	 prog = { sizeof(code) / sizeof(code[0]), code };
	struct sockaddr_in	 sin;
	uint8_t			 junk[64];
	int			 fd;

	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    GRE_IPPROTO);
	if (fd == -1) {
		error("pptp-gre: raw GRE socket: %m (user mode needs "
		    "CAP_NET_RAW)");
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog)) == -1) {
		error("pptp-gre: SO_ATTACH_FILTER on the GRE socket: %m");
		goto bad;
	}
	pptp_sockbuf(fd);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = c->local;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		error("pptp-gre: bind GRE socket to %I: %m (is pptp-local "
		    "an address of this host?)", c->local.s_addr);
		goto bad;
	}
	sin.sin_addr = c->peer;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		error("pptp-gre: connect GRE socket to %I: %m",
		    c->peer.s_addr);
		goto bad;
	}
	/* Drop what was queued before the filter and the connect applied. */
	while (recv(fd, junk, sizeof(junk), MSG_DONTWAIT) >= 0)
		;
	return fd;
bad:
	close(fd);
	return -1;
}

/*
 * Connect a PPPoL2TP socket to (tunnel, session) on the UDP socket tun:
 * session 0 creates the tunnel (the kernel's "tunnel management
 * socket"), a non-zero one the session.  Returns the socket or -1.
 */
static int
l2tp_attach(int tun, int fd, const struct sockaddr_in *peer, uint16_t tunnel,
    uint16_t session)
{
	struct sockaddr_pppol2tp sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OL2TP;
	sa.pppol2tp.fd = tun;
	sa.pppol2tp.addr = *peer;
	sa.pppol2tp.s_tunnel = sa.pppol2tp.d_tunnel = tunnel;
	sa.pppol2tp.s_session = sa.pppol2tp.d_session = session;
	return connect(fd, (struct sockaddr *)&sa, sizeof(sa));
}

/*
 * pppd's channel through the kernel's L2TP PPP code (l2tp_ppp): whole
 * frames, no tty layer.  Tunnel IDs are per network namespace and
 * shared with any L2TP daemon here, so the ID is drawn at random and
 * drawn again when taken; connecting session 0 to an ID that is someone
 * else's tunnel would join it, so the tunnel's peer (getsockname) must
 * be our pump's socket.  Fills pp (the pump's socket and IDs) and
 * returns the session socket for pppd, or -1 with errno set (the
 * socket() errno when the kernel has no L2TP PPP) and the cause logged.
 */
static int
l2tp_open(struct pptp_pump_ppp *pp)
{
	struct sockaddr_pppol2tp sa;
	struct sockaddr_in	 peer;
	socklen_t		 len;
	uint16_t		 id = 0;
	int			 fd[2], mgmt = -1, sess = -1, tries, err;

	mgmt = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);
	if (mgmt == -1)
		return -1;	/* no l2tp_ppp: the caller decides */
	if (pptp_pump_udp_pair(fd, &peer) == -1) {
		err = errno;
		error("pptp-gre: loopback UDP pair for the L2TP channel: %m");
		close(mgmt);
		errno = err;
		return -1;
	}
	for (tries = 0; tries < L2TP_TRIES; tries++) {
		if (getrandom(&id, sizeof(id), 0) != sizeof(id) || id == 0)
			continue;
		if (l2tp_attach(fd[0], mgmt, &peer, id, 0) == -1) {
			if (errno == EEXIST)
				continue;
			error("pptp-gre: L2TP tunnel %u on the loopback pair: "
			    "%m", id);
			goto bad;
		}
		len = sizeof(sa);
		memset(&sa, 0, sizeof(sa));
		if (getsockname(mgmt, (struct sockaddr *)&sa, &len) == 0 &&
		    sa.pppol2tp.addr.sin_port == peer.sin_port &&
		    sa.pppol2tp.addr.sin_addr.s_addr == peer.sin_addr.s_addr)
			break;
		/* Someone else's tunnel: leave it as it was. */
		close(mgmt);
		mgmt = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC,
		    PX_PROTO_OL2TP);
		if (mgmt == -1)
			goto bad;
	}
	if (tries == L2TP_TRIES) {
		error("pptp-gre: no free L2TP tunnel ID in %d draws",
		    L2TP_TRIES);
		errno = EEXIST;
		goto bad;
	}
	if ((sess = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC,
	    PX_PROTO_OL2TP)) == -1 ||
	    l2tp_attach(fd[0], sess, &peer, id, L2TP_SESSION) == -1) {
		error("pptp-gre: L2TP session on tunnel %u: %m", id);
		goto bad;
	}
	l2tp_tun = fd[0];
	l2tp_mgmt = mgmt;
	l2tp_sess = sess;
	pp->fd = fd[1];
	pp->kind = PCHAN_L2TP;
	pp->tunnel = id;
	pp->session = L2TP_SESSION;
	pp->seq = l2tp_number(sess);
	return sess;
bad:
	err = errno;
	if (sess >= 0)
		close(sess);
	if (mgmt >= 0)
		close(mgmt);
	close(fd[0]);
	close(fd[1]);
	errno = err;
	return -1;
}

/*
 * Ns on the session both ways, and the kernel puts the pump's frames
 * back in order for up to L2TP_REORDER_MS: loopback queues each datagram
 * on the sending CPU's backlog, so frames can overtake each other, and
 * MPPE answers one that arrives behind its successor with a blackout
 * (l2tp_frame.h).  Returns 1 when numbered, 0 when the kernel refused
 * (the channel then stays as it was, unnumbered).
 */
static int
l2tp_number(int sess)
{
	int	 on = 1, off = 0, ms = L2TP_REORDER_MS;

	if (setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_REORDERTO, &ms,
	    sizeof(ms)) == 0 &&
	    setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_RECVSEQ, &on,
	    sizeof(on)) == 0 &&
	    setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_SENDSEQ, &on,
	    sizeof(on)) == 0)
		return 1;
	warn("pptp-gre: L2TP channel without sequence numbers (%m): frames "
	    "that loopback reorders will cost MPPE resynchronisations");
	(void)setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_RECVSEQ, &off,
	    sizeof(off));
	(void)setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_SENDSEQ, &off,
	    sizeof(off));
	ms = 0;
	(void)setsockopt(sess, SOL_PPPOL2TP, PPPOL2TP_SO_REORDERTO, &ms,
	    sizeof(ms));
	return 0;
}

/* Session, then tunnel, then its socket: the kernel's order of teardown. */
static void
l2tp_close(void)
{
	if (l2tp_sess >= 0)
		close(l2tp_sess);
	if (l2tp_mgmt >= 0)
		close(l2tp_mgmt);
	if (l2tp_tun >= 0)
		close(l2tp_tun);
	l2tp_sess = l2tp_mgmt = l2tp_tun = -1;
}

/*
 * pppd's channel through the kernel's PPPoE PPP code (pppoe) on a tap
 * device of its own: the pump reads pppd's frames from the tap in the
 * order pppd sent them and writes its frames into the kernel in its own
 * context, so no backlog on the way can swap two (see l2tp_number()).
 * The device is pptp_pump_tap()'s (shared with bench_pump); it goes
 * away with the pump, which holds its only descriptor.  Fills pp (the tap,
 * the link's two addresses) and returns the PPPoE socket for pppd, or
 * -1 with errno set (ENOENT/ENODEV/EAFNOSUPPORT/EPROTONOSUPPORT when the
 * kernel lacks tun or pppoe: the caller decides; anything else logged).
 */
static int
tap_open(struct pptp_pump_ppp *pp)
{
	struct sockaddr_pppox	 sa;
	const char		*what;
	int			 sess, err;

	sess = socket(AF_PPPOX, SOCK_STREAM | SOCK_CLOEXEC, PX_PROTO_OE);
	if (sess == -1)
		return -1;	/* no pppoe: the caller decides */
	if (pptp_pump_tap(TAP_NAME, TAP_MTU, TAP_SID, pp, &what) == -1) {
		err = errno;
		/* No tun at all is for the caller to say; the rest is ours. */
		if (err != ENOENT && err != ENODEV)
			error("pptp-gre: tap channel's device %s: %s: %m",
			    pp->ifname[0] ? pp->ifname : "pptptap*", what);
		close(sess);
		errno = err;
		return -1;
	}
	memcpy(tap_name, pp->ifname, IFNAMSIZ);
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_PPPOX;
	sa.sa_protocol = PX_PROTO_OE;
	sa.sa_addr.pppoe.sid = htons(pp->link.sid);
	memcpy(sa.sa_addr.pppoe.remote, pp->link.pump, PPPOE_ETH_ALEN);
	memcpy(sa.sa_addr.pppoe.dev, tap_name, IFNAMSIZ);
	if (connect(sess, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		err = errno;
		error("pptp-gre: PPPoE session on tap %s: %m", tap_name);
		close(pp->fd);
		pp->fd = -1;
		pp->kind = PCHAN_PTY;
		close(sess);
		errno = err;
		return -1;
	}
	tap_sess = sess;
	return sess;
}

/* pppd's PPPoE socket; the tap goes with the pump's descriptor. */
static void
tap_close(void)
{
	if (tap_sess >= 0)
		close(tap_sess);
	tap_sess = -1;
}

/* A raw pty pair: pp gets the master, pppd the slave (returned). */
static int
pty_open(struct pptp_pump_ppp *pp)
{
	struct termios	 t;
	int		 master, slave;

	if (openpty(&master, &slave, NULL, NULL, NULL) == -1) {
		error("pptp-gre: openpty: %m");
		return -1;
	}
	(void)fcntl(master, F_SETFD, FD_CLOEXEC);
	(void)fcntl(slave, F_SETFD, FD_CLOEXEC);
	/* Raw mode before ppp_async takes over: no echo, no translation. */
	if (tcgetattr(slave, &t) == -1) {
		error("pptp-gre: tcgetattr on the pty: %m");
		goto bad;
	}
	cfmakeraw(&t);
	if (tcsetattr(slave, TCSANOW, &t) == -1) {
		error("pptp-gre: tcsetattr on the pty: %m");
		goto bad;
	}
	memset(pp, 0, sizeof(*pp));
	pp->fd = master;
	return slave;
bad:
	close(master);
	close(slave);
	return -1;
}

/* pppd reaped the pump (record_child): unexpected unless we stopped it. */
static void
user_pump_done(void *arg)
{
	(void)arg;
	pump_pid = -1;
	if (pump_stopping)
		return;
	error("pptp-gre: the user-mode GRE pump exited; hanging up");
	ppp_set_status(EXIT_HANGUP);
	lcp_close(0, "GRE pump exited");
}

/*
 * In a child forked from pppd (the pump, the client role's keeper): die
 * with pppd, default signals (SIGPIPE ignored), nothing blocked, and only
 * the two descriptors given (-1: none) open beyond stdin/out/err.
 */
void
pptp_child_init(int keep1, int keep2)
{
	struct sigaction sa;
	sigset_t	 none;
	int		 sig, fd, maxfd;

	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	maxfd = (int)sysconf(_SC_OPEN_MAX);
	if (maxfd < 0 || maxfd > 65536)
		maxfd = 65536;
	for (fd = 3; fd < maxfd; fd++)
		if (fd != keep1 && fd != keep2)
			(void)close(fd);
}

/* In the child: a clean process that only knows its two fds. */
static void
user_child(int raw, const struct pptp_pump_ppp *pp, const struct pptp_conf *c)
{
	pptp_child_init(raw, pp->fd);
	_exit(pptp_pump_run(raw, pp, c, pump_shm));
}

/* The channel's word in events and logs. */
const char *
pptp_chan_name(enum pptp_chan k)
{
	switch (k) {
	case PCHAN_TAP:
		return "tap";
	case PCHAN_L2TP:
		return "l2tp";
	case PCHAN_PTY:
		break;
	}
	return "pty";
}

/*
 * pppd's channel to the pump, the first that the kernel offers among
 * those pptp-user-channel allows (auto: tap, l2tp, pty): fills pp and
 * returns pppd's descriptor, or -1 with the cause logged.
 */
static int
user_chan_open(const struct pptp_conf *c, struct pptp_pump_ppp *pp)
{
	int	 chan;

	if (c->user_chan == UCHAN_AUTO || c->user_chan == UCHAN_TAP) {
		if ((chan = tap_open(pp)) >= 0)
			return chan;
		if (c->user_chan == UCHAN_TAP) {
			error("pptp-gre: no tap channel (%m): the kernel needs "
			    "tun and pppoe (modprobe tun pppoe), or use "
			    "pptp-user-channel l2tp");
			return -1;
		}
		info("pptp-gre: no tap channel (%m); trying the L2TP channel "
		    "(modprobe tun pppoe for the tap)");
	}
	if (c->user_chan == UCHAN_AUTO || c->user_chan == UCHAN_L2TP) {
		if ((chan = l2tp_open(pp)) >= 0)
			return chan;
		if (c->user_chan == UCHAN_L2TP) {
			error("pptp-gre: no kernel L2TP PPP channel (%m): load "
			    "l2tp_ppp or use pptp-user-channel pty");
			return -1;
		}
		info("pptp-gre: no kernel L2TP PPP channel (%m); pppd talks "
		    "to the pump through a pty (slower; modprobe l2tp_ppp)");
	}
	return pty_open(pp);
}

/*
 * Returns pppd's channel, *kind saying which: a PPPoE or L2TP session
 * socket (for ppp_generic) or the pty slave (for tty_establish_ppp()),
 * or -1.  The pump owns the raw socket and its end of the channel.
 */
int
pptp_user_connect(const struct pptp_conf *c, enum pptp_chan *kind)
{
	struct pptp_pump_ppp pp;
	pid_t		 ppid = getpid();
	int		 raw, chan;

	if ((raw = user_raw_socket(c)) == -1)
		return -1;
	memset(&pp, 0, sizeof(pp));
	pp.fd = -1;
	pp.kind = PCHAN_PTY;
	if ((chan = user_chan_open(c, &pp)) == -1)
		goto bad;
	pump_shm = mmap(NULL, sizeof(*pump_shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (pump_shm == MAP_FAILED) {
		error("pptp-gre: mmap of the counter page: %m");
		goto bad;
	}
	pump_stopping = 0;
	switch ((pump_pid = fork())) {
	case -1:
		error("pptp-gre: fork of the GRE pump: %m");
		goto bad;
	case 0:
		if (getppid() != ppid)
			_exit(1);
		user_child(raw, &pp, c);
		_exit(1);
	default:
		break;
	}
	record_child(pump_pid, "pptp-gre pump", user_pump_done, NULL, 1);
	close(raw);
	close(pp.fd);
	*kind = pp.kind;
	switch (pp.kind) {
	case PCHAN_TAP:
		dbglog("pptp-gre: user mode: GRE pump pid %d, call %u/%u, "
		    "tap %s", (int)pump_pid, c->call_id, c->peer_call_id,
		    tap_name);
		break;
	case PCHAN_L2TP:
		dbglog("pptp-gre: user mode: GRE pump pid %d, call %u/%u, "
		    "L2TP tunnel %u", (int)pump_pid, c->call_id,
		    c->peer_call_id, pp.tunnel);
		break;
	case PCHAN_PTY:
		dbglog("pptp-gre: user mode: GRE pump pid %d, call %u/%u, pty",
		    (int)pump_pid, c->call_id, c->peer_call_id);
		break;
	}
	return chan;
bad:
	if (pp.kind == PCHAN_L2TP)
		l2tp_close();
	else if (pp.kind == PCHAN_TAP)
		tap_close();
	else if (chan >= 0)
		close(chan);
	if (pp.fd >= 0)
		close(pp.fd);
	close(raw);
	return -1;
}

/*
 * Stop the pump; pppd reaps it (it is a recorded child).  Its last
 * counters (at most PUMP_PUBLISH_US old) go to pppd's log once: the
 * socket drops are where a TCP stream found the pump to be the
 * bottleneck, as a full router queue would be.
 */
void
pptp_user_disconnect(void)
{
	struct pptp_pump_shm	 sh;
	struct pppol2tp_ioc_stats ks;
	char			 line[192], chan[160];

	/* pppd's info() has no 64-bit conversions: format here. */
	if (pump_pid > 0 && !pump_stopping && pptp_user_stats(&sh) == 0) {
		snprintf(line, sizeof(line), "GRE in %llu (lost %llu, "
		    "reordered %llu), out %llu; dropped by full socket "
		    "buffers: GRE %llu, from pppd %llu",
		    (unsigned long long)sh.gre.rx_pkts,
		    (unsigned long long)sh.gre.rx_lost,
		    (unsigned long long)sh.gre.rx_buffered,
		    (unsigned long long)sh.gre.tx_pkts,
		    (unsigned long long)sh.gre_sock_drops,
		    (unsigned long long)sh.ppp_sock_drops);
		info("pptp-gre: user mode, call end: %s", line);
		memset(&ks, 0, sizeof(ks));
		if (l2tp_sess >= 0 &&
		    ioctl(l2tp_sess, PPPIOCGL2TPSTATS, &ks) == 0) {
			snprintf(chan, sizeof(chan), "frames loopback swapped: "
			    "from pppd %llu (late, dropped), to pppd %llu put "
			    "back in order, %llu discarded by the kernel",
			    (unsigned long long)sh.l2tp_late,
			    (unsigned long long)ks.rx_oos_packets,
			    (unsigned long long)ks.rx_seq_discards);
			info("pptp-gre: L2TP channel, call end: %s", chan);
		}
		if (tap_sess >= 0) {
			snprintf(chan, sizeof(chan), "%llu frames on it refused "
			    "(not the call's session, or too long)",
			    (unsigned long long)sh.tap_bad);
			info("pptp-gre: tap channel %s, call end: %s", tap_name,
			    chan);
		}
	}
	if (pump_pid > 0) {
		pump_stopping = 1;
		if (kill(pump_pid, SIGTERM) == -1 && errno != ESRCH)
			warn("pptp-gre: kill GRE pump %d: %m", (int)pump_pid);
	}
	l2tp_close();
	tap_close();
}

/* A consistent snapshot of the pump's counters; -1 if there is none. */
int
pptp_user_stats(struct pptp_pump_shm *out)
{
	uint64_t g1, g2;
	int	 tries;

	if (pump_shm == MAP_FAILED)
		return -1;
	for (tries = 0; tries < 100; tries++) {
		g1 = __atomic_load_n(&pump_shm->gen, __ATOMIC_ACQUIRE);
		if (g1 & 1)
			continue;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		memcpy(out, pump_shm, sizeof(*out));
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		g2 = __atomic_load_n(&pump_shm->gen, __ATOMIC_ACQUIRE);
		if (g1 == g2)
			return 0;
	}
	return -1;
}
