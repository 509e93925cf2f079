/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * KTR: per-CPU rings of trace events, and their dump.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktr.h"
#include "kern/monitor.h"
#include "kern/sysinit.h"
#include "vm/kmalloc.h"

_Static_assert(sizeof(struct ktr_entry) == 32, "a trace event is 32 bytes");
_Static_assert((KTR_ENTRIES & (KTR_ENTRIES - 1)) == 0,
    "KTR_ENTRIES is a power of two");

/* Disable interrupts; return the EFLAGS to give ktr_intr_restore. */
static inline uint32_t
ktr_intr_disable(void)
{
	uint32_t eflags = read_eflags();

	cpu_disable_intr();
	return eflags;
}

/* Put the interrupt flag back as ktr_intr_disable found it. */
static inline void
ktr_intr_restore(uint32_t eflags)
{
	__asm__ __volatile__("pushl %0; popfl" : : "r"(eflags)
	    : "memory", "cc");
}
/* Record one event in this CPU's ring; any context, interrupts off inside. */
void
ktr_log(int kind, uint32_t a, uint32_t b, const char *name)
{
	struct globaldata *gd;
	struct ktr_entry *e;
	uint32_t eflags;
	int i = 0;

	eflags = ktr_intr_disable();
	gd = mycpu;
	atomic_swap_int(&gd->gd_ktr_busy, 1);	/* a full barrier: see ktr_clear */
	if (ktr_enabled && gd->gd_ktr_buf != NULL) {
		e = &gd->gd_ktr_buf[gd->gd_ktr_next & (KTR_ENTRIES - 1)];
		gd->gd_ktr_next++;
		e->ke_tsc = rdtsc();
		e->ke_kind = (uint16_t)kind;
		e->ke_cpu = (uint16_t)gd->gd_cpuid;
		e->ke_a = a;
		e->ke_b = b;
		if (name != NULL)
			for (; i < KTR_NAMELEN - 1 && name[i] != '\0'; i++)
				e->ke_name[i] = name[i];
		for (; i < KTR_NAMELEN; i++)
			e->ke_name[i] = '\0';
	}
	cpu_ccfence();				/* the event, then free */
	gd->gd_ktr_busy = 0;
	ktr_intr_restore(eflags);
}

/* A mark named LABEL: KTR_LOG of KTR_MARK. */
void
ktr_mark(const char *label, uint32_t a, uint32_t b)
{
	KTR_LOG(KTR_MARK, a, b, label);
}
/* Allocate gd's ring if it has none; 0 or -ENOMEM.  A thread. */
static int
ktr_alloc_ring(struct globaldata *gd)
{
	struct ktr_entry *buf;

	if (gd->gd_ktr_buf != NULL)
		return 0;
	buf = kmalloc(KTR_ENTRIES * sizeof(*buf), M_ZERO);
	if (buf == NULL)
		return -ENOMEM;
	if (!atomic_cmpset_ptr(&gd->gd_ktr_buf, NULL, buf))
		kfree(buf);		/* someone else was first */
	return 0;
}
volatile int ktr_enabled;

/* A thread: rings for every CPU running, then tracing on. */
int
ktr_enable(void)
{
	struct globaldata *gd;
	int cpu, error = 0;

	for (cpu = 0; cpu < ncpus; cpu++)
		if ((gd = globaldata_find(cpu)) != NULL &&
		    ktr_alloc_ring(gd) != 0)
			error = -ENOMEM;
	ktr_enabled = 1;
	return error;
}

/* Any context: tracing off; the rings keep what they hold. */
void
ktr_disable(void)
{
	ktr_enabled = 0;
}

/* Any thread: forget every event, once no CPU is writing one. */
int
ktr_clear(void)
{
	struct globaldata *gd;
	int cpu;

	if (ktr_enabled)
		return -EBUSY;
	for (cpu = 0; cpu < ncpus; cpu++)
		if ((gd = globaldata_find(cpu)) != NULL)
			while (gd->gd_ktr_busy != 0)
				cpu_pause();
	for (cpu = 0; cpu < ncpus; cpu++)
		if ((gd = globaldata_find(cpu)) != NULL)
			gd->gd_ktr_next = 0;
	return 0;
}
/* The globaldata of cpu if it has a ring, else NULL. */
static struct globaldata *
ktr_ring_of(int cpu)
{
	struct globaldata *gd = cpu < ncpus ? globaldata_find(cpu) : NULL;

	return gd != NULL && gd->gd_ktr_buf != NULL ? gd : NULL;
}

/* Events of CPU's ring still held. */
int
ktr_count(int cpu)
{
	struct globaldata *gd = ktr_ring_of(cpu);

	if (gd == NULL)
		return 0;
	return gd->gd_ktr_next < KTR_ENTRIES ? (int)gd->gd_ktr_next :
	    KTR_ENTRIES;
}

/* Events of CPU's ring overwritten since the last clear. */
uint64_t
ktr_lost(int cpu)
{
	struct globaldata *gd = ktr_ring_of(cpu);

	return gd == NULL ? 0 : gd->gd_ktr_next - (uint64_t)ktr_count(cpu);
}

/* The I-th oldest event of CPU held; meant for a ring not being written. */
int
ktr_get(int cpu, int i, struct ktr_entry *e)
{
	struct globaldata *gd = ktr_ring_of(cpu);
	uint64_t n;

	if (gd == NULL || i < 0 || i >= ktr_count(cpu))
		return -EINVAL;
	n = ktr_lost(cpu) + (uint64_t)i;
	*e = gd->gd_ktr_buf[n & (KTR_ENTRIES - 1)];
	return 0;
}
static const char *const ktr_kind_names[KTR_NKINDS] = {
	"none", "switch", "ipi_send", "ipi_recv", "tick", "mark"
};

/* The word a dump prints for KIND. */
const char *
ktr_kind_name(int kind)
{
	return kind >= 0 && kind < KTR_NKINDS ? ktr_kind_names[kind] : "?";
}

/* Every event held, CPU by CPU, tracing off meanwhile; a thread. */
void
ktr_dump(void)
{
	struct ktr_entry e;
	uint64_t lost = 0;
	int cpu, i, n, events = 0, was = ktr_enabled;

	ktr_enabled = 0;
	kprintf("ktr begin cpus=%d entries=%d tsc_hz=%llu\n", ncpus,
	    KTR_ENTRIES, (unsigned long long)tsc_frequency);
	for (cpu = 0; cpu < ncpus; cpu++) {
		n = ktr_count(cpu);
		for (i = 0; i < n && ktr_get(cpu, i, &e) == 0; i++, events++)
			kprintf("ktr %u %llu %s 0x%08x 0x%08x%s%s\n",
			    e.ke_cpu, (unsigned long long)e.ke_tsc,
			    ktr_kind_name(e.ke_kind), e.ke_a, e.ke_b,
			    e.ke_name[0] != '\0' ? " " : "", e.ke_name);
		lost += ktr_lost(cpu);
	}
	kprintf("ktr end events=%d lost=%llu\n", events,
	    (unsigned long long)lost);
	ktr_enabled = was;
}
/* The boot step: with ktr=1, tracing on from here. */
static void
ktr_init(void *arg)
{
	(void)arg;
	if (cmdline_get_ulong("ktr", 0) == 0)
		return;
	if (ktr_enable() != 0)
		kprintf("ktr: no memory for some CPU's ring\n");
	kprintf("ktr: tracing on, %d events per CPU\n", KTR_ENTRIES);
}

SYSINIT(ktr, SI_SUB_KTR, SI_ORDER_FIRST, ktr_init, NULL);
/* ktr on|off|clear|dump, from the monitor's thread. */
static int
ktr_command(int argc, char **argv)
{
	if (argc == 2 && kstrcmp(argv[1], "on") == 0) {
		if (ktr_enable() != 0)
			kprintf("ktr: no memory for some CPU's ring\n");
	} else if (argc == 2 && kstrcmp(argv[1], "off") == 0) {
		ktr_disable();
	} else if (argc == 2 && kstrcmp(argv[1], "clear") == 0) {
		if (ktr_clear() != 0)
			kprintf("ktr: turn tracing off first\n");
	} else if (argc == 2 && kstrcmp(argv[1], "dump") == 0) {
		ktr_dump();
	} else {
		kprintf("usage: ktr on|off|clear|dump (tracing is %s)\n",
		    ktr_enabled ? "on" : "off");
	}
	return 0;
}

MONITOR_COMMAND(ktr, "ktr", "ktr on|off|clear|dump",
    "trace events, print the trace", ktr_command);
