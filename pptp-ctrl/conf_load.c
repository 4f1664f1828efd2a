/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_load.c: reads a pptpd.conf file into memory and hands it to the
 * pure conf_parse().  The only file I/O of the configuration layer; it
 * must not interpret a single byte itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

/* Far above any real pptpd.conf; refuses to slurp a wrong path. */
#define CONF_FILE_MAX	(1024 * 1024)

int
conf_load(struct conf *c, const char *path, struct conf_diag *d)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len;
	int	 rc = -1;

	conf_init(c);
	if ((f = fopen(path, "r")) == NULL) {
		conf_diag_add(d, CONF_ERROR, 0, "cannot open %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if ((buf = malloc(CONF_FILE_MAX + 1)) == NULL) {
		conf_diag_add(d, CONF_ERROR, 0, "out of memory");
		goto out;
	}
	len = fread(buf, 1, CONF_FILE_MAX + 1, f);
	if (ferror(f)) {
		conf_diag_add(d, CONF_ERROR, 0, "cannot read %s", path);
		goto out;
	}
	if (len > CONF_FILE_MAX) {
		conf_diag_add(d, CONF_ERROR, 0, "%s is larger than %d bytes",
		    path, CONF_FILE_MAX);
		goto out;
	}
	rc = conf_parse(c, buf, len, d);
out:
	free(buf);
	fclose(f);
	return rc;
}
