/*
 * alloc.c - how a samv process asks glibc's malloc to behave.
 *
 * Readers build and free many thousands of small cJSON blocks.  With
 * glibc's fastbins, each larger request after many frees runs
 * malloc_consolidate over all of them: 15 % of the weekly summary's CPU
 * at 50 000 records (docs/PERFORMANCE.md).  Without fastbins the freed
 * blocks go to tcache and the small bins at once.
 */
#include <malloc.h>

#include "samv.h"

void samv_alloc_init(void)
{
	mallopt(M_MXFAST, 0);
}
