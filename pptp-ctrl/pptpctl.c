/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptpctl.c: the admin CLI of pptpd-ng.  Parses its command line, asks
 * the daemon over the control socket (ctl_client.c) and prints aligned
 * tables, JSON (--json) or the Prometheus text format (--prometheus).
 * It only reads and presents: every decision is the daemon's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ctl_client.h"

#define TIMEOUT_SECS	10
#define COLS_MAX	16

enum fmt { FMT_TABLE, FMT_JSON, FMT_PROM };

struct table {
	size_t		 ncols;
	const char	*head[COLS_MAX];
	int		 right[COLS_MAX];
	char		(*cells)[COLS_MAX][72];
	size_t		 nrows;
};

static void	usage(void) __attribute__((__noreturn__));
static void	table_row(struct table *, ...);
static void	table_print(const struct table *);
static const char *bytes_str(uint64_t, char *, size_t);
static const char *dur_str(uint64_t, char *, size_t);
static void	print_json(const char *, const struct ctl_snap *,
		    const struct ctl_result *);
static void	print_prom(const struct ctl_snap *);
static void	show_sessions(const struct ctl_snap *);
static void	show_tunnels(const struct ctl_snap *);
static void	show_stats(const struct ctl_snap *);
static void	show_pool(const struct ctl_snap *);
static void	show_authfail(const struct ctl_snap *);

static void
usage(void)
{
	fprintf(stderr,
	    "usage: pptpctl [-s socket | -c pptpd.conf] [--json] command\n"
	    "commands:\n"
	    "  show sessions | tunnels | stats | pool | authfail\n"
	    "  stats [--prometheus]\n"
	    "  disconnect ID | user NAME | address ADDR\n"
	    "  reload\n");
	exit(2);
}

static void
table_row(struct table *t, ...)
{
	va_list		 ap;
	const char	*s;
	size_t		 i;

	t->cells = reallocarray(t->cells, t->nrows + 1, sizeof(*t->cells));
	if (t->cells == NULL) {
		fprintf(stderr, "pptpctl: out of memory\n");
		exit(1);
	}
	va_start(ap, t);
	for (i = 0; i < t->ncols; i++) {
		s = va_arg(ap, const char *);
		snprintf(t->cells[t->nrows][i], sizeof(t->cells[0][0]), "%s",
		    s == NULL || s[0] == '\0' ? "-" : s);
	}
	va_end(ap);
	t->nrows++;
}

static void
table_print(const struct table *t)
{
	size_t	w[COLS_MAX], i, r, len;

	for (i = 0; i < t->ncols; i++) {
		w[i] = strlen(t->head[i]);
		for (r = 0; r < t->nrows; r++)
			if ((len = strlen(t->cells[r][i])) > w[i])
				w[i] = len;
	}
	for (i = 0; i < t->ncols; i++)
		printf("%s%*s", i ? "  " : "", t->right[i] ? (int)w[i] :
		    -(int)w[i], t->head[i]);
	printf("\n");
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			/* No trailing blanks after the last column. */
			if (i + 1 == t->ncols && !t->right[i])
				printf("%s%s", i ? "  " : "", t->cells[r][i]);
			else
				printf("%s%*s", i ? "  " : "", t->right[i] ?
				    (int)w[i] : -(int)w[i], t->cells[r][i]);
		}
		printf("\n");
	}
}

static const char *
bytes_str(uint64_t v, char *buf, size_t len)
{
	static const char	*const unit[] = { "B", "KiB", "MiB", "GiB",
				    "TiB", "PiB" };
	double			 x = (double)v;
	size_t			 u = 0;

	while (x >= 1024 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
		x /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%llu B", (unsigned long long)v);
	else
		snprintf(buf, len, "%.1f %s", x, unit[u]);
	return buf;
}

static const char *
dur_str(uint64_t s, char *buf, size_t len)
{
	if (s >= 86400)
		snprintf(buf, len, "%llud%02lluh", (unsigned long long)s / 86400,
		    (unsigned long long)(s % 86400) / 3600);
	else
		snprintf(buf, len, "%02llu:%02llu:%02llu",
		    (unsigned long long)s / 3600,
		    (unsigned long long)(s % 3600) / 60,
		    (unsigned long long)s % 60);
	return buf;
}

static const char *
u64_str(uint64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

static void
show_sessions(const struct ctl_snap *s)
{
	struct table		 t = { 13, { "CALL", "TUNNEL", "USER", "CLIENT",
				    "ADDRESS", "IFACE", "MODE", "STATE",
				    "UPTIME", "RX", "TX", "LOST/REORD/DUP",
				    "RTT" }, { 1, 1 }, NULL, 0 };
	const struct ctl_call	*c;
	char			 id[24], tun[24], cli[64], up[24], rx[24],
				 tx[24], gre[72], rtt[24], mode[40];
	size_t			 i;

	t.right[8] = t.right[9] = t.right[10] = t.right[12] = 1;
	for (i = 0; i < s->ncalls; i++) {
		c = &s->calls[i];
		snprintf(cli, sizeof(cli), "%s:%llu", c->peer,
		    (unsigned long long)c->peer_port);
		gre[0] = rtt[0] = '\0';
		/* user/tap, user/l2tp, user/pty: how pppd reaches the pump. */
		snprintf(mode, sizeof(mode), "%s%s%s", c->mode,
		    c->channel[0] ? "/" : "", c->channel);
		if (strcmp(c->mode, "user") == 0) {
			snprintf(gre, sizeof(gre), "%llu/%llu/%llu",
			    (unsigned long long)c->gre.rx_lost,
			    (unsigned long long)c->gre.rx_buffered,
			    (unsigned long long)(c->gre.rx_late_or_dup +
			    c->gre.rx_dup_queued));
			snprintf(rtt, sizeof(rtt), "%.1f ms",
			    (double)c->gre.rtt_us / 1000);
		}
		table_row(&t, u64_str(c->call_id, id, sizeof(id)),
		    u64_str(c->tunnel, tun, sizeof(tun)), c->user, cli,
		    c->addr, c->ifname, mode, c->state,
		    dur_str(c->uptime, up, sizeof(up)),
		    bytes_str(c->rx_bytes, rx, sizeof(rx)),
		    bytes_str(c->tx_bytes, tx, sizeof(tx)), gre, rtt);
	}
	table_print(&t);
	free(t.cells);
}

static void
show_tunnels(const struct ctl_snap *s)
{
	struct table		 t = { 8, { "TUNNEL", "PEER", "HOST", "VENDOR",
				    "STATE", "CALLS", "UPTIME", "MSGS IN/OUT" },
				    { 1 }, NULL, 0 };
	const struct ctl_tunnel	*x;
	char			 id[24], peer[64], calls[24], up[24], msgs[48];
	size_t			 i;

	t.right[5] = t.right[6] = t.right[7] = 1;
	for (i = 0; i < s->ntunnels; i++) {
		x = &s->tunnels[i];
		snprintf(peer, sizeof(peer), "%s:%llu", x->peer,
		    (unsigned long long)x->peer_port);
		snprintf(msgs, sizeof(msgs), "%llu/%llu",
		    (unsigned long long)x->rx_msgs,
		    (unsigned long long)x->tx_msgs);
		table_row(&t, u64_str(x->id, id, sizeof(id)), peer, x->host,
		    x->vendor, x->state, u64_str(x->calls, calls,
		    sizeof(calls)), dur_str(x->uptime, up, sizeof(up)), msgs);
	}
	table_print(&t);
	free(t.cells);
}

static void
show_stats(const struct ctl_snap *s)
{
	const struct ctl_stats	*st = &s->stats;
	char			 up[24];
	size_t			 i;

	printf("pptpd-ng %s, up %s\n", st->version,
	    dur_str(st->uptime, up, sizeof(up)));
	printf("tunnels: %llu active, %llu total; refused: %llu limit, "
	    "%llu per-source, %llu stopping, %llu allow/deny, %llu rate, "
	    "%llu banned\n",
	    (unsigned long long)st->tunnels_active,
	    (unsigned long long)st->tunnels_total,
	    (unsigned long long)st->tunnels_refused_limit,
	    (unsigned long long)st->tunnels_refused_source,
	    (unsigned long long)st->tunnels_refused_stopping,
	    (unsigned long long)st->tunnels_refused_acl,
	    (unsigned long long)st->tunnels_refused_rate,
	    (unsigned long long)st->tunnels_refused_banned);
	printf("calls: %llu active, %llu total, %llu failed; refused: %llu "
	    "pool, %llu call-id, %llu spawn; call IDs redrawn (held in "
	    "pptp.ko): %llu\n",
	    (unsigned long long)st->calls_active,
	    (unsigned long long)st->calls_total,
	    (unsigned long long)st->calls_failed,
	    (unsigned long long)st->calls_refused_pool,
	    (unsigned long long)st->calls_refused_callid,
	    (unsigned long long)st->calls_spawn_failed,
	    (unsigned long long)st->callid_kernel_busy);
	printf("auth failures: %llu (%llu bans); calls without GRE: %llu; "
	    "accept errors: %llu\n", (unsigned long long)st->auth_failures,
	    (unsigned long long)st->auth_bans,
	    (unsigned long long)st->no_gre,
	    (unsigned long long)st->accept_errors);
	show_pool(s);
	printf("RFC 5176: %llu received; %llu ACK, NAK %llu no session, "
	    "%llu unsupported attribute, %llu missing attribute, %llu "
	    "invalid, %llu CoA; dropped: %llu unknown client, %llu "
	    "malformed, %llu bad authenticator, %llu bad "
	    "Message-Authenticator, %llu without Message-Authenticator, "
	    "%llu stale; %llu retransmissions answered, %llu send errors\n",
	    (unsigned long long)st->dae_rx, (unsigned long long)st->dae_ack,
	    (unsigned long long)st->dae_nak_session,
	    (unsigned long long)st->dae_nak_attr,
	    (unsigned long long)st->dae_nak_missing,
	    (unsigned long long)st->dae_nak_invalid,
	    (unsigned long long)st->dae_nak_coa,
	    (unsigned long long)st->dae_drop_client,
	    (unsigned long long)st->dae_drop_malformed,
	    (unsigned long long)st->dae_drop_auth,
	    (unsigned long long)st->dae_drop_msgauth,
	    (unsigned long long)st->dae_drop_no_msgauth,
	    (unsigned long long)st->dae_drop_stale,
	    (unsigned long long)st->dae_dup,
	    (unsigned long long)st->dae_tx_errors);
	printf("control messages and drops by reason:\n");
	for (i = 0; i < CTRL_STAT__MAX; i++)
		if (st->ctrl[i] != 0)
			printf("  %-24s %llu\n", ctrl_stat_name(i),
			    (unsigned long long)st->ctrl[i]);
}

static void
show_pool(const struct ctl_snap *s)
{
	const struct ctl_stats	*st = &s->stats;

	if (st->delegate)
		printf("pool: delegated to pppd (RADIUS or options)\n");
	else
		printf("pool: %llu of %llu addresses in use (%llu%%)\n",
		    (unsigned long long)st->pool_used,
		    (unsigned long long)st->pool_size,
		    st->pool_size ? (unsigned long long)(st->pool_used * 100 /
		    st->pool_size) : 0ULL);
}

static void
show_authfail(const struct ctl_snap *s)
{
	struct table	t = { 4, { "CLIENT", "FAILURES", "LAST USER",
			    "LAST (AGO)" }, { 0, 1, 0, 1 }, NULL, 0 };
	char		n[24], ago[24];
	size_t		i;

	for (i = 0; i < s->nauthfails; i++)
		table_row(&t, s->authfails[i].peer,
		    u64_str(s->authfails[i].count, n, sizeof(n)),
		    s->authfails[i].user, dur_str(s->authfails[i].age, ago,
		    sizeof(ago)));
	table_print(&t);
	free(t.cells);
}

/* One JSON document: {"stats":{...},"tunnels":[...],...,"result":{...}}. */
static void
json_recs(const char *key, enum ctl_rec_type type, const void *arr,
    size_t n, size_t size, int *first)
{
	struct ctl_rec	rec;
	char		line[CTL_LINE_MAX];
	size_t		i, len;
	enum ctl_err	e;

	printf("%s\"%s\":[", *first ? "" : ",", key);
	*first = 0;
	for (i = 0; i < n; i++) {
		memset(&rec, 0, sizeof(rec));
		rec.type = type;
		memcpy(&rec.u, (const char *)arr + i * size, size);
		if ((len = ctl_build(line, sizeof(line), &rec, &e)) == 0)
			continue;
		printf("%s%.*s", i ? "," : "", (int)len - 1, line);
	}
	printf("]");
}

static void
print_json(const char *what, const struct ctl_snap *s,
    const struct ctl_result *res)
{
	struct ctl_rec	rec;
	char		line[CTL_LINE_MAX];
	size_t		len;
	enum ctl_err	e;
	int		first = 1;

	printf("{");
	if (s->has_stats && (strcmp(what, "stats") == 0 ||
	    strcmp(what, "pool") == 0 || strcmp(what, "all") == 0)) {
		memset(&rec, 0, sizeof(rec));
		rec.type = CTL_REC_STATS;
		rec.u.stats = s->stats;
		if ((len = ctl_build(line, sizeof(line), &rec, &e)) > 0) {
			printf("\"stats\":%.*s", (int)len - 1, line);
			first = 0;
		}
	}
	if (strcmp(what, "tunnels") == 0 || strcmp(what, "all") == 0)
		json_recs("tunnels", CTL_REC_TUNNEL, s->tunnels, s->ntunnels,
		    sizeof(*s->tunnels), &first);
	if (strcmp(what, "calls") == 0 || strcmp(what, "all") == 0)
		json_recs("calls", CTL_REC_CALL, s->calls, s->ncalls,
		    sizeof(*s->calls), &first);
	if (strcmp(what, "authfail") == 0 || strcmp(what, "all") == 0)
		json_recs("authfail", CTL_REC_AUTHFAIL, s->authfails,
		    s->nauthfails, sizeof(*s->authfails), &first);
	memset(&rec, 0, sizeof(rec));
	rec.type = CTL_REC_RESULT;
	rec.u.result = *res;
	if ((len = ctl_build(line, sizeof(line), &rec, &e)) > 0)
		printf("%s\"result\":%.*s", first ? "" : ",", (int)len - 1,
		    line);
	printf("}\n");
}

static void
prom(const char *name, const char *type, const char *help, uint64_t v)
{
	printf("# HELP pptpd_ng_%s %s\n# TYPE pptpd_ng_%s %s\n"
	    "pptpd_ng_%s %llu\n", name, help, name, type, name,
	    (unsigned long long)v);
}

/* The text exposition format (node-exporter's textfile collector). */
static void
print_prom(const struct ctl_snap *s)
{
	const struct ctl_stats	*st = &s->stats;
	size_t			 i;
	const struct {
		const char	*why;
		uint64_t	 n;
	} refused[] = {
		{ "limit", st->tunnels_refused_limit },
		{ "source", st->tunnels_refused_source },
		{ "stopping", st->tunnels_refused_stopping },
		{ "acl", st->tunnels_refused_acl },
		{ "rate", st->tunnels_refused_rate },
		{ "banned", st->tunnels_refused_banned },
	}, dae[] = {
		{ "ack", st->dae_ack },
		{ "nak_session_not_found", st->dae_nak_session },
		{ "nak_unsupported_attribute", st->dae_nak_attr },
		{ "nak_missing_attribute", st->dae_nak_missing },
		{ "nak_invalid_request", st->dae_nak_invalid },
		{ "nak_coa_unsupported", st->dae_nak_coa },
		{ "drop_unknown_client", st->dae_drop_client },
		{ "drop_malformed", st->dae_drop_malformed },
		{ "drop_bad_authenticator", st->dae_drop_auth },
		{ "drop_bad_message_authenticator", st->dae_drop_msgauth },
		{ "drop_no_message_authenticator", st->dae_drop_no_msgauth },
		{ "drop_stale", st->dae_drop_stale },
		{ "retransmission", st->dae_dup },
	};

	prom("uptime_seconds", "gauge", "Seconds since pptpd-ng started.",
	    st->uptime);
	prom("tunnels_active", "gauge", "Open control connections.",
	    st->tunnels_active);
	prom("tunnels_total", "counter", "Control connections accepted.",
	    st->tunnels_total);
	printf("# HELP pptpd_ng_tunnels_refused_total Control connections "
	    "refused, by reason.\n"
	    "# TYPE pptpd_ng_tunnels_refused_total counter\n");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		printf("pptpd_ng_tunnels_refused_total{reason=\"%s\"} %llu\n",
		    refused[i].why, (unsigned long long)refused[i].n);
	prom("calls_active", "gauge", "Calls (pppd) running.",
	    st->calls_active);
	prom("calls_total", "counter", "Calls started.", st->calls_total);
	prom("calls_failed_total", "counter", "Calls that never came up.",
	    st->calls_failed);
	printf("# HELP pptpd_ng_calls_refused_total Calls refused, by "
	    "reason.\n# TYPE pptpd_ng_calls_refused_total counter\n");
	printf("pptpd_ng_calls_refused_total{reason=\"pool\"} %llu\n",
	    (unsigned long long)st->calls_refused_pool);
	printf("pptpd_ng_calls_refused_total{reason=\"callid\"} %llu\n",
	    (unsigned long long)st->calls_refused_callid);
	printf("pptpd_ng_calls_refused_total{reason=\"spawn\"} %llu\n",
	    (unsigned long long)st->calls_spawn_failed);
	prom("callid_kernel_busy_total", "counter", "Call IDs drawn again "
	    "because another kernel PPTP (pptp.ko) user held them.",
	    st->callid_kernel_busy);
	prom("auth_failures_total", "counter", "Peer authentication "
	    "failures reported by pppd.", st->auth_failures);
	prom("auth_bans_total", "counter", "Sources banned after "
	    "auth-failure-limit failures.", st->auth_bans);
	prom("no_gre_total", "counter", "Calls that received no GRE.",
	    st->no_gre);
	printf("# HELP pptpd_ng_dae_requests_total RFC 5176 datagrams, by "
	    "outcome.\n# TYPE pptpd_ng_dae_requests_total counter\n");
	for (i = 0; i < sizeof(dae) / sizeof(dae[0]); i++)
		printf("pptpd_ng_dae_requests_total{outcome=\"%s\"} %llu\n",
		    dae[i].why, (unsigned long long)dae[i].n);
	prom("pool_size", "gauge", "Addresses in the pool.", st->pool_size);
	prom("pool_used", "gauge", "Pool addresses in use.", st->pool_used);
	printf("# HELP pptpd_ng_ctrl_events_total Control-connection "
	    "messages, drops and errors, by reason.\n"
	    "# TYPE pptpd_ng_ctrl_events_total counter\n");
	for (i = 0; i < CTRL_STAT__MAX; i++)
		printf("pptpd_ng_ctrl_events_total{reason=\"%s\"} %llu\n",
		    ctrl_stat_name(i), (unsigned long long)st->ctrl[i]);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "prometheus", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctl_request	 req;
	struct ctl_result	 res;
	struct ctl_snap		 snap;
	struct conf		 conf;
	struct conf_diag	 diag;
	const char		*sock = NULL, *conffile = NULL, *what = "";
	char			 err[256], *end;
	enum fmt		 fmt = FMT_TABLE;
	int			 ch, prom_ok = 0;

	while ((ch = getopt_long(argc, argv, "c:hs:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			conffile = optarg;
			break;
		case 's':
			sock = optarg;
			break;
		case 'j':
			fmt = FMT_JSON;
			break;
		case 'P':
			fmt = FMT_PROM;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if (sock == NULL && conffile != NULL) {
		conf_diag_init(&diag, conffile);
		if (conf_load(&conf, conffile, &diag) != 0) {
			conf_diag_print(&diag, stderr);
			return 1;
		}
		sock = conf.control_socket;
	}
	if (sock == NULL)
		sock = CONF_SOCKET_DEFAULT;

	memset(&req, 0, sizeof(req));
	if (strcmp(argv[0], "show") == 0 && argc == 2) {
		if (strcmp(argv[1], "sessions") == 0 ||
		    strcmp(argv[1], "calls") == 0)
			what = "calls";
		else if (strcmp(argv[1], "tunnels") == 0)
			what = "tunnels";
		else if (strcmp(argv[1], "stats") == 0)
			what = "stats";
		else if (strcmp(argv[1], "pool") == 0)
			what = "pool";
		else if (strcmp(argv[1], "authfail") == 0)
			what = "authfail";
		else if (strcmp(argv[1], "all") == 0 && fmt == FMT_JSON)
			what = "all";
		else
			usage();
		prom_ok = strcmp(what, "stats") == 0;
		strcpy(req.cmd, "show");
		snprintf(req.what, sizeof(req.what), "%s", what);
	} else if (strcmp(argv[0], "stats") == 0 && argc == 1) {
		what = "stats";
		prom_ok = 1;
		strcpy(req.cmd, "show");
		strcpy(req.what, what);
	} else if (strcmp(argv[0], "disconnect") == 0 && argc >= 2) {
		strcpy(req.cmd, "disconnect");
		if (argc == 2) {
			errno = 0;
			req.id = strtoull(argv[1], &end, 10);
			if (errno != 0 || *end != '\0' || req.id == 0 ||
			    req.id > 65535) {
				fprintf(stderr, "pptpctl: %s: not a call id "
				    "(1-65535)\n", argv[1]);
				return 2;
			}
		} else if (argc == 3 && strcmp(argv[1], "user") == 0 &&
		    strlen(argv[2]) < sizeof(req.user))
			strcpy(req.user, argv[2]);
		else if (argc == 3 && strcmp(argv[1], "address") == 0 &&
		    strlen(argv[2]) < sizeof(req.addr))
			strcpy(req.addr, argv[2]);
		else
			usage();
	} else if (strcmp(argv[0], "reload") == 0 && argc == 1)
		strcpy(req.cmd, "reload");
	else
		usage();
	if (fmt == FMT_PROM && !prom_ok) {
		fprintf(stderr, "pptpctl: --prometheus goes with stats\n");
		return 2;
	}

	memset(&snap, 0, sizeof(snap));
	if (ctl_query(sock, &req, TIMEOUT_SECS, ctl_snap_add, &snap, &res,
	    err, sizeof(err)) == -1) {
		fprintf(stderr, "pptpctl: %s\n", err);
		return 1;
	}
	if (fmt == FMT_JSON) {
		print_json(what[0] ? what : "none", &snap, &res);
		ctl_snap_free(&snap);
		return res.ok ? 0 : 1;
	}
	if (!res.ok) {
		fprintf(stderr, "pptpctl: %s\n", res.error);
		ctl_snap_free(&snap);
		return 1;
	}
	if (fmt == FMT_PROM)
		print_prom(&snap);
	else if (strcmp(req.cmd, "disconnect") == 0)
		printf("%llu call%s hung up\n", (unsigned long long)res.count,
		    res.count == 1 ? "" : "s");
	else if (strcmp(req.cmd, "reload") == 0)
		printf("reload requested\n");
	else if (strcmp(what, "calls") == 0)
		show_sessions(&snap);
	else if (strcmp(what, "tunnels") == 0)
		show_tunnels(&snap);
	else if (strcmp(what, "stats") == 0)
		show_stats(&snap);
	else if (strcmp(what, "pool") == 0)
		show_pool(&snap);
	else if (strcmp(what, "authfail") == 0)
		show_authfail(&snap);
	ctl_snap_free(&snap);
	return 0;
}
