/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * seq.h: RFC 1982 serial-number arithmetic for the 32-bit GRE sequence and
 * acknowledgment numbers (RFC 2637 §4.1).  The one place that compares
 * sequence numbers: every other file uses these helpers and never a raw
 * < or > on a sequence number.  Pure and header-only.
 */
#ifndef PPTPNG_SEQ_H
#define PPTPNG_SEQ_H

#include <stdint.h>

/*
 * a - b in [-2^31, 2^31).  The subtraction is done unsigned (defined
 * wrap-around) and only then reinterpreted, so there is no signed overflow.
 * A distance of exactly 2^31 yields INT32_MIN: "before", i.e. late.
 */
static inline int32_t
seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

static inline int
seq_lt(uint32_t a, uint32_t b)
{
	return seq_diff(a, b) < 0;
}

static inline int
seq_le(uint32_t a, uint32_t b)
{
	return seq_diff(a, b) <= 0;
}

static inline int
seq_gt(uint32_t a, uint32_t b)
{
	return seq_diff(a, b) > 0;
}

static inline int
seq_ge(uint32_t a, uint32_t b)
{
	return seq_diff(a, b) >= 0;
}

/*
 * Forward distance from b to a, i.e. how many increments take b to a.
 * For counters that only move forward (ack lag, outstanding packets).
 */
static inline uint32_t
seq_dist(uint32_t a, uint32_t b)
{
	return a - b;
}

#endif /* PPTPNG_SEQ_H */
