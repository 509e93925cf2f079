/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief KTR, the kernel trace: per-CPU rings of time-stamped events,
 * recorded cheaply when tracing is on, dumped on the console.
 */
#ifndef NAIAD_KERN_KTR_H
#define NAIAD_KERN_KTR_H

#include <stdint.h>

#define KTR_ENTRIES	1024	/**< events in each CPU's ring (a power of 2) */
#define KTR_NAMELEN	12	/**< bytes of the name in an event, NUL included */
/** What an event records; the names of the dump are in ktr.c. */
enum ktr_kind {
	KTR_NONE = 0,	/**< an empty slot */
	KTR_SWITCH,	/**< a: leaving thread, b: next thread, name: its name */
	KTR_IPI_SEND,	/**< a: target CPU, b: sequence number of the message */
	KTR_IPI_RECV,	/**< a: sending CPU, b: sequence number */
	KTR_TICK,	/**< a: the thread that ran when the timer ticked */
	KTR_MARK,	/**< a, b: the caller's; name: the caller's label */
	KTR_NKINDS	/**< the number of kinds */
};
/** One recorded event. */
struct ktr_entry {
	uint64_t	ke_tsc;		/**< time-stamp counter when recorded */
	uint16_t	ke_kind;	/**< enum ktr_kind */
	uint16_t	ke_cpu;		/**< the CPU that recorded it */
	uint32_t	ke_a;		/**< first data word (see the kind) */
	uint32_t	ke_b;		/**< second data word */
	char		ke_name[KTR_NAMELEN]; /**< a thread's name or a label */
};
/** Nonzero while tracing is on; written by ktr_enable and ktr_disable. */
extern volatile int ktr_enabled;

/**
 * Record an event of \a kind with data words \a a and \a b and name
 * \a name (may be NULL), if tracing is on; otherwise one branch.
 */
#define KTR_LOG(kind, a, b, name) do {					\
	if (__builtin_expect(ktr_enabled, 0))				\
		ktr_log((kind), (uint32_t)(uintptr_t)(a),		\
		    (uint32_t)(uintptr_t)(b), (name));			\
} while (0)
/**
 * \brief Record an event on this CPU's ring (use KTR_LOG, which tests
 * the flag first).  Any context, interrupts on or off.
 */
void ktr_log(int kind, uint32_t a, uint32_t b, const char *name);
/** \brief Record a mark named \a label, with words \a a and \a b. */
void ktr_mark(const char *label, uint32_t a, uint32_t b);
/**
 * \brief Give every CPU that has none a ring, then turn tracing on.
 * A thread.  \return 0, or -ENOMEM if some CPU got no ring (it records
 * nothing).
 */
int ktr_enable(void);
/** \brief Turn tracing off; the rings keep what they hold. */
void ktr_disable(void);
/** \brief Forget every event.  Tracing must be off: \return 0 or -EBUSY. */
int ktr_clear(void);
/** \brief Events of CPU \a cpu still held (at most KTR_ENTRIES). */
int ktr_count(int cpu);
/** \brief Events of CPU \a cpu overwritten since the last clear. */
uint64_t ktr_lost(int cpu);
/**
 * \brief Copy the \a i th oldest event of CPU \a cpu still held into
 * \a e.  \return 0, or -EINVAL if there is no such event.
 */
int ktr_get(int cpu, int i, struct ktr_entry *e);
/** \brief Print every event held, CPU by CPU, oldest first. */
void ktr_dump(void);
/** \brief The word a dump prints for \a kind. */
const char *ktr_kind_name(int kind);

#endif /* !NAIAD_KERN_KTR_H */
