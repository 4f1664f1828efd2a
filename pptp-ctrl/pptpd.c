/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptpd.c: main() of pptpd-ng.  Command line (poptop's flags, args.c),
 * pptpd.conf (conf.c), `-n` configuration check, daemonising, the pid
 * file, the split into a privileged and a network process (privsep.c,
 * which takes the signals: SIGTERM/SIGINT clean shutdown, SIGHUP reload
 * for new calls, SIGCHLD reaping of pppd) and the network process's
 * libevent loop.  Everything else lives in listener.c, conn.c, callmgr.c.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "printconf.h"
#include "pptpd.h"

#ifndef PPTPNG_PLUGINDIR
#define PPTPNG_PLUGINDIR	"/usr/lib/pppd/2.4.9"
#endif
#define OPTIONS_MAX		(256 * 1024)
#define IFS_MAX			64
#define STOP_GRACE_MS		5000

static struct pptpd	 pptpd;

static int	resolve(void *, const char *, uint32_t *);
static int	load(struct pptpd *, const char *, struct conf *, struct pool *,
		    struct conf_diag *);
static void	log_diag(const struct conf_diag *);
static void	apply_ctrl_conf(struct pptpd *);
static int	check_only(struct pptpd *);
static void	reap_cb(evutil_socket_t, short, void *);
static void	exit_cb(evutil_socket_t, short, void *);
static void	stop(struct pptpd *);
static void	raise_nofile(unsigned);
static int	pidfile_write(const char *);

uint64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* pool.c's host-name hook: poptop accepts names in localip/remoteip. */
static int
resolve(void *arg, const char *name, uint32_t *out)
{
	struct addrinfo	 hints, *res;

	(void)arg;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	if (getaddrinfo(name, NULL, &hints, &res) != 0)
		return -1;
	*out = ntohl(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr);
	freeaddrinfo(res);
	return 0;
}

/* The file, then the flags over it, then the pool. */
static int
load(struct pptpd *d, const char *path, struct conf *conf, struct pool *pool,
    struct conf_diag *diag)
{
	struct pool_resolver	r = { resolve, NULL };
	int			rc;

	conf_diag_init(diag, path);
	rc = conf_load(conf, path, diag);
	conf_override(conf, &d->cmdline);
	if (rc == 0 && pool != NULL)
		rc = pool_init(pool, conf, &r, diag);
	return rc;
}

/* Every diagnostic as one log line; errors as warnings. */
static void
log_diag(const struct conf_diag *diag)
{
	char	line[512];
	size_t	i;

	for (i = 0; i < diag->n; i++) {
		conf_diag_format(diag, i, line, sizeof(line));
		if (diag->e[i].sev == CONF_ERROR)
			log_warnx("%s", line);
		else
			log_info("%s", line);
	}
}

static void
apply_ctrl_conf(struct pptpd *d)
{
	struct ctrl_conf	*cc = &d->cconf;
	char			 host[PPTP_HOSTNAME_LEN + 1];

	ctrl_conf_defaults(cc);
	cc->handshake_timeout_ms = conf_handshake_timeout(&d->conf) * 1000;
	cc->echo_interval_ms = d->conf.echo_interval * 1000;
	cc->echo_failures = d->conf.echo_failures;
	cc->calls_per_conn = d->conf.calls_per_conn;
	if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		snprintf(cc->host_name, sizeof(cc->host_name), "%s", host);
	}
	snprintf(cc->vendor, sizeof(cc->vendor), "%s", PPTPD_NAME);
}

/* -n: print the effective settings and every warning; 1 on any error. */
static int
check_only(struct pptpd *d)
{
	struct conf_diag	 diag;
	struct conf_env		 env;
	struct pool_ifaddr	 ifs[IFS_MAX];
	struct ifaddrs		*ifa, *i;
	struct passwd		*pw;
	char			*opt = NULL;
	size_t			 nifs = 0, olen = 0;
	FILE			*f;
	int			 rc;

	rc = load(d, d->conffile, &d->conf, &d->pool, &diag);
	memset(&env, 0, sizeof(env));
	if (d->conf.option[0] != '\0') {
		if ((f = fopen(d->conf.option, "r")) != NULL &&
		    (opt = malloc(OPTIONS_MAX)) != NULL) {
			olen = fread(opt, 1, OPTIONS_MAX, f);
			env.options = opt;
			env.options_len = olen;
			env.options_read = true;
		} else
			env.options_unreadable = true;
		if (f != NULL)
			fclose(f);
	}
	env.ppp_unexecutable = access(d->conf.ppp, X_OK) != 0;
	if ((pw = getpwnam(d->conf.privsep_user)) == NULL)
		env.privsep_user_missing = true;
	else
		env.privsep_user_root = pw->pw_uid == 0;
	if (getifaddrs(&ifa) == 0) {
		for (i = ifa; i != NULL && nifs < IFS_MAX; i = i->ifa_next) {
			struct sockaddr_in *a = (void *)i->ifa_addr;
			struct sockaddr_in *m = (void *)i->ifa_netmask;

			if (a == NULL || m == NULL || a->sin_family != AF_INET)
				continue;
			snprintf(ifs[nifs].name, sizeof(ifs[nifs].name), "%s",
			    i->ifa_name);
			ifs[nifs].addr = ntohl(a->sin_addr.s_addr);
			ifs[nifs].prefixlen = (unsigned)__builtin_popcount(
			    m->sin_addr.s_addr);
			nifs++;
		}
		freeifaddrs(ifa);
	}
	env.pool = rc == 0 && !d->conf.delegate ? &d->pool : NULL;
	env.ifs = ifs;
	env.nifs = nifs;
	conf_check(&d->conf, &diag, &env);
	conf_print(stdout, &d->conf, env.pool);
	conf_diag_print(&diag, stderr);
	free(opt);
	if (rc != 0) {
		fprintf(stderr, "%s: configuration has errors\n",
		    d->conffile);
		return 1;
	}
	return diag.errors > 0;
}

/*
 * Each call holds three descriptors in the network process (the control
 * connection, the plugin's socketpair, pppd's stderr pipe): raise the
 * soft limit so that "connections" calls fit, as far as the hard limit
 * allows (1024 soft, as most systems start us, stops near 330 calls).
 */
#define FDS_PER_CALL	3
#define FDS_SPARE	64	/* listeners, control socket, clients, logs */

static void
raise_nofile(unsigned connections)
{
	struct rlimit	rl;
	rlim_t		need = (rlim_t)connections * FDS_PER_CALL + FDS_SPARE;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur >= need)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need ?
	    rl.rlim_max : need;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_warn("raising the descriptor limit to %llu",
		    (unsigned long long)rl.rlim_cur);
	else if (rl.rlim_cur < need)
		log_warnx("connections %u needs about %llu file descriptors "
		    "but the hard limit is %llu: calls beyond about %llu "
		    "will be refused (raise LimitNOFILE= or ulimit -Hn, or "
		    "lower connections)", connections, (unsigned long long)need,
		    (unsigned long long)rl.rlim_max,
		    (unsigned long long)(rl.rlim_max > FDS_SPARE ?
		    (rl.rlim_max - FDS_SPARE) / FDS_PER_CALL : 0));
	else
		log_debug("descriptor limit raised to %llu for %u connections",
		    (unsigned long long)need, connections);
}

static int
pidfile_write(const char *path)
{
	FILE	*f;

	if (path[0] == '\0')
		return 0;
	if ((f = fopen(path, "w")) == NULL) {
		log_warn("pidfile %s", path);
		return -1;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	return 0;
}

static void
reap_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	conn_reap_all(arg);
}

/*
 * SIGTERM: every call gets its CDN and every connection a StopCCRQ (the
 * FSM does that on ADMIN_STOP); we wait, bounded, for pppd to exit.
 */
static void
stop(struct pptpd *d)
{
	struct conn	*c, *next;
	struct timeval	 tv = { 0, 200 * 1000 };

	log_info("shutting down: %u connections, %u calls", d->nconns,
	    d->ncalls);
	d->stopping = 1;
	listener_close(d);
	for (c = TAILQ_FIRST(&d->conns); c != NULL; c = next) {
		next = TAILQ_NEXT(c, entry);
		conn_admin_stop(c);
	}
	d->ev_exit = evtimer_new(d->base, exit_cb, d);
	evtimer_add(d->ev_exit, &tv);
}

static void
exit_cb(evutil_socket_t fd, short what, void *arg)
{
	static uint64_t	 t0;
	static int	 killed;
	struct pptpd	*d = arg;
	struct timeval	 tv = { 0, 200 * 1000 };

	(void)fd;
	(void)what;
	if (t0 == 0)
		t0 = now_ms();
	conn_reap_all(d);
	if (d->ncalls == 0 && TAILQ_EMPTY(&d->conns)) {
		event_base_loopbreak(d->base);
		return;
	}
	if (now_ms() - t0 > STOP_GRACE_MS) {
		/* pppd ignored SIGTERM (ppp-project/ppp#14): insist. */
		if (!killed)
			callmgr_kill_all(d, SIGKILL);
		killed = 1;
		if (now_ms() - t0 > 2 * STOP_GRACE_MS) {
			log_warnx("exiting with %u calls not reaped",
			    d->ncalls);
			event_base_loopbreak(d->base);
			return;
		}
	}
	evtimer_add(d->ev_exit, &tv);
}

/*
 * SIGHUP, in the privileged process: new settings for new connections and
 * calls; live ones keep theirs.  0 with *nc ready to apply, -1 to keep the
 * running configuration.
 */
int
pptpd_reload_load(struct pptpd *d, struct conf *nc)
{
	struct conf_diag	diag;

	if (load(d, d->conffile, nc, NULL, &diag) != 0) {
		log_diag(&diag);
		log_warnx("reload: %s has errors; keeping the running "
		    "configuration", d->conffile);
		return -1;
	}
	if (strcmp(nc->localip, d->conf.localip) != 0 ||
	    strcmp(nc->remoteip, d->conf.remoteip) != 0 ||
	    nc->connections != d->conf.connections ||
	    nc->delegate != d->conf.delegate || strcmp(nc->listen,
	    d->conf.listen) != 0 || strcmp(nc->privsep_user,
	    d->conf.privsep_user) != 0)
		log_warnx("reload: localip, remoteip, connections, delegate, "
		    "listen and privsep-user changes take effect at the next "
		    "restart");
	strcpy(nc->localip, d->conf.localip);
	strcpy(nc->remoteip, d->conf.remoteip);
	strcpy(nc->listen, d->conf.listen);
	strcpy(nc->privsep_user, d->conf.privsep_user);
	nc->connections = d->conf.connections;
	nc->delegate = d->conf.delegate;
	return 0;
}

/* In the network process: what the privileged one read. */
void
pptpd_reload_apply(struct pptpd *d, const struct conf *nc, int clients_fd)
{
	d->conf = *nc;
	log_set_debug(d->conf.debug);
	apply_ctrl_conf(d);
	if (dae_reload(d, clients_fd) == -1)
		log_warnx("reload: RFC 5176 Disconnect/CoA is off until the "
		    "errors above are fixed and the daemon reloaded");
	log_info("reloaded %s", d->conffile);
}

/* SIGTERM/SIGINT reached the privileged process, which tells us. */
void
pptpd_stop_request(struct pptpd *d)
{
	if (d->stopping) {
		log_info("second signal: exiting now");
		event_base_loopbreak(d->base);
	} else
		stop(d);
}

int
main(int argc, char *argv[])
{
	struct pptpd		*d = &pptpd;
	struct args		 args;
	struct conf_diag	 diag;
	int			 rc;

	memset(d, 0, sizeof(*d));
	d->lfd = -1;
	d->reserve_fd = -1;
	TAILQ_INIT(&d->conns);
	conf_diag_init(&diag, "command line");
	if (args_parse(&args, argc, argv, &diag) != 0) {
		conf_diag_print(&diag, stderr);
		fprintf(stderr, "%s", args_usage());
		return 2;
	}
	if (args.help) {
		printf("%s", args_usage());
		return 0;
	}
	if (args.version) {
		printf("%s %s\n", PPTPD_NAME, PPTPD_VERSION);
		return 0;
	}
	d->conffile = args.conffile;
	d->cmdline = args.conf;
	if (args.check)
		return check_only(d);

	d->foreground = args.foreground;
	log_init(PPTPD_NAME, d->foreground, 0);
	rc = load(d, d->conffile, &d->conf, &d->pool, &diag);
	log_diag(&diag);
	if (rc != 0)
		fatalx("%s: configuration has errors (run %s -n to see them "
		    "all)", d->conffile, PPTPD_NAME);
	log_set_debug(d->conf.debug);
	apply_ctrl_conf(d);
	raise_nofile(d->conf.connections);
	d->plugin = getenv("PPTPD_NG_PLUGIN");
	if (d->plugin == NULL)
		d->plugin = PPTPNG_PLUGINDIR "/pptp-gre.so";
	if (access(d->plugin, R_OK) != 0)
		fatal("pppd plugin %s", d->plugin);
	if (access(d->conf.ppp, X_OK) != 0)
		fatal("ppp %s is not executable", d->conf.ppp);
	if (d->conf.option[0] != '\0' && access(d->conf.option, R_OK) != 0)
		fatal("option file %s", d->conf.option);
	if (callmgr_init(d) == -1)
		fatalx("out of memory");
	if (!d->foreground && daemon(0, 0) == -1)
		fatal("daemon");
	/* The parent stays root and spawns pppd; it never returns. */
	if (privsep_fork(d) == 1) {
		pidfile_write(d->conf.pidfile);
		privsep_parent(d);
	}
	signal(SIGPIPE, SIG_IGN);
	if ((d->base = event_base_new()) == NULL)
		fatalx("cannot create the event loop");
	d->ev_reap = event_new(d->base, -1, 0, reap_cb, d);
	if (d->ev_reap == NULL)
		fatalx("out of memory");
	if (listener_open(d) == -1)
		fatalx("cannot listen for PPTP connections");
	if (control_open(d) == -1)
		log_warnx("running without the control socket: pptpctl and "
		    "pptpd-ng-snmp will not see this daemon");
	if (dae_open(d, -1) == -1)
		fatalx("dae-listen: cannot serve RFC 5176 requests (see above)");
	privsep_drop(d);
	log_info("%s %s started: pool %u addresses, gre-mode %s, plugin %s",
	    PPTPD_NAME, PPTPD_VERSION, d->conf.delegate ? 0 :
	    pool_size(&d->pool), conf_gre_mode_name(d->conf.gre_mode),
	    d->plugin);
	rc = event_base_dispatch(d->base);
	dae_close(d);
	/* The privileged process removes the socket and the pid file. */
	control_close(d);
	log_info("network process exiting");
	return rc == -1 ? 1 : 0;
}
