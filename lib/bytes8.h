/* bytes8.h — tests on 8 bytes at once (one uint64_t) for the scanners' fast loops.  They never
 * miss a byte sought, and may flag one that is not: the byte loop after them decides. */
#ifndef HELM_BYTES8_H
#define HELM_BYTES8_H

#include <stdint.h>

#define BYTES8_ONES 0x0101010101010101u
#define BYTES8_HIGHS 0x8080808080808080u

/* Nonzero if a byte of X is C. */
static inline uint64_t bytes8_has(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (c * BYTES8_ONES);
	return (y - BYTES8_ONES) & ~y & BYTES8_HIGHS;
}

/* Nonzero if a byte of X is below 0x20 (a control character) or 0x80 or above (not ASCII). */
static inline uint64_t bytes8_has_control_or_high(uint64_t x)
{
	return ((x - 0x20 * BYTES8_ONES) & ~x & BYTES8_HIGHS) | (x & BYTES8_HIGHS);
}

#endif
