/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppd_compat.h: the one place the plugins meet pppd's API.  The plugins
 * are written against pppd 2.5's names (ppp_ifname(), ppp_set_status(),
 * ppp_add_notify(NF_...), ppp_get_link_stats(), ppp_timeout(),
 * mppe_keys_isset(), ...); on pppd 2.4.x (Debian bookworm's 2.4.9) this
 * header supplies them over 2.4's globals and functions.  2.5 is told
 * apart by its <pppd/pppdconf.h>.
 *
 * Both versions: pptp_mppe_set_keys() (2.4 has an mppe_set_keys() with
 * another meaning) and the few pppd internals a channel plugin needs that
 * 2.5 declares only in its private header (die, hungup, link_terminated,
 * log_to_fd, record_child, tty_*).  PPTP_PPPD_VERSION is pppd's version.
 */

#ifndef PPPD_COMPAT_H
#define PPPD_COMPAT_H

#include <sys/types.h>
#include <sys/param.h>	/* MAXPATHLEN */
#include <string.h>

#if defined(__has_include)
#if __has_include(<pppd/pppdconf.h>)
#define PPTP_PPPD_25	1
#endif
#endif

#ifdef PPTP_PPPD_25	/* ------------------------------------ pppd >= 2.5 */

/* 2.5's headers declare some functions as f(); keep -Wstrict-prototypes quiet. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <pppd/pppd.h>
#include <pppd/options.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/ccp.h>
#include <pppd/upap.h>
#include <pppd/chap.h>
#include <pppd/chap_ms.h>
#include <pppd/mppe.h>
#pragma GCC diagnostic pop

#define PPTP_PPPD_VERSION	PPPD_VERSION

/* Exported by pppd, declared in 2.5's pppd-private.h only. */
extern int	hungup;
extern int	log_to_fd;
void	die(int);
void	link_terminated(int);
void	record_child(int, char *, void (*)(void *), void *, int);
int	tty_establish_ppp(int);
void	tty_disestablish_ppp(int);
void	tty_send_config(int, u_int32_t, int, int);
void	tty_recv_config(int, u_int32_t, int, int);

static inline void
pptp_mppe_set_keys(unsigned char *send, unsigned char *recv, int len)
{
	mppe_set_keys(send, recv, len);
}

#else			/* ------------------------------------ pppd 2.4.x */

#include <pppd/pppd.h>
#include <pppd/patchlevel.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/ccp.h>
#include <pppd/upap.h>
#include <pppd/chap-new.h>
#ifndef MPPE
#define MPPE	1	/* chap_ms.h declares the MPPE keys only then */
#endif
#ifndef CHAPMS
#define CHAPMS	1
#endif
#include <pppd/chap_ms.h>

#define PPTP_PPPD_VERSION	VERSION

typedef enum {
	NF_PID_CHANGE,
	NF_PHASE_CHANGE,
	NF_EXIT,
	NF_SIGNALED,
	NF_IP_UP,
	NF_IP_DOWN,
	NF_IPV6_UP,
	NF_IPV6_DOWN,
	NF_AUTH_UP,
	NF_LINK_DOWN,
	NF_FORK,
	NF_MAX_NOTIFY
} ppp_notify_t;
typedef void (ppp_notify_fn)(void *, int);
typedef struct pppd_stats ppp_link_stats_st;

#define ppp_option_error	option_error
#define ppp_add_options		add_options
#define ppp_script_setenv	script_setenv
#define ppp_timeout		timeout
#define ppp_untimeout		untimeout
#define ppp_generic_establish	generic_establish_ppp
#define ppp_generic_disestablish generic_disestablish_ppp

static inline void
ppp_add_notify(ppp_notify_t type, ppp_notify_fn *fn, void *ctx)
{
	struct notifier	**list;

	switch (type) {
	case NF_PID_CHANGE:	list = &pidchange; break;
	case NF_PHASE_CHANGE:	list = &phasechange; break;
	case NF_EXIT:		list = &exitnotify; break;
	case NF_SIGNALED:	list = &sigreceived; break;
	case NF_IP_UP:		list = &ip_up_notifier; break;
	case NF_IP_DOWN:	list = &ip_down_notifier; break;
	case NF_IPV6_UP:	list = &ipv6_up_notifier; break;
	case NF_IPV6_DOWN:	list = &ipv6_down_notifier; break;
	case NF_AUTH_UP:	list = &auth_up_notifier; break;
	case NF_LINK_DOWN:	list = &link_down_notifier; break;
	case NF_FORK:		list = &fork_notifier; break;
	default:		return;
	}
	add_notifier(list, fn, ctx);
}

static inline const char *ppp_ifname(void) { return ifname; }
static inline int ppp_ifunit(void) { return ifunit; }
static inline const char *ppp_hostname(void) { return hostname; }
static inline const char *ppp_ipparam(void) { return ipparam; }
/* 2.4 has a variable ppp_devnam (the tty's name); this macro leaves it be. */
#define ppp_devnam()	((const char *)devnam)

static inline int ppp_status(void) { return status; }
static inline void ppp_set_status(int code) { status = code; }
static inline int ppp_get_mtu(int unit) { return netif_get_mtu(unit); }
static inline void ppp_set_mtu(int unit, int mtu) { netif_set_mtu(unit, mtu); }

static inline const char *
ppp_get_remote_number(void)
{
	return remote_number[0] != '\0' ? remote_number : NULL;
}

static inline int
ppp_set_devnam(const char *name)
{
	strlcpy(devnam, name, MAXPATHLEN);
	return 0;
}

static inline const char *
ppp_peer_authname(char *buf, size_t bufsz)
{
	strlcpy(buf, peer_authname, bufsz);
	return buf;
}

static inline bool
ppp_get_link_stats(ppp_link_stats_st *st)
{
	update_link_stats(ifunit);
	if (!link_stats_valid)
		return 0;
	*st = link_stats;
	return 1;
}

static inline void
ppp_set_max_connect_time(unsigned int secs)
{
	maxconnect = (int)secs;
}

static inline void
ppp_set_max_idle_time(unsigned int secs)
{
	idle_time_limit = (int)secs;
}

static inline bool mppe_keys_isset(void) { return mppe_keys_set != 0; }

/* 2.5's mppe_set_chapv1(); 2.4 named it mppe_set_keys(). */
static inline void
mppe_set_chapv1(unsigned char *rchallenge, unsigned char *hashhash)
{
	mppe_set_keys(rchallenge, hashhash);
}

static inline void
pptp_mppe_set_keys(unsigned char *send, unsigned char *recv, int len)
{
	if (send != NULL)
		memcpy(mppe_send_key, send, (size_t)len);
	if (recv != NULL)
		memcpy(mppe_recv_key, recv, (size_t)len);
	mppe_keys_set = 1;
}

#endif /* PPTP_PPPD_25 */

#endif /* PPPD_COMPAT_H */
