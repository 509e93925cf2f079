/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The default policy's decisions (book/30-usched.nw): pure functions of
 * the queues and one process's fields, called under usched_spin.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/usched_dflt.h"

/* Empty queues for NCPUS CPUs, none of them running a process. */
void
usched_queues_init(struct usched_queues *uqs, int ncpus)
{
	int cpu, level;

	uqs->us_ncpus = ncpus;
	uqs->us_seq = 0;
	uqs->us_decayed = 0;
	for (cpu = 0; cpu < MAXCPU; cpu++) {
		for (level = 0; level < USCHED_NQS; level++)
			TAILQ_INIT(&uqs->us_cpu[cpu].uq_q[level]);
		uqs->us_cpu[cpu].uq_mask = 0;
		uqs->us_cpu[cpu].uq_count = 0;
		uqs->us_cpu[cpu].uq_curlevel = -1;
	}
}

/* E joins the tail of its level on CPU's queue. */
void
usched_queue_insert(struct usched_queues *uqs, int cpu,
    struct usched_entity *e)
{
	struct usched_cpuq *q = &uqs->us_cpu[cpu];

	TAILQ_INSERT_TAIL(&q->uq_q[e->ue_level], e, ue_link);
	q->uq_mask |= 1u << e->ue_level;
	q->uq_count++;
	e->ue_cpu = cpu;
	e->ue_queued = 1;
	e->ue_seq = uqs->us_seq++;
}

/* E, which is queued, leaves its queue. */
void
usched_queue_remove(struct usched_queues *uqs, struct usched_entity *e)
{
	struct usched_cpuq *q = &uqs->us_cpu[e->ue_cpu];

	TAILQ_REMOVE(&q->uq_q[e->ue_level], e, ue_link);
	if (TAILQ_EMPTY(&q->uq_q[e->ue_level]))
		q->uq_mask &= ~(1u << e->ue_level);
	q->uq_count--;
	e->ue_queued = 0;
}

/* The best level queued on Q, or -1 when Q is empty. */
int
usched_queue_best(const struct usched_cpuq *q)
{
	return q->uq_mask == 0 ? -1 : __builtin_ctz(q->uq_mask);
}
/* Apply the decay periods elapsed until NOW to E, and its level. */
void
usched_reprioritize(struct usched_entity *e, uint32_t now)
{
	uint32_t period = now / USCHED_DECAY_TICKS;
	uint32_t n = period - e->ue_decayed;

	if (n != 0) {
		e->ue_estcpu = n >= 16 ? 0 : e->ue_estcpu >> n;
		e->ue_decayed = period;
	}
	e->ue_level = e->ue_estcpu / USCHED_ESTCPU_PER_LEVEL;
	if (e->ue_level >= USCHED_NQS)
		e->ue_level = USCHED_NQS - 1;
}

/* A tick at NOW found E running: one more tick of recent use. */
void
usched_charge_tick(struct usched_entity *e, uint32_t now)
{
	if (e->ue_estcpu < USCHED_ESTCPU_MAX)
		e->ue_estcpu++;
	usched_reprioritize(e, now);
}

/* At the first look of a new decay period: every waiting process
 * decays too, and moves to the list of its new level. */
void
usched_queues_decay(struct usched_queues *uqs, uint32_t now)
{
	struct usched_cpuq *q;
	struct usched_entity *e, *next;
	int cpu, level;

	if (now / USCHED_DECAY_TICKS == uqs->us_decayed)
		return;
	uqs->us_decayed = now / USCHED_DECAY_TICKS;
	for (cpu = 0; cpu < uqs->us_ncpus; cpu++) {
		q = &uqs->us_cpu[cpu];
		for (level = 1; level < USCHED_NQS; level++) {
			for (e = TAILQ_FIRST(&q->uq_q[level]); e != NULL;
			    e = next) {
				next = TAILQ_NEXT(e, ue_link);
				usched_reprioritize(e, now);
				if (e->ue_level == level)
					continue;
				TAILQ_REMOVE(&q->uq_q[level], e, ue_link);
				TAILQ_INSERT_TAIL(&q->uq_q[e->ue_level], e,
				    ue_link);
				q->uq_mask |= 1u << e->ue_level;
			}
			if (TAILQ_EMPTY(&q->uq_q[level]))
				q->uq_mask &= ~(1u << level);
		}
	}
}

/* Does E, just queued on CPU, deserve that CPU's current one's place? */
int
usched_preempts(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e)
{
	int cur = uqs->us_cpu[cpu].uq_curlevel;

	return cur >= 0 && e->ue_level < cur;
}
/* E runs on CPU and its slice has ue_slice ticks: must it give way? */
int
usched_slice_over(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e)
{
	int c, best = usched_queue_best(&uqs->us_cpu[cpu]);

	if (best >= 0 && best < e->ue_level)
		return 1;
	if (e->ue_slice < USCHED_QUANTUM)
		return 0;
	for (c = 0; c < uqs->us_ncpus; c++) {
		best = usched_queue_best(&uqs->us_cpu[c]);
		if (best >= 0 && best <= e->ue_level)
			return 1;
	}
	return 0;
}
/* The CPU whose queue E should join: the least loaded, E's own first. */
int
usched_choose_cpu(const struct usched_queues *uqs,
    const struct usched_entity *e)
{
	int i, c, load, best = 0, bestload = -1;
	int start = e->ue_cpu >= 0 && e->ue_cpu < uqs->us_ncpus ?
	    e->ue_cpu : 0;

	for (i = 0; i < uqs->us_ncpus; i++) {
		c = (start + i) % uqs->us_ncpus;
		load = uqs->us_cpu[c].uq_count +
		    (uqs->us_cpu[c].uq_curlevel >= 0);
		if (bestload < 0 || load < bestload) {
			best = c;
			bestload = load;
		}
	}
	return best;
}

/* CPU's next process, off its queue: the first of the best level of
 * all queues, the earliest queued among equals; NULL if none waits. */
struct usched_entity *
usched_choose_next(struct usched_queues *uqs, int cpu)
{
	struct usched_entity *e, *best = NULL;
	int i, level;

	for (i = 0; i < uqs->us_ncpus; i++) {
		level = usched_queue_best(&uqs->us_cpu[(cpu + i) %
		    uqs->us_ncpus]);
		if (level < 0)
			continue;
		e = TAILQ_FIRST(&uqs->us_cpu[(cpu + i) %
		    uqs->us_ncpus].uq_q[level]);
		if (best == NULL || e->ue_level < best->ue_level ||
		    (e->ue_level == best->ue_level &&
		    (int32_t)(e->ue_seq - best->ue_seq) < 0))
			best = e;
	}
	if (best != NULL)
		usched_queue_remove(uqs, best);
	return best;
}
/* CPU has no current process and nothing waits on any queue: may E,
 * which wants a CPU at NOW, be CPU's current one at once?  Yes when
 * CPU is where E would be queued; E and CPU's level are then as after
 * E was queued there and chosen. */
int
usched_take_idle(struct usched_queues *uqs, int cpu,
    struct usched_entity *e, uint32_t now)
{
	usched_reprioritize(e, now);
	if (usched_choose_cpu(uqs, e) != cpu)
		return 0;
	e->ue_slice = 0;
	e->ue_cpu = cpu;
	uqs->us_cpu[cpu].uq_curlevel = e->ue_level;
	return 1;
}
