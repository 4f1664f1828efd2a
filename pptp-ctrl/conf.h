/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf.h: struct conf, every setting of pptpd.conf (poptop's keywords and
 * pptpd-ng's own), and the diagnostics the parser collects for the admin.
 * Pure: nothing declared here opens files, reads the clock or logs;
 * conf_load() (conf_load.c) is the one entry point that reads a file.
 */
#ifndef PPTPNG_CONF_H
#define PPTPNG_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * poptop reads lines with fgets() into 511 bytes: a line of 510 or more
 * characters (newline not counted) is logged and ignored.
 */
#define CONF_LINE_MAX		510
#define CONF_PATH_MAX		256	/* poptop MAX_CONFIG_FILENAME_SIZE */
#define CONF_SPEC_MAX		CONF_LINE_MAX
#define CONF_IFNAME_MAX		16	/* IFNAMSIZ */
#define CONF_USER_MAX		33	/* a user name */
#define CONF_PRIVSEP_USER_DEFAULT	"pptpd-ng"
#define CONF_SOCK_MAX		108	/* sizeof(sun_path) */

#define CONF_FILE_DEFAULT	"/etc/pptpd.conf"
#define CONF_PPP_DEFAULT	"/usr/sbin/pppd"
#define CONF_PIDFILE_DEFAULT	"/var/run/pptpd.pid"
#define CONF_SOCKET_DEFAULT	"/run/pptpd-ng/control.sock"
#define CONF_LOCALIP_DEFAULT	"192.168.0.1-100"
#define CONF_REMOTEIP_DEFAULT	"192.168.1.1-100"
#define CONF_OPTIONS_PPPD	"/etc/ppp/options"

#define CONF_CONNECTIONS_DEFAULT	100
#define CONF_SPEED_DEFAULT		115200
#define CONF_STIMEOUT_DEFAULT		10
#define CONF_ECHO_INTERVAL_DEFAULT	60
#define CONF_ECHO_FAILURES_DEFAULT	3
#define CONF_CALLS_PER_CONN_DEFAULT	16
#define CONF_PER_SOURCE_DEFAULT		0	/* unlimited */
#define CONF_BACKLOG_DEFAULT		128
#define CONF_REORDER_MAX_DEFAULT	32
#define CONF_REORDER_MS_DEFAULT		50
#define CONF_NO_GRE_DEFAULT		5
#define CONF_AUTHFAIL_WINDOW_DEFAULT	300
#define CONF_AUTHFAIL_BAN_DEFAULT	600
#define CONF_DAE_WINDOW_DEFAULT		300	/* RFC 5176 Event-Timestamp */
#define CONF_DAE_PORT_DEFAULT		3799	/* RFC 5176 §3 */

/* Every keyword, in the order conf_print() writes them. */
enum conf_kw {
	CONF_KW_OPTION,
	CONF_KW_PPP,
	CONF_KW_DEBUG,
	CONF_KW_STIMEOUT,
	CONF_KW_NOIPPARAM,
	CONF_KW_LOGWTMP,
	CONF_KW_BCRELAY,
	CONF_KW_DELEGATE,
	CONF_KW_CONNECTIONS,
	CONF_KW_LOCALIP,
	CONF_KW_REMOTEIP,
	CONF_KW_LISTEN,
	CONF_KW_SPEED,
	CONF_KW_PIDFILE,
	CONF_KW_VRF,
	CONF_KW_GRE_MODE,
	CONF_KW_USER_CHANNEL,
	CONF_KW_ECHO_INTERVAL,
	CONF_KW_ECHO_FAILURES,
	CONF_KW_HANDSHAKE_TIMEOUT,
	CONF_KW_CALLS_PER_CONN,
	CONF_KW_PER_SOURCE,
	CONF_KW_BACKLOG,
	CONF_KW_CONTROL_SOCKET,
	CONF_KW_REORDER_MAX,
	CONF_KW_REORDER_TIMEOUT,
	CONF_KW_NO_GRE_TIMEOUT,
	CONF_KW_CONN_RATE,
	CONF_KW_AUTHFAIL_LIMIT,
	CONF_KW_AUTHFAIL_WINDOW,
	CONF_KW_AUTHFAIL_BAN,
	CONF_KW_ALLOW,
	CONF_KW_DENY,
	CONF_KW_DAE_LISTEN,
	CONF_KW_DAE_CLIENTS,
	CONF_KW_DAE_WINDOW,
	CONF_KW_DAE_REQUIRE_MA,
	CONF_KW_PRIVSEP_USER,
	CONF_KW__COUNT
};

enum conf_gre_mode {
	CONF_GRE_AUTO,
	CONF_GRE_KERNEL,
	CONF_GRE_USER
};

/* user-channel: pppd's channel to the user-mode pump (pptp-gre(8)). */
enum conf_user_chan {
	CONF_CHAN_AUTO,
	CONF_CHAN_TAP,
	CONF_CHAN_L2TP,
	CONF_CHAN_PTY
};

/* "N/SECONDS": at most n events in secs seconds; n 0: no limit. */
struct conf_rate {
	unsigned		n;
	unsigned		secs;
};

struct conf {
	/* poptop's keywords */
	char			option[CONF_PATH_MAX];	/* "": none */
	char			ppp[CONF_PATH_MAX];
	char			localip[CONF_SPEC_MAX];	/* "": default */
	char			remoteip[CONF_SPEC_MAX];	/* "": default */
	char			listen[CONF_SPEC_MAX];	/* "": any */
	char			pidfile[CONF_PATH_MAX];
	char			bcrelay[CONF_IFNAME_MAX];	/* "": off */
	char			vrf[CONF_IFNAME_MAX];	/* accepted, unused */
	unsigned		connections;
	unsigned		stimeout;
	unsigned		speed;
	bool			debug;
	bool			noipparam;
	bool			logwtmp;
	bool			delegate;

	/* pptpd-ng's keywords */
	enum conf_gre_mode	gre_mode;
	enum conf_user_chan	user_chan;
	unsigned		echo_interval;
	unsigned		echo_failures;		/* 0: no echo */
	unsigned		handshake_timeout;	/* 0: stimeout */
	unsigned		calls_per_conn;
	unsigned		max_per_source;		/* 0: unlimited */
	unsigned		listen_backlog;
	char			control_socket[CONF_SOCK_MAX];
	unsigned		reorder_max;		/* 0: no reordering */
	unsigned		reorder_timeout_ms;
	unsigned		no_gre_timeout;		/* 0: off */
	struct conf_rate	conn_rate;		/* per source address */
	unsigned		authfail_limit;		/* 0: no ban */
	unsigned		authfail_window;	/* seconds */
	unsigned		authfail_ban;		/* seconds */
	char			allow[CONF_SPEC_MAX];	/* "": everyone */
	char			deny[CONF_SPEC_MAX];	/* "": no one */
	char			dae_listen[CONF_SPEC_MAX];	/* "": off */
	char			dae_clients[CONF_PATH_MAX];	/* secrets */
	unsigned		dae_window;		/* 0: not checked */
	bool			dae_require_ma;
	char			privsep_user[CONF_USER_MAX];

	/* Where each keyword came from: the line (0: not in the file). */
	uint64_t		set;		/* bit (1 << kw): given */
	unsigned		line[CONF_KW__COUNT];
};

/* Diagnostics: a bounded list an admin reads ("pptpd.conf:12: ..."). */
#define CONF_DIAG_MAX		64
#define CONF_DIAG_MSGLEN	200

enum conf_sev {
	CONF_WARNING,
	CONF_ERROR
};

struct conf_diag_entry {
	unsigned		line;		/* 0: not tied to a line */
	enum conf_sev		sev;
	char			msg[CONF_DIAG_MSGLEN];
};

struct conf_diag {
	const char		*file;		/* name shown before ':' */
	size_t			 n;
	size_t			 dropped;	/* entries past CONF_DIAG_MAX */
	unsigned		 errors;
	unsigned		 warnings;
	struct conf_diag_entry	 e[CONF_DIAG_MAX];
};

void		 conf_diag_init(struct conf_diag *, const char *);
void		 conf_diag_add(struct conf_diag *, enum conf_sev, unsigned,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
int		 conf_diag_format(const struct conf_diag *, size_t, char *,
		    size_t);
void		 conf_diag_print(const struct conf_diag *, FILE *);

const char	*conf_kw_name(enum conf_kw);
const char	*conf_gre_mode_name(enum conf_gre_mode);
const char	*conf_user_chan_name(enum conf_user_chan);

void		 conf_init(struct conf *);
int		 conf_parse(struct conf *, const char *, size_t,
		    struct conf_diag *);
int		 conf_set(struct conf *, const char *, const char *, unsigned,
		    struct conf_diag *);
void		 conf_override(struct conf *, const struct conf *);
unsigned	 conf_handshake_timeout(const struct conf *);
int		 conf_addrport(const char *, uint32_t *, uint16_t *);
int		 conf_value_str(const struct conf *, enum conf_kw, char *,
		    size_t);

/* conf_load.c: the thin file-reading wrapper (not pure). */
int		 conf_load(struct conf *, const char *, struct conf_diag *);

#endif
