/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * args.c: parses pptpd's command line.  Letters and long names follow
 * poptop's pptpd (-b -c -d -e -f -h -i -l -o -p -s -t -v -w -C -D -V,
 * unique long-name prefixes accepted as getopt_long does) plus -n.  A
 * small own parser instead of getopt_long(3), so it keeps no global state
 * and can run many times in one test; values go through conf_set(), the
 * same strict checks as the file.
 */
#include <string.h>

#include "args.h"

enum args_act {
	ACT_KW,		/* a pptpd.conf keyword */
	ACT_CONF,
	ACT_FG,
	ACT_HELP,
	ACT_VERSION,
	ACT_CHECK
};

struct args_opt {
	char		 letter;
	const char	*name;
	bool		 has_arg;
	enum args_act	 act;
	const char	*kw;
};

static const struct args_opt args_opts[] = {
	{ 'b', "bcrelay", true, ACT_KW, "bcrelay" },
	{ 'c', "conf", true, ACT_CONF, NULL },
	{ 'd', "debug", false, ACT_KW, "debug" },
	{ 'e', "ppp", true, ACT_KW, "ppp" },
	{ 'f', "fg", false, ACT_FG, NULL },
	{ 'h', "help", false, ACT_HELP, NULL },
	{ 'i', "noipparam", false, ACT_KW, "noipparam" },
	{ 'l', "listen", true, ACT_KW, "listen" },
	{ 'n', "check", false, ACT_CHECK, NULL },
	{ 'o', "option", true, ACT_KW, "option" },
	{ 'p', "pidfile", true, ACT_KW, "pidfile" },
	{ 's', "speed", true, ACT_KW, "speed" },
	{ 't', "stimeout", true, ACT_KW, "stimeout" },
	{ 'v', "version", false, ACT_VERSION, NULL },
	{ 'w', "logwtmp", false, ACT_KW, "logwtmp" },
	{ 'C', "connections", true, ACT_KW, "connections" },
	{ 'D', "delegate", false, ACT_KW, "delegate" },
	{ 'V', "vrf", true, ACT_KW, "vrf" },
};
#define ARGS_NOPTS	(sizeof(args_opts) / sizeof(args_opts[0]))

static const struct args_opt *args_long(const char *, size_t,
		    struct conf_diag *);
static const struct args_opt *args_short(char);
static int	 args_apply(struct args *, const struct args_opt *,
		    const char *, struct conf_diag *);

static const struct args_opt *
args_short(char ch)
{
	size_t	i;

	for (i = 0; i < ARGS_NOPTS; i++)
		if (args_opts[i].letter == ch)
			return &args_opts[i];
	return NULL;
}

/* Exact long name, else a unique prefix (getopt_long's rule). */
static const struct args_opt *
args_long(const char *name, size_t len, struct conf_diag *d)
{
	const struct args_opt	*hit = NULL;
	size_t			 i;

	for (i = 0; i < ARGS_NOPTS; i++) {
		if (strncmp(args_opts[i].name, name, len) != 0)
			continue;
		if (args_opts[i].name[len] == '\0')
			return &args_opts[i];
		if (hit != NULL) {
			conf_diag_add(d, CONF_ERROR, 0, "option '--%.*s' is "
			    "ambiguous (--%s, --%s)", (int)len, name,
			    hit->name, args_opts[i].name);
			return NULL;
		}
		hit = &args_opts[i];
	}
	if (hit == NULL)
		conf_diag_add(d, CONF_ERROR, 0, "unknown option '--%.*s'; "
		    "see -h", (int)len, name);
	return hit;
}

static int
args_apply(struct args *a, const struct args_opt *o, const char *val,
    struct conf_diag *d)
{
	switch (o->act) {
	case ACT_KW:
		return conf_set(&a->conf, o->kw, val != NULL ? val : "", 0, d);
	case ACT_CONF:
		if (val[0] == '\0') {
			conf_diag_add(d, CONF_ERROR, 0, "-c: empty file name");
			return -1;
		}
		a->conffile = val;
		return 0;
	case ACT_FG:
		a->foreground = true;
		return 0;
	case ACT_HELP:
		a->help = true;
		return 0;
	case ACT_VERSION:
		a->version = true;
		return 0;
	case ACT_CHECK:
		a->check = true;
		return 0;
	}
	return -1;
}

/*
 * Fills *a from argv.  Later flags win over earlier ones (as in pptpd);
 * conf_override(file, &a->conf) then makes them win over the file.
 * Returns 0, or -1 after reporting an error.
 */
int
args_parse(struct args *a, int argc, char *const argv[], struct conf_diag *d)
{
	const struct args_opt	*o;
	const char		*arg, *eq, *val;
	size_t			 j;
	int			 i, rc = 0;
	bool			 operands = false;

	memset(a, 0, sizeof(*a));
	conf_init(&a->conf);
	a->conffile = CONF_FILE_DEFAULT;
	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (operands || arg[0] != '-' || arg[1] == '\0') {
			conf_diag_add(d, CONF_ERROR, 0, "unexpected argument "
			    "'%.64s'", arg);
			rc = -1;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			operands = true;
			continue;
		}
		if (arg[1] == '-') {
			eq = strchr(arg + 2, '=');
			o = args_long(arg + 2, eq != NULL ? (size_t)(eq - arg - 2)
			    : strlen(arg + 2), d);
			if (o == NULL) {
				rc = -1;
				continue;
			}
			val = eq != NULL ? eq + 1 : NULL;
			if (o->has_arg && val == NULL && i + 1 < argc)
				val = argv[++i];
			if (o->has_arg && val == NULL) {
				conf_diag_add(d, CONF_ERROR, 0, "option '--%s' "
				    "needs a value", o->name);
				rc = -1;
			} else if (!o->has_arg && val != NULL) {
				conf_diag_add(d, CONF_ERROR, 0, "option '--%s' "
				    "takes no value", o->name);
				rc = -1;
			} else if (args_apply(a, o, val, d) == -1)
				rc = -1;
			continue;
		}
		for (j = 1; arg[j] != '\0'; j++) {
			if ((o = args_short(arg[j])) == NULL) {
				conf_diag_add(d, CONF_ERROR, 0, "unknown option "
				    "'-%c'; see -h", arg[j]);
				rc = -1;
				continue;
			}
			if (!o->has_arg) {
				if (args_apply(a, o, NULL, d) == -1)
					rc = -1;
				continue;
			}
			val = arg[j + 1] != '\0' ? arg + j + 1 :
			    i + 1 < argc ? argv[++i] : NULL;
			if (val == NULL) {
				conf_diag_add(d, CONF_ERROR, 0, "option '-%c' "
				    "needs a value", o->letter);
				rc = -1;
			} else if (args_apply(a, o, val, d) == -1)
				rc = -1;
			break;
		}
	}
	return rc;
}

const char *
args_usage(void)
{
	return
	    "usage: pptpd-ng [options]\n"
	    "  -b, --bcrelay IF         relay broadcasts from interface IF\n"
	    "  -c, --conf FILE          configuration file (default "
	    CONF_FILE_DEFAULT ")\n"
	    "  -C, --connections N      at most N client connections "
	    "(default 100)\n"
	    "  -d, --debug              more debugging output in the log\n"
	    "  -D, --delegate           let pppd allocate client addresses\n"
	    "  -e, --ppp FILE           pppd binary (default "
	    CONF_PPP_DEFAULT ")\n"
	    "  -f, --fg                 stay in the foreground\n"
	    "  -h, --help               show this help and exit\n"
	    "  -i, --noipparam          do not pass the client's address to "
	    "pppd as ipparam\n"
	    "  -l, --listen ADDR        listen on ADDR only (default: all "
	    "addresses)\n"
	    "  -n, --check              check the configuration, print the "
	    "effective\n"
	    "                           settings and warnings, exit 0 (ok) "
	    "or 1\n"
	    "  -o, --option FILE        pppd options file (pppd's default "
	    CONF_OPTIONS_PPPD ")\n"
	    "  -p, --pidfile FILE       process id file (default "
	    CONF_PIDFILE_DEFAULT ")\n"
	    "  -s, --speed BAUD         speed passed to pppd (default "
	    "115200)\n"
	    "  -t, --stimeout SECONDS   wait for the first control message "
	    "(default 10)\n"
	    "  -v, --version            show the version and exit\n"
	    "  -V, --vrf NAME           accepted for pptpd compatibility; "
	    "unsupported\n"
	    "  -w, --logwtmp            record logins in wtmp\n"
	    "Command-line options override the configuration file.\n";
}
