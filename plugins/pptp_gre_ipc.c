/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_ipc.c: sends the plugin's events (plugins/pptp_ipc.h) on the
 * inherited pptp-ctrl-fd, one datagram each, never blocking pppd.  Owns
 * the fd and the drop counter; encoding is pptp-ctrl/ipc_wire.c.  Never
 * reads from the daemon: hang-up arrives as SIGTERM.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "pppd_compat.h"

#include "../pptp-ctrl/ipc_wire.h"
#include "pptp_gre.h"

static int	 ipc_fd = -1;
static int	 ipc_broken;
static uint64_t	 ipc_dropped;

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
