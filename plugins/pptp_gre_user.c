/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_user.c: sets up and tears down the user-mode data path: the
 * raw GRE socket (connected to the peer, classic BPF filter on our call
 * ID), the pty pair whose slave pppd drives with ppp_async, the shared
 * counter page and the pump child.  Runs inside pppd: logs with pppd's
 * functions and never exits; the packet loop itself is pptp_gre_pump.c.
 */
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/filter.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pppd_compat.h"

#include "../gre/gre_wire.h"
#include "pptp_gre.h"

#define PUMP_SOCKBUF	(1 << 20)	/* raw socket buffers, bytes */

static pid_t			 pump_pid = -1;
static int			 pump_stopping;
static struct pptp_pump_shm	*pump_shm = MAP_FAILED;

static int	 user_raw_socket(const struct pptp_conf *);
static void	 user_pump_done(void *);
static void	 user_child(int, int, const struct pptp_conf *);

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
	int			 fd, sz = PUMP_SOCKBUF;

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
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
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
user_child(int raw, int pty, const struct pptp_conf *c)
{
	pptp_child_init(raw, pty);
	_exit(pptp_pump_run(raw, pty, c, pump_shm));
}

/*
 * Returns the pty slave for tty_establish_ppp(), or -1.  The pump owns
 * the raw socket and the master; pppd keeps only the slave.
 */
int
pptp_user_connect(const struct pptp_conf *c)
{
	struct termios	 t;
	pid_t		 ppid = getpid();
	int		 raw, master = -1, slave = -1;

	if ((raw = user_raw_socket(c)) == -1)
		return -1;
	if (openpty(&master, &slave, NULL, NULL, NULL) == -1) {
		error("pptp-gre: openpty: %m");
		goto bad;
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
		close(slave);
		user_child(raw, master, c);
		_exit(1);
	default:
		break;
	}
	record_child(pump_pid, "pptp-gre pump", user_pump_done, NULL, 1);
	close(raw);
	close(master);
	dbglog("pptp-gre: user mode: GRE pump pid %d, call %u/%u",
	    (int)pump_pid, c->call_id, c->peer_call_id);
	return slave;
bad:
	if (slave >= 0)
		close(slave);
	if (master >= 0)
		close(master);
	close(raw);
	return -1;
}

/* Stop the pump; pppd reaps it (it is a recorded child). */
void
pptp_user_disconnect(void)
{
	if (pump_pid > 0) {
		pump_stopping = 1;
		if (kill(pump_pid, SIGTERM) == -1 && errno != ESRCH)
			warn("pptp-gre: kill GRE pump %d: %m", (int)pump_pid);
	}
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
