/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_stats.c: the name and offset tables behind the gre_stats X-macro
 * list, so callers iterate counters without naming each field.  Owns no
 * counting: the engine in gre_session.c updates the fields.
 */
#include <assert.h>
#include <stddef.h>

#include "gre_stats.h"

#define GRE_STATS_NAME(name)	#name,
#define GRE_STATS_OFF(name)	offsetof(struct gre_stats, name),
#define GRE_STATS_ONE(name)	+1

static const char *const gre_stats_names[] = {
	GRE_STATS_COUNTERS(GRE_STATS_NAME)
	GRE_STATS_GAUGES(GRE_STATS_NAME)
};

static const size_t gre_stats_offs[] = {
	GRE_STATS_COUNTERS(GRE_STATS_OFF)
	GRE_STATS_GAUGES(GRE_STATS_OFF)
};

static_assert(sizeof(gre_stats_names) / sizeof(gre_stats_names[0]) ==
    GRE_STATS_NFIELDS, "gre_stats name table out of step");
static_assert(sizeof(gre_stats_offs) / sizeof(gre_stats_offs[0]) ==
    GRE_STATS_NFIELDS, "gre_stats offset table out of step");

const char *
gre_stats_name(size_t i)
{
	return i < GRE_STATS_NFIELDS ? gre_stats_names[i] : NULL;
}

uint64_t
gre_stats_value(const struct gre_stats *st, size_t i)
{
	const uint64_t	*v;

	if (i >= GRE_STATS_NFIELDS)
		return 0;
	v = (const uint64_t *)(const void *)((const char *)st +
	    gre_stats_offs[i]);
	return *v;
}

/* Gauges follow the counters in the list. */
int
gre_stats_is_gauge(size_t i)
{
	return i >= (0 GRE_STATS_COUNTERS(GRE_STATS_ONE)) &&
	    i < GRE_STATS_NFIELDS;
}
