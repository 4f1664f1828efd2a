/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppd_argv.h: builds the argv pptpd-ng execs pppd with, from a table of
 * (condition, words) rows: poptop's options first (local, file, speed,
 * local:remote, ipparam, remotenumber), then our plugin and its call
 * parameters.  Pure: no I/O; no shell ever sees these words.
 */
#ifndef PPTPNG_PPPD_ARGV_H
#define PPTPNG_PPPD_ARGV_H

#include <stddef.h>
#include <stdint.h>

#define PPPD_ARGV_MAX	64
#define PPPD_ARGV_BUF	2048
#define PPPD_CTRL_FD	3	/* the socketpair end pppd inherits */
#define PPPD_KERNEL_FD	4	/* the bound kernel PPTP socket, if any */

struct pppd_params {
	const char	*ppp;		/* pppd binary */
	const char	*option;	/* options file, "" for none */
	unsigned	 speed;
	int		 delegate;	/* no local:remote */
	uint32_t	 local;		/* tunnel addresses, host order */
	uint32_t	 remote;
	int		 noipparam;
	uint32_t	 client;	/* the peer's public address */
	uint32_t	 ours;		/* our address on the control connection */
	const char	*plugin;	/* pptp-gre.so path */
	uint16_t	 call_id;
	uint16_t	 peer_call_id;
	const char	*gre_mode;	/* auto | kernel | user */
	const char	*user_channel;	/* auto | tap | l2tp | pty */
	int		 kernel_fd;	/* pppd inherits PPPD_KERNEL_FD */
	unsigned	 reorder_max;
	unsigned	 reorder_timeout_ms;
	unsigned	 no_gre_timeout;
	const char	*logwtmp_plugin;	/* NULL: no wtmp logging */
};

struct pppd_argv {
	char	*argv[PPPD_ARGV_MAX + 1];	/* NULL-terminated */
	size_t	 argc;
	char	 buf[PPPD_ARGV_BUF];
	size_t	 used;
};

/* 0, or -1 when the words do not fit (never with sane paths). */
int	pppd_argv_build(struct pppd_argv *, const struct pppd_params *);

#endif
