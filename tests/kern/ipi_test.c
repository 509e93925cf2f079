/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Messages between CPUs (Chapter "Messages between CPUs"): remote calls,
 * order per sender, waiting, full FIFOs under a flood from every CPU,
 * passive messages, broadcasts, cpusync, remote scheduling and wakeup,
 * and migration.  Each test states its property in its name and checks
 * it with whatever number of CPUs is running; with one CPU the messages
 * are direct calls, and the test says on the console what it could not
 * exercise.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"
#include "lwkt_testlib.h"

/* Say what a test could not exercise with the CPUs it has. */
static void
ipi_note_one_cpu(struct ktest_ctx *kt, const char *what)
{
	if (ncpus == 1)
		kprintf("note: %s: 1 CPU: %s not exercised\n", kt->name, what);
}

/* Spin a little, as a message with some work to do would. */
static void
ipi_delay(unsigned n)
{
	while (n-- > 0)
		cpu_pause();
}

/* Send a message that does nothing to gd and wait for it: every
 * message this CPU sent gd before has then returned. */
static void
ipi_null(void *arg)
{
	(void)arg;
}

static void
ipi_sync_with(struct globaldata *gd)
{
	lwkt_wait_ipiq(gd, lwkt_send_ipiq(gd, ipi_null, NULL));
}

/* ---- remote calls -------------------------------------------------- */

struct where {
	struct globaldata *gd;		/* mycpu, in the message */
	int	critcount;		/* the critical section it ran in */
	uint32_t calls;
};

static void
record_where(void *arg)
{
	struct where *w = arg;

	w->gd = mycpu;
	w->critcount = curthread->td_critcount;
	w->calls++;
}

KTEST(ipiq_remote_call_runs_on_target)
{
	static struct where w[MAXCPU];
	struct globaldata *gd;
	int cpu, seq;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		w[cpu].gd = NULL;
		w[cpu].calls = 0;
		seq = lwkt_send_ipiq(gd, record_where, &w[cpu]);
		lwkt_wait_ipiq(gd, seq);
		KT_ASSERT(w[cpu].gd == gd);
		KT_EXPECT_EQ(1, w[cpu].calls);
		KT_ASSERT(w[cpu].critcount > 0);
	}
	ipi_note_one_cpu(kt, "a call to another CPU");
}

/* ---- order per sender, and a flood from every CPU ------------------ */

/* flood_next[s][t]: the number of the next message from s that t
 * expects; written by t only (in the message). */
static uint32_t flood_next[MAXCPU][MAXCPU];
static uint32_t flood_bad[MAXCPU];	/* out-of-order messages, by t */

struct flood {
	uint32_t nmsg;			/* messages to each other CPU */
	uint32_t batch_max;		/* per critical section, at most */
	uint32_t seed[MAXCPU];		/* each sender's generator */
	volatile uint32_t ready;	/* senders at the start line */
	volatile uint32_t go;		/* start! */
	int full_first;			/* begin by filling every FIFO */
	volatile uint32_t in_crit;	/* senders in the first batch */
	struct xgroup g;
};

static void
flood_msg(void *arg)
{
	uintptr_t a = (uintptr_t)arg;
	int src = (int)(a >> 24), dst = mycpu->gd_cpuid;
	uint32_t n = (uint32_t)(a & 0xFFFFFF);

	if (flood_next[src][dst] != n)
		flood_bad[dst]++;
	flood_next[src][dst] = n + 1;
}

/* One sender: nmsg messages to every other CPU, in batches sent from
 * inside critical sections (so that its own incoming FIFOs fill). */
static void
flood_sender(void *arg)
{
	struct flood *f = arg;
	int me = mycpu->gd_cpuid, t, lastseq[MAXCPU];
	uint32_t rng = f->seed[me], n = 0, k, batch;

	atomic_add_int(&f->ready, 1);
	while (!f->go)
		lwkt_yield();
	if (f->full_first) {
		/*
		 * Every sender in a critical section at once: none runs the
		 * messages it gets except to make room.  Each sends
		 * IPIQ_HIGH + 2 messages to every other CPU, so the first to
		 * reach its last send finds that FIFO over half full (its
		 * target has run none of them): the deadlock picture of
		 * book/16-ipi.nw, by construction rather than by luck.
		 */
		crit_enter();
		atomic_add_int(&f->in_crit, 1);
		while (f->in_crit != (uint32_t)ncpus)
			cpu_pause();
		for (k = 0; k < IPIQ_HIGH + 2 && n < f->nmsg; k++, n++)
			for (t = 0; t < ncpus; t++)
				if (t != me)
					lastseq[t] = lwkt_send_ipiq(
					    globaldata_find(t), flood_msg,
					    (void *)(uintptr_t)
					    ((uint32_t)me << 24 | n));
		crit_exit();
	}
	while (n < f->nmsg) {
		batch = 1 + ktest_xorshift(&rng) % f->batch_max;
		crit_enter();
		for (k = 0; k < batch && n < f->nmsg; k++, n++)
			for (t = 0; t < ncpus; t++)
				if (t != me)
					lastseq[t] = lwkt_send_ipiq(
					    globaldata_find(t), flood_msg,
					    (void *)(uintptr_t)
					    ((uint32_t)me << 24 | n));
		crit_exit();
	}
	for (t = 0; t < ncpus; t++)
		if (t != me)
			lwkt_wait_ipiq(globaldata_find(t), lastseq[t]);
	xgroup_done(&f->g);
}

/* Every CPU sends to every other at once; check order and counts. */
static void
flood_run(struct ktest_ctx *kt, uint32_t nmsg, uint32_t batch_max,
    int full_first)
{
	static struct flood f;
	int s, t;

	for (s = 0; s < MAXCPU; s++) {
		flood_bad[s] = 0;
		for (t = 0; t < MAXCPU; t++)
			flood_next[s][t] = 0;
		f.seed[s] = ktest_random(kt) | 1;
	}
	f.nmsg = nmsg;
	f.batch_max = batch_max;
	f.ready = 0;
	f.go = 0;
	f.full_first = full_first;
	f.in_crit = 0;
	xgroup_init(&f.g);
	for (s = 0; s < ncpus; s++)
		xgroup_start(kt, &f.g, flood_sender, &f, s, 0);
	while (f.ready != (uint32_t)ncpus)
		lwkt_yield();
	f.go = 1;
	xgroup_wait(&f.g);
	for (t = 0; t < ncpus; t++) {
		KT_EXPECT_EQ(0, flood_bad[t]);
		for (s = 0; s < ncpus; s++)
			if (s != t && flood_next[s][t] != nmsg)
				ktest_fail(kt, __FILE__, __LINE__,
				    "cpu%d ran %u of cpu%d's %u messages", t,
				    flood_next[s][t], s, nmsg);
	}
}

KTEST(ipiq_fifo_order_per_sender)
{
	flood_run(kt, 1000, 1, 0);
	ipi_note_one_cpu(kt, "the order of messages between CPUs");
}

KTEST(ipiq_fifo_full_drains_own_queue)
{
	uint64_t drains = 0;
	int cpu, t;

	for (cpu = 0; cpu < ncpus; cpu++)
		drains -= globaldata_find(cpu)->gd_cnt_ipiq_drain;
	flood_run(kt, 2000, 4 * IPIQ_SIZE, 1);
	for (cpu = 0; cpu < ncpus; cpu++)
		drains += globaldata_find(cpu)->gd_cnt_ipiq_drain;
	if (ncpus > 1) {
		/* The first batch, every sender in a critical section at
		 * once: some sender must have found its FIFO over half
		 * full (flood_sender says why). */
		KT_ASSERT(drains > 0);
		/* And every FIFO used has wrapped its 32-bit indices. */
		for (cpu = 0; cpu < ncpus; cpu++)
			for (t = 0; t < ncpus; t++)
				if (t != cpu)
					KT_ASSERT(globaldata_find(cpu)->
					    gd_ipiq[t].ip_windex <
					    IPIQ_FIRST_INDEX);
	}
	kprintf("note: %s: %llu sends found a FIFO over half full\n",
	    kt->name, (unsigned long long)drains);
	ipi_note_one_cpu(kt, "a full FIFO (messages to self are calls)");
}

/* ---- waiting ------------------------------------------------------- */

static volatile uint32_t wait_count[MAXCPU];	/* by the target */

static void
slow_count(void *arg)
{
	(void)arg;
	ipi_delay(2000);
	wait_count[mycpu->gd_cpuid]++;
}

/* A message that sends back to its sender and waits for the answer:
 * both CPUs wait for each other, and must answer while they wait. */
static struct globaldata *bounce_from;
static volatile uint32_t bounce_answered;

static void
bounce_answer(void *arg)
{
	(void)arg;
	bounce_answered++;
}

static void
bounce(void *arg)
{
	(void)arg;
	lwkt_wait_ipiq(bounce_from,
	    lwkt_send_ipiq(bounce_from, bounce_answer, NULL));
}

KTEST(ipiq_wait_for_completion)
{
	enum { K = 40 };
	struct globaldata *gd;
	int cpu, seq[K], j, k;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		ipi_sync_with(gd);
		wait_count[cpu] = 0;
		for (k = 0; k < K; k++)
			seq[k] = lwkt_send_ipiq(gd, slow_count, NULL);
		j = (int)(ktest_random(kt) % K);
		lwkt_wait_ipiq(gd, seq[j]);
		if (wait_count[cpu] < (uint32_t)j + 1)
			ktest_fail(kt, __FILE__, __LINE__, "cpu%d: waited for "
			    "message %d, only %u had run", cpu, j,
			    wait_count[cpu]);
		lwkt_wait_ipiq(gd, seq[K - 1]);
		KT_EXPECT_EQ(K, wait_count[cpu]);
	}
	ipi_note_one_cpu(kt, "waiting for another CPU");
}

/* Two CPUs wait for each other: each must run the other's messages
 * while it waits, or neither ever returns (the test then hangs, and the
 * grader reports the hang). */
KTEST(ipiq_wait_answers_while_waiting)
{
	struct globaldata *gd;
	int cpu, round;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		for (round = 0; round < 4; round++) {
			bounce_from = mycpu;
			bounce_answered = 0;
			lwkt_wait_ipiq(gd, lwkt_send_ipiq(gd, bounce, NULL));
			KT_EXPECT_EQ(1, bounce_answered);
		}
	}
	ipi_note_one_cpu(kt, "two CPUs waiting for each other");
}

/* ---- passive messages ---------------------------------------------- */

struct passive_record {
	struct globaldata *gd;
	uint64_t poll;			/* its ticks that found messages */
	uint64_t intr;			/* its IPI interrupts */
};

static void
passive_record(void *arg)
{
	struct passive_record *r = arg;

	r->gd = mycpu;
	r->poll = mycpu->gd_cnt_ipiq_poll;
	r->intr = mycpu->gd_cnt_ipiq_intr;
}

KTEST(ipiq_passive_picked_up_on_tick)
{
	static struct passive_record r;
	struct globaldata *gd;
	uint64_t poll, intr;
	uint32_t ticks;
	int cpu, seq;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		ipi_sync_with(gd);	/* nothing of ours in the FIFO... */
		ticks = gd->gd_ticks;	/* ... nor an IPI on its way */
		while (gd != mycpu && gd->gd_ticks == ticks)
			cpu_pause();
		r.gd = NULL;
		poll = gd->gd_cnt_ipiq_poll;
		intr = gd->gd_cnt_ipiq_intr;
		seq = lwkt_send_ipiq_passive(gd, passive_record, &r);
		lwkt_wait_ipiq(gd, seq);
		KT_ASSERT(r.gd == gd);
		if (gd == mycpu)
			continue;
		/* Idle, not interrupted by us: a tick found it. */
		if (r.poll == poll)
			ktest_fail(kt, __FILE__, __LINE__, "cpu%d ran a "
			    "passive message that no tick found", cpu);
		KT_EXPECT_EQ(intr, r.intr);
	}
	ipi_note_one_cpu(kt, "a passive message to another CPU");
}

/* ---- broadcast ----------------------------------------------------- */

static volatile uint32_t bcast_count[MAXCPU];	/* by each CPU */

static void
bcast_count_me(void *arg)
{
	(void)arg;
	bcast_count[mycpu->gd_cpuid]++;
}

KTEST(ipiq_broadcast_reaches_every_cpu)
{
	cpumask_t mask, all = lwkt_cpumask_running();
	int cpu, round, n;

	for (round = 0; round < 8; round++) {
		/* Every CPU first, then random subsets (and bits beyond
		 * ncpus, which must be ignored). */
		mask = round == 0 ? ~(cpumask_t)0 : ktest_random(kt);
		for (cpu = 0; cpu < MAXCPU; cpu++)
			bcast_count[cpu] = 0;
		n = lwkt_send_ipiq_mask(mask, bcast_count_me, NULL);
		KT_EXPECT_EQ(__builtin_popcount(mask & all), n);
		for (cpu = 0; cpu < ncpus; cpu++)
			ipi_sync_with(globaldata_find(cpu));
		for (cpu = 0; cpu < MAXCPU; cpu++)
			if (bcast_count[cpu] !=
			    ((mask & all & CPUMASK(cpu)) != 0 ? 1u : 0u))
				ktest_fail(kt, __FILE__, __LINE__,
				    "mask 0x%x: cpu%d ran it %u times", mask,
				    cpu, bcast_count[cpu]);
	}
	ipi_note_one_cpu(kt, "a broadcast to other CPUs");
}

/* ---- cpusync --------------------------------------------------------- */

static volatile uint32_t sync_ran[MAXCPU];	/* by each CPU */
static volatile uint32_t sync_after[MAXCPU];	/* by each CPU */

static void
sync_arrive(void *arg)
{
	(void)arg;
	sync_ran[mycpu->gd_cpuid]++;
}

static void
sync_mark_after(void *arg)
{
	(void)arg;
	sync_after[mycpu->gd_cpuid] = 1;
}

KTEST(cpusync_rendezvous_holds_all)
{
	cpumask_t all = lwkt_cpumask_running();
	int cpu, me;

	for (cpu = 0; cpu < MAXCPU; cpu++) {
		sync_ran[cpu] = 0;
		sync_after[cpu] = 0;
	}
	lwkt_cpusync_start(all, sync_arrive, NULL);
	me = mycpu->gd_cpuid;
	for (cpu = 0; cpu < ncpus; cpu++)
		KT_EXPECT_EQ(1, sync_ran[cpu]);
	/* A message to each held CPU: none may run it until released. */
	for (cpu = 0; cpu < ncpus; cpu++)
		if (cpu != me)
			lwkt_send_ipiq(globaldata_find(cpu), sync_mark_after,
			    NULL);
	ipi_delay(200000);
	for (cpu = 0; cpu < ncpus; cpu++)
		if (cpu != me && sync_after[cpu] != 0)
			ktest_fail(kt, __FILE__, __LINE__, "cpu%d left the "
			    "rendezvous before the release", cpu);
	lwkt_cpusync_finish();
	for (cpu = 0; cpu < ncpus; cpu++) {
		if (cpu == me)
			continue;
		ipi_sync_with(globaldata_find(cpu));
		KT_EXPECT_EQ(1, sync_after[cpu]);
	}
	ipi_note_one_cpu(kt, "holding another CPU");
}

/* Many initiators at once: rendezvous are serialized, none deadlocks,
 * and every CPU runs the function of every rendezvous exactly once. */
#define SYNC_ROUNDS	20

struct sync_many {
	volatile uint32_t ready, go;
	struct xgroup g;
};

static void
sync_initiator(void *arg)
{
	struct sync_many *m = arg;
	int i;

	atomic_add_int(&m->ready, 1);
	while (!m->go)
		lwkt_yield();
	for (i = 0; i < SYNC_ROUNDS; i++) {
		lwkt_cpusync(lwkt_cpumask_running(), sync_arrive, NULL);
		/* A tick's sleep between rounds: without a switch, a thread
		 * spinning through rendezvous after rendezvous is all the
		 * watchdog sees, and 8 CPUs on a loaded host's QEMU take more
		 * than its 5 s for the 160 of them.  The others go on
		 * contending meanwhile. */
		tsleep(&m->go, 0, "ktsync", 1);
	}
	xgroup_done(&m->g);
}

KTEST(cpusync_many_initiators_no_deadlock)
{
	static struct sync_many m;
	int cpu;

	for (cpu = 0; cpu < MAXCPU; cpu++)
		sync_ran[cpu] = 0;
	m.ready = m.go = 0;
	xgroup_init(&m.g);
	for (cpu = 0; cpu < ncpus; cpu++)
		xgroup_start(kt, &m.g, sync_initiator, &m, cpu, 0);
	while (m.ready != (uint32_t)ncpus)
		lwkt_yield();
	m.go = 1;
	xgroup_wait(&m.g);
	for (cpu = 0; cpu < ncpus; cpu++)
		KT_EXPECT_EQ(ncpus * SYNC_ROUNDS, sync_ran[cpu]);
	ipi_note_one_cpu(kt, "concurrent rendezvous");
}

/* ---- threads of other CPUs ----------------------------------------- */

struct ran_on {
	struct globaldata *gd;		/* mycpu when it ran */
	struct globaldata *td_gd;	/* curthread->td_gd then */
	struct xgroup *g;
};

static void
record_cpu_and_exit(void *arg)
{
	struct ran_on *r = arg;

	r->gd = mycpu;
	r->td_gd = curthread->td_gd;
	xgroup_done(r->g);
}

KTEST(lwkt_remote_schedule_runs_on_owner)
{
	static struct ran_on r[MAXCPU];
	struct thread *td[MAXCPU];
	struct xgroup g;
	int cpu, before = lwkt_threads_allocated();

	xgroup_init(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		r[cpu].gd = r[cpu].td_gd = NULL;
		r[cpu].g = &g;
		td[cpu] = xgroup_start(kt, &g, record_cpu_and_exit, &r[cpu],
		    cpu, TDF_NOSTART);
	}
	/* Each thread is created on its CPU but not scheduled; schedule
	 * all of them from here. */
	for (cpu = 0; cpu < ncpus; cpu++)
		if (td[cpu] != NULL)
			lwkt_schedule(td[cpu]);
	xgroup_wait(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_ASSERT(r[cpu].gd == globaldata_find(cpu));
		KT_ASSERT(r[cpu].td_gd == globaldata_find(cpu));
	}
	KT_ASSERT(kt_wait_threads_freed(before) <= before);
	ipi_note_one_cpu(kt, "scheduling a thread of another CPU");
}

/* Ping-pong between thread0 and a thread of each other CPU: each side
 * sleeps until the other hands it the turn and wakes it.  A token and
 * a critical section around the test and the sleep, as tsleep asks. */
#define PINGPONG_ROUNDS	200

struct pingpong {
	struct lwkt_token tok;
	volatile int turn;		/* 0: thread0's, 1: the other's */
	int	rounds;
	int	wrong_cpu;		/* times the other ran elsewhere */
	struct globaldata *home;
	struct xgroup *g;
};

static void
pong(void *arg)
{
	struct pingpong *p = arg;
	int i;

	lwkt_gettoken(&p->tok);
	crit_enter();
	for (i = 0; i < p->rounds; i++) {
		while (p->turn != 1)
			tsleep(&p->turn, 0, "pong", 0);
		if (mycpu != p->home)
			p->wrong_cpu++;
		p->turn = 0;
		wakeup(&p->turn);
	}
	crit_exit();
	lwkt_reltoken(&p->tok);
	xgroup_done(p->g);
}

KTEST(tsleep_remote_wakeup)
{
	static struct pingpong p;
	struct xgroup g;
	int cpu, i;

	for (cpu = 0; cpu < ncpus; cpu++) {
		lwkt_token_init(&p.tok, "pingpong");
		p.turn = 0;
		p.rounds = PINGPONG_ROUNDS;
		p.wrong_cpu = 0;
		p.home = globaldata_find(cpu);
		p.g = &g;
		xgroup_init(&g);
		xgroup_start(kt, &g, pong, &p, cpu, 0);
		lwkt_gettoken(&p.tok);
		crit_enter();
		for (i = 0; i < p.rounds; i++) {
			p.turn = 1;
			wakeup(&p.turn);
			while (p.turn != 0)
				tsleep(&p.turn, 0, "ping", 0);
		}
		crit_exit();
		lwkt_reltoken(&p.tok);
		xgroup_wait(&g);
		KT_EXPECT_EQ(0, p.wrong_cpu);
	}
	ipi_note_one_cpu(kt, "a wakeup across CPUs");
}

/* Threads that wander over the CPUs in a random order. */
#define MIGRATIONS	100

struct wanderer {
	uint32_t seed;
	int	start;			/* where it was created */
	volatile int errors;		/* checks that failed */
	int	moves;
	struct xgroup *g;
};

/* Is td on gd's list of threads? */
static int
on_tdallq(struct globaldata *gd, struct thread *td)
{
	struct thread *t;
	int found = 0;

	crit_enter();
	TAILQ_FOREACH(t, &gd->gd_tdallq, td_allq)
		if (t == td)
			found = 1;
	crit_exit();
	return found;
}

static void
wander(void *arg)
{
	struct wanderer *w = arg;
	volatile uint32_t canary[8];
	struct globaldata *gd;
	uint32_t rng = w->seed;
	int i, k;

	for (k = 0; k < 8; k++)
		canary[k] = w->seed ^ (uint32_t)k;
	for (i = 0; i < MIGRATIONS; i++) {
		gd = globaldata_find((int)(ktest_xorshift(&rng) %
		    (uint32_t)ncpus));
		lwkt_setcpu_self(gd);
		if (mycpu != gd || curthread->td_gd != gd ||
		    !on_tdallq(gd, curthread) || curthread->td_critcount != 0)
			w->errors++;
		for (k = 0; k < 8; k++)
			if (canary[k] != (w->seed ^ (uint32_t)k))
				w->errors++;
		w->moves++;
		if (ktest_xorshift(&rng) % 4 == 0)
			lwkt_yield();
	}
	lwkt_setcpu_self(globaldata_find(w->start));
	if (mycpu->gd_cpuid != w->start)
		w->errors++;
	xgroup_done(w->g);
}

KTEST(lwkt_setcpu_self_migrates)
{
	static struct wanderer w[MAXCPU];
	struct xgroup g;
	int cpu, before = lwkt_threads_allocated();

	xgroup_init(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		w[cpu].seed = ktest_random(kt) | 1;
		w[cpu].start = cpu;
		w[cpu].errors = 0;
		w[cpu].moves = 0;
		w[cpu].g = &g;
		xgroup_start(kt, &g, wander, &w[cpu], cpu, 0);
	}
	xgroup_wait(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_EXPECT_EQ(0, w[cpu].errors);
		KT_EXPECT_EQ(MIGRATIONS, w[cpu].moves);
	}
	/* thread0 itself goes round every CPU and comes back. */
	for (cpu = ncpus - 1; cpu >= 0; cpu--) {
		lwkt_setcpu_self(globaldata_find(cpu));
		KT_ASSERT(mycpu == globaldata_find(cpu));
		KT_ASSERT(curthread->td_gd == mycpu);
	}
	KT_EXPECT_EQ(0, mycpu->gd_cpuid);
	KT_ASSERT(kt_wait_threads_freed(before) <= before);
	ipi_note_one_cpu(kt, "moving to another CPU");
}
