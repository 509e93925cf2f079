/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Port I/O beyond bytes and words: double words, and strings of
 * words (the ATA data port).
 */
#ifndef NAIAD_ARCH_PORTIO_H
#define NAIAD_ARCH_PORTIO_H

#include <stddef.h>
#include <stdint.h>

/** Write 32-bit \a value to I/O port \a port. */
static inline void
outl(uint16_t port, uint32_t value)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(value), "Nd"(port));
}

/** Read a 32-bit value from I/O port \a port. */
static inline uint32_t
inl(uint16_t port)
{
	uint32_t value;

	__asm__ __volatile__("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/** Read \a n 16-bit words from port \a port into \a buf. */
static inline void
insw(uint16_t port, void *buf, size_t n)
{
	__asm__ __volatile__("cld; rep insw"
	    : "+D"(buf), "+c"(n) : "d"(port) : "memory");
}

/** Write \a n 16-bit words from \a buf to port \a port. */
static inline void
outsw(uint16_t port, const void *buf, size_t n)
{
	__asm__ __volatile__("cld; rep outsw"
	    : "+S"(buf), "+c"(n) : "d"(port) : "memory");
}

#endif /* !NAIAD_ARCH_PORTIO_H */
