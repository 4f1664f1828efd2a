/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppd_argv.c: the pppd command line of one call, built word by word into
 * caller storage (see pppd_argv.h).  The order follows poptop's so that
 * ip-up scripts see the same $3 (speed) and $6 (ipparam = client address),
 * and pppd's remote_number (REMOTENUMBER, RADIUS Calling-Station-Id).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pppd_argv.h"

static int	add(struct pppd_argv *, const char *, ...)
		    __attribute__((__format__(printf, 2, 3)));

static int
add(struct pppd_argv *a, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (a->argc >= PPPD_ARGV_MAX || a->used >= sizeof(a->buf))
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(a->buf + a->used, sizeof(a->buf) - a->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(a->buf) - a->used)
		return -1;
	a->argv[a->argc++] = a->buf + a->used;
	a->argv[a->argc] = NULL;
	a->used += (size_t)n + 1;
	return 0;
}

#define IP(x)	(unsigned)((x) >> 24), (unsigned)((x) >> 16 & 0xff), \
		(unsigned)((x) >> 8 & 0xff), (unsigned)((x) & 0xff)

int
pppd_argv_build(struct pppd_argv *a, const struct pppd_params *p)
{
	int	r = 0;

	memset(a, 0, sizeof(*a));
	r |= add(a, "%s", p->ppp);
	/* poptop: "local" first, the options file, the speed word. */
	r |= add(a, "local");
	if (p->option != NULL && p->option[0] != '\0') {
		r |= add(a, "file");
		r |= add(a, "%s", p->option);
	}
	r |= add(a, "%u", p->speed);
	if (!p->delegate)
		r |= add(a, "%u.%u.%u.%u:%u.%u.%u.%u", IP(p->local),
		    IP(p->remote));
	if (!p->noipparam) {
		r |= add(a, "ipparam");
		r |= add(a, "%u.%u.%u.%u", IP(p->client));
	}
	if (p->logwtmp_plugin != NULL) {
		r |= add(a, "plugin");
		r |= add(a, "%s", p->logwtmp_plugin);
		r |= add(a, "pptpd-original-ip");
		r |= add(a, "%u.%u.%u.%u", IP(p->client));
	}
	r |= add(a, "remotenumber");
	r |= add(a, "%u.%u.%u.%u", IP(p->client));
	/* We are pppd's parent and reap it: it must not fork away. */
	r |= add(a, "nodetach");
	r |= add(a, "plugin");
	r |= add(a, "%s", p->plugin);
	r |= add(a, "pptp-role");
	r |= add(a, "server");
	r |= add(a, "pptp-local");
	r |= add(a, "%u.%u.%u.%u", IP(p->ours));
	r |= add(a, "pptp-peer");
	r |= add(a, "%u.%u.%u.%u", IP(p->client));
	r |= add(a, "pptp-call-id");
	r |= add(a, "%u", p->call_id);
	r |= add(a, "pptp-peer-call-id");
	r |= add(a, "%u", p->peer_call_id);
	r |= add(a, "pptp-gre-mode");
	r |= add(a, "%s", p->gre_mode);
	r |= add(a, "pptp-user-channel");
	r |= add(a, "%s", p->user_channel);
	r |= add(a, "pptp-ctrl-fd");
	r |= add(a, "%d", PPPD_CTRL_FD);
	if (p->kernel_fd) {
		r |= add(a, "pptp-kernel-fd");
		r |= add(a, "%d", PPPD_KERNEL_FD);
	}
	r |= add(a, "pptp-reorder-max");
	r |= add(a, "%u", p->reorder_max);
	r |= add(a, "pptp-reorder-timeout");
	r |= add(a, "%u", p->reorder_timeout_ms);
	r |= add(a, "pptp-no-gre-timeout");
	r |= add(a, "%u", p->no_gre_timeout);
	return r == 0 ? 0 : -1;
}
