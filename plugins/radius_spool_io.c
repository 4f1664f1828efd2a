/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * radius_spool_io.c: the file shell of the accounting spool.  A record is
 * written to a temporary name, fsync'd, renamed to its final name and the
 * directory fsync'd, so a crash leaves either nothing or a whole record.
 * Replay takes an exclusive lock on the directory (several pppd processes
 * share it), sends records oldest first and stops at the first failure so
 * order is kept.  Knows nothing of pppd or radcli; errors are -errno.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "radius_spool.h"

static int	 spool_filter(const struct dirent *);
static int	 write_all(int, const uint8_t *, size_t);
static int	 read_rec(int, const char *, struct rad_spool_rec *);

static int
spool_filter(const struct dirent *d)
{
	return rad_spool_name_ok(d->d_name);
}

int
rad_spool_count(const struct rad_spool *sp)
{
	struct dirent	**names;
	int		  n, i;

	n = scandir(sp->dir, &names, spool_filter, alphasort);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return n;
}

static int
write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Store one record; -ENOSPC when the spool already holds sp->max. */
int
rad_spool_put(struct rad_spool *sp, const struct rad_spool_rec *r,
    uint64_t now_us, uint32_t pid)
{
	uint8_t		 buf[RAD_SPOOL_REC_MAX];
	char		 name[RAD_SPOOL_NAME_LEN], tmp[RAD_SPOOL_NAME_LEN + 8];
	size_t		 len;
	int		 dfd, fd = -1, n, e = 0;

	if ((n = rad_spool_count(sp)) < 0)
		return n;
	if ((unsigned int)n >= sp->max)
		return -ENOSPC;
	if ((len = rad_spool_encode(buf, sizeof(buf), r)) == 0)
		return -EINVAL;
	if (rad_spool_name(name, sizeof(name), now_us, pid, sp->seq++) == -1)
		return -EINVAL;
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	if ((dfd = open(sp->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -errno;
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || write_all(fd, buf, len) == -1 || fsync(fd) == -1 ||
	    close(fd) == -1) {
		e = -errno;
		if (fd != -1)
			(void)unlinkat(dfd, tmp, 0);
		goto out;
	}
	if (renameat(dfd, tmp, dfd, name) == -1 || fsync(dfd) == -1) {
		e = -errno;
		(void)unlinkat(dfd, tmp, 0);
	}
 out:
	close(dfd);
	return e;
}

static int
read_rec(int dfd, const char *name, struct rad_spool_rec *r)
{
	uint8_t		buf[RAD_SPOOL_REC_MAX + 1];
	size_t		len = 0;
	ssize_t		n;
	int		fd;

	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC)) == -1)
		return -errno;
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > RAD_SPOOL_REC_MAX)
		return -EFBIG;
	return rad_spool_decode(buf, len, r) == SPOOL_OK ? 0 : -EBADMSG;
}

/*
 * Send spooled records oldest first.  Returns how many are left (0: the
 * spool is empty), or -errno; *sent counts the delivered ones.  A record
 * that does not decode is renamed NAME.bad and skipped: it can never be
 * sent, and must not block the others.  When another process holds the
 * lock it is replaying already: return at once (-EWOULDBLOCK).
 */
int
rad_spool_replay(struct rad_spool *sp, uint64_t now,
    rad_spool_send_fn *send, void *arg, unsigned int *sent)
{
	struct rad_spool_rec	 rec;
	struct rad_list		 req;
	struct dirent		**names = NULL;
	char			 bad[RAD_SPOOL_NAME_LEN + 4];
	int			 dfd, n, i, left, e;

	*sent = 0;
	if ((dfd = open(sp->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -errno;
	if (flock(dfd, LOCK_EX | LOCK_NB) == -1) {
		e = -errno;
		close(dfd);
		return e;
	}
	n = scandir(sp->dir, &names, spool_filter, alphasort);
	if (n < 0) {
		e = -errno;
		close(dfd);
		return e;
	}
	left = n;
	for (i = 0; i < n; i++) {
		e = read_rec(dfd, names[i]->d_name, &rec);
		if (e == -ENOENT) {	/* replayed by someone else */
			left--;
			continue;
		}
		if (e != 0) {
			snprintf(bad, sizeof(bad), "%.*s.bad",
			    RAD_SPOOL_NAME_LEN - 1, names[i]->d_name);
			(void)renameat(dfd, names[i]->d_name, dfd, bad);
			left--;
			continue;
		}
		rad_spool_prepare(&rec, now, &req);
		if (send(arg, &req) != 0)
			break;
		(void)unlinkat(dfd, names[i]->d_name, 0);
		(void)fsync(dfd);
		(*sent)++;
		left--;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	close(dfd);		/* drops the lock */
	return left;
}
