/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptpd_ng_snmp.c: main() of pptpd-ng-snmp, the AgentX subagent serving
 * PPTPD-NG-MIB.  The net-snmp shell: registrations (scalars, four tdata
 * tables), a snapshot of the daemon fetched over the control socket and
 * cached for a few seconds, notifications from snapshot diffs, privilege
 * drop, the loop.  MIB values and diffs are computed in snmp_rows.c; this
 * file only moves them into net-snmp.  It never writes to the daemon.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../pptp-ctrl/conf.h"
#include "snmp_rows.h"

#define APP		"pptpd-ng-snmp"
#define QUERY_SECS	3

static const oid root_oid[] = { SNMPA_ROOT };
static const oid trap_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

static struct {
	const char		*sock;
	unsigned		 cache_secs;
	unsigned		 poll_secs;
	int			 reachable;
	int			 ever;		/* reached the daemon once */
	uint64_t		 t_loaded;	/* ms, 0: never */
	struct ctl_snap		 cur;
	struct snmpa_watch	 watch;
	netsnmp_tdata		*t_tunnel, *t_call, *t_ifmap, *t_af;
	char			 err[256];
} g;

static volatile sig_atomic_t	stop;

static void	usage(void) __attribute__((__noreturn__));

static uint64_t
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-fO] [-c cache-secs] [-p poll-secs] "
	    "[-s socket] [-t storm-threshold]\n"
	    "       [-u user] [-w storm-window] [-x agentx-address]\n", APP);
	exit(2);
}

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* One MIB value into a varbind. */
static void
set_val(netsnmp_variable_list *vb, const struct snmpa_val *v)
{
	long			l;
	u_long			u;
	struct counter64	c64;

	switch (v->type) {
	case SNMPA_T_INTEGER:
		l = (long)v->n;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
		break;
	case SNMPA_T_UNSIGNED:
		u = (u_long)v->n;
		snmp_set_var_typed_value(vb, ASN_GAUGE, &u, sizeof(u));
		break;
	case SNMPA_T_COUNTER32:
		u = (u_long)v->n;
		snmp_set_var_typed_value(vb, ASN_COUNTER, &u, sizeof(u));
		break;
	case SNMPA_T_COUNTER64:
		c64.high = (u_long)(v->n >> 32);
		c64.low = (u_long)(v->n & 0xffffffffULL);
		snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64,
		    sizeof(c64));
		break;
	case SNMPA_T_STRING:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, v->s, v->slen);
		break;
	}
}

static void
add_val(netsnmp_variable_list **vars, const oid *o, size_t len,
    const struct snmpa_val *v)
{
	netsnmp_variable_list	*vb;

	vb = snmp_varlist_add_variable(vars, o, len, ASN_NULL, NULL, 0);
	if (vb != NULL)
		set_val(vb, v);
}

static void
clear_table(netsnmp_tdata *t)
{
	netsnmp_tdata_row	*row;

	while ((row = netsnmp_tdata_row_first(t)) != NULL)
		netsnmp_tdata_remove_and_delete_row(t, row);
}

static void
clear_tables(void)
{
	clear_table(g.t_tunnel);
	clear_table(g.t_call);
	clear_table(g.t_ifmap);
	clear_table(g.t_af);
}

static void
add_row(netsnmp_tdata *t, void *data, u_long i1, int has_i2, u_long i2)
{
	netsnmp_tdata_row	*row;

	if ((row = netsnmp_tdata_create_row()) == NULL)
		return;
	row->data = data;
	netsnmp_tdata_row_add_index(row, ASN_UNSIGNED, &i1, sizeof(i1));
	if (has_i2)
		netsnmp_tdata_row_add_index(row, ASN_UNSIGNED, &i2,
		    sizeof(i2));
	if (netsnmp_tdata_add_row(t, row) != SNMPERR_SUCCESS)
		netsnmp_tdata_delete_row(row);
}

static void
fill_tables(void)
{
	netsnmp_tdata_row	*row;
	struct ctl_authfail	*a;
	uint8_t			 addr[16];
	size_t			 i, alen;
	long			 type, ifindex;

	for (i = 0; i < g.cur.ntunnels; i++)
		add_row(g.t_tunnel, &g.cur.tunnels[i],
		    (u_long)g.cur.tunnels[i].id, 0, 0);
	for (i = 0; i < g.cur.ncalls; i++) {
		add_row(g.t_call, &g.cur.calls[i],
		    (u_long)g.cur.calls[i].tunnel, 1,
		    (u_long)g.cur.calls[i].call_id);
		if (g.cur.calls[i].ifindex == 0 ||
		    g.cur.calls[i].ifindex > 0x7fffffff)
			continue;
		if ((row = netsnmp_tdata_create_row()) == NULL)
			continue;
		row->data = &g.cur.calls[i];
		ifindex = (long)g.cur.calls[i].ifindex;
		netsnmp_tdata_row_add_index(row, ASN_INTEGER, &ifindex,
		    sizeof(ifindex));
		if (netsnmp_tdata_add_row(g.t_ifmap, row) != SNMPERR_SUCCESS)
			netsnmp_tdata_delete_row(row);
	}
	for (i = 0; i < g.cur.nauthfails; i++) {
		a = &g.cur.authfails[i];
		if ((type = snmpa_inet(a->peer, addr, &alen)) == 0)
			continue;
		if ((row = netsnmp_tdata_create_row()) == NULL)
			continue;
		row->data = a;
		netsnmp_tdata_row_add_index(row, ASN_INTEGER, &type,
		    sizeof(type));
		netsnmp_tdata_row_add_index(row, ASN_OCTET_STR, addr, alen);
		if (netsnmp_tdata_add_row(g.t_af, row) != SNMPERR_SUCCESS)
			netsnmp_tdata_delete_row(row);
	}
}

/* The call's instance: pptpdNgCallEntry.col.tunnel.call */
static void
call_var(netsnmp_variable_list **vars, const struct ctl_call *c,
    unsigned col)
{
	oid			o[] = { SNMPA_ROOT, SNMPA_OBJECTS,
				    SNMPA_CALL_TABLE, 1, col, c->tunnel,
				    c->call_id };
	struct snmpa_val	v;

	if (snmpa_call_col(c, col, &v) == 0)
		add_val(vars, o, OID_LENGTH(o), &v);
}

static void
scalar_var(netsnmp_variable_list **vars, unsigned id)
{
	oid			o[] = { SNMPA_ROOT, SNMPA_OBJECTS, SNMPA_STATS,
				    id, 0 };
	struct snmpa_val	v;

	if (snmpa_scalar(&g.cur.stats, g.reachable, id, &v) == 0)
		add_val(vars, o, OID_LENGTH(o), &v);
}

static void
notif_var(netsnmp_variable_list **vars, unsigned id, uint64_t n)
{
	oid			o[] = { SNMPA_ROOT, SNMPA_OBJECTS,
				    SNMPA_NOTIF_OBJECTS, id, 0 };
	struct snmpa_val	v;

	memset(&v, 0, sizeof(v));
	v.type = SNMPA_T_UNSIGNED;
	v.n = n;
	add_val(vars, o, OID_LENGTH(o), &v);
}

/* snmpa_diff() callback: one notification, forwarded by the master. */
static void
send_event(void *arg, const struct snmpa_event *ev)
{
	const struct ctl_snap	*cur = arg;
	netsnmp_variable_list	*vars = NULL;
	oid			 notif[] = { SNMPA_ROOT, SNMPA_NOTIFS,
				    ev->type };
	static const unsigned	 up_cols[] = { 3, 4, 5, 7, 8, 9 };
	static const unsigned	 down_cols[] = { 3, 4, 5, 13, 14, 15 };
	size_t			 i;

	(void)cur;
	snmp_varlist_add_variable(&vars, trap_oid, OID_LENGTH(trap_oid),
	    ASN_OBJECT_ID, (u_char *)notif, sizeof(notif));
	switch (ev->type) {
	case SNMPA_N_CALL_UP:
		for (i = 0; i < sizeof(up_cols) / sizeof(up_cols[0]); i++)
			call_var(&vars, ev->call, up_cols[i]);
		snmp_log(LOG_INFO, "notification: call up, user %s, "
		    "address %s\n", ev->call->user, ev->call->addr);
		break;
	case SNMPA_N_CALL_DOWN:
		for (i = 0; i < sizeof(down_cols) / sizeof(down_cols[0]); i++)
			call_var(&vars, ev->call, down_cols[i]);
		snmp_log(LOG_INFO, "notification: call down, user %s\n",
		    ev->call->user);
		break;
	case SNMPA_N_AUTH_STORM:
		scalar_var(&vars, 10);
		notif_var(&vars, 1, ev->rate);
		notif_var(&vars, 2, g.watch.storm_window);
		snmp_log(LOG_INFO, "notification: %llu authentication "
		    "failures within %u s\n", (unsigned long long)ev->rate,
		    g.watch.storm_window);
		break;
	case SNMPA_N_POOL_EXHAUSTED:
		scalar_var(&vars, 12);
		scalar_var(&vars, 13);
		snmp_log(LOG_INFO, "notification: address pool exhausted\n");
		break;
	}
	send_v2trap(vars);
	snmp_free_varbind(vars);
}

/* Ask the daemon when the cached snapshot is older than cache_secs. */
static void
refresh(int force)
{
	struct ctl_request	req;
	struct ctl_result	res;
	struct ctl_snap		snap;
	uint64_t		now = mono_ms();

	if (!force && g.t_loaded != 0 &&
	    now - g.t_loaded < (uint64_t)g.cache_secs * 1000)
		return;
	g.t_loaded = now;
	memset(&req, 0, sizeof(req));
	memset(&snap, 0, sizeof(snap));
	strcpy(req.cmd, "show");
	strcpy(req.what, "all");
	if (ctl_query(g.sock, &req, QUERY_SECS, ctl_snap_add, &snap, &res,
	    g.err, sizeof(g.err)) == -1 || !res.ok || !snap.has_stats) {
		if (g.reachable || !g.ever)
			snmp_log(LOG_WARNING, "pptpd-ng: %s; tables empty "
			    "until it answers\n", res.ok ? g.err : res.error);
		g.ever = 1;
		g.reachable = 0;
		ctl_snap_free(&snap);
		clear_tables();
		return;
	}
	if (!g.reachable)
		snmp_log(LOG_INFO, "pptpd-ng answers on %s: %zu tunnels, "
		    "%zu calls\n", g.sock, snap.ntunnels, snap.ncalls);
	g.reachable = g.ever = 1;
	/* Events first: a call-down carries the old row's values. */
	snmpa_diff(&g.watch, &g.cur, &snap, now / 1000, send_event, &snap);
	clear_tables();
	ctl_snap_free(&g.cur);
	g.cur = snap;
	fill_tables();
}

static void
poll_cb(unsigned int reg, void *arg)
{
	(void)reg;
	(void)arg;
	refresh(1);
}

/* Before the tdata helper: rows must not change under it. */
static int
refresh_handler(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	if (ri->mode == MODE_GET || ri->mode == MODE_GETNEXT ||
	    ri->mode == MODE_GETBULK)
		refresh(0);
	return netsnmp_call_next_handler(h, reg, ri, req);
}

static int
scalar_handler(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *requests)
{
	netsnmp_request_info	*r;
	struct snmpa_val	 v;
	unsigned		 id;

	(void)h;
	if (ri->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	refresh(0);
	for (r = requests; r != NULL; r = r->next) {
		id = (unsigned)reg->rootoid[SNMPA_ROOT_LEN + 2];
		if (snmpa_scalar(&g.cur.stats, g.reachable, id, &v) == 0)
			set_val(r->requestvb, &v);
		else
			netsnmp_set_request_error(ri, r, SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

typedef int (*col_fn)(const void *, unsigned, struct snmpa_val *);

static int
table_common(netsnmp_agent_request_info *ri, netsnmp_request_info *requests,
    col_fn fn)
{
	netsnmp_request_info		*r;
	netsnmp_table_request_info	*ti;
	void				*row;
	struct snmpa_val		 v;

	if (ri->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (r = requests; r != NULL; r = r->next) {
		if (r->processed)
			continue;
		row = netsnmp_tdata_extract_entry(r);
		ti = netsnmp_extract_table_info(r);
		if (row == NULL || ti == NULL ||
		    fn(row, ti->colnum, &v) == -1) {
			netsnmp_set_request_error(ri, r, SNMP_NOSUCHINSTANCE);
			continue;
		}
		set_val(r->requestvb, &v);
	}
	return SNMP_ERR_NOERROR;
}

static int
tunnel_col(const void *row, unsigned col, struct snmpa_val *v)
{
	return snmpa_tunnel_col(row, col, v);
}

static int
call_col(const void *row, unsigned col, struct snmpa_val *v)
{
	return snmpa_call_col(row, col, v);
}

static int
ifmap_col(const void *row, unsigned col, struct snmpa_val *v)
{
	const struct ctl_call	*c = row;

	memset(v, 0, sizeof(*v));
	v->type = SNMPA_T_UNSIGNED;
	if (col == 1)
		v->n = c->tunnel;
	else if (col == 2)
		v->n = c->call_id;
	else
		return -1;
	return 0;
}

static int
authfail_col(const void *row, unsigned col, struct snmpa_val *v)
{
	return snmpa_authfail_col(row, col, v);
}

#define TABLE_HANDLER(name, fn)						\
static int								\
name(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,	\
    netsnmp_agent_request_info *ri, netsnmp_request_info *r)		\
{									\
	(void)h;							\
	(void)reg;							\
	return table_common(ri, r, fn);					\
}
TABLE_HANDLER(tunnel_handler, tunnel_col)
TABLE_HANDLER(call_handler, call_col)
TABLE_HANDLER(ifmap_handler, ifmap_col)
TABLE_HANDLER(authfail_handler, authfail_col)

static netsnmp_tdata *
reg_table(const char *name, unsigned sub, Netsnmp_Node_Handler *fn,
    unsigned mincol, unsigned maxcol, int idx1, int idx2)
{
	oid					 o[] = { SNMPA_ROOT,
						    SNMPA_OBJECTS, sub };
	netsnmp_tdata				*t;
	netsnmp_table_registration_info		*ti;
	netsnmp_handler_registration		*reg;

	t = netsnmp_tdata_create_table(name, 0);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	reg = netsnmp_create_handler_registration(name, fn, o, OID_LENGTH(o),
	    HANDLER_CAN_RONLY);
	if (t == NULL || ti == NULL || reg == NULL) {
		snmp_log(LOG_ERR, "%s: out of memory\n", name);
		exit(1);
	}
	if (idx2 != 0)
		netsnmp_table_helper_add_indexes(ti, idx1, idx2, 0);
	else
		netsnmp_table_helper_add_indexes(ti, idx1, 0);
	ti->min_column = mincol;
	ti->max_column = maxcol;
	netsnmp_tdata_register(reg, t, ti);
	netsnmp_inject_handler_before(reg, netsnmp_create_handler(
	    "pptpdNgRefresh", refresh_handler), TABLE_TDATA_NAME);
	return t;
}

static void
snmpa_register(void)
{
	netsnmp_handler_registration	*reg;
	size_t				 i;

	for (i = 0; i < snmpa_nscalars; i++) {
		oid o[] = { SNMPA_ROOT, SNMPA_OBJECTS, SNMPA_STATS,
		    snmpa_scalars[i].col };

		reg = netsnmp_create_handler_registration(
		    snmpa_scalars[i].name, scalar_handler, o, OID_LENGTH(o),
		    HANDLER_CAN_RONLY);
		if (reg == NULL || netsnmp_register_scalar(reg) !=
		    MIB_REGISTERED_OK)
			snmp_log(LOG_ERR, "cannot register %s\n",
			    snmpa_scalars[i].name);
	}
	g.t_tunnel = reg_table("pptpdNgTunnelTable", SNMPA_TUNNEL_TABLE,
	    tunnel_handler, 2, 13, ASN_UNSIGNED, 0);
	g.t_call = reg_table("pptpdNgCallTable", SNMPA_CALL_TABLE,
	    call_handler, 2, 24, ASN_UNSIGNED, ASN_UNSIGNED);
	g.t_ifmap = reg_table("pptpdNgIfMapTable", SNMPA_IFMAP_TABLE,
	    ifmap_handler, 1, 2, ASN_INTEGER, 0);
	g.t_af = reg_table("pptpdNgAuthFailTable", SNMPA_AUTHFAIL_TABLE,
	    authfail_handler, 3, 5, ASN_INTEGER, ASN_OCTET_STR);
}

/* -O: every name and OID we serve, for tests/mib-check.sh. */
static void
print_oids(void)
{
	static const struct {
		const struct snmpa_col	*cols;
		const size_t		*n;
		const char		*prefix;
	} sets[] = {
		{ snmpa_scalars, &snmpa_nscalars, "1.1" },
		{ snmpa_tunnel_cols, &snmpa_ntunnel_cols, "1.2.1" },
		{ snmpa_call_cols, &snmpa_ncall_cols, "1.3.1" },
		{ snmpa_ifmap_cols, &snmpa_nifmap_cols, "1.4.1" },
		{ snmpa_authfail_cols, &snmpa_nauthfail_cols, "1.5.1" },
		{ snmpa_notif_objects, &snmpa_nnotif_objects, "1.6" },
		{ snmpa_notifs, &snmpa_nnotifs, "0" },
	};
	size_t	i, j, k;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		for (j = 0; j < *sets[i].n; j++) {
			printf("%s ", sets[i].cols[j].name);
			for (k = 0; k < SNMPA_ROOT_LEN; k++)
				printf(".%lu", (unsigned long)root_oid[k]);
			printf(".%s.%u\n", sets[i].prefix,
			    sets[i].cols[j].col);
		}
}

static void
drop_privileges(const char *user)
{
	struct passwd	*pw;

	if ((pw = getpwnam(user)) == NULL) {
		fprintf(stderr, "%s: no user %s\n", APP, user);
		exit(1);
	}
	if (initgroups(pw->pw_name, pw->pw_gid) == -1 ||
	    setgid(pw->pw_gid) == -1 || setuid(pw->pw_uid) == -1) {
		fprintf(stderr, "%s: cannot become %s: %s\n", APP, user,
		    strerror(errno));
		exit(1);
	}
}

static unsigned
num_arg(const char *s, unsigned lo, unsigned hi, const char *what)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "%s: %s: %s must be %u to %u\n", APP, s, what,
		    lo, hi);
		exit(2);
	}
	return (unsigned)v;
}

int
main(int argc, char *argv[])
{
	struct sigaction	 sa;
	const char		*agentx = NULL, *user = NULL;
	int			 ch, foreground = 0;

	g.sock = CONF_SOCKET_DEFAULT;
	g.cache_secs = 5;
	g.poll_secs = 5;
	g.watch.storm_threshold = 5;
	g.watch.storm_window = 60;
	while ((ch = getopt(argc, argv, "c:fOp:s:t:u:w:x:")) != -1) {
		switch (ch) {
		case 'c':
			g.cache_secs = num_arg(optarg, 0, 300, "cache time");
			break;
		case 'f':
			foreground = 1;
			break;
		case 'O':
			print_oids();
			return 0;
		case 'p':
			g.poll_secs = num_arg(optarg, 1, 3600, "poll period");
			break;
		case 's':
			g.sock = optarg;
			break;
		case 't':
			g.watch.storm_threshold = num_arg(optarg, 0, 1000000,
			    "storm threshold");
			break;
		case 'u':
			user = optarg;
			break;
		case 'w':
			g.watch.storm_window = num_arg(optarg, 1, 86400,
			    "storm window");
			break;
		case 'x':
			agentx = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (user != NULL)
		drop_privileges(user);
	else if (geteuid() == 0)
		fprintf(stderr, "%s: warning: running as root; use -u\n", APP);

	if (foreground)
		snmp_enable_stderrlog();
	else
		snmp_enable_syslog_ident(APP, LOG_DAEMON);
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID,
	    NETSNMP_DS_AGENT_ROLE, 1);
	if (agentx != NULL)
		netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
		    NETSNMP_DS_AGENT_X_SOCKET, agentx);
	/* Reconnect to a restarted master within this many seconds. */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
	    NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL, 5);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
	    NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	setenv("MIBS", "", 1);
	if (!foreground && daemon(0, 0) == -1) {
		fprintf(stderr, "%s: daemon: %s\n", APP, strerror(errno));
		return 1;
	}
	init_agent(APP);
	snmpa_register();
	init_snmp(APP);
	snmp_log(LOG_INFO, "%s started: control socket %s, cache %u s, "
	    "poll %u s\n", APP, g.sock, g.cache_secs, g.poll_secs);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	refresh(1);
	snmp_alarm_register(g.poll_secs, SA_REPEAT, poll_cb, NULL);
	while (!stop)
		agent_check_and_process(1);
	snmp_log(LOG_INFO, "%s exiting\n", APP);
	snmp_shutdown(APP);
	clear_tables();
	ctl_snap_free(&g.cur);
	return 0;
}
