/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snmp_rows.h: the PPTPD-NG-MIB as data (OIDs, scalar and column numbers,
 * SMI types) and the pure mapping from a control-socket snapshot to MIB
 * values, table indexes and notifications.  No net-snmp, no I/O, no
 * clock: pptpd_ng_snmp.c is the shell that registers and sends.
 */
#ifndef PPTPNG_SNMP_ROWS_H
#define PPTPNG_SNMP_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "../pptp-ctrl/ctl_client.h"

/*
 * netSnmpPlaypen.1723 (1.3.6.1.4.1.8072.9999.9999.1723) until an IANA
 * Private Enterprise Number is assigned; one constant to change.
 */
#define SNMPA_ROOT		1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1723
#define SNMPA_ROOT_LEN		10

/* Under the root. */
#define SNMPA_NOTIFS		0	/* pptpdNgNotifications */
#define SNMPA_OBJECTS		1	/* pptpdNgObjects */
/* Under pptpdNgObjects. */
#define SNMPA_STATS		1
#define SNMPA_TUNNEL_TABLE	2
#define SNMPA_CALL_TABLE	3
#define SNMPA_IFMAP_TABLE	4
#define SNMPA_AUTHFAIL_TABLE	5
#define SNMPA_NOTIF_OBJECTS	6

enum snmpa_type {
	SNMPA_T_INTEGER,	/* INTEGER, enumerations, TruthValue */
	SNMPA_T_UNSIGNED,	/* Unsigned32 / Gauge32 */
	SNMPA_T_COUNTER32,
	SNMPA_T_COUNTER64,
	SNMPA_T_STRING,		/* DisplayString, InetAddress */
};

struct snmpa_val {
	enum snmpa_type	type;
	uint64_t	n;		/* numbers; counters wrap at 2^32 */
	uint8_t		s[72];		/* strings: bytes, not terminated */
	size_t		slen;
};

struct snmpa_col {
	unsigned	 col;		/* sub-identifier in the entry */
	const char	*name;		/* MIB descriptor */
	enum snmpa_type	 type;
};

/* The tables are ordered by col; index columns are listed (not read). */
extern const struct snmpa_col	snmpa_scalars[];
extern const size_t		snmpa_nscalars;
extern const struct snmpa_col	snmpa_tunnel_cols[];
extern const size_t		snmpa_ntunnel_cols;
extern const struct snmpa_col	snmpa_call_cols[];
extern const size_t		snmpa_ncall_cols;
extern const struct snmpa_col	snmpa_ifmap_cols[];
extern const size_t		snmpa_nifmap_cols;
extern const struct snmpa_col	snmpa_authfail_cols[];
extern const size_t		snmpa_nauthfail_cols;
extern const struct snmpa_col	snmpa_notif_objects[];
extern const size_t		snmpa_nnotif_objects;
extern const struct snmpa_col	snmpa_notifs[];	/* type unused */
extern const size_t		snmpa_nnotifs;

/* Notifications (sub-identifiers under pptpdNgNotifications). */
enum snmpa_notif {
	SNMPA_N_CALL_UP = 1,
	SNMPA_N_CALL_DOWN = 2,
	SNMPA_N_AUTH_STORM = 3,
	SNMPA_N_POOL_EXHAUSTED = 4,
	/* 5, 6: RADIUS server down/up, reserved for the RADIUS work. */
};

/* Values: 0, or -1 when the column is an index or does not exist. */
int	snmpa_scalar(const struct ctl_stats *, int, unsigned,
	    struct snmpa_val *);
int	snmpa_tunnel_col(const struct ctl_tunnel *, unsigned,
	    struct snmpa_val *);
int	snmpa_call_col(const struct ctl_call *, unsigned, struct snmpa_val *);
int	snmpa_authfail_col(const struct ctl_authfail *, unsigned,
	    struct snmpa_val *);

/* InetAddressType (0 unknown, 1 ipv4, 2 ipv6) and bytes of a text addr. */
int	snmpa_inet(const char *, uint8_t *, size_t *);

/* Column name by number, for logs and the OID listing; NULL if none. */
const char *snmpa_col_name(const struct snmpa_col *, size_t, unsigned);

/* What changed between two snapshots, to be sent as notifications. */
struct snmpa_watch {
	unsigned	storm_threshold;	/* failures per window */
	unsigned	storm_window;		/* seconds */
	uint64_t	storm_t0;		/* window start */
	uint64_t	storm_base;		/* auth_failures at t0 */
	uint64_t	storm_last;		/* at the previous poll */
	int		storm_active;		/* sent; re-arm next window */
	int		pool_full;		/* sent; re-arm below full */
	int		primed;			/* one snapshot seen */
};

struct snmpa_event {
	enum snmpa_notif	 type;
	const struct ctl_call	*call;		/* CALL_UP (new), DOWN (old) */
	uint64_t		 rate;		/* AUTH_STORM: in the window */
};

/*
 * Compares old (may be empty) with cur at time now (seconds) and calls
 * emit for each event; returns how many.  The first call only primes.
 */
size_t	snmpa_diff(struct snmpa_watch *, const struct ctl_snap *,
	    const struct ctl_snap *, uint64_t,
	    void (*)(void *, const struct snmpa_event *), void *);

#endif /* PPTPNG_SNMP_ROWS_H */
