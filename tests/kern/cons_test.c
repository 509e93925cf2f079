/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The console with several CPUs (Chapter "Starting the other CPUs", one
 * console for several CPUs): a thread on every CPU prints numbered lines
 * at once, and the message buffer must then hold every one of them
 * whole, in each CPU's order.  Without the console lock the characters
 * of two CPUs' lines mix, and the lines come back broken.
 *
 * And the message buffer itself: what kprintf printed can be read back.
 */
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/msgbuf.h"
#include "kern/thread.h"
#include "lwkt_testlib.h"

#define CONS_LINES	16		/* lines per CPU: 8 CPUs fit in the ring */
#define CONS_PAYLOAD	40		/* letters per line */

/* Every CPU's lines fit in the message buffer (a line is under 96). */
_Static_assert(MAXCPU * CONS_LINES * 96 < MSGBUF_SIZE, "lines overflow");

static const char cons_tag[] = "note: cons_lines_stay_whole: cpu";

/* The line cpu prints as its n-th: a tag, the numbers, and a payload of
 * one letter per CPU, so that a character from another CPU's line shows. */
static void
cons_line(char *buf, size_t len, int cpu, int n)
{
	char payload[CONS_PAYLOAD + 1];
	int i;

	for (i = 0; i < CONS_PAYLOAD; i++)
		payload[i] = (char)('a' + cpu);
	payload[CONS_PAYLOAD] = '\0';
	ksnprintf(buf, len, "%s%d line %02d %s\n", cons_tag, cpu, n, payload);
}

static void
cons_printer(void *arg)
{
	struct kt_race *r = arg;
	char line[128];
	int me = mycpu->gd_cpuid, n;

	kt_race_start(r);
	for (n = 0; n < CONS_LINES; n++) {
		cons_line(line, sizeof(line), me, n);
		kprintf("%s", line);
	}
	xgroup_done(&r->g);
}

KTEST(cons_lines_stay_whole)
{
	static struct kt_race r;
	static char text[MSGBUF_SIZE];
	char want[128];
	const char *p, *end;
	int cpu, seen[MAXCPU], broken = 0, len;
	uint32_t mark, written;

	mark = msgbuf_mark(&kmsgbuf);
	kt_race_every_cpu(kt, &r, cons_printer, &r);
	written = msgbuf_since(&kmsgbuf, mark, text, sizeof(text));
	KT_ASSERT(written < sizeof(text));	/* nothing lost */

	/* Every line that starts with the tag must be one of the lines
	 * printed, and each CPU's lines must come in its order. */
	for (cpu = 0; cpu < MAXCPU; cpu++)
		seen[cpu] = 0;
	for (p = text; *p != '\0'; p = end) {
		for (end = p; *end != '\0' && *end != '\n'; end++)
			continue;
		if (*end == '\n')
			end++;
		len = (int)(end - p);
		if (len < (int)sizeof(cons_tag) - 1 ||
		    kstrncmp(p, cons_tag, sizeof(cons_tag) - 1) != 0)
			continue;
		cpu = p[sizeof(cons_tag) - 1] - '0';
		if (cpu < 0 || cpu >= ncpus || seen[cpu] >= CONS_LINES) {
			broken++;
			continue;
		}
		cons_line(want, sizeof(want), cpu, seen[cpu]);
		if (len != (int)kstrlen(want) ||
		    kstrncmp(p, want, (size_t)len) != 0)
			broken++;
		seen[cpu]++;
	}
	KT_EXPECT_EQ(0, broken);
	for (cpu = 0; cpu < ncpus; cpu++)
		if (seen[cpu] != CONS_LINES)
			ktest_fail(kt, __FILE__, __LINE__, "cpu%d: %d whole "
			    "lines of its %d", cpu, seen[cpu], CONS_LINES);
}

KTEST(cons_msgbuf_keeps_what_was_printed)
{
	char got[64], want[64];
	uint32_t mark, written;

	mark = msgbuf_mark(&kmsgbuf);
	kprintf("note: %s: %d %s\n", kt->name, 42, "answer");
	written = msgbuf_since(&kmsgbuf, mark, got, sizeof(got));
	ksnprintf(want, sizeof(want), "note: %s: 42 answer\n", kt->name);
	KT_EXPECT_EQ(kstrlen(want), written);
	KT_EXPECT_STREQ(want, got);
}
