/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * args.h: pptpd's command line (poptop's flags, same letters and long
 * names) plus pptpd-ng's -n, parsed into a struct conf whose `set` bits
 * say what overrides the file.  Pure: no getopt(3) globals, no exit(),
 * no printing; the caller prints args_usage() and the diagnostics.
 */
#ifndef PPTPNG_ARGS_H
#define PPTPNG_ARGS_H

#include <stdbool.h>

#include "conf.h"

struct args {
	const char	*conffile;	/* -c; CONF_FILE_DEFAULT if not given */
	bool		 foreground;	/* -f */
	bool		 help;		/* -h */
	bool		 version;	/* -v */
	bool		 check;		/* -n: check, print settings, exit */
	struct conf	 conf;		/* the settings flags gave (conf.set) */
};

int		 args_parse(struct args *, int, char *const [],
		    struct conf_diag *);
const char	*args_usage(void);

#endif
