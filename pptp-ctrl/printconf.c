/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printconf.c: `pptpd-ng -n`: prints the effective settings in pptpd.conf
 * syntax (every keyword, defaults included; re-parsing the output gives
 * the same settings) and checks them against facts about the host that
 * the caller gathered (pppd options text, interfaces).  Pure: it never
 * opens a file, never resolves a name and never looks at the system.
 */
#include <stdlib.h>
#include <string.h>

#include "printconf.h"

/* The words in a pppd options file that pptpd-ng has an opinion on. */
struct opt_rule {
	const char	*word;
	enum conf_sev	 sev;
	const char	*advice;
};

#define OLD_MPPE	"is the old MPPE-patch syntax: stock pppd (2.4.2 and " \
			"later, 2.5) rejects it and every call fails; write " \
			"'require-mppe-128' instead (plus 'nomppe-stateful' " \
			"if it said 'stateless')"
#define CLEAR_PAP	"lets clients send their password in clear text; " \
			"remove it"
#define WEAK_CHAP	"allows CHAP-MD5, which needs clear-text secrets and " \
			"yields no MPPE keys; remove it"
#define WEAK_MSCHAP	"allows MS-CHAPv1, weaker still than MS-CHAPv2; " \
			"remove it"

static const struct opt_rule opt_rules[] = {
	{ "+pap", CONF_WARNING, CLEAR_PAP },
	{ "require-pap", CONF_WARNING, CLEAR_PAP },
	{ "+chap", CONF_WARNING, WEAK_CHAP },
	{ "require-chap", CONF_WARNING, WEAK_CHAP },
	{ "+mschap", CONF_WARNING, WEAK_MSCHAP },
	{ "require-mschap", CONF_WARNING, WEAK_MSCHAP },
	{ "refuse-mschap-v2", CONF_WARNING, "only stops pppd from "
	    "authenticating itself to the client with MS-CHAPv2; it does not "
	    "change what clients must use; remove it" },
	{ "noauth", CONF_WARNING, "lets clients connect without "
	    "authenticating; remove it" },
	{ "nomppe", CONF_WARNING, "turns encryption off, so traffic crosses "
	    "the network in clear text; remove it" },
	{ "noccp", CONF_WARNING, "turns off CCP, which MPPE needs, so no call "
	    "can be encrypted; remove it" },
	{ "require-mppe-40", CONF_WARNING, "allows 40-bit MPPE keys; use "
	    "'require-mppe-128' instead" },
	{ "mppe", CONF_ERROR, OLD_MPPE },
	{ "+mppe", CONF_ERROR, OLD_MPPE },
	{ "-mppe", CONF_ERROR, OLD_MPPE },
	{ "mppe-40", CONF_ERROR, OLD_MPPE },
	{ "mppe-128", CONF_ERROR, OLD_MPPE },
	{ "+mppe-40", CONF_ERROR, OLD_MPPE },
	{ "+mppe-128", CONF_ERROR, OLD_MPPE },
	{ "-mppe-40", CONF_ERROR, OLD_MPPE },
	{ "-mppe-128", CONF_ERROR, OLD_MPPE },
	{ "mppe-stateless", CONF_ERROR, OLD_MPPE },
};
#define OPT_NRULES	(sizeof(opt_rules) / sizeof(opt_rules[0]))

/* The words the options file must contain. */
enum opt_need {
	NEED_MSCHAPV2,
	NEED_MPPE128,
	NEED_PROXYARP,		/* not required; silences the subnet check */
	NEED__COUNT
};
static const char *const opt_need_words[NEED__COUNT] = {
	"require-mschap-v2", "require-mppe-128", "proxyarp"
};

struct opt_scan {
	unsigned	 rule_line[OPT_NRULES];	/* 0: not seen */
	bool		 need[NEED__COUNT];
};

static bool	 opt_word(const char *, size_t, size_t *, char *, size_t);
static void	 opt_scan(const char *, size_t, struct opt_scan *);
static void	 check_options(const struct conf *, struct conf_diag *,
		    const struct conf_env *, bool *);
static void	 check_pool(const struct conf *, struct conf_diag *,
		    const struct pool *);
static void	 check_subnets(struct conf_diag *, const struct conf_env *,
		    bool);

void
conf_print(FILE *f, const struct conf *c, const struct pool *p)
{
	char		 v[CONF_SPEC_MAX], a[POOL_ADDRSTRLEN];
	char		 b[POOL_ADDRSTRLEN];
	const char	*name;
	int		 kw, on;

	fprintf(f, "# pptpd-ng effective settings; '#keyword' is off or "
	    "unset\n");
	for (kw = 0; kw < CONF_KW__COUNT; kw++) {
		name = conf_kw_name((enum conf_kw)kw);
		on = conf_value_str(c, (enum conf_kw)kw, v, sizeof(v));
		/* Unset lists mean poptop's defaults, unless delegated. */
		if (kw == CONF_KW_LOCALIP && !on && !c->delegate)
			on = snprintf(v, sizeof(v), CONF_LOCALIP_DEFAULT);
		if (kw == CONF_KW_REMOTEIP && !on && !c->delegate)
			on = snprintf(v, sizeof(v), CONF_REMOTEIP_DEFAULT);
		if (kw == CONF_KW_CONNECTIONS && p != NULL && !c->delegate)
			(void)snprintf(v, sizeof(v), "%u", p->size);
		fprintf(f, "%s%s%s%s\n", on ? "" : "#", name,
		    v[0] != '\0' ? " " : "", v);
	}
	if (c->delegate) {
		fprintf(f, "# pool: none, pppd allocates addresses "
		    "(delegate; localip and remoteip are ignored)\n");
		return;
	}
	if (p == NULL || p->size == 0)
		return;
	pool_addr_str(p->local[0], a, sizeof(a));
	pool_addr_str(p->remote[0], b, sizeof(b));
	fprintf(f, "# pool: %u slot%s, first %s:%s", p->size,
	    p->size == 1 ? "" : "s", a, b);
	pool_addr_str(p->local[p->size - 1], a, sizeof(a));
	pool_addr_str(p->remote[p->size - 1], b, sizeof(b));
	fprintf(f, ", last %s:%s%s\n", a, b, p->shared_local ?
	    ", one local address for all" : "");
}

/*
 * One word of a pppd options file starting at *pos: pppd's syntax is
 * white-space separated words, '#' comments to the end of the line and
 * quoted strings.  Returns false at the end of the text.
 */
static bool
opt_word(const char *s, size_t len, size_t *pos, char *w, size_t cap)
{
	size_t	i = *pos, n = 0;
	char	q;

	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i < len && s[i] == '#') {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		break;
	}
	if (i >= len) {
		*pos = i;
		return false;
	}
	if (s[i] == '"' || s[i] == '\'') {
		q = s[i++];
		while (i < len && s[i] != q) {
			if (n + 1 < cap)
				w[n++] = s[i];
			i++;
		}
		if (i < len)
			i++;
	} else {
		while (i < len && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r') {
			if (n + 1 < cap)
				w[n++] = s[i];
			i++;
		}
	}
	w[n] = '\0';
	*pos = i;
	return true;
}

static void
opt_scan(const char *s, size_t len, struct opt_scan *sc)
{
	char		w[64];
	size_t		pos = 0, prev, i, k;
	unsigned	line = 1;

	memset(sc, 0, sizeof(*sc));
	for (;;) {
		prev = pos;
		if (!opt_word(s, len, &pos, w, sizeof(w)))
			break;
		for (k = prev; k < pos; k++)
			if (s[k] == '\n')
				line++;
		for (i = 0; i < OPT_NRULES; i++)
			if (strcmp(w, opt_rules[i].word) == 0 &&
			    sc->rule_line[i] == 0)
				sc->rule_line[i] = line;
		for (i = 0; i < NEED__COUNT; i++)
			if (strcmp(w, opt_need_words[i]) == 0)
				sc->need[i] = true;
	}
}

static void
check_options(const struct conf *c, struct conf_diag *d,
    const struct conf_env *env, bool *proxyarp)
{
	struct opt_scan	 sc;
	const char	*path = c->option;
	size_t		 i;

	*proxyarp = false;
	if (path[0] == '\0') {
		conf_diag_add(d, CONF_WARNING, 0, "option is not set: pppd "
		    "reads only " CONF_OPTIONS_PPPD ", which every other use "
		    "of pppd shares; set 'option /etc/ppp/pptpd-options'");
		return;
	}
	if (env->options_unreadable) {
		conf_diag_add(d, CONF_ERROR, c->line[CONF_KW_OPTION], "option: "
		    "cannot read %s; pptpd-ng (like pptpd) will not start",
		    path);
		return;
	}
	if (!env->options_read)
		return;
	opt_scan(env->options, env->options_len, &sc);
	*proxyarp = sc.need[NEED_PROXYARP];
	for (i = 0; i < OPT_NRULES; i++)
		if (sc.rule_line[i] != 0)
			conf_diag_add(d, opt_rules[i].sev, 0, "%s:%u: '%s' %s",
			    path, sc.rule_line[i], opt_rules[i].word,
			    opt_rules[i].advice);
	if (!sc.need[NEED_MSCHAPV2])
		conf_diag_add(d, CONF_WARNING, 0, "%s: no 'require-mschap-v2': "
		    "add it so that clients must authenticate with MS-CHAPv2, "
		    "the only PPTP method that yields MPPE keys", path);
	if (!sc.need[NEED_MPPE128])
		conf_diag_add(d, CONF_WARNING, 0, "%s: no 'require-mppe-128': "
		    "add it so that every call is encrypted with 128-bit MPPE; "
		    "without it a client may connect unencrypted", path);
}

static void
check_pool(const struct conf *c, struct conf_diag *d, const struct pool *p)
{
	char		 s[POOL_ADDRSTRLEN];
	uint32_t	*loc;
	unsigned	 i, nloc;

	if (p->size < c->connections)
		conf_diag_add(d, CONF_WARNING, c->line[CONF_KW_CONNECTIONS],
		    "connections is %u but %s gives only %u address%s: at "
		    "most %u clients at once", c->connections,
		    p->nremote == p->size ? "remoteip" : "localip",
		    p->size, p->size == 1 ? "" : "es", p->size);
	nloc = p->shared_local ? 1 : p->size;
	if ((loc = calloc(nloc, sizeof(*loc))) == NULL)
		return;
	memcpy(loc, p->local, nloc * sizeof(*loc));
	qsort(loc, nloc, sizeof(*loc), pool_cmp_addr);
	for (i = 0; i < p->size; i++) {
		if (bsearch(&p->remote[i], loc, nloc, sizeof(*loc),
		    pool_cmp_addr) == NULL)
			continue;
		pool_addr_str(p->remote[i], s, sizeof(s));
		conf_diag_add(d, CONF_WARNING, c->line[CONF_KW_REMOTEIP],
		    "remoteip: %s is also a localip address; each tunnel "
		    "needs two different addresses", s);
		break;
	}
	free(loc);
}

static void
check_subnets(struct conf_diag *d, const struct conf_env *env,
    bool proxyarp)
{
	const struct pool_ifaddr	*ifa;
	const struct pool		*p = env->pool;
	char				 s[POOL_ADDRSTRLEN], net[POOL_ADDRSTRLEN];
	unsigned			 n, first = 0;
	size_t				 i;

	for (i = 0; i < env->nifs; i++) {
		ifa = &env->ifs[i];
		if (pool_count_in_subnet(p, true, ifa->addr, 32, &first) > 0) {
			pool_addr_str(ifa->addr, s, sizeof(s));
			conf_diag_add(d, CONF_ERROR, 0, "remoteip: %s is the "
			    "address of interface %.16s; remove it from the "
			    "pool", s, ifa->name);
			continue;
		}
		if (proxyarp)
			continue;
		n = pool_count_in_subnet(p, true, ifa->addr, ifa->prefixlen,
		    &first);
		if (n == 0)
			continue;
		pool_addr_str(p->remote[first], s, sizeof(s));
		pool_addr_str(ifa->addr & (ifa->prefixlen == 0 ? 0 :
		    UINT32_MAX << (32 - (ifa->prefixlen > 32 ? 32 :
		    ifa->prefixlen))), net, sizeof(net));
		conf_diag_add(d, CONF_WARNING, 0, "pool overlaps local "
		    "interface subnet: %u remote address%s (first %s) in "
		    "%.16s's %s/%u; hosts there reach clients only with "
		    "'proxyarp' in the pppd options file", n, n == 1 ? "" :
		    "es", s, ifa->name, net, ifa->prefixlen);
	}
}

/*
 * Warnings (and errors) about a configuration that parsed: weak pppd
 * options, a pool that is short or clashes with this host's addresses,
 * files the daemon cannot use.  Returns -1 if an error was reported.
 */
int
conf_check(const struct conf *c, struct conf_diag *d,
    const struct conf_env *env)
{
	unsigned	errors = d->errors;
	bool		proxyarp;

	if (env->ppp_unexecutable)
		conf_diag_add(d, CONF_ERROR, c->line[CONF_KW_PPP], "ppp: %s is "
		    "not executable; pptpd-ng (like pptpd) will not start",
		    c->ppp);
	if (env->privsep_user_missing)
		conf_diag_add(d, CONF_WARNING, c->line[CONF_KW_PRIVSEP_USER],
		    "privsep-user %s does not exist: the network process will "
		    "run as nobody; create the user "
		    "(contrib/sysusers/pptpd-ng.conf) to give it its own",
		    c->privsep_user);
	if (env->privsep_user_root)
		conf_diag_add(d, CONF_ERROR, c->line[CONF_KW_PRIVSEP_USER],
		    "privsep-user %s is root; name an unprivileged user; "
		    "pptpd-ng will not start", c->privsep_user);
	check_options(c, d, env, &proxyarp);
	if (env->pool != NULL && !c->delegate && env->pool->size > 0) {
		check_pool(c, d, env->pool);
		check_subnets(d, env, proxyarp);
	}
	if (c->echo_failures != 0 && c->echo_interval *
	    (c->echo_failures + 1) > 3600)
		conf_diag_add(d, CONF_WARNING,
		    c->line[CONF_KW_ECHO_INTERVAL], "echo-interval %u with "
		    "echo-failures %u takes over an hour to notice a dead "
		    "peer", c->echo_interval, c->echo_failures);
	if (c->dae_listen[0] != '\0' && c->dae_clients[0] == '\0')
		conf_diag_add(d, CONF_ERROR, c->line[CONF_KW_DAE_LISTEN],
		    "dae-listen needs dae-clients, the file of RADIUS servers "
		    "and secrets allowed to send Disconnect-Requests; "
		    "pptpd-ng will not start");
	else if (c->dae_clients[0] != '\0' && c->dae_listen[0] == '\0')
		conf_diag_add(d, CONF_WARNING, c->line[CONF_KW_DAE_CLIENTS],
		    "dae-clients is set but dae-listen is not: RFC 5176 "
		    "requests are not answered");
	return d->errors > errors ? -1 : 0;
}
