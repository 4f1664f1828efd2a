/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctl_client.c: the client side of the control socket, shared by pptpctl
 * and pptpd-ng-snmp.  One blocking, time-bounded exchange: connect, send
 * one request line, hand every record to a callback, return the final
 * result.  Errors come back as text an admin can act on; no logging and
 * no exit() here, the callers decide.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl_client.h"

static int	fail(char *, size_t, const char *, ...)
		    __attribute__((__format__(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int
ctl_query(const char *path, const struct ctl_request *req, unsigned secs,
    int (*cb)(void *, const struct ctl_rec *), void *arg,
    struct ctl_result *res, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct timeval		 tv = { (time_t)secs, 0 };
	struct ctl_rec		 rec;
	char			 buf[2 * CTL_LINE_MAX], line[CTL_LINE_MAX];
	size_t			 have = 0, n;
	ssize_t			 r;
	enum ctl_err		 e;
	int			 fd, rc = -1;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		return fail(err, errlen, "%s: path too long", path);
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return fail(err, errlen, "socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (errno == ENOENT || errno == ECONNREFUSED)
			fail(err, errlen, "pptpd-ng is not running (nothing "
			    "listens on %s)", path);
		else if (errno == EACCES || errno == EPERM)
			fail(err, errlen, "permission denied on %s: run as "
			    "root or as a member of group pptpd-ng", path);
		else
			fail(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	memset(&rec, 0, sizeof(rec));
	rec.type = CTL_REC_REQUEST;
	rec.u.req = *req;
	if ((n = ctl_build(line, sizeof(line), &rec, &e)) == 0) {
		fail(err, errlen, "cannot encode the request: %s",
		    ctl_err_str(e));
		goto out;
	}
	if (write(fd, line, n) != (ssize_t)n) {
		fail(err, errlen, "%s: write: %s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		while ((n = ctl_line_len(buf, have)) > 0) {
			e = ctl_parse(buf, n, &rec);
			memmove(buf, buf + n, have - n);
			have -= n;
			if (e == CTL_ERR_UNKNOWN_TYPE)
				continue;	/* a newer daemon */
			if (e != CTL_OK) {
				fail(err, errlen, "bad answer from pptpd-ng: "
				    "%s", ctl_err_str(e));
				goto out;
			}
			if (rec.type == CTL_REC_RESULT) {
				*res = rec.u.result;
				rc = 0;
				goto out;
			}
			if (cb != NULL && cb(arg, &rec) == -1) {
				fail(err, errlen, "out of memory");
				goto out;
			}
		}
		if (have == sizeof(buf)) {
			fail(err, errlen, "bad answer from pptpd-ng: %s",
			    ctl_err_str(CTL_ERR_TOO_LONG));
			goto out;
		}
		r = read(fd, buf + have, sizeof(buf) - have);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == -1 && (errno == EAGAIN ||
			    errno == EWOULDBLOCK))
				fail(err, errlen, "pptpd-ng did not answer in "
				    "time");
			else if (r == 0 && have == 0)
				fail(err, errlen, "pptpd-ng closed the control "
				    "socket without an answer");
			else
				fail(err, errlen, "%s: %s", path, r == 0 ?
				    "truncated answer" : strerror(errno));
			goto out;
		}
		have += (size_t)r;
	}
out:
	close(fd);
	return rc;
}

static int
grow(void **arr, size_t *n, size_t size, const void *elem)
{
	void	*p;

	if ((p = reallocarray(*arr, *n + 1, size)) == NULL)
		return -1;
	memcpy((char *)p + *n * size, elem, size);
	*arr = p;
	(*n)++;
	return 0;
}

int
ctl_snap_add(void *arg, const struct ctl_rec *rec)
{
	struct ctl_snap	*s = arg;

	switch (rec->type) {
	case CTL_REC_STATS:
		s->stats = rec->u.stats;
		s->has_stats = 1;
		return 0;
	case CTL_REC_TUNNEL:
		return grow((void **)&s->tunnels, &s->ntunnels,
		    sizeof(*s->tunnels), &rec->u.tunnel);
	case CTL_REC_CALL:
		return grow((void **)&s->calls, &s->ncalls, sizeof(*s->calls),
		    &rec->u.call);
	case CTL_REC_AUTHFAIL:
		return grow((void **)&s->authfails, &s->nauthfails,
		    sizeof(*s->authfails), &rec->u.authfail);
	case CTL_REC_REQUEST:
	case CTL_REC_RESULT:
	case CTL_REC__MAX:
		break;
	}
	return 0;
}

void
ctl_snap_free(struct ctl_snap *s)
{
	free(s->tunnels);
	free(s->calls);
	free(s->authfails);
	memset(s, 0, sizeof(*s));
}
