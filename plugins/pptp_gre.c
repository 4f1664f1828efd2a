/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre.c: the pppd 2.4.9 side of pptp-gre.so: options and their
 * strict validation, the channel (kernel mode: a PX_PROTO_PPTP pppox
 * socket; user mode: pptp_gre_user.c; client role: pptp_gre_client.c
 * sets the call up first), and the events to pptpd-ng (phase, auth, ipup,
 * stats, nogre, exit).  Logs through pppd; never exits after option
 * checking; never parses wire data (the pump and pptp_gre_pns.c do).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if_pppox.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pppd_compat.h"

#include "../pptp-ctrl/ipc_wire.h"
#include "../pptp-ctrl/kernel_pptp.h"
#include "pptp_gre.h"
#include "pptp_ipc.h"
#include "pptp_opt.h"

/*
 * Largest MRU/MTU: a 1500-byte IPv4 path minus IP (20), enhanced GRE
 * (16) and the PPP address, control and protocol fields (4).
 */
#define PPTP_MAX_MRU	1460

/* pppd.h defines it only #ifdef MAXOCTETS; the value is fixed. */
#ifndef EXIT_TRAFFIC_LIMIT
#define EXIT_TRAFFIC_LIMIT	20
#endif

enum pptp_mode { MODE_AUTO, MODE_KERNEL, MODE_USER };

char pppd_version[] = PPTP_PPPD_VERSION;

static struct pptp_conf	 conf;
static int		 opt_role_set, opt_local_set, opt_peer_set;
static int		 opt_client;	/* pptp-server or pptp-role client */
static char		 opt_server[256];

enum num_opt {
	N_CALL_ID, N_PEER_CALL_ID, N_CTRL_FD, N_KERNEL_FD, N_REORDER_MAX,
	N_REORDER_MS,
	N_NOGRE, N_ECHO, N_CONN_TMO, N_COUNT
};
static struct {
	const char	*name;
	long		 lo, hi;
	long		 val;		/* the default until set */
	int		 set;
} nums[N_COUNT] = {
	[N_CALL_ID] = { "pptp-call-id", 1, 65535, 0, 0 },
	[N_PEER_CALL_ID] = { "pptp-peer-call-id", 0, 65535, 0, 0 },
	[N_CTRL_FD] = { "pptp-ctrl-fd", 3, 65535, -1, 0 },
	[N_KERNEL_FD] = { "pptp-kernel-fd", 3, 65535, -1, 0 },
	[N_REORDER_MAX] = { "pptp-reorder-max", 0, 1024, 32, 0 },
	[N_REORDER_MS] = { "pptp-reorder-timeout", 1, 1000, 50, 0 },
	[N_NOGRE] = { "pptp-no-gre-timeout", 0, 3600, 5, 0 },
	[N_ECHO] = { "pptp-echo-interval", 0, 3600, 60, 0 },
	[N_CONN_TMO] = { "pptp-connect-timeout", 1, 300, 10, 0 },
};
static enum pptp_mode	 opt_mode = MODE_AUTO;
static enum pptp_mode	 cur_mode = MODE_AUTO;
static int		 opt_ctrl_fd = -1;
static int		 opt_nogre_secs = 5;
static int		 kernel_fd = -1;
static enum pptp_chan	 user_chan;	/* user mode: pppd's channel */
static int		 bound_fd = -1;	/* pptp-kernel-fd, until connect */
static int		 got_input;
static int		 nogre_armed, stats_armed;
static time_t		 connect_time;
static struct pptp_client_conf client_conf;
int			 pptp_phase = PHASE_INITIALIZE;

static int	 opt_role(char **);
static int	 opt_local(char **);
static int	 opt_peer(char **);
static int	 opt_call_id(char **);
static int	 opt_peer_call_id(char **);
static int	 opt_gre_mode(char **);
static int	 opt_user_chan(char **);
static int	 opt_ctrl(char **);
static int	 opt_kernel_fd(char **);
static int	 opt_reorder_max(char **);
static int	 opt_reorder_timeout(char **);
static int	 opt_nogre(char **);
static int	 opt_server_fn(char **);
static int	 opt_echo(char **);
static int	 opt_conn_tmo(char **);
static int	 opt_num(enum num_opt, const char *);
static int	 parse_uint(const char *, const char *, long, long, long *);
static int	 parse_ip4(const char *, const char *, struct in_addr *);
static int	 parse_word(const char *, const char *, const char *const *,
		    const char *, int *);

static void	 pptp_check_options(void);
static void	 client_check_options(void);
static void	 clamp_mru(void);
static int	 pptp_connect(void);
static int	 pptp_kernel_socket(void);
static int	 pptp_kernel_connect(int, int);
static void	 check_bound_fd(int);
static void	 pptp_disconnect(void);
static int	 pptp_establish(int);
static void	 pptp_disestablish(int);
static void	 pptp_send_config(int, u_int32_t, int, int);
static void	 pptp_recv_config(int, u_int32_t, int, int);
static void	 pptp_cleanup(void);

static void	 ev_phase(void *, int);
static void	 ev_auth(void *, int);
static void	 ev_ipup(void *, int);
static void	 ev_ipdown(void *, int);
static void	 ev_exit(void *, int);
static void	 ev_stats(void *);
static void	 ev_nogre(void *);
static void	 snoop_recv(unsigned char *, int);
static void	 send_stats(void);
static int	 read_counter(const char *, const char *, uint64_t *);
static const char *exit_cause(int);

void		 plugin_init(void);

/*
 * Every option takes one word and is privileged (only pptpd-ng sets it).
 * The help strings are repeated word for word in plugins/pptp-gre.8.
 */
#define PPTP_OPT(n, fn, help) { .name = (n), .type = o_special,	\
	.addr = (void *)(fn), .description = (help), .flags = OPT_PRIV }

static option_t pptp_options[] = {
	PPTP_OPT("pptp-role", opt_role,
	    "PPTP role: server (the call was set up by pptpd-ng) or client "
	    "(we dial pptp-server)"),
	PPTP_OPT("pptp-server", opt_server_fn,
	    "Client role: the PPTP server to call (host name or IPv4 "
	    "address, resolved at each connect)"),
	PPTP_OPT("pptp-echo-interval", opt_echo,
	    "Client role: seconds of server silence before an Echo-Request "
	    "(0-3600, 0 = off, default 60)"),
	PPTP_OPT("pptp-connect-timeout", opt_conn_tmo,
	    "Client role: seconds allowed for TCP connect and for each "
	    "server reply (1-300, default 10)"),
	PPTP_OPT("pptp-local", opt_local,
	    "Our IPv4 address for GRE (dotted quad)"),
	PPTP_OPT("pptp-peer", opt_peer,
	    "The peer's IPv4 address for GRE (dotted quad)"),
	PPTP_OPT("pptp-call-id", opt_call_id,
	    "Our call ID, which the peer writes in its GRE packets (1-65535)"),
	PPTP_OPT("pptp-peer-call-id", opt_peer_call_id,
	    "The peer's call ID, which we write in our GRE packets (0-65535)"),
	PPTP_OPT("pptp-gre-mode", opt_gre_mode,
	    "GRE data path: kernel, user or auto (default auto)"),
	PPTP_OPT("pptp-user-channel", opt_user_chan,
	    "User mode: how pppd reaches the GRE pump: tap (the kernel's "
	    "PPPoE PPP channel on a private tap device), l2tp (the kernel's "
	    "L2TP PPP channel on loopback), pty (ppp_async) or auto "
	    "(default: the first of tap, l2tp, pty the kernel has)"),
	PPTP_OPT("pptp-ctrl-fd", opt_ctrl,
	    "Inherited SOCK_SEQPACKET socket for events to pptpd-ng (3-65535)"),
	PPTP_OPT("pptp-kernel-fd", opt_kernel_fd,
	    "Inherited kernel PPTP socket already bound to pptp-call-id "
	    "(3-65535)"),
	PPTP_OPT("pptp-reorder-max", opt_reorder_max,
	    "User mode: GRE packets held for reordering (0-1024, default 32)"),
	PPTP_OPT("pptp-reorder-timeout", opt_reorder_timeout,
	    "User mode: longest reordering hold in ms (1-1000, default 50)"),
	PPTP_OPT("pptp-no-gre-timeout", opt_nogre,
	    "Report nogre when nothing arrived from the peer within this many "
	    "seconds (0-3600, 0 = off, default 5)"),
	{ NULL }
};

static struct channel pptp_channel = {
	.options = pptp_options,
	.process_extra_options = NULL,
	.check_options = pptp_check_options,
	.connect = pptp_connect,
	.disconnect = pptp_disconnect,
	.establish_ppp = pptp_establish,
	.disestablish_ppp = pptp_disestablish,
	.send_config = pptp_send_config,
	.recv_config = pptp_recv_config,
	.cleanup = pptp_cleanup,
	.close = NULL,
};

/* ------------------------------------------------------------ options */

/* Decimal only (no sign, no 0x, no octal, no spaces), within [lo, hi]. */
static int
parse_uint(const char *opt, const char *s, long lo, long hi, long *out)
{
	if (pptp_opt_uint(s, lo, hi, out) == PPTP_OPT_OK)
		return 1;
	ppp_option_error("%s: '%s' is not a decimal number from %ld to %ld",
	    opt, s, lo, hi);
	return 0;
}

/* An IPv4 literal (inet_pton: four decimal parts, no leading zeros). */
static int
parse_ip4(const char *opt, const char *s, struct in_addr *a)
{
	switch (pptp_opt_ip4(s, &a->s_addr)) {
	case PPTP_OPT_OK:
		return 1;
	case PPTP_OPT_NOT_UNICAST:
		ppp_option_error("%s: %s is not a unicast address", opt, s);
		return 0;
	default:
		ppp_option_error("%s: '%s' is not an IPv4 address (a.b.c.d)",
		    opt, s);
		return 0;
	}
}

/* One of words (NULL-terminated); list names them for the error. */
static int
parse_word(const char *opt, const char *s, const char *const *words,
    const char *list, int *out)
{
	if (pptp_opt_keyword(s, words, out) == PPTP_OPT_OK)
		return 1;
	ppp_option_error("%s: '%s' is not %s", opt, s, list);
	return 0;
}

static int
opt_role(char **argv)
{
	static const char *const roles[] = { "server", "client", NULL };
	int			 i;

	if (!parse_word("pptp-role", *argv, roles, "server or client", &i))
		return 0;
	opt_client = i == 1;
	opt_role_set = 1;
	return 1;
}

/*
 * A DNS name (letters, digits, '-', '.', '_') or an IPv4 literal; never
 * passed to a shell, but it is logged and set in the environment.
 */
static int
opt_server_fn(char **argv)
{
	if (pptp_opt_host(*argv, opt_server, sizeof(opt_server)) !=
	    PPTP_OPT_OK) {
		ppp_option_error("pptp-server: '%s' is not a host name or IPv4 "
		    "address", *argv);
		return 0;
	}
	opt_client = 1;
	return 1;
}

static int
opt_local(char **argv)
{
	if (!parse_ip4("pptp-local", *argv, &conf.local))
		return 0;
	opt_local_set = 1;
	return 1;
}

static int
opt_peer(char **argv)
{
	if (!parse_ip4("pptp-peer", *argv, &conf.peer))
		return 0;
	opt_peer_set = 1;
	return 1;
}

static int
opt_gre_mode(char **argv)
{
	static const char *const modes[] = {
		[MODE_AUTO] = "auto", [MODE_KERNEL] = "kernel",
		[MODE_USER] = "user", NULL
	};
	int			 i;

	if (!parse_word("pptp-gre-mode", *argv, modes,
	    "kernel, user or auto", &i))
		return 0;
	opt_mode = (enum pptp_mode)i;
	return 1;
}

static int
opt_user_chan(char **argv)
{
	static const char *const chans[] = {
		[UCHAN_AUTO] = "auto", [UCHAN_TAP] = "tap",
		[UCHAN_L2TP] = "l2tp", [UCHAN_PTY] = "pty", NULL
	};
	int			 i;

	if (!parse_word("pptp-user-channel", *argv, chans,
	    "tap, l2tp, pty or auto", &i))
		return 0;
	conf.user_chan = (enum pptp_user_chan)i;
	return 1;
}

/*
 * The numeric options: one table, one strict parser (parse_uint), and a
 * one-line o_special handler each (pppd passes handlers only argv).
 */
static int
opt_num(enum num_opt i, const char *arg)
{
	if (!parse_uint(nums[i].name, arg, nums[i].lo, nums[i].hi,
	    &nums[i].val))
		return 0;
	nums[i].set = 1;
	return 1;
}

#define NUM_OPT_FN(fn, i)	\
static int fn(char **argv) { return opt_num((i), *argv); }
NUM_OPT_FN(opt_call_id, N_CALL_ID)
NUM_OPT_FN(opt_peer_call_id, N_PEER_CALL_ID)
NUM_OPT_FN(opt_ctrl, N_CTRL_FD)
NUM_OPT_FN(opt_kernel_fd, N_KERNEL_FD)
NUM_OPT_FN(opt_reorder_max, N_REORDER_MAX)
NUM_OPT_FN(opt_reorder_timeout, N_REORDER_MS)
NUM_OPT_FN(opt_nogre, N_NOGRE)
NUM_OPT_FN(opt_echo, N_ECHO)
NUM_OPT_FN(opt_conn_tmo, N_CONN_TMO)

/*
 * Everything a call needs must be on the command line; a bad control fd
 * is an option error too (the daemon passed it, so it is a daemon bug).
 */
static void
pptp_check_options(void)
{
	char		 dev[MAXPATHLEN];
	int		 type;
	socklen_t	 len = sizeof(type);

	conf.reorder_max = (uint32_t)nums[N_REORDER_MAX].val;
	conf.reorder_ms = (uint32_t)nums[N_REORDER_MS].val;
	opt_nogre_secs = (int)nums[N_NOGRE].val;
	if (opt_client) {
		client_check_options();
		return;
	}
	if (nums[N_ECHO].set || nums[N_CONN_TMO].set) {
		ppp_option_error("pptp-gre: pptp-echo-interval and "
		    "pptp-connect-timeout need the client role");
		die(EXIT_OPTION_ERROR);
	}
	if (!opt_role_set || !opt_local_set || !opt_peer_set ||
	    !nums[N_CALL_ID].set || !nums[N_PEER_CALL_ID].set) {
		ppp_option_error("pptp-gre: pptp-role, pptp-local, pptp-peer, "
		    "pptp-call-id and pptp-peer-call-id are all required");
		die(EXIT_OPTION_ERROR);
	}
	conf.call_id = (uint16_t)nums[N_CALL_ID].val;
	conf.peer_call_id = (uint16_t)nums[N_PEER_CALL_ID].val;
	opt_ctrl_fd = (int)nums[N_CTRL_FD].val;
	if (opt_ctrl_fd >= 0) {
		if (getsockopt(opt_ctrl_fd, SOL_SOCKET, SO_TYPE, &type,
		    &len) == -1 || type != SOCK_SEQPACKET) {
			ppp_option_error("pptp-ctrl-fd %d: not an inherited "
			    "SOCK_SEQPACKET socket", opt_ctrl_fd);
			die(EXIT_OPTION_ERROR);
		}
		/* Scripts must not inherit it; our pump closes it itself. */
		(void)fcntl(opt_ctrl_fd, F_SETFD, FD_CLOEXEC);
		pptp_ipc_open(opt_ctrl_fd);
	}
	if (nums[N_KERNEL_FD].set)
		check_bound_fd((int)nums[N_KERNEL_FD].val);
	slprintf(dev, sizeof(dev), "pptp (%I)", conf.peer.s_addr);
	ppp_set_devnam(dev);
	clamp_mru();
}

/*
 * Client role: the server and the call IDs come from the control
 * connection, so the server role's call options are refused.
 */
static void
client_check_options(void)
{
	char	dev[MAXPATHLEN];

	if (opt_server[0] == '\0') {
		ppp_option_error("pptp-gre: the client role needs pptp-server");
		die(EXIT_OPTION_ERROR);
	}
	if (opt_local_set || opt_peer_set || nums[N_CALL_ID].set ||
	    nums[N_PEER_CALL_ID].set || nums[N_CTRL_FD].set ||
	    nums[N_KERNEL_FD].set) {
		ppp_option_error("pptp-gre: pptp-local, pptp-peer, pptp-call-id, "
		    "pptp-peer-call-id, pptp-ctrl-fd and pptp-kernel-fd are "
		    "server-role options (the client learns them from the "
		    "server)");
		die(EXIT_OPTION_ERROR);
	}
	client_conf.server = opt_server;
	client_conf.echo_secs = (int)nums[N_ECHO].val;
	client_conf.timeout_secs = (int)nums[N_CONN_TMO].val;
	slprintf(dev, sizeof(dev), "pptp (%s)", opt_server);
	ppp_set_devnam(dev);
	clamp_mru();
}

/*
 * pptpd-ng binds the kernel socket before it answers the call, so the
 * call ID it sent is ours whatever else on the host uses pptp.ko; make
 * sure what we inherited is that socket.
 */
static void
check_bound_fd(int fd)
{
	struct sockaddr_pppox	 sp;
	socklen_t		 len = sizeof(sp);

	if (opt_mode == MODE_USER) {
		ppp_option_error("pptp-gre: pptp-kernel-fd with "
		    "pptp-gre-mode user");
		die(EXIT_OPTION_ERROR);
	}
	memset(&sp, 0, sizeof(sp));
	if (getsockname(fd, (struct sockaddr *)&sp, &len) == -1 ||
	    len < sizeof(sp) || sp.sa_family != AF_PPPOX ||
	    sp.sa_protocol != PX_PROTO_PPTP ||
	    sp.sa_addr.pptp.call_id != conf.call_id) {
		ppp_option_error("pptp-kernel-fd %d: not an inherited kernel "
		    "PPTP socket bound to call ID %u", fd, conf.call_id);
		die(EXIT_OPTION_ERROR);
	}
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	bound_fd = fd;
}

static void
clamp_mru(void)
{
	if (lcp_wantoptions[0].mru > PPTP_MAX_MRU)
		lcp_wantoptions[0].mru = PPTP_MAX_MRU;
	if (lcp_allowoptions[0].mru > PPTP_MAX_MRU)
		lcp_allowoptions[0].mru = PPTP_MAX_MRU;
}

/* ------------------------------------------------------------ channel */

static int
pptp_kernel_socket(void)
{
	return socket(AF_PPPOX, SOCK_STREAM | SOCK_CLOEXEC, PX_PROTO_PPTP);
}

/*
 * Bind our (call ID, address) unless bound already (client role: the
 * kernel chose the ID; pptp-kernel-fd: pptpd-ng bound it), connect the
 * peer's: the kernel's lookup.
 */
static int
pptp_kernel_connect(int fd, int bound)
{
	struct sockaddr_pppox	 sp = kernel_pptp_addr(conf.call_id, conf.local);

	if (!bound && bind(fd, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		error("pptp-gre: bind call ID %u at %I: %m (call ID in use?)",
		    conf.call_id, conf.local.s_addr);
		return -1;
	}
	sp = kernel_pptp_addr(conf.peer_call_id, conf.peer);
	if (connect(fd, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		error("pptp-gre: connect to call ID %u at %I: %m (no route?)",
		    conf.peer_call_id, conf.peer.s_addr);
		return -1;
	}
	return 0;
}

static int
pptp_connect(void)
{
	static const char *const chan_label[] = {
		[PCHAN_PTY] = " (pty)", [PCHAN_L2TP] = " (L2TP channel)",
		[PCHAN_TAP] = " (tap channel)"
	};
	int	 fd = -1, bound = opt_client;

	got_input = 0;
	connect_time = time(NULL);
	cur_mode = opt_mode;
	user_chan = PCHAN_PTY;
	if (bound_fd >= 0) {
		/* Used once: a later connect binds a socket of its own. */
		fd = bound_fd;
		bound_fd = -1;
		bound = 1;
		cur_mode = MODE_KERNEL;
	} else if (cur_mode != MODE_USER) {
		fd = pptp_kernel_socket();
		if (fd == -1 && cur_mode == MODE_KERNEL) {
			error("pptp-gre: PX_PROTO_PPTP socket: %m (load the "
			    "pptp module or use pptp-gre-mode user)");
			return -1;
		}
		if (fd == -1) {
			notice("pptp-gre: no kernel PPTP (%m); using the "
			    "user-mode data path");
			cur_mode = MODE_USER;
		} else
			cur_mode = MODE_KERNEL;
	}
	if (opt_client && pptp_client_connect(&client_conf, &conf,
	    cur_mode == MODE_KERNEL ? fd : -1) == -1) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (cur_mode == MODE_KERNEL) {
		if (pptp_kernel_connect(fd, bound) == -1) {
			close(fd);
			goto bad;
		}
		kernel_fd = fd;
	} else if ((fd = pptp_user_connect(&conf, &user_chan)) == -1)
		goto bad;
	if (opt_client && pptp_client_keep() == -1) {
		pptp_disconnect();
		return -1;
	}
	notice("pptp-gre: %s mode%s, %I call %u <-> %I call %u",
	    cur_mode == MODE_KERNEL ? "kernel" : "user",
	    cur_mode == MODE_KERNEL ? "" : chan_label[user_chan],
	    conf.local.s_addr,
	    conf.call_id, conf.peer.s_addr, conf.peer_call_id);
	if (opt_nogre_secs > 0) {
		ppp_timeout(ev_nogre, NULL, opt_nogre_secs, 0);
		nogre_armed = 1;
	}
	return fd;
bad:
	if (opt_client)
		pptp_client_abort();
	return -1;
}

/* A pppox socket (kernel mode, the L2TP channel) or the pty. */
static int
pptp_on_pty(void)
{
	return cur_mode == MODE_USER && user_chan == PCHAN_PTY;
}

static int
pptp_establish(int fd)
{
	if (!pptp_on_pty())
		return ppp_generic_establish(fd);
	return tty_establish_ppp(fd);
}

static void
pptp_disestablish(int fd)
{
	if (!pptp_on_pty())
		ppp_generic_disestablish(fd);
	else
		tty_disestablish_ppp(fd);
}

/* Async control character map and flags matter only on the pty. */
static void
pptp_send_config(int mtu, u_int32_t accm, int pcomp, int accomp)
{
	if (pptp_on_pty())
		tty_send_config(mtu, accm, pcomp, accomp);
}

static void
pptp_recv_config(int mru, u_int32_t accm, int pcomp, int accomp)
{
	if (pptp_on_pty())
		tty_recv_config(mru, accm, pcomp, accomp);
}

static void
pptp_disconnect(void)
{
	if (nogre_armed) {
		ppp_untimeout(ev_nogre, NULL);
		nogre_armed = 0;
	}
	if (stats_armed) {
		ppp_untimeout(ev_stats, NULL);
		stats_armed = 0;
	}
	if (cur_mode == MODE_KERNEL) {
		if (kernel_fd >= 0)
			close(kernel_fd);
		kernel_fd = -1;
	} else if (cur_mode == MODE_USER)
		pptp_user_disconnect();
	if (opt_client)
		pptp_client_disconnect();
}

static void
pptp_cleanup(void)
{
	if (cur_mode == MODE_USER)
		pptp_user_disconnect();
	if (opt_client)
		pptp_client_disconnect();
}

/* ------------------------------------------------------------- events */

static const char *const phase_names[] = {
	[PHASE_DEAD] = "dead",
	[PHASE_INITIALIZE] = "initialize",
	[PHASE_SERIALCONN] = "serialconn",
	[PHASE_DORMANT] = "dormant",
	[PHASE_ESTABLISH] = "establish",
	[PHASE_AUTHENTICATE] = "authenticate",
	[PHASE_CALLBACK] = "callback",
	[PHASE_NETWORK] = "network",
	[PHASE_RUNNING] = "running",
	[PHASE_TERMINATE] = "terminate",
	[PHASE_DISCONNECT] = "disconnect",
	[PHASE_HOLDOFF] = "holdoff",
	[PHASE_MASTER] = "master",
};

static void
ev_phase(void *arg, int ph)
{
	struct ipc_msg	 m;

	(void)arg;
	pptp_phase = ph;
	if (ph < 0 || (size_t)ph >= sizeof(phase_names) / sizeof(phase_names[0]))
		return;
	if (ipc_msg_init(&m, PPTP_IPC_EV_PHASE) != IPC_OK ||
	    ipc_msg_add(&m, "name", phase_names[ph]) != IPC_OK)
		return;
	/*
	 * Why the link is going down, while pppd still knows it: a SIGTERM
	 * that follows (the client's CCRQ) replaces the exit status.
	 */
	if (ph == PHASE_TERMINATE && ppp_status() > 0 &&
	    ipc_msg_add_u64(&m, "status", (uint64_t)ppp_status()) != IPC_OK)
		return;
	pptp_ipc_send(&m);
}

/* The peer proved its name: send it, control bytes replaced by '?'. */
static void
ev_auth(void *arg, int unused)
{
	struct ipc_msg	 m;
	char		 user[IPC_VALUE_MAX + 1], name[MAXNAMELEN];
	const char	*(*sid)(void);
	size_t		 i;

	(void)arg;
	(void)unused;
	ppp_peer_authname(name, sizeof(name));
	for (i = 0; i < sizeof(user) - 1 && name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)name[i];

		user[i] = (c < 0x20 || c > 0x7e) ? '?' : (char)c;
	}
	user[i] = '\0';
	if (ipc_msg_init(&m, PPTP_IPC_EV_AUTH) != IPC_OK ||
	    ipc_msg_add(&m, "user", user) != IPC_OK)
		return;
	/* pptp-radius.so's Acct-Session-Id, for RFC 5176 Disconnect. */
	if ((sid = (const char *(*)(void))dlsym(RTLD_DEFAULT,
	    PPTP_IPC_SYM_SESSION_ID)) != NULL && sid() != NULL &&
	    ipc_msg_add(&m, "acct_session_id", sid()) != IPC_OK)
		warn("pptp-gre: Acct-Session-Id not sent to pptpd-ng");
	pptp_ipc_send(&m);
}

static void
ev_ipup(void *arg, int unused)
{
	struct ipc_msg	 m;
	char		 a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];
	struct in_addr	 in;

	(void)arg;
	(void)unused;
	in.s_addr = ipcp_gotoptions[0].ouraddr;
	inet_ntop(AF_INET, &in, a, sizeof(a));
	in.s_addr = ipcp_hisoptions[0].hisaddr;
	inet_ntop(AF_INET, &in, b, sizeof(b));
	if (ipc_msg_init(&m, PPTP_IPC_EV_IPUP) == IPC_OK &&
	    ipc_msg_add(&m, "ifname", ppp_ifname()) == IPC_OK &&
	    ipc_msg_add(&m, "local", a) == IPC_OK &&
	    ipc_msg_add(&m, "remote", b) == IPC_OK &&
	    ipc_msg_add_u64(&m, "ifindex", if_nametoindex(ppp_ifname())) == IPC_OK &&
	    ipc_msg_add(&m, "mode", cur_mode == MODE_USER ? "user" :
	    "kernel") == IPC_OK)
		pptp_ipc_send(&m);
	if (pptp_ipc_enabled() && !stats_armed) {
		ppp_timeout(ev_stats, NULL, PPTP_IPC_STATS_SECS, 0);
		stats_armed = 1;
	}
}

/* Final counters while the interface still exists. */
static void
ev_ipdown(void *arg, int unused)
{
	(void)arg;
	(void)unused;
	if (stats_armed) {
		ppp_untimeout(ev_stats, NULL);
		stats_armed = 0;
	}
	send_stats();
}

static void
ev_stats(void *arg)
{
	(void)arg;
	send_stats();
	ppp_timeout(ev_stats, NULL, PPTP_IPC_STATS_SECS, 0);
}

/* 64-bit interface counters from sysfs (pppd 2.4.9's are 32-bit). */
static int
read_counter(const char *ifn, const char *name, uint64_t *v)
{
	char	 path[128], buf[32];
	FILE	*f;
	int	 ok;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s",
	    ifn, name);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	ok = fgets(buf, sizeof(buf), f) != NULL &&
	    sscanf(buf, "%" SCNu64, v) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

static void
send_stats(void)
{
	static const char *const ctr[][2] = {
		{ "rx_bytes", "rx_bytes" }, { "tx_bytes", "tx_bytes" },
		{ "rx_packets", "rx_pkts" }, { "tx_packets", "tx_pkts" },
	};
	struct pptp_pump_shm	 sh;
	struct ipc_msg		 m;
	char			 key[IPC_NAME_MAX + 1];
	uint64_t		 v;
	size_t			 i;

	if (!pptp_ipc_enabled() || ppp_ifname()[0] == '\0')
		return;
	if (ipc_msg_init(&m, PPTP_IPC_EV_STATS) != IPC_OK)
		return;
	(void)ipc_msg_add_u64(&m, "secs",
	    (uint64_t)(time(NULL) - connect_time));
	for (i = 0; i < sizeof(ctr) / sizeof(ctr[0]); i++)
		if (read_counter(ppp_ifname(), ctr[i][0], &v) == 0)
			(void)ipc_msg_add_u64(&m, ctr[i][1], v);
	(void)ipc_msg_add_u64(&m, "ipc_dropped", pptp_ipc_dropped());
	if (cur_mode == MODE_USER && pptp_user_stats(&sh) == 0) {
		(void)ipc_msg_add(&m, "mode", "user");
		for (i = 0; i < GRE_STATS_NFIELDS; i++) {
			snprintf(key, sizeof(key), "%s%s", PPTP_IPC_GRE_PREFIX,
			    gre_stats_name(i));
			(void)ipc_msg_add_u64(&m, key,
			    gre_stats_value(&sh.gre, i));
		}
		(void)ipc_msg_add_u64(&m, "hdlc_bad_fcs", sh.hdlc_bad_fcs);
		(void)ipc_msg_add_u64(&m, "hdlc_too_long", sh.hdlc_too_long);
		(void)ipc_msg_add_u64(&m, "pump_tx_errors", sh.tx_errors);
		(void)ipc_msg_add_u64(&m, "pump_ppp_errors", sh.ppp_errors);
		(void)ipc_msg_add_u64(&m, "l2tp_bad", sh.l2tp_bad);
		(void)ipc_msg_add_u64(&m, "pump_gre_drops",
		    sh.gre_sock_drops);
		(void)ipc_msg_add_u64(&m, "pump_ppp_drops",
		    sh.ppp_sock_drops);
		(void)ipc_msg_add_u64(&m, "pump_l2tp_late", sh.l2tp_late);
		(void)ipc_msg_add_u64(&m, "tap_bad", sh.tap_bad);
		(void)ipc_msg_add(&m, "channel", pptp_chan_name(user_chan));
	} else
		(void)ipc_msg_add(&m, "mode", "kernel");
	pptp_ipc_send(&m);
}

/* pppd's exit codes (pppd.h) in words, for the daemon's call log. */
static const char *
exit_cause(int st)
{
	static const char *const causes[] = {
		[EXIT_OK] = "ok",
		[EXIT_FATAL_ERROR] = "fatal error",
		[EXIT_OPTION_ERROR] = "option error",
		[EXIT_NOT_ROOT] = "not root",
		[EXIT_NO_KERNEL_SUPPORT] = "no kernel support for PPP",
		[EXIT_USER_REQUEST] = "terminated by signal",
		[EXIT_LOCK_FAILED] = "lock failed",
		[EXIT_OPEN_FAILED] = "open failed",
		[EXIT_CONNECT_FAILED] = "connect failed",
		[EXIT_PTYCMD_FAILED] = "pty command failed",
		[EXIT_NEGOTIATION_FAILED] = "negotiation failed",
		[EXIT_PEER_AUTH_FAILED] = "peer authentication failed",
		[EXIT_IDLE_TIMEOUT] = "idle timeout",
		[EXIT_CONNECT_TIME] = "connect time limit",
		[EXIT_CALLBACK] = "callback",
		[EXIT_PEER_DEAD] = "peer not responding",
		[EXIT_HANGUP] = "hangup",
		[EXIT_LOOPBACK] = "loopback detected",
		[EXIT_INIT_FAILED] = "init script failed",
		[EXIT_AUTH_TOPEER_FAILED] = "authentication to peer failed",
		[EXIT_TRAFFIC_LIMIT] = "traffic limit",
		[EXIT_CNID_AUTH_FAILED] = "call number identification failed",
	};

	if (st < 0 || (size_t)st >= sizeof(causes) / sizeof(causes[0]) ||
	    causes[st] == NULL)
		return "unknown";
	return causes[st];
}

static void
ev_exit(void *arg, int st)
{
	struct ipc_msg	 m;

	(void)arg;
	if (ipc_msg_init(&m, PPTP_IPC_EV_EXIT) == IPC_OK &&
	    ipc_msg_add_u64(&m, "status", (uint64_t)(st < 0 ? 0 : st)) ==
	    IPC_OK && ipc_msg_add(&m, "cause", exit_cause(st)) == IPC_OK)
		pptp_ipc_send(&m);
}

/* Any packet pppd reads from the channel proves GRE from the peer works. */
static void
snoop_recv(unsigned char *p, int len)
{
	(void)p;
	(void)len;
	got_input = 1;
}

static void
ev_nogre(void *arg)
{
	struct pptp_pump_shm	 sh;
	struct ipc_msg		 m;

	(void)arg;
	nogre_armed = 0;
	if (got_input || (cur_mode == MODE_USER &&
	    pptp_user_stats(&sh) == 0 && sh.gre.rx_pkts > 0))
		return;
	warn("pptp-gre: nothing from %I within %d s: is GRE (IP protocol "
	    "47) blocked between the peer and us?", conf.peer.s_addr,
	    opt_nogre_secs);
	if (ipc_msg_init(&m, PPTP_IPC_EV_NOGRE) == IPC_OK &&
	    ipc_msg_add_u64(&m, "secs", (uint64_t)opt_nogre_secs) == IPC_OK)
		pptp_ipc_send(&m);
}

void
plugin_init(void)
{
	ppp_add_options(pptp_options);
	the_channel = &pptp_channel;
	ppp_add_notify(NF_PHASE_CHANGE, ev_phase, NULL);
	ppp_add_notify(NF_AUTH_UP, ev_auth, NULL);
	ppp_add_notify(NF_IP_UP, ev_ipup, NULL);
	ppp_add_notify(NF_IP_DOWN, ev_ipdown, NULL);
	ppp_add_notify(NF_EXIT, ev_exit, NULL);
	snoop_recv_hook = snoop_recv;
}

/*
 * For pptp-radius.so, found with dlsym(): the server address the client
 * called (Called-Station-Id, Tunnel-Server-Endpoint), network order, or 0.
 */
uint32_t	 pptp_gre_local_addr(void);

uint32_t
pptp_gre_local_addr(void)
{
	return opt_local_set ? conf.local.s_addr : 0;
}
