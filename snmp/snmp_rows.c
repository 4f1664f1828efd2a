/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snmp_rows.c: PPTPD-NG-MIB column tables and the mapping from control-
 * socket records to MIB values; the snapshot diff behind notifications.
 * Pure: no net-snmp, no I/O, no clock (time is passed in).  The names
 * here must match snmp/PPTPD-NG-MIB.txt; tests/mib-check.sh compares them.
 */
#include <arpa/inet.h>

#include <string.h>

#include "snmp_rows.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

const struct snmpa_col snmpa_scalars[] = {
	{ 1, "pptpdNgVersion", SNMPA_T_STRING },
	{ 2, "pptpdNgUptime", SNMPA_T_UNSIGNED },
	{ 3, "pptpdNgTunnelsActive", SNMPA_T_UNSIGNED },
	{ 4, "pptpdNgTunnelsTotal", SNMPA_T_COUNTER32 },
	{ 5, "pptpdNgTunnelsRefused", SNMPA_T_COUNTER32 },
	{ 6, "pptpdNgCallsActive", SNMPA_T_UNSIGNED },
	{ 7, "pptpdNgCallsTotal", SNMPA_T_COUNTER32 },
	{ 8, "pptpdNgCallsFailed", SNMPA_T_COUNTER32 },
	{ 9, "pptpdNgCallsRefused", SNMPA_T_COUNTER32 },
	{ 10, "pptpdNgAuthFailures", SNMPA_T_COUNTER32 },
	{ 11, "pptpdNgNoGre", SNMPA_T_COUNTER32 },
	{ 12, "pptpdNgPoolSize", SNMPA_T_UNSIGNED },
	{ 13, "pptpdNgPoolUsed", SNMPA_T_UNSIGNED },
	{ 14, "pptpdNgCtrlBadMessages", SNMPA_T_COUNTER32 },
	{ 15, "pptpdNgCtrlEchoTimeouts", SNMPA_T_COUNTER32 },
	{ 16, "pptpdNgDaemonReachable", SNMPA_T_INTEGER },
	{ 17, "pptpdNgCallIdKernelBusy", SNMPA_T_COUNTER32 },
	{ 18, "pptpdNgDaeRequests", SNMPA_T_COUNTER32 },
	{ 19, "pptpdNgDaeDropped", SNMPA_T_COUNTER32 },
	{ 20, "pptpdNgDaeAcks", SNMPA_T_COUNTER32 },
	{ 21, "pptpdNgDaeNaks", SNMPA_T_COUNTER32 },
};
const size_t snmpa_nscalars = NELEM(snmpa_scalars);

const struct snmpa_col snmpa_tunnel_cols[] = {
	{ 1, "pptpdNgTunnelId", SNMPA_T_UNSIGNED },
	{ 2, "pptpdNgTunnelPeerAddrType", SNMPA_T_INTEGER },
	{ 3, "pptpdNgTunnelPeerAddr", SNMPA_T_STRING },
	{ 4, "pptpdNgTunnelPeerPort", SNMPA_T_UNSIGNED },
	{ 5, "pptpdNgTunnelLocalAddrType", SNMPA_T_INTEGER },
	{ 6, "pptpdNgTunnelLocalAddr", SNMPA_T_STRING },
	{ 7, "pptpdNgTunnelPeerHostName", SNMPA_T_STRING },
	{ 8, "pptpdNgTunnelPeerVendor", SNMPA_T_STRING },
	{ 9, "pptpdNgTunnelState", SNMPA_T_INTEGER },
	{ 10, "pptpdNgTunnelUptime", SNMPA_T_UNSIGNED },
	{ 11, "pptpdNgTunnelActiveCalls", SNMPA_T_UNSIGNED },
	{ 12, "pptpdNgTunnelCtrlRxMsgs", SNMPA_T_COUNTER64 },
	{ 13, "pptpdNgTunnelCtrlTxMsgs", SNMPA_T_COUNTER64 },
};
const size_t snmpa_ntunnel_cols = NELEM(snmpa_tunnel_cols);

const struct snmpa_col snmpa_call_cols[] = {
	{ 1, "pptpdNgCallLocalId", SNMPA_T_UNSIGNED },
	{ 2, "pptpdNgCallPeerId", SNMPA_T_UNSIGNED },
	{ 3, "pptpdNgCallUserName", SNMPA_T_STRING },
	{ 4, "pptpdNgCallPeerAddrType", SNMPA_T_INTEGER },
	{ 5, "pptpdNgCallPeerAddr", SNMPA_T_STRING },
	{ 6, "pptpdNgCallPeerPort", SNMPA_T_UNSIGNED },
	{ 7, "pptpdNgCallFramedAddrType", SNMPA_T_INTEGER },
	{ 8, "pptpdNgCallFramedAddr", SNMPA_T_STRING },
	{ 9, "pptpdNgCallIfName", SNMPA_T_STRING },
	{ 10, "pptpdNgCallIfIndex", SNMPA_T_INTEGER },
	{ 11, "pptpdNgCallDataPath", SNMPA_T_INTEGER },
	{ 12, "pptpdNgCallState", SNMPA_T_INTEGER },
	{ 13, "pptpdNgCallUptime", SNMPA_T_UNSIGNED },
	{ 14, "pptpdNgCallRxOctets", SNMPA_T_COUNTER64 },
	{ 15, "pptpdNgCallTxOctets", SNMPA_T_COUNTER64 },
	{ 16, "pptpdNgCallRxPkts", SNMPA_T_COUNTER64 },
	{ 17, "pptpdNgCallTxPkts", SNMPA_T_COUNTER64 },
	{ 18, "pptpdNgCallGreLost", SNMPA_T_COUNTER64 },
	{ 19, "pptpdNgCallGreReordered", SNMPA_T_COUNTER64 },
	{ 20, "pptpdNgCallGreDuplicates", SNMPA_T_COUNTER64 },
	{ 21, "pptpdNgCallGreAckTimeouts", SNMPA_T_COUNTER64 },
	{ 22, "pptpdNgCallGreRtt", SNMPA_T_UNSIGNED },
	{ 23, "pptpdNgCallPppdPid", SNMPA_T_UNSIGNED },
	{ 24, "pptpdNgCallUserChannel", SNMPA_T_INTEGER },
};
const size_t snmpa_ncall_cols = NELEM(snmpa_call_cols);

const struct snmpa_col snmpa_ifmap_cols[] = {
	{ 1, "pptpdNgIfMapTunnelId", SNMPA_T_UNSIGNED },
	{ 2, "pptpdNgIfMapCallLocalId", SNMPA_T_UNSIGNED },
};
const size_t snmpa_nifmap_cols = NELEM(snmpa_ifmap_cols);

const struct snmpa_col snmpa_authfail_cols[] = {
	{ 1, "pptpdNgAuthFailPeerAddrType", SNMPA_T_INTEGER },
	{ 2, "pptpdNgAuthFailPeerAddr", SNMPA_T_STRING },
	{ 3, "pptpdNgAuthFailCount", SNMPA_T_COUNTER32 },
	{ 4, "pptpdNgAuthFailLastUser", SNMPA_T_STRING },
	{ 5, "pptpdNgAuthFailLastAge", SNMPA_T_UNSIGNED },
};
const size_t snmpa_nauthfail_cols = NELEM(snmpa_authfail_cols);

const struct snmpa_col snmpa_notif_objects[] = {
	{ 1, "pptpdNgNotifAuthFailRate", SNMPA_T_UNSIGNED },
	{ 2, "pptpdNgNotifAuthFailWindow", SNMPA_T_UNSIGNED },
};
const size_t snmpa_nnotif_objects = NELEM(snmpa_notif_objects);

const struct snmpa_col snmpa_notifs[] = {
	{ SNMPA_N_CALL_UP, "pptpdNgCallUp", SNMPA_T_INTEGER },
	{ SNMPA_N_CALL_DOWN, "pptpdNgCallDown", SNMPA_T_INTEGER },
	{ SNMPA_N_AUTH_STORM, "pptpdNgAuthFailureStorm", SNMPA_T_INTEGER },
	{ SNMPA_N_POOL_EXHAUSTED, "pptpdNgPoolExhausted", SNMPA_T_INTEGER },
};
const size_t snmpa_nnotifs = NELEM(snmpa_notifs);

const char *
snmpa_col_name(const struct snmpa_col *cols, size_t n, unsigned col)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cols[i].col == col)
			return cols[i].name;
	return NULL;
}

static void
num(struct snmpa_val *v, enum snmpa_type t, uint64_t n)
{
	v->type = t;
	/* Counter32 and Gauge32 wrap or clamp the daemon's 64 bits. */
	if (t == SNMPA_T_COUNTER32)
		n &= 0xffffffffULL;
	else if (t == SNMPA_T_UNSIGNED && n > 0xffffffffULL)
		n = 0xffffffffULL;
	v->n = n;
}

static void
str(struct snmpa_val *v, const char *s)
{
	size_t	len = strnlen(s, sizeof(v->s));

	v->type = SNMPA_T_STRING;
	memcpy(v->s, s, len);
	v->slen = len;
}

int
snmpa_inet(const char *text, uint8_t *out, size_t *len)
{
	if (inet_pton(AF_INET, text, out) == 1) {
		*len = 4;
		return 1;
	}
	if (inet_pton(AF_INET6, text, out) == 1) {
		*len = 16;
		return 2;
	}
	*len = 0;
	return 0;
}

static void
val_inet_type(struct snmpa_val *v, const char *text)
{
	uint8_t	b[16];
	size_t	len;

	num(v, SNMPA_T_INTEGER, (uint64_t)snmpa_inet(text, b, &len));
}

static void
val_inet_addr(struct snmpa_val *v, const char *text)
{
	v->type = SNMPA_T_STRING;
	(void)snmpa_inet(text, v->s, &v->slen);
}

/* One name table per enumeration of the MIB; 0 is "unknown". */
static uint64_t
enum_of(const char *s, const char *const *names, size_t n, uint64_t dflt)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i + 1;
	return dflt;
}

int
snmpa_scalar(const struct ctl_stats *st, int reachable, unsigned id,
    struct snmpa_val *v)
{
	memset(v, 0, sizeof(*v));
	switch (id) {
	case 1: str(v, st->version); break;
	case 2: num(v, SNMPA_T_UNSIGNED, st->uptime); break;
	case 3: num(v, SNMPA_T_UNSIGNED, st->tunnels_active); break;
	case 4: num(v, SNMPA_T_COUNTER32, st->tunnels_total); break;
	case 5:
		num(v, SNMPA_T_COUNTER32, st->tunnels_refused_limit +
		    st->tunnels_refused_source + st->tunnels_refused_stopping);
		break;
	case 6: num(v, SNMPA_T_UNSIGNED, st->calls_active); break;
	case 7: num(v, SNMPA_T_COUNTER32, st->calls_total); break;
	case 8: num(v, SNMPA_T_COUNTER32, st->calls_failed); break;
	case 9:
		num(v, SNMPA_T_COUNTER32, st->calls_refused_pool +
		    st->calls_refused_callid + st->calls_spawn_failed);
		break;
	case 10: num(v, SNMPA_T_COUNTER32, st->auth_failures); break;
	case 11: num(v, SNMPA_T_COUNTER32, st->no_gre); break;
	case 12: num(v, SNMPA_T_UNSIGNED, st->pool_size); break;
	case 13: num(v, SNMPA_T_UNSIGNED, st->pool_used); break;
	case 14:
		num(v, SNMPA_T_COUNTER32, st->ctrl[CTRL_STAT_RX_BAD_MSG] +
		    st->ctrl[CTRL_STAT_FRAME_ERR]);
		break;
	case 15:
		num(v, SNMPA_T_COUNTER32, st->ctrl[CTRL_STAT_ECHO_TIMEOUT]);
		break;
	case 16: num(v, SNMPA_T_INTEGER, reachable ? 1 : 2); break;
	case 17: num(v, SNMPA_T_COUNTER32, st->callid_kernel_busy); break;
	case 18: num(v, SNMPA_T_COUNTER32, st->dae_rx); break;
	case 19:
		num(v, SNMPA_T_COUNTER32, st->dae_drop_client +
		    st->dae_drop_malformed + st->dae_drop_auth +
		    st->dae_drop_msgauth + st->dae_drop_no_msgauth +
		    st->dae_drop_stale);
		break;
	case 20: num(v, SNMPA_T_COUNTER32, st->dae_ack); break;
	case 21:
		num(v, SNMPA_T_COUNTER32, st->dae_nak_session +
		    st->dae_nak_attr + st->dae_nak_missing +
		    st->dae_nak_invalid + st->dae_nak_coa);
		break;
	default:
		return -1;
	}
	return 0;
}

int
snmpa_tunnel_col(const struct ctl_tunnel *t, unsigned col,
    struct snmpa_val *v)
{
	static const char *const states[] = { "wait-sccrq", "established",
	    "wait-stop-reply", "closed" };

	memset(v, 0, sizeof(*v));
	switch (col) {
	case 2: val_inet_type(v, t->peer); break;
	case 3: val_inet_addr(v, t->peer); break;
	case 4: num(v, SNMPA_T_UNSIGNED, t->peer_port); break;
	case 5: val_inet_type(v, t->local); break;
	case 6: val_inet_addr(v, t->local); break;
	case 7: str(v, t->host); break;
	case 8: str(v, t->vendor); break;
	case 9:
		num(v, SNMPA_T_INTEGER, enum_of(t->state, states,
		    NELEM(states), 0));
		break;
	case 10: num(v, SNMPA_T_UNSIGNED, t->uptime); break;
	case 11: num(v, SNMPA_T_UNSIGNED, t->calls); break;
	case 12: num(v, SNMPA_T_COUNTER64, t->rx_msgs); break;
	case 13: num(v, SNMPA_T_COUNTER64, t->tx_msgs); break;
	default:
		return -1;
	}
	return 0;
}

int
snmpa_call_col(const struct ctl_call *c, unsigned col, struct snmpa_val *v)
{
	static const char *const paths[] = { "unknown", "kernel", "user" };
	static const char *const states[] = { "starting", "up", "clearing" };
	static const char *const chans[] = { "none", "l2tp", "pty", "tap" };

	memset(v, 0, sizeof(*v));
	switch (col) {
	case 2: num(v, SNMPA_T_UNSIGNED, c->peer_call_id); break;
	case 3: str(v, c->user); break;
	case 4: val_inet_type(v, c->peer); break;
	case 5: val_inet_addr(v, c->peer); break;
	case 6: num(v, SNMPA_T_UNSIGNED, c->peer_port); break;
	case 7: val_inet_type(v, c->addr); break;
	case 8: val_inet_addr(v, c->addr); break;
	case 9: str(v, c->ifname); break;
	case 10:
		num(v, SNMPA_T_INTEGER, c->ifindex > 0x7fffffff ? 0 :
		    c->ifindex);
		break;
	case 11:
		num(v, SNMPA_T_INTEGER, enum_of(c->mode, paths, NELEM(paths),
		    1));
		break;
	case 12:
		num(v, SNMPA_T_INTEGER, enum_of(c->state, states,
		    NELEM(states), 1));
		break;
	case 13: num(v, SNMPA_T_UNSIGNED, c->uptime); break;
	case 14: num(v, SNMPA_T_COUNTER64, c->rx_bytes); break;
	case 15: num(v, SNMPA_T_COUNTER64, c->tx_bytes); break;
	case 16: num(v, SNMPA_T_COUNTER64, c->rx_pkts); break;
	case 17: num(v, SNMPA_T_COUNTER64, c->tx_pkts); break;
	case 18: num(v, SNMPA_T_COUNTER64, c->gre.rx_lost); break;
	case 19: num(v, SNMPA_T_COUNTER64, c->gre.rx_buffered); break;
	case 20:
		num(v, SNMPA_T_COUNTER64, c->gre.rx_late_or_dup +
		    c->gre.rx_dup_queued);
		break;
	case 21: num(v, SNMPA_T_COUNTER64, c->gre.ack_timeouts); break;
	case 22: num(v, SNMPA_T_UNSIGNED, c->gre.rtt_us); break;
	case 23: num(v, SNMPA_T_UNSIGNED, c->pid); break;
	case 24:
		num(v, SNMPA_T_INTEGER, enum_of(c->channel, chans,
		    NELEM(chans), 1));
		break;
	default:
		return -1;
	}
	return 0;
}

int
snmpa_authfail_col(const struct ctl_authfail *a, unsigned col,
    struct snmpa_val *v)
{
	memset(v, 0, sizeof(*v));
	switch (col) {
	case 3: num(v, SNMPA_T_COUNTER32, a->count); break;
	case 4: str(v, a->user); break;
	case 5: num(v, SNMPA_T_UNSIGNED, a->age); break;
	default:
		return -1;
	}
	return 0;
}

static const struct ctl_call *
find_call(const struct ctl_snap *s, const struct ctl_call *c)
{
	size_t	i;

	for (i = 0; i < s->ncalls; i++)
		if (s->calls[i].tunnel == c->tunnel &&
		    s->calls[i].call_id == c->call_id &&
		    s->calls[i].pid == c->pid)
			return &s->calls[i];
	return NULL;
}

static int
is_up(const struct ctl_call *c)
{
	return c != NULL && strcmp(c->state, "up") == 0;
}

size_t
snmpa_diff(struct snmpa_watch *w, const struct ctl_snap *old,
    const struct ctl_snap *cur, uint64_t now,
    void (*emit)(void *, const struct snmpa_event *), void *arg)
{
	struct snmpa_event	 ev;
	size_t			 i, n = 0;
	uint64_t		 fails = cur->stats.auth_failures;

	if (!w->primed) {
		w->primed = 1;
		w->storm_t0 = now;
		w->storm_base = fails;
		w->storm_last = fails;
		w->pool_full = cur->stats.pool_size > 0 &&
		    cur->stats.pool_used >= cur->stats.pool_size;
		return 0;
	}
	for (i = 0; i < cur->ncalls; i++)
		if (is_up(&cur->calls[i]) &&
		    !is_up(find_call(old, &cur->calls[i]))) {
			memset(&ev, 0, sizeof(ev));
			ev.type = SNMPA_N_CALL_UP;
			ev.call = &cur->calls[i];
			emit(arg, &ev);
			n++;
		}
	for (i = 0; i < old->ncalls; i++)
		if (is_up(&old->calls[i]) &&
		    !is_up(find_call(cur, &old->calls[i]))) {
			memset(&ev, 0, sizeof(ev));
			ev.type = SNMPA_N_CALL_DOWN;
			ev.call = &old->calls[i];
			emit(arg, &ev);
			n++;
		}
	/*
	 * Tumbling windows: at most one storm notification per window.  A
	 * daemon restart resets its counters: a new window starts too.
	 */
	if (fails < w->storm_last) {
		w->storm_t0 = now;
		w->storm_base = 0;
		w->storm_active = 0;
	} else if (now - w->storm_t0 >= w->storm_window) {
		/* Failures since the last poll belong to the new window. */
		w->storm_t0 = now;
		w->storm_base = w->storm_last;
		w->storm_active = 0;
	}
	w->storm_last = fails;
	if (!w->storm_active && w->storm_threshold > 0 &&
	    fails - w->storm_base >= w->storm_threshold) {
		memset(&ev, 0, sizeof(ev));
		ev.type = SNMPA_N_AUTH_STORM;
		ev.rate = fails - w->storm_base;
		emit(arg, &ev);
		w->storm_active = 1;
		n++;
	}
	if (cur->stats.pool_size > 0 &&
	    cur->stats.pool_used >= cur->stats.pool_size) {
		if (!w->pool_full) {
			memset(&ev, 0, sizeof(ev));
			ev.type = SNMPA_N_POOL_EXHAUSTED;
			emit(arg, &ev);
			n++;
		}
		w->pool_full = 1;
	} else
		w->pool_full = 0;
	return n;
}
