/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fsm_util.h: the two helpers every table-driven FSM of pptp-ctrl/ needs:
 * an enum -> name lookup that never indexes out of its table, and a
 * saturating deadline sum.  Pure, header-only (static inline); used by the
 * PAC and PNS FSMs and the control codec.
 */
#ifndef PPTPNG_FSM_UTIL_H
#define PPTPNG_FSM_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* names[v], or "unknown" outside the table or for a hole in it. */
static inline const char *
fsm_name(const char *const *names, size_t n, unsigned v)
{
	return v < n && names[v] != NULL ? names[v] : "unknown";
}

/* t + d, held below UINT64_MAX (which means "no deadline"). */
static inline uint64_t
fsm_add_sat(uint64_t t, uint64_t d)
{
	return t > UINT64_MAX - 1 - d ? UINT64_MAX - 1 : t + d;
}

#endif /* PPTPNG_FSM_UTIL_H */
