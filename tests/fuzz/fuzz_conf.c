/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_conf.c: libFuzzer target for the configuration layer.  Feeds the
 * input to conf_parse(), pool_init() (fake resolver), conf_check() (the
 * same bytes as a pppd options file), conf_print() and, split on NULs,
 * to args_parse().  Asserts: no crash, printed settings re-parse cleanly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/args.h"
#include "../../pptp-ctrl/conf.h"
#include "../../pptp-ctrl/pool.h"
#include "../../pptp-ctrl/printconf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fuzz_resolve(void *arg, const char *name, uint32_t *out)
{
	(void)arg;
	if (name[0] < 'm')
		return -1;
	*out = 0x0a000000u | (uint32_t)strlen(name);
	return 0;
}

static void
fuzz_args(const char *buf, size_t len)
{
	char			*copy, *argv[32];
	struct args		 a;
	struct conf_diag	 d;
	size_t			 i;
	int			 argc = 1;

	if ((copy = malloc(len + 1)) == NULL)
		return;
	memcpy(copy, buf, len);
	copy[len] = '\0';
	argv[0] = "pptpd-ng";
	argv[argc++] = copy;
	for (i = 0; i < len && argc < 32; i++)
		if (copy[i] == '\0')
			argv[argc++] = copy + i + 1;
	conf_diag_init(&d, "args");
	(void)args_parse(&a, argc, argv, &d);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct conf	 c, again;
	static struct conf_diag	 d;
	struct pool_resolver	 res = { fuzz_resolve, NULL };
	struct conf_env		 env;
	struct pool_ifaddr	 ifs[1] = { { "eth0", 0xc0a80001u, 16 } };
	struct pool		 p;
	char			*out = NULL;
	size_t			 outlen = 0;
	FILE			*f;
	int			 rc;

	conf_diag_init(&d, "fuzz");
	rc = conf_parse(&c, (const char *)data, size, &d);
	memset(&env, 0, sizeof(env));
	env.options = (const char *)data;
	env.options_len = size;
	env.options_read = true;
	env.ifs = ifs;
	env.nifs = 1;
	memset(&p, 0, sizeof(p));
	if (rc == 0 && pool_init(&p, &c, &res, &d) == 0) {
		env.pool = &p;
		if (p.size > 0) {
			uint32_t	l, r;
			unsigned	s;

			if (pool_alloc(&p, &l, &r, &s) != 0 ||
			    pool_free(&p, s) != 0)
				abort();
		}
	}
	(void)conf_check(&c, &d, &env);
	if ((f = open_memstream(&out, &outlen)) == NULL)
		abort();
	conf_print(f, &c, env.pool);
	fclose(f);
	if ((f = fopen("/dev/null", "w")) != NULL) {
		conf_diag_print(&d, f);
		fclose(f);
	}
	/* What -n prints must parse without errors. */
	if (rc == 0) {
		conf_diag_init(&d, "again");
		if (conf_parse(&again, out, outlen, &d) != 0)
			abort();
	}
	free(out);
	pool_fini(&p);
	fuzz_args((const char *)data, size);
	return 0;
}
