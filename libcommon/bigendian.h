/* bigendian.h - the big-endian numbers of git's file formats (the index,
 * the commit-graph); private to libcommon. */
#ifndef SAMV_BIGENDIAN_H
#define SAMV_BIGENDIAN_H

#include <stdint.h>

static inline uint32_t samv_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void samv_put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

#endif
