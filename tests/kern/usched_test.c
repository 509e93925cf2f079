/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The user scheduler (book/30-usched.nw), end to end: CPU-bound programs
 * (/test/uhog) and an interactive one (/test/usleeper) run as children
 * of proc0, and the tests check the properties the policy promises,
 * measured in ticks the kernel counts, never in wall time:
 *
 *   fairness       N = CPUs + 1 hogs: each one's ticks within 25% of
 *                  their mean;
 *   spread         N = CPUs hogs: every CPU busy (a tick finds the
 *                  current process running) at least 80% of its ticks;
 *   interactivity  a sleeper among one hog per CPU is back in user mode
 *                  within 1 tick of each wakeup;
 *   the rule       no tick ever finds a process in user mode that is not
 *                  its CPU's current one, and no process is lost.
 *
 * The figures hold under Bochs, whose clock is its instruction count:
 * a tick is the same work on every CPU, and the run is the same for a
 * seed.  Under QEMU a virtual CPU is a host thread that the host may
 * stop for a while (a loaded host with 2 cores runs 8 of them), and its
 * ticks come late or merge: there the tests check only what holds
 * whatever the timing (no hog starves, no CPU stays idle, the sleeper
 * gets through every round, the rule), and print the figures.
 *
 * For the duration of a test the test takes over the system call vector:
 * it answers the two calls of tests/user/lib/usched_calls.h itself
 * (USCHED_TEST_STOP: may a hog stop?  USCHED_TEST_SLEEP: sleep N ticks)
 * and passes every other call to the kernel's dispatcher.  Its sleeps,
 * and the test's own waits, end at a tick of CPU 0 (a tick hook of the
 * test's).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "kern/exec.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "kern/usched.h"
#include "lwkt_testlib.h"

#define UT_STOP		1000	/* tests/user/lib/usched_calls.h */
#define UT_SLEEP	1001

#define UT_MAXPROCS	(2 * MAXCPU + 1)	/* the most a test starts */
#define UT_ROUNDS	8	/* the sleeper's sleeps */

/* A wait that ends at a tick of CPU 0. */
struct ut_timer {
	struct thread *volatile td;	/* who waits, or NULL */
	volatile uint32_t deadline;	/* CPU 0's tick it waits for */
	volatile int	fired;		/* the tick came */
	volatile uint32_t fired_at;	/* ... at this tick */
};

static struct ut_timer ut_test_timer;	/* the test's own waits */
static struct ut_timer ut_sleep_timer;	/* the sleeper's sleeps */
static volatile int ut_stop;		/* hogs stop when 1 */
static trap_handler_fn *ut_prev_syscall;
static volatile uint32_t ut_lat_max, ut_lat_n; /* the sleeper's delays */

/* Wake T's thread if CPU 0's tick NOW reached its deadline. */
static void
ut_fire(struct ut_timer *t, uint32_t now)
{
	struct thread *td = t->td;

	if (td == NULL || (int32_t)(now - t->deadline) < 0)
		return;
	t->td = NULL;
	t->fired_at = now;
	cpu_ccfence();
	t->fired = 1;
	lwkt_schedule(td);
}

/* Tick hook: on CPU 0, end the waits that are due. */
static void
ut_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)tf;
	if (gd->gd_cpuid != 0)
		return;
	ut_fire(&ut_test_timer, gd->gd_ticks);
	ut_fire(&ut_sleep_timer, gd->gd_ticks);
}

static struct tick_hook ut_tick_hook = { ut_tick, TICK_ORDER_MIDDLE,
    "usched_test", NULL };

/* The current thread waits until CPU 0 has taken TICKS more ticks. */
static void
ut_wait_ticks(struct ut_timer *t, uint32_t ticks)
{
	struct thread *td = curthread;

	crit_enter();
	t->fired = 0;
	t->deadline = usched_ticks() + ticks;
	cpu_ccfence();
	t->td = td;
	while (!t->fired) {
		lwkt_deschedule_self(td);
		if (!t->fired)
			lwkt_switch();
		else
			lwkt_schedule(td);
	}
	crit_exit();
}

/* The system call vector during a test: the programs' two calls. */
static void
ut_syscall(struct trapframe *tf)
{
	uint32_t lat;

	switch (tf->tf_eax) {
	case UT_STOP:
		tf->tf_eax = (uint32_t)ut_stop;
		return;
	case UT_SLEEP:
		cpu_enable_intr();
		if (ut_sleep_timer.fired) {	/* back from the last sleep */
			lat = usched_ticks() - ut_sleep_timer.fired_at;
			if (lat > ut_lat_max)
				ut_lat_max = lat;
			ut_lat_n++;
		}
		ut_wait_ticks(&ut_sleep_timer, tf->tf_ebx);
		tf->tf_eax = 0;
		return;
	default:
		ut_prev_syscall(tf);
	}
}

/* The state of one test's programs. */
struct ut_run {
	pid_t		pid[UT_MAXPROCS];
	int		n;
	uint32_t	violations;	/* usched_violations at the start */
	int		threads;	/* threads allocated at the start */
};

/* Before a test: the programs are there; the vector and hook are ours. */
static int
ut_begin(struct ktest_ctx *kt, struct ut_run *r)
{
	static int hooked;

	if (!exec_image_exists("/test/uhog")) {
		ktest_fail(kt, __FILE__, __LINE__, "no /test/uhog: on no "
		    "root filesystem and in no boot archive");
		return 0;
	}
	if (!hooked) {
		hooked = 1;
		tick_hook_register(&ut_tick_hook);
	}
	r->n = 0;
	r->violations = usched_violations;
	r->threads = lwkt_threads_allocated();
	ut_stop = 0;
	ut_lat_max = ut_lat_n = 0;
	ut_sleep_timer.fired = 0;
	ut_prev_syscall = trap_set_handler(VEC_SYSCALL, ut_syscall);
	return 1;
}

/* Start PATH with ARGV; its pid joins R. */
static void
ut_spawn(struct ktest_ctx *kt, struct ut_run *r, const char *path,
    char *const *argv)
{
	pid_t pid;
	int error;

	KT_ASSERT(r->n < UT_MAXPROCS);		/* else r->n is overwritten */
	if (r->n >= UT_MAXPROCS)
		return;
	error = proc_spawn(path, argv, NULL, &pid);
	KT_EXPECT_EQ(0, error);
	if (error == 0)
		r->pid[r->n++] = pid;
}

/* The ticks that found process PID running so far. */
static uint32_t
ut_ticks_of(pid_t pid)
{
	struct proc *p;
	uint32_t t = 0;

	proc_tree_lock();
	if ((p = pfind(pid)) != NULL)
		t = p->p_usched.up_ticks;
	proc_tree_unlock();
	return t;
}

/* Has process PID exited (a zombie that waits for us)? */
static int
ut_exited(pid_t pid)
{
	struct proc *p;
	int z;

	proc_tree_lock();
	z = (p = pfind(pid)) != NULL && p->p_stat == SZOMB;
	proc_tree_unlock();
	return z;
}

/* After a test: stop the hogs, collect every program (each must exit
 * 0), give the vector back; the rule was never broken. */
static void
ut_end(struct ktest_ctx *kt, struct ut_run *r)
{
	int i, xstat;

	ut_stop = 1;
	for (i = 0; i < r->n; i++) {
		KT_EXPECT_EQ(r->pid[i], kern_wait4(&proc0, r->pid[i], &xstat,
		    0));
		KT_EXPECT_EQ(0, xstat);
	}
	trap_set_handler(VEC_SYSCALL, ut_prev_syscall);
	KT_EXPECT_EQ(0, usched_violations - r->violations);
	kt_wait_threads_freed(r->threads);
}

/*
 * Fairness.  CPUs + 1 hogs compete for 150 ticks (of CPU 0).  The
 * policy orders them by recent use: a hog that ran more than another
 * sinks below it, and gives way at the end of its slice to any hog of
 * its level or better, on any CPU.  Two hogs' recent use therefore
 * never differ by much more than a level (8 ticks) and a slice (4
 * ticks), and halving by the decay shrinks old differences; the share
 * of each, around 150 * CPUs / (CPUs + 1) >= 75 ticks, is within 25%
 * (19 ticks or more) of the mean.  A policy without slices lets one hog
 * wait for ever (0 ticks), which QEMU checks too.
 */
KTEST(usched_hogs_share_fairly)
{
	static char *argv[] = { "uhog", NULL };
	struct ut_run r;
	uint32_t t[UT_MAXPROCS], sum = 0, mean;
	int i, n = ncpus + 1, qemu = kt_on_qemu();

	if (!ut_begin(kt, &r))
		return;
	for (i = 0; i < n; i++)
		ut_spawn(kt, &r, "/test/uhog", argv);
	ut_wait_ticks(&ut_test_timer, 150);
	for (i = 0; i < r.n; i++)
		sum += t[i] = ut_ticks_of(r.pid[i]);
	mean = r.n > 0 ? sum / (uint32_t)r.n : 0;
	kprintf("usched: %d hogs on %d CPUs, mean %u ticks:", r.n, ncpus,
	    mean);
	for (i = 0; i < r.n; i++)
		kprintf(" %u", t[i]);
	kprintf("\n");
	for (i = 0; i < r.n; i++) {
		KT_ASSERT(t[i] > 0);
		if (!qemu) {
			KT_ASSERT(t[i] * 4 >= mean * 3);
			KT_ASSERT(t[i] * 4 <= mean * 5);
		}
	}
	ut_end(kt, &r);
}

/*
 * Spread.  As many hogs as CPUs: the policy sends a waiting process to
 * the least loaded CPU, an idle one first, so each hog gets a CPU of
 * its own and no CPU idles.  Over 100 ticks after a warm-up of 10 (the
 * hogs start one after the other), each CPU's ticks find its current
 * process running at least 80% of the time: what is left is the kernel
 * work of a tick and a hog's calls.  With all hogs on one CPU, the
 * others are idle: 0%, which QEMU checks too (a CPU busy at least half
 * the ticks it took).
 */
KTEST(usched_hogs_spread_over_cpus)
{
	static char *argv[] = { "uhog", NULL };
	uint32_t busy0[MAXCPU], ticks0[MAXCPU], busy, ticks;
	struct globaldata *gd;
	struct ut_run r;
	int i, cpu, qemu = kt_on_qemu();

	if (!ut_begin(kt, &r))
		return;
	for (i = 0; i < ncpus; i++)
		ut_spawn(kt, &r, "/test/uhog", argv);
	ut_wait_ticks(&ut_test_timer, 10);
	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		busy0[cpu] = gd->gd_usched_busy;
		ticks0[cpu] = gd->gd_ticks;
	}
	ut_wait_ticks(&ut_test_timer, 100);
	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		busy = gd->gd_usched_busy - busy0[cpu];
		ticks = gd->gd_ticks - ticks0[cpu];
		kprintf("usched: cpu%d busy %u of %u ticks\n", cpu, busy,
		    ticks);
		KT_ASSERT(ticks > 0);
		if (qemu)
			KT_ASSERT(busy * 2 >= ticks);
		else
			KT_ASSERT(busy * 10 >= ticks * 8);
	}
	ut_end(kt, &r);
}

/*
 * Interactivity.  One hog per CPU runs for 40 ticks, long enough to
 * sink to level 4 or below; then a sleeper sleeps a tick at a time,
 * UT_ROUNDS times.  Each time it wakes, its thread runs in the kernel at
 * once (kernel priority), and the policy finds it at level 0, better
 * than the hog on its CPU, which it preempts: the sleeper is back in
 * user mode within the tick that woke it, or the next (the bound, 1
 * tick).  Without preemption it waits for the hog's slice to end: the
 * hog got its CPU back when the sleeper slept a tick before, so it
 * waits 3 ticks of a 4-tick slice.
 */
KTEST(usched_sleeper_runs_soon_after_wakeup)
{
	static char *hog[] = { "uhog", NULL };
	static char *sleeper[] = { "usleeper", "8", "1", NULL };
	struct ut_run r;
	int i, waited, qemu = kt_on_qemu();

	if (!ut_begin(kt, &r))
		return;
	for (i = 0; i < ncpus; i++)
		ut_spawn(kt, &r, "/test/uhog", hog);
	ut_wait_ticks(&ut_test_timer, 40);
	ut_spawn(kt, &r, "/test/usleeper", sleeper);
	for (waited = 0; waited < 400 && r.n == ncpus + 1 &&
	    !ut_exited(r.pid[ncpus]); waited += 10)
		ut_wait_ticks(&ut_test_timer, 10);
	kprintf("usched: sleeper woke %u times in %d ticks, at most %u "
	    "ticks late\n", ut_lat_n, waited, ut_lat_max);
	if (waited >= 400)
		ktest_fail(kt, __FILE__, __LINE__, "the sleeper did not get "
		    "through its %d sleeps in 400 ticks", UT_ROUNDS);
	else
		KT_EXPECT_EQ(UT_ROUNDS - 1, ut_lat_n);
	if (!qemu)
		KT_ASSERT(ut_lat_max <= 1);
	ut_end(kt, &r);
}

/*
 * The rule and the bookkeeping.  Twice as many hogs as CPUs, plus one,
 * for 50 ticks; then, under the user scheduler's lock, every hog is
 * either current on exactly one CPU (the one whose gd_uschedcp names it)
 * or waiting, never both, never neither; at most one per CPU is current,
 * and at least one CPU has one.  No tick found a process in user mode
 * out of its turn (ut_end).
 */
KTEST(usched_one_user_process_per_cpu)
{
	static char *argv[] = { "uhog", NULL };
	struct globaldata *gd;
	struct ut_run r;
	struct proc *p;
	uint32_t ef;
	int i, cpu, current = 0, waiting = 0, named = 0, bad = 0;

	if (!ut_begin(kt, &r))
		return;
	for (i = 0; i < 2 * ncpus + 1; i++)
		ut_spawn(kt, &r, "/test/uhog", argv);
	ut_wait_ticks(&ut_test_timer, 50);
	proc_tree_lock();
	ef = read_eflags();
	cpu_disable_intr();
	spin_lock(&usched_spin);
	for (i = 0; i < r.n; i++) {
		if ((p = pfind(r.pid[i])) == NULL) {
			bad++;
			continue;
		}
		switch (p->p_usched.up_flags & (UP_CURRENT | UP_QUEUED)) {
		case UP_CURRENT:
			current++;
			gd = globaldata_find(p->p_usched.up_cpu);
			if (gd == NULL || gd->gd_uschedcp != p)
				bad++;
			break;
		case UP_QUEUED:
			waiting++;
			break;
		default:
			bad++;
		}
	}
	for (cpu = 0; cpu < ncpus; cpu++)
		if (globaldata_find(cpu)->gd_uschedcp != NULL)
			named++;
	spin_unlock(&usched_spin);
	if ((ef & PSL_I) != 0)
		cpu_enable_intr();
	proc_tree_unlock();
	kprintf("usched: %d current, %d waiting, %d CPUs with one\n",
	    current, waiting, named);
	KT_EXPECT_EQ(0, bad);
	KT_EXPECT_EQ(r.n, current + waiting);
	KT_EXPECT_EQ(named, current);
	KT_ASSERT(current >= 1 && current <= ncpus);
	ut_end(kt, &r);
}

/* Returns to user mode so far that took an idle CPU at once, every CPU
 * together (book/30-usched.nw, "a CPU found idle"); *TURNS, the turns
 * given in all, either way. */
static uint32_t
ut_idle_takes(uint32_t *turns)
{
	struct globaldata *gd;
	uint32_t n = 0, t = 0;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		n += gd->gd_usched_idle_takes;
		t += gd->gd_usched_selects;
	}
	*turns = t;
	return n;
}

/*
 * The shortcut.  A sleeper alone, UT_ROUNDS sleeps of a tick: each time
 * it wakes, its CPU has no current process (it gave its turn up when it
 * slept) and no process waits, so it becomes current at once, without
 * joining a queue: at least one shortcut per wakeup.  It must still get
 * through every sleep, and the rule hold (ut_end).
 */
KTEST(usched_lone_waker_takes_its_idle_cpu_at_once)
{
	static char *sleeper[] = { "usleeper", "8", "1", NULL };
	struct ut_run r;
	uint32_t turns0, turns, takes;
	int waited;

	if (!ut_begin(kt, &r))
		return;
	takes = ut_idle_takes(&turns0);
	ut_spawn(kt, &r, "/test/usleeper", sleeper);
	for (waited = 0; waited < 400 && r.n == 1 && !ut_exited(r.pid[0]);
	    waited += 10)
		ut_wait_ticks(&ut_test_timer, 10);
	takes = ut_idle_takes(&turns) - takes;
	kprintf("usched: a lone sleeper, %u turns, %u of them at once\n",
	    turns - turns0, takes);
	KT_ASSERT(waited < 400);
	KT_ASSERT(takes >= UT_ROUNDS);
	ut_end(kt, &r);
}

/*
 * No shortcut past a waiting process.  CPUs + 1 hogs: one of them always
 * waits, so for 50 ticks after a warm-up every return to user mode goes
 * through the policy's queues, where it is ordered with the one that
 * waits, however often slices end and turns change hands (they must,
 * for the check to mean anything: a slice is 4 ticks).
 */
KTEST(usched_no_shortcut_while_a_process_waits)
{
	static char *argv[] = { "uhog", NULL };
	struct ut_run r;
	uint32_t turns0, turns, takes;
	int i;

	if (!ut_begin(kt, &r))
		return;
	for (i = 0; i < ncpus + 1; i++)
		ut_spawn(kt, &r, "/test/uhog", argv);
	ut_wait_ticks(&ut_test_timer, 10);
	takes = ut_idle_takes(&turns0);
	ut_wait_ticks(&ut_test_timer, 50);
	takes = ut_idle_takes(&turns) - takes;
	kprintf("usched: %d hogs on %d CPUs, %u turns, %u of them at once\n",
	    r.n, ncpus, turns - turns0, takes);
	KT_ASSERT(turns - turns0 >= 2);
	KT_EXPECT_EQ(0, takes);
	ut_end(kt, &r);
}
