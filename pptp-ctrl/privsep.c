/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * privsep.c: pptpd-ng's privilege separation.  main() forks once: the
 * child opens the TCP/1723 and control sockets, then chroots into an
 * empty directory, drops to the privsep-user with no capabilities and runs
 * everything that parses network and control-socket input (listener.c,
 * conn.c, control.c, callmgr.c).  The parent stays root and only spawns
 * pppd (argv from pppd_argv.c and its own pptpd.conf, never a shell),
 * signals the pppd it started, reaps them and reloads pptpd.conf on
 * SIGHUP.  Every message from the child is parsed by privsep_wire.c and
 * checked against the parent's own table before anything is done; each
 * refusal is counted by reason and logged at most once per interval.
 */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "kernel_pptp.h"
#include "pppd_argv.h"
#include "pptpd.h"

#ifndef PPTPNG_EMPTYDIR
#define PPTPNG_EMPTYDIR	"/run/pptpd-ng/empty"
#endif
#define LOGWTMP_PLUGIN	"/usr/lib/pptpd/pptpd-logwtmp.so"
#define PS_FDS_MAX	4	/* fds accepted per message (2 used) */
#define PS_PPPD_MAX	65535	/* one per call ID */
#define PS_BUCKETS	256
#define PS_LOG_MS	10000
#define PS_SPAWN_WAIT_MS 10000	/* the parent answers at once */
#define PS_STOP_MS	15000	/* SIGTERM to forced exit */
#define PS_NOBODY	65534

static_assert(sizeof(struct conf) <= PS_BLOB_MAX,
    "a reloaded struct conf fits in one PS_CONF message");

struct ps_pppd {
	pid_t		 pid;
	uint16_t	 call_id;
	struct ps_pppd	*next;
};

struct ps_queued {
	TAILQ_ENTRY(ps_queued)	 entry;
	int			 fd;		/* passed with it, or -1 */
	size_t			 n;
	uint8_t			 buf[];
};

struct privsep {
	int			 fd;
	pid_t			 peer;		/* the other process */
	uid_t			 uid;
	gid_t			 gid;
	int			 drop;		/* setuid at all */
	int			 chroot_ok;
	struct event		*ev_read;
	/* the unprivileged side: messages that came during a spawn */
	TAILQ_HEAD(, ps_queued)	 queue;
	struct event		*ev_queue;
	/* the privileged side */
	struct event		*ev_sig[4];
	struct event		*ev_stop;
	struct ps_pppd		*pppd[PS_BUCKETS];
	uint8_t			 call_ids[CALL_ID_SPACE / 8];
	unsigned		 npppd;
	int			 child_gone;
	int			 exit_code;
	uint64_t		 refused[PS_ERR_COUNT];
	uint64_t		 refused_total;
	struct log_limit	 lim;
	struct kernel_pptp	 kpptp;
};

static struct privsep	 privsep;

static int	empty_dir_ok(const char *);
static void	child_read_cb(evutil_socket_t, short, void *);
static void	child_queue_cb(evutil_socket_t, short, void *);
static void	child_handle(struct pptpd *, const uint8_t *, size_t, int);
static int	ps_send(int, const struct ps_msg *, const int *, int);
static void	parent_read_cb(evutil_socket_t, short, void *);
static void	parent_sig_cb(evutil_socket_t, short, void *);
static void	parent_stop_cb(evutil_socket_t, short, void *);
static void	parent_handle(struct pptpd *, const uint8_t *, size_t,
		    const int *, int);
static void	parent_refuse(struct privsep *, enum ps_err);
static void	parent_reload(struct pptpd *);
static void	parent_reap(struct pptpd *);
static void	parent_kill_all(struct privsep *, int);
static pid_t	spawn_pppd(struct pptpd *, const struct ps_spawn *, int, int,
		    int *);
static int	spawn_kernel_fd(struct pptpd *, const struct ps_spawn *,
		    struct pppd_params *, int *);
static int	fd_above(int, int);
static int	fds_ok(const int *, int);
static int	peer_closed(int);

/*
 * The empty directory the network process is chrooted into: ours to
 * create, owned by root, writable by nobody else and empty.
 */
static int
empty_dir_ok(const char *path)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*dir;
	char		 parent[sizeof(PPTPNG_EMPTYDIR)], *slash;
	int		 n = 0;

	snprintf(parent, sizeof(parent), "%s", path);
	if ((slash = strrchr(parent, '/')) != NULL && slash != parent) {
		*slash = '\0';
		(void)mkdir(parent, 0755);
	}
	(void)mkdir(path, 0755);
	if (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != 0 || (st.st_mode & 022) != 0)
		return 0;
	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(dir)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dir);
	return n == 0;
}

/*
 * Returns 1 in the privileged parent, 0 in the child that will parse
 * network input.  The user and the directory are resolved before the
 * fork so both sides log about the same decision.
 */
int
privsep_fork(struct pptpd *d)
{
	struct privsep	*ps = &privsep;
	struct passwd	*pw;
	int		 sp[2];
	pid_t		 pid, parent = getpid();

	memset(ps, 0, sizeof(*ps));
	TAILQ_INIT(&ps->queue);
	d->ps = ps;
	if (getuid() != 0 || geteuid() != 0)
		log_warnx("privsep: not started as root: the network process "
		    "keeps uid %u and is not chrooted", (unsigned)getuid());
	else if ((pw = getpwnam(d->conf.privsep_user)) == NULL) {
		log_warnx("privsep: privsep-user %s does not exist: the "
		    "network process runs as uid/gid %u (nobody); create the "
		    "user (contrib/sysusers/pptpd-ng.conf) to give it its own",
		    d->conf.privsep_user, PS_NOBODY);
		ps->uid = ps->gid = PS_NOBODY;
		ps->drop = 1;
	} else if (pw->pw_uid == 0) {
		fatalx("privsep: privsep-user %s is root; name an "
		    "unprivileged user", d->conf.privsep_user);
	} else {
		ps->uid = pw->pw_uid;
		ps->gid = pw->pw_gid;
		ps->drop = 1;
	}
	if (ps->drop) {
		ps->chroot_ok = empty_dir_ok(PPTPNG_EMPTYDIR);
		if (!ps->chroot_ok)
			log_warnx("privsep: %s is not an empty root-owned "
			    "directory: the network process is not chrooted",
			    PPTPNG_EMPTYDIR);
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) == -1)
		fatal("privsep: socketpair");
	switch (pid = fork()) {
	case -1:
		fatal("privsep: fork");
	case 0:
		close(sp[0]);
		ps->fd = sp[1];
		ps->peer = parent;
		/* The parent gone means pppd got SIGTERM: go too. */
		(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		/* Signals are the parent's; it tells us what to do. */
		signal(SIGTERM, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_IGN);
		return 0;
	default:
		close(sp[1]);
		ps->fd = sp[0];
		ps->peer = pid;
		return 1;
	}
}

/* The child, its sockets open: chroot, drop every privilege, listen to the parent. */
void
privsep_drop(struct pptpd *d)
{
	struct privsep	*ps = d->ps;
	int		 cap;

	if (ps->drop) {
		if (ps->chroot_ok && (chroot(PPTPNG_EMPTYDIR) == -1 ||
		    chdir("/") == -1))
			fatal("privsep: chroot %s", PPTPNG_EMPTYDIR);
		/* No capability survives: bounding set, then the uid. */
		for (cap = 0; cap < 64; cap++)
			if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1 &&
			    errno == EINVAL)
				break;
		if (setgroups(1, &ps->gid) == -1 ||
		    setresgid(ps->gid, ps->gid, ps->gid) == -1 ||
		    setresuid(ps->uid, ps->uid, ps->uid) == -1)
			fatal("privsep: cannot switch to uid %u",
			    (unsigned)ps->uid);
		if (setuid(0) != -1)
			fatalx("privsep: could regain root after dropping it");
	}
	(void)prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	ps->ev_read = event_new(d->base, ps->fd, EV_READ | EV_PERSIST,
	    child_read_cb, d);
	ps->ev_queue = event_new(d->base, -1, 0, child_queue_cb, d);
	if (ps->ev_read == NULL || ps->ev_queue == NULL ||
	    event_add(ps->ev_read, NULL) == -1)
		fatalx("privsep: cannot watch the privileged process");
	log_info("privsep: network process %d runs as uid %u gid %u, %s%s, "
	    "no capabilities", (int)getpid(), (unsigned)getuid(),
	    (unsigned)getgid(), ps->chroot_ok ? "chroot " : "not chrooted",
	    ps->chroot_ok ? PPTPNG_EMPTYDIR : "");
}

/* One message, with fds when nfds > 0. */
static int
ps_send(int fd, const struct ps_msg *m, const int *fds, int nfds)
{
	uint8_t		 buf[PS_DGRAM_MAX];
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int) * PS_FDS_MAX)];
	} cm;
	struct msghdr	 mh;
	struct iovec	 iov;
	struct cmsghdr	*c;
	size_t		 n;

	if ((n = ps_build(buf, sizeof(buf), m)) == 0 || nfds > PS_FDS_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = n;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nfds > 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
	}
	return sendmsg(fd, &mh, MSG_NOSIGNAL) == (ssize_t)n ? 0 : -1;
}

/*
 * One datagram and the descriptors that came with it (at most PS_FDS_MAX
 * kept in fds, the rest closed).  *bad: truncated, or ancillary data that
 * is not SCM_RIGHTS, or too many descriptors.
 */
static ssize_t
ps_recv(int fd, uint8_t *buf, size_t len, int *fds, int *nfds, int *bad)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int) * PS_FDS_MAX)];
	} cm;
	struct msghdr	 mh;
	struct iovec	 iov;
	struct cmsghdr	*c;
	size_t		 k, nf;
	ssize_t		 n;
	int		 f;

	*nfds = 0;
	*bad = 0;
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	if ((n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC)) <= 0)
		return n;
	*bad = (mh.msg_flags & (MSG_CTRUNC | MSG_TRUNC)) != 0;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
			*bad = 1;
			continue;
		}
		nf = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (k = 0; k < nf; k++) {
			memcpy(&f, CMSG_DATA(c) + k * sizeof(int), sizeof(f));
			if (*nfds < PS_FDS_MAX)
				fds[(*nfds)++] = f;
			else {
				close(f);
				*bad = 1;
			}
		}
	}
	return n;
}

/* ------------------------------------------------ the unprivileged side */

/*
 * One message from the parent, and the one descriptor it may carry (the
 * dae-clients file with PS_CONF) in *pfd, else -1; extra ones are closed.
 */
static ssize_t
child_recv(int fd, uint8_t *buf, size_t len, int *pfd)
{
	int		 fds[PS_FDS_MAX], nfds, bad, k;
	ssize_t		 n;

	n = ps_recv(fd, buf, len, fds, &nfds, &bad);
	*pfd = nfds > 0 ? fds[0] : -1;
	for (k = 1; k < nfds; k++)
		close(fds[k]);
	return n;
}

/*
 * Synchronous: the parent answers a spawn before anything else it sends
 * after it, so other messages read meanwhile wait in the queue.
 */
int
privsep_spawn(struct pptpd *d, const struct ps_spawn *s, int ipc_fd,
    int err_fd, pid_t *pid)
{
	struct privsep		*ps = d->ps;
	struct ps_msg		 m;
	struct ps_queued	*q;
	struct pollfd		 pfd;
	uint8_t			 buf[PS_DGRAM_MAX];
	int			 fds[2] = { ipc_fd, err_fd }, passed;
	ssize_t			 n;

	memset(&m, 0, sizeof(m));
	m.type = PS_SPAWN;
	m.u.spawn = *s;
	if (ps_send(ps->fd, &m, fds, 2) == -1)
		return -1;
	for (;;) {
		pfd.fd = ps->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, PS_SPAWN_WAIT_MS) <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if ((n = child_recv(ps->fd, buf, sizeof(buf), &passed)) <= 0) {
			if (n == -1 && errno == EAGAIN)
				continue;
			errno = EPIPE;
			return -1;
		}
		if (ps_parse(buf, (size_t)n, PS_FROM_PARENT, &m) == PS_OK &&
		    m.type == PS_SPAWNED && m.u.spawned.call_id == s->call_id) {
			if (passed != -1)
				close(passed);
			if (m.u.spawned.pid == 0) {
				errno = (int)m.u.spawned.err;
				return -1;
			}
			*pid = (pid_t)m.u.spawned.pid;
			return 0;
		}
		if ((q = malloc(sizeof(*q) + (size_t)n)) == NULL)
			fatalx("privsep: out of memory");
		q->fd = passed;
		q->n = (size_t)n;
		memcpy(q->buf, buf, q->n);
		TAILQ_INSERT_TAIL(&ps->queue, q, entry);
		event_active(ps->ev_queue, 0, 0);
	}
}

void
privsep_kill(struct pptpd *d, pid_t pid, int sig)
{
	struct ps_msg	m;

	memset(&m, 0, sizeof(m));
	m.type = PS_KILL;
	m.u.kill.pid = (uint32_t)pid;
	m.u.kill.sig = sig == SIGKILL ? PS_SIG_KILL : PS_SIG_TERM;
	if (ps_send(d->ps->fd, &m, NULL, 0) == -1)
		log_warn("privsep: cannot ask for signal %d to pppd %d", sig,
		    (int)pid);
}

void
privsep_reload_request(struct pptpd *d)
{
	struct ps_msg	m;

	memset(&m, 0, sizeof(m));
	m.type = PS_RELOAD_REQ;
	if (ps_send(d->ps->fd, &m, NULL, 0) == -1)
		log_warn("privsep: cannot ask for a reload");
}

static void
child_queue_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pptpd		*d = arg;
	struct ps_queued	*q;

	(void)fd;
	(void)what;
	while ((q = TAILQ_FIRST(&d->ps->queue)) != NULL) {
		TAILQ_REMOVE(&d->ps->queue, q, entry);
		child_handle(d, q->buf, q->n, q->fd);
		free(q);
	}
}

static void
child_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pptpd	*d = arg;
	uint8_t		 buf[PS_DGRAM_MAX];
	ssize_t		 n;
	int		 pfd;

	(void)what;
	child_queue_cb(-1, 0, d);
	while ((n = child_recv(fd, buf, sizeof(buf), &pfd)) > 0)
		child_handle(d, buf, (size_t)n, pfd);
	if (n == 0) {
		/* Its pppd got SIGTERM from the kernel (PDEATHSIG). */
		log_warnx("privsep: the privileged process is gone: exiting");
		event_del(d->ps->ev_read);
		event_base_loopbreak(d->base);
	}
}

static void
child_handle(struct pptpd *d, const uint8_t *buf, size_t n, int fd)
{
	struct ps_msg	m;
	struct conf	nc;
	enum ps_err	err;

	if ((err = ps_parse(buf, n, PS_FROM_PARENT, &m)) != PS_OK) {
		log_warnx("privsep: bad message from the privileged process "
		    "(%s)", ps_err_str(err));
		if (fd != -1)
			close(fd);
		return;
	}
	/* Only a reloaded configuration carries a file: dae-clients. */
	if (m.type != PS_CONF && fd != -1) {
		close(fd);
		fd = -1;
	}
	switch (m.type) {
	case PS_EXITED:
		callmgr_exited(d, (pid_t)m.u.exited.pid,
		    (int)m.u.exited.status);
		break;
	case PS_STOP:
		pptpd_stop_request(d);
		break;
	case PS_CONF:
		if (m.bloblen != sizeof(nc)) {
			log_warnx("privsep: reloaded configuration of the "
			    "wrong size ignored");
			if (fd != -1)
				close(fd);
			break;
		}
		memcpy(&nc, m.blob, sizeof(nc));
		pptpd_reload_apply(d, &nc, fd);
		break;
	default:
		log_debug("privsep: late answer ignored");
		break;
	}
}

/* -------------------------------------------------- the privileged side */

static struct ps_pppd *
tab_find(struct privsep *ps, pid_t pid, struct ps_pppd ***prevp)
{
	struct ps_pppd	**pp;

	for (pp = &ps->pppd[(unsigned)pid % PS_BUCKETS]; *pp != NULL;
	    pp = &(*pp)->next)
		if ((*pp)->pid == pid) {
			if (prevp != NULL)
				*prevp = pp;
			return *pp;
		}
	return NULL;
}

static int
call_id_busy(const struct privsep *ps, uint16_t id)
{
	return ps->call_ids[id / 8] & (1u << (id % 8));
}

static void
call_id_mark(struct privsep *ps, uint16_t id, int busy)
{
	if (busy)
		ps->call_ids[id / 8] |= (uint8_t)(1u << (id % 8));
	else
		ps->call_ids[id / 8] &= (uint8_t)~(1u << (id % 8));
}

void
privsep_parent(struct pptpd *d)
{
	struct privsep		*ps = d->ps;
	static const int	 sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD };
	size_t			 i;

	signal(SIGPIPE, SIG_IGN);
	if ((d->base = event_base_new()) == NULL)
		fatalx("privsep: cannot create the event loop");
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		ps->ev_sig[i] = evsignal_new(d->base, sigs[i], parent_sig_cb,
		    d);
		if (ps->ev_sig[i] == NULL || evsignal_add(ps->ev_sig[i], NULL))
			fatalx("privsep: cannot watch signal %d", sigs[i]);
	}
	ps->ev_read = event_new(d->base, ps->fd, EV_READ | EV_PERSIST,
	    parent_read_cb, d);
	ps->ev_stop = evtimer_new(d->base, parent_stop_cb, d);
	if (ps->ev_read == NULL || ps->ev_stop == NULL ||
	    event_add(ps->ev_read, NULL) == -1)
		fatalx("privsep: cannot watch the network process");
	log_info("privsep: privileged process %d spawns pppd for the network "
	    "process %d", (int)getpid(), (int)ps->peer);
	/* A child that died before the loop started is reaped here. */
	parent_reap(d);
	if (!ps->child_gone || ps->npppd > 0)
		event_base_dispatch(d->base);
	if (d->conf.control_socket[0] != '\0')
		unlink(d->conf.control_socket);
	if (d->conf.pidfile[0] != '\0')
		unlink(d->conf.pidfile);
	if (ps->refused_total > 0) {
		char	line[512];
		size_t	e, k = 0;

		line[0] = '\0';
		for (e = 1; e < PS_ERR_COUNT && k < sizeof(line); e++)
			if (ps->refused[e] > 0)
				k += (size_t)snprintf(line + k, sizeof(line) - k,
				    "%s%s %llu", k > 0 ? ", " : "",
				    ps_err_str((enum ps_err)e),
				    (unsigned long long)ps->refused[e]);
		log_warnx("privsep: %llu messages from the network process "
		    "were refused: %s", (unsigned long long)ps->refused_total,
		    line);
	}
	log_info("exiting");
	exit(ps->exit_code);
}

static void
parent_sig_cb(evutil_socket_t sig, short what, void *arg)
{
	struct pptpd	*d = arg;
	struct privsep	*ps = d->ps;
	struct ps_msg	 m;
	struct timeval	 tv = { PS_STOP_MS / 1000, 0 };

	(void)what;
	switch (sig) {
	case SIGCHLD:
		parent_reap(d);
		break;
	case SIGHUP:
		parent_reload(d);
		break;
	default:
		/* The network process hangs every call up, then exits. */
		memset(&m, 0, sizeof(m));
		m.type = PS_STOP;
		if (!ps->child_gone && ps_send(ps->fd, &m, NULL, 0) == -1)
			log_warn("privsep: cannot tell the network process "
			    "to stop");
		if (!evtimer_pending(ps->ev_stop, NULL))
			evtimer_add(ps->ev_stop, &tv);
		break;
	}
}

/* The shutdown took too long: nothing of ours may stay behind. */
static void
parent_stop_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pptpd	*d = arg;
	struct privsep	*ps = d->ps;

	(void)fd;
	(void)what;
	log_warnx("privsep: shutdown is taking too long: killing the network "
	    "process and %u pppd", ps->npppd);
	if (!ps->child_gone)
		kill(ps->peer, SIGKILL);
	parent_kill_all(ps, SIGKILL);
	ps->exit_code = 1;
}

static void
parent_kill_all(struct privsep *ps, int sig)
{
	struct ps_pppd	*p;
	size_t		 i;

	for (i = 0; i < PS_BUCKETS; i++)
		for (p = ps->pppd[i]; p != NULL; p = p->next)
			kill(p->pid, sig);
}

static void
parent_reap(struct pptpd *d)
{
	struct privsep	*ps = d->ps;
	struct ps_pppd	*p, **pp;
	struct ps_msg	 m;
	struct timeval	 tv = { PS_STOP_MS / 1000, 0 };
	pid_t		 pid;
	int		 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == ps->peer) {
			ps->child_gone = 1;
			if (ps->ev_read != NULL)
				event_del(ps->ev_read);
			if (WIFEXITED(status))
				ps->exit_code = WEXITSTATUS(status);
			else {
				ps->exit_code = 1;
				log_warnx("privsep: the network process died "
				    "of signal %d", WTERMSIG(status));
			}
			if (ps->npppd > 0) {
				log_warnx("privsep: hanging up the %u calls "
				    "it left", ps->npppd);
				parent_kill_all(ps, SIGTERM);
				if (!evtimer_pending(ps->ev_stop, NULL))
					evtimer_add(ps->ev_stop, &tv);
			}
			continue;
		}
		if ((p = tab_find(ps, pid, &pp)) == NULL)
			continue;
		*pp = p->next;
		call_id_mark(ps, p->call_id, 0);
		ps->npppd--;
		free(p);
		if (!ps->child_gone) {
			memset(&m, 0, sizeof(m));
			m.type = PS_EXITED;
			m.u.exited.pid = (uint32_t)pid;
			m.u.exited.status = (uint32_t)status;
			if (ps_send(ps->fd, &m, NULL, 0) == -1)
				log_warn("privsep: cannot report pppd %d",
				    (int)pid);
		}
	}
	if (ps->child_gone && ps->npppd == 0 && d->base != NULL)
		event_base_loopbreak(d->base);
}

/* SIGHUP or pptpctl reload: the parent reads the file, the child applies it. */
static void
parent_reload(struct pptpd *d)
{
	struct privsep	*ps = d->ps;
	struct conf	 nc;
	struct ps_msg	 m;
	int		 cfd = -1;

	if (pptpd_reload_load(d, &nc) == -1)
		return;
	/* The chrooted network process cannot open dae-clients itself. */
	if (nc.dae_listen[0] != '\0' && nc.dae_clients[0] != '\0' &&
	    (cfd = open(nc.dae_clients, O_RDONLY | O_CLOEXEC)) == -1)
		log_warn("reload: dae-clients %s", nc.dae_clients);
	d->conf = nc;
	log_set_debug(d->conf.debug);
	memset(&m, 0, sizeof(m));
	m.type = PS_CONF;
	m.blob = (const uint8_t *)&nc;
	m.bloblen = sizeof(nc);
	if (!ps->child_gone && ps_send(ps->fd, &m, cfd == -1 ? NULL : &cfd,
	    cfd == -1 ? 0 : 1) == -1)
		log_warn("privsep: cannot hand the reloaded configuration to "
		    "the network process");
	if (cfd != -1)
		close(cfd);
}

static void
parent_refuse(struct privsep *ps, enum ps_err err)
{
	uint64_t	held;

	ps->refused[err]++;
	ps->refused_total++;
	if (log_limit_pass(&ps->lim, now_ms(), PS_LOG_MS, &held))
		log_warnx("privsep: refused a message from the network "
		    "process: %s (%llu of this kind, %llu in all)",
		    ps_err_str(err), (unsigned long long)ps->refused[err],
		    (unsigned long long)ps->refused_total);
}

static void
parent_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pptpd	*d = arg;
	uint8_t		 buf[PS_DGRAM_MAX];
	int		 fds[PS_FDS_MAX], nfds, k, bad;
	ssize_t		 n;

	(void)what;
	for (;;) {
		n = ps_recv(fd, buf, sizeof(buf), fds, &nfds, &bad);
		if (n == 0 && peer_closed(fd)) {
			event_del(d->ps->ev_read);
			return;
		}
		if (n == -1)
			return;
		if (bad)
			parent_refuse(d->ps, PS_ERR_FDS);
		else
			parent_handle(d, buf, (size_t)n, fds, nfds);
		for (k = 0; k < nfds; k++)
			close(fds[k]);
	}
}

/* A zero-length datagram also reads as 0: only a hangup is the end. */
static int
peer_closed(int fd)
{
	struct pollfd	pfd = { fd, POLLRDHUP, 0 };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLHUP | POLLRDHUP));
}

/* The socketpair end for pppd's fd 3 and the write end of its stderr pipe. */
static int
fds_ok(const int *fds, int nfds)
{
	struct stat	st;
	int		type, domain;
	socklen_t	len = sizeof(type);

	if (nfds != 2)
		return 0;
	if (fstat(fds[0], &st) == -1 || !S_ISSOCK(st.st_mode) ||
	    getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &type, &len) == -1 ||
	    type != SOCK_SEQPACKET)
		return 0;
	len = sizeof(domain);
	if (getsockopt(fds[0], SOL_SOCKET, SO_DOMAIN, &domain, &len) == -1 ||
	    domain != AF_UNIX)
		return 0;
	if (fstat(fds[1], &st) == -1 || !S_ISFIFO(st.st_mode) ||
	    (fcntl(fds[1], F_GETFL) & O_ACCMODE) != O_WRONLY)
		return 0;
	return 1;
}

static void
parent_handle(struct pptpd *d, const uint8_t *buf, size_t n, const int *fds,
    int nfds)
{
	struct privsep	*ps = d->ps;
	struct ps_msg	 m, r;
	struct ps_pppd	*p;
	enum ps_err	 err;
	pid_t		 pid;
	int		 e = 0;

	if ((err = ps_parse(buf, n, PS_FROM_CHILD, &m)) != PS_OK) {
		parent_refuse(ps, err);
		return;
	}
	if (m.type != PS_SPAWN && nfds != 0) {
		parent_refuse(ps, PS_ERR_FDS);
		return;
	}
	switch (m.type) {
	case PS_SPAWN:
		if (!fds_ok(fds, nfds)) {
			parent_refuse(ps, PS_ERR_FDS);
			e = EBADF;
		} else if (call_id_busy(ps, m.u.spawn.call_id)) {
			parent_refuse(ps, PS_ERR_DUP_CALL);
			e = EEXIST;
		} else if (ps->npppd >= PS_PPPD_MAX) {
			parent_refuse(ps, PS_ERR_LIMIT);
			e = EAGAIN;
		}
		pid = e != 0 ? 0 : spawn_pppd(d, &m.u.spawn, fds[0], fds[1],
		    &e);
		memset(&r, 0, sizeof(r));
		r.type = PS_SPAWNED;
		r.u.spawned.call_id = m.u.spawn.call_id;
		r.u.spawned.pid = (uint32_t)pid;
		r.u.spawned.err = (uint32_t)e;
		if (ps_send(ps->fd, &r, NULL, 0) == -1)
			log_warn("privsep: cannot answer a spawn");
		break;
	case PS_KILL:
		if ((p = tab_find(ps, (pid_t)m.u.kill.pid, NULL)) == NULL) {
			parent_refuse(ps, PS_ERR_UNKNOWN_PID);
			break;
		}
		kill(p->pid, m.u.kill.sig == PS_SIG_KILL ? SIGKILL : SIGTERM);
		break;
	case PS_RELOAD_REQ:
		parent_reload(d);
		break;
	default:
		parent_refuse(ps, PS_ERR_DIRECTION);
		break;
	}
}

/*
 * gre-mode kernel or auto: the call's kernel socket, bound here so the ID
 * the network process put in the reply is ours (kernel_pptp.h).  -1 with
 * *err when the call cannot start (EADDRINUSE: the network process picks
 * another ID); otherwise the fd, or -1 for the user-mode path.
 */
static int
spawn_kernel_fd(struct pptpd *d, const struct ps_spawn *s,
    struct pppd_params *p, int *err)
{
	int	fd;

	*err = 0;
	if (d->conf.gre_mode == CONF_GRE_USER)
		return -1;
	switch (kernel_pptp_bind(&d->ps->kpptp,
	    d->conf.gre_mode == CONF_GRE_KERNEL, s->call_id, s->ours, &fd,
	    err)) {
	case KPPTP_BOUND:
		p->kernel_fd = 1;
		return fd;
	case KPPTP_ABSENT:
		if (d->conf.gre_mode == CONF_GRE_KERNEL)
			return -1;
		/* auto: spare pppd the same failed attempt. */
		p->gre_mode = conf_gre_mode_name(CONF_GRE_USER);
		*err = 0;
		return -1;
	case KPPTP_BUSY:
		*err = EADDRINUSE;
		return -1;
	case KPPTP_ERROR:
		log_warnx("call ID %u: kernel PPTP socket: %s", s->call_id,
		    strerror(*err));
		return -1;
	}
	return -1;
}

/* A copy of fd numbered above floor, without close-on-exec; -1 on error. */
static int
fd_above(int fd, int floor)
{
	return fd < 0 ? -1 : fcntl(fd, F_DUPFD, floor + 1);
}

/* fork + exec of pppd, its words from our own configuration and the call's numbers. */
static pid_t
spawn_pppd(struct pptpd *d, const struct ps_spawn *s, int ipc_fd, int err_fd,
    int *err)
{
	struct privsep		*ps = d->ps;
	struct pppd_params	 p;
	struct pppd_argv	 av;
	struct ps_pppd		*e;
	sigset_t		 all, old;
	pid_t			 pid, me = getpid();
	int			 kfd;

	memset(&p, 0, sizeof(p));
	p.ppp = d->conf.ppp;
	p.option = d->conf.option;
	p.speed = d->conf.speed;
	p.delegate = d->conf.delegate;
	p.local = d->conf.delegate ? 0 : s->local;
	p.remote = d->conf.delegate ? 0 : s->remote;
	p.noipparam = d->conf.noipparam;
	p.client = s->client;
	p.ours = s->ours;
	p.plugin = d->plugin;
	p.call_id = s->call_id;
	p.peer_call_id = s->peer_call_id;
	p.gre_mode = conf_gre_mode_name(d->conf.gre_mode);
	p.user_channel = conf_user_chan_name(d->conf.user_chan);
	p.reorder_max = d->conf.reorder_max;
	p.reorder_timeout_ms = d->conf.reorder_timeout_ms;
	p.no_gre_timeout = d->conf.no_gre_timeout;
	p.logwtmp_plugin = d->conf.logwtmp ? LOGWTMP_PLUGIN : NULL;
	if (!d->conf.delegate && (s->local == 0 || s->remote == 0)) {
		parent_refuse(ps, PS_ERR_ADDR);
		*err = EINVAL;
		return 0;
	}
	if ((kfd = spawn_kernel_fd(d, s, &p, err)) == -1 && *err != 0)
		return 0;
	e = NULL;
	if (pppd_argv_build(&av, &p) == -1)
		*err = E2BIG;
	else if ((e = calloc(1, sizeof(*e))) == NULL)
		*err = ENOMEM;
	if (e == NULL) {
		if (kfd != -1)
			close(kfd);
		return 0;
	}
	/*
	 * Until the child has reset them, libevent's handlers would write a
	 * signal meant for the new pppd into our own loop: block them all.
	 */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	switch (pid = fork()) {
	case -1:
		*err = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		free(e);
		if (kfd != -1)
			close(kfd);
		return 0;
	case 0: {
		int	null, sig;

		/*
		 * A clean pppd with fd 3 = the call's socketpair end and, in
		 * kernel mode, fd 4 = its bound socket.  The ends are first
		 * moved above both numbers so no dup2() overwrites another.
		 */
		free(e);
		for (sig = 1; sig < NSIG; sig++)
			(void)signal(sig, SIG_DFL);
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		setsid();
		/* pptpd-ng killed: hang up rather than linger as an orphan. */
		(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != me)
			_exit(1);
		ipc_fd = fd_above(ipc_fd, PPPD_KERNEL_FD);
		err_fd = fd_above(err_fd, PPPD_KERNEL_FD);
		if (kfd != -1 && (kfd = fd_above(kfd, PPPD_KERNEL_FD)) == -1)
			_exit(127);
		null = open("/dev/null", O_RDWR);
		if (null == -1 || ipc_fd == -1 || err_fd == -1 ||
		    dup2(null, 0) == -1 || dup2(null, 1) == -1 ||
		    dup2(err_fd, 2) == -1 || dup2(ipc_fd, PPPD_CTRL_FD) == -1 ||
		    (kfd != -1 && dup2(kfd, PPPD_KERNEL_FD) == -1))
			_exit(127);
		closefrom(kfd != -1 ? PPPD_KERNEL_FD + 1 : PPPD_CTRL_FD + 1);
		execv(av.argv[0], av.argv);
		dprintf(2, "exec %s: %s\n", av.argv[0], strerror(errno));
		_exit(127);
	}
	default:
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (kfd != -1)
		close(kfd);
	e->pid = pid;
	e->call_id = s->call_id;
	e->next = ps->pppd[(unsigned)pid % PS_BUCKETS];
	ps->pppd[(unsigned)pid % PS_BUCKETS] = e;
	call_id_mark(ps, s->call_id, 1);
	ps->npppd++;
	return pid;
}
