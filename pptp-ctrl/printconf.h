/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printconf.h: what `pptpd-ng -n` prints (the effective settings, in
 * pptpd.conf syntax) and the sanity checks behind its warnings.  Pure:
 * the caller collects every fact about the host into struct conf_env.
 */
#ifndef PPTPNG_PRINTCONF_H
#define PPTPNG_PRINTCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "conf.h"
#include "pool.h"

/* Facts about the host, gathered by the shell; zeroed: nothing known. */
struct conf_env {
	const char			*options;	/* option file text */
	size_t				 options_len;
	bool				 options_read;	/* options is valid */
	bool				 options_unreadable;
	bool				 ppp_unexecutable;
	bool				 privsep_user_missing;
	bool				 privsep_user_root;
	const struct pool		*pool;
	const struct pool_ifaddr	*ifs;
	size_t				 nifs;
};

void	conf_print(FILE *, const struct conf *, const struct pool *);
int	conf_check(const struct conf *, struct conf_diag *,
	    const struct conf_env *);

#endif
