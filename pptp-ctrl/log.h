/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.h: the daemon's logging: syslog (facility daemon) or stderr when in
 * the foreground, OpenBSD-style log_warn/log_warnx/log_info/log_debug and
 * fatal/fatalx for startup only.  Rate-limited lines for per-source
 * refusals go through struct log_limit.  Not for pure modules.
 */
#ifndef PPTPNG_LOG_H
#define PPTPNG_LOG_H

#include <stdarg.h>
#include <stdint.h>

#define LOG_ATTR(f, a)	__attribute__((__format__(printf, f, a)))

void	log_init(const char *ident, int foreground, int debug);
void	log_set_debug(int debug);
void	log_msg(int pri, const char *, ...) LOG_ATTR(2, 3);
void	log_vmsg(int pri, const char *, va_list) LOG_ATTR(2, 0);
void	log_warn(const char *, ...) LOG_ATTR(1, 2);
void	log_warnx(const char *, ...) LOG_ATTR(1, 2);
void	log_info(const char *, ...) LOG_ATTR(1, 2);
void	log_debug(const char *, ...) LOG_ATTR(1, 2);
void	fatal(const char *, ...) LOG_ATTR(1, 2) __attribute__((__noreturn__));
void	fatalx(const char *, ...) LOG_ATTR(1, 2) __attribute__((__noreturn__));

/*
 * At most one line per interval for one kind of event; the lines that were
 * held back are counted and reported with the next one that passes.
 */
struct log_limit {
	uint64_t	last_ms;
	uint64_t	suppressed;
};

/* Returns 1 (and the count suppressed since the last pass) when a line may go out. */
int	log_limit_pass(struct log_limit *, uint64_t now_ms, uint64_t interval_ms,
	    uint64_t *suppressed);

#endif
