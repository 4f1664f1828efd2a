/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_ipc.c: sends the plugin's events (plugins/pptp_ipc.h) on the
 * inherited pptp-ctrl-fd, one datagram each, never blocking pppd.  Owns
 * the fd and the drop counter; encoding is pptp-ctrl/ipc_wire.c.  Reads
 * from the daemon only the `hangup` note, when asked why pppd is ending
 * (pptp_gre_hangup_reason(), for pptp-radius.so).
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pppd_compat.h"

#include "../pptp-ctrl/ipc_wire.h"
#include "pptp_gre.h"
#include "pptp_ipc.h"

static int	 ipc_fd = -1;
static int	 ipc_broken;
static uint64_t	 ipc_dropped;
static char	 hangup_reason[32];

const char	*pptp_gre_hangup_reason(void);

void
pptp_ipc_open(int fd)
{
	ipc_fd = fd;
	ipc_broken = 0;
}

int
pptp_ipc_enabled(void)
{
	return ipc_fd >= 0 && !ipc_broken;
}

uint64_t
pptp_ipc_dropped(void)
{
	return ipc_dropped;
}

/*
 * A full socket buffer drops the event (counted); any other error means
 * the daemon is gone: log once and stop sending.
 */
void
pptp_ipc_send(const struct ipc_msg *m)
{
	char	 buf[IPC_DGRAM_MAX];
	size_t	 n;

	if (!pptp_ipc_enabled())
		return;
	if ((n = ipc_build(buf, sizeof(buf), m)) == 0) {
		error("pptp-gre: event '%s' does not encode; not sent",
		    m->event);
		return;
	}
	while (send(ipc_fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == ENOBUFS) {
			ipc_dropped++;
			return;
		}
		warn("pptp-gre: pptp-ctrl-fd %d: %m; no more events", ipc_fd);
		ipc_broken = 1;
		return;
	}
	dbglog("pptp-gre: event %.*s", (int)n - 1, buf);
}

/*
 * Why the daemon hung up, if it said so (plugins/pptp_ipc.h `hangup`):
 * drains what the daemon wrote, never blocking; NULL when nothing was
 * said.  Exported for pptp-radius.so (Acct-Terminate-Cause).
 */
__attribute__((visibility("default"))) const char *
pptp_gre_hangup_reason(void)
{
	struct ipc_msg	 m;
	char		 buf[IPC_DGRAM_MAX];
	const char	*r;
	ssize_t		 n;

	while (ipc_fd >= 0 && (n = recv(ipc_fd, buf, sizeof(buf),
	    MSG_DONTWAIT)) > 0) {
		if (ipc_parse(buf, (size_t)n, &m) != IPC_OK ||
		    strcmp(m.event, PPTP_IPC_EV_HANGUP) != 0 ||
		    (r = ipc_get(&m, "reason")) == NULL)
			continue;
		snprintf(hangup_reason, sizeof(hangup_reason), "%s", r);
	}
	return hangup_reason[0] != '\0' ? hangup_reason : NULL;
}
