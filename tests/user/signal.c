/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/signal: signals as a program sees them (book/29-signal.nw).
 * Handlers run and the interrupted code resumes with its registers; a
 * blocked signal waits for its unblocking; SIGKILL cannot be caught,
 * blocked or ignored; an ignored signal does nothing; default actions
 * end a child with the signal in its status; SIGCHLD reaches a parent;
 * wait4 and nanosleep end with EINTR; a SIGFPE handler may move the
 * saved %eip past the faulting instruction; sigreturn refuses a kernel
 * code segment; exec resets handlers and keeps ignored signals.
 */
#include <sys/sigcontext.h>

#include "ut.h"

#define SIGINT		2
#define SIGKILL		9
#define SIGFPE		8
#define SIGTERM		15
#define SIGCHLD		20
#define SIGUSR1		30
#define SIGUSR2		31
#define SIG_BLOCK	1
#define SIG_UNBLOCK	2
#define SIG_SETMASK	3
#define SIG_DFL		0
#define SIG_IGN		1
#define EINTR		4
#define EINVAL		22
#define ESRCH		3
#define SA_RESETHAND	4
#define BIT(sig)	(1u << ((sig) - 1))

/* The kernel's struct sigaction, as a program declares it. */
struct sigaction {
	void		(*sa_handler)(int);
	sigset_t	sa_mask;
	int		sa_flags;
};

static volatile int got[32];		/* signals each handler saw */
static volatile unsigned mask_in_handler;

/* A handler: counts, and records the mask it runs under. */
static void
count(int sig)
{
	sigset_t m;

	got[sig]++;
	sigprocmask(SIG_BLOCK, 0, &m);
	mask_in_handler = m;
}

/* Set SIG's handler to H with FLAGS; 0 or -1. */
static int
handle(int sig, void (*h)(int), int flags)
{
	struct sigaction sa = { h, 0, flags };

	return sigaction(sig, &sa, 0);
}

/* A handler runs at once on kill(self), with the signal blocked; the
 * registers of the interrupted code survive it. */
static void
handler_runs(void)
{
	unsigned a, b, c;

	UT_EQ(0, handle(SIGUSR1, count, 0));
	__asm__ __volatile__(
	    "movl $0x1111, %%esi\n\t"
	    "movl $0x2222, %%edi\n\t"
	    "movl %3, %%eax\n\t"		/* SYS_kill */
	    "movl %4, %%ebx\n\t"		/* pid */
	    "movl %5, %%ecx\n\t"		/* SIGUSR1 */
	    "int $0x80\n\t"
	    "movl %%esi, %0\n\t"
	    "movl %%edi, %1\n\t"
	    "movl %%eax, %2"
	    : "=m"(a), "=m"(b), "=m"(c)
	    : "i"(SYS_kill), "r"(getpid()), "i"(SIGUSR1)
	    : "eax", "ebx", "ecx", "esi", "edi", "memory");
	UT_EQ(1, got[SIGUSR1]);
	UT_EQ(0x1111, a);
	UT_EQ(0x2222, b);
	UT_EQ(0, c);				/* kill's own result */
	UT_CHECK((mask_in_handler & BIT(SIGUSR1)) != 0);
}

/* Blocked, a signal waits; unblocked, it arrives. */
static void
blocked_waits(void)
{
	sigset_t set = BIT(SIGUSR2), old;

	UT_EQ(0, handle(SIGUSR2, count, 0));
	UT_EQ(0, sigprocmask(SIG_BLOCK, &set, &old));
	UT_EQ(0, kill(getpid(), SIGUSR2));
	UT_EQ(0, got[SIGUSR2]);
	UT_EQ(0, sigprocmask(SIG_SETMASK, &old, 0));
	UT_EQ(1, got[SIGUSR2]);
	UT_ERR(EINVAL, sigprocmask(7, &set, 0));
}

/* SIGKILL: no handler, no mask, no ignoring; bad numbers refused. */
static void
kill_is_final(void)
{
	sigset_t all = ~0u, now;
	struct sigaction sa = { count, 0, 0 };

	UT_ERR(EINVAL, sigaction(SIGKILL, &sa, 0));
	sa.sa_handler = (void (*)(int))SIG_IGN;
	UT_ERR(EINVAL, sigaction(SIGKILL, &sa, 0));
	UT_ERR(EINVAL, sigaction(0, &sa, 0));
	UT_ERR(EINVAL, sigaction(32, &sa, 0));
	UT_ERR(EINVAL, kill(getpid(), 99));
	UT_ERR(ESRCH, kill(99999, SIGTERM));
	UT_EQ(0, kill(getpid(), 0));		/* exists */
	UT_EQ(0, sigprocmask(SIG_SETMASK, &all, 0));
	UT_EQ(0, sigprocmask(SIG_SETMASK, 0, &now));
	UT_EQ(0, now & BIT(SIGKILL));
	now = 0;
	UT_EQ(0, sigprocmask(SIG_SETMASK, &now, 0));
}

/* Ignored, a signal does nothing; a child's default action ends it. */
static void
ignore_and_default(void)
{
	int pid, status;

	UT_EQ(0, handle(SIGTERM, (void (*)(int))SIG_IGN, 0));
	UT_EQ(0, kill(getpid(), SIGTERM));	/* still here */
	UT_EQ(0, handle(SIGTERM, (void (*)(int))SIG_DFL, 0));
	pid = fork();
	if (pid == 0) {
		for (;;)
			yield();
	}
	UT_EQ(0, kill(pid, SIGTERM));
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(SIGTERM, status);			/* killed by it */
	pid = fork();
	if (pid == 0) {
		for (;;)
			yield();
	}
	UT_EQ(0, kill(pid, SIGKILL));
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(SIGKILL, status);
}

/* A parent gets SIGCHLD when its child ends. */
static void
sigchld(void)
{
	int pid, status;

	UT_EQ(0, handle(SIGCHLD, count, 0));
	got[SIGCHLD] = 0;
	pid = fork();
	if (pid == 0)
		exit(0);
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(1, got[SIGCHLD]);
	UT_EQ(0, handle(SIGCHLD, (void (*)(int))SIG_DFL, 0));
}

/* wait4 and nanosleep end with EINTR when a signal comes.  The child
 * cannot see when its parent sleeps (on another CPU it may signal
 * before the parent reaches its wait, and two SIGUSR1s pending at once
 * are one), so it signals every 20 ms until the parent, done, kills it. */
static void
interrupted(void)
{
	struct timespec ts = { 30, 0 }, rem = { 0, 0 };
	struct timespec pause = { 0, 20000000 };
	int me = getpid(), pid, status, first;

	UT_EQ(0, handle(SIGUSR1, count, 0));
	got[SIGUSR1] = 0;
	pid = fork();
	if (pid == 0) {
		for (;;) {
			nanosleep(&pause, 0);
			kill(me, SIGUSR1);
		}
	}
	UT_ERR(EINTR, wait4(pid, &status, 0, 0));
	first = got[SIGUSR1];
	UT_CHECK(first >= 1);
	UT_ERR(EINTR, nanosleep(&ts, &rem));
	UT_CHECK(got[SIGUSR1] > first);
	UT_CHECK(rem.tv_sec > 0 && rem.tv_sec <= 30);
	UT_EQ(0, kill(pid, SIGKILL));
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(SIGKILL, status & 0x7f);	/* killed by it */
}

/* A SIGFPE handler moves the saved %eip past the faulting divl; the
 * kernel passes it the context's address after the signal number. */
static void
skip_divide(int sig, struct sigcontext *sc)
{
	got[sig]++;
	sc->sc_eip += 2;			/* divl %ecx: f7 f1 */
	sc->sc_eax = 1234;
}

/* Divide by zero, survive, see the handler's %eax. */
static void
fpe_skip(void)
{
	unsigned r;

	UT_EQ(0, handle(SIGFPE, (void (*)(int))(void *)skip_divide, 0));
	__asm__ __volatile__("xorl %%ecx, %%ecx\n\t"
	    "xorl %%edx, %%edx\n\t"
	    "movl $7, %%eax\n\t"
	    "divl %%ecx"
	    : "=a"(r) : : "ecx", "edx");
	UT_EQ(1, got[SIGFPE]);
	UT_EQ(1234, r);
}

/* sigreturn refuses a context it must not restore. */
static void
sigreturn_checks(void)
{
	struct sigcontext sc;

	__builtin_memset(&sc, 0, sizeof(sc));
	sc.sc_cs = 0x08;			/* the kernel's code */
	sc.sc_ss = 0x23;
	UT_ERR(EINVAL, sigreturn(&sc));
	sc.sc_cs = 0x1b;
	sc.sc_ss = 0x10;			/* the kernel's stack */
	UT_ERR(EINVAL, sigreturn(&sc));
	UT_ERR(14, sigreturn((struct sigcontext *)0));
}

/* After exec, handlers are gone and ignored signals stay ignored. */
static void
exec_resets(void)
{
	static char *argv[] = { "signal", "after-exec", 0 };
	int pid, status;

	pid = fork();
	if (pid == 0) {
		handle(SIGUSR1, count, 0);
		handle(SIGUSR2, (void (*)(int))SIG_IGN, 0);
		execve("/test/signal", argv, 0);
		exit(100);
	}
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(0, status);
}

/* The second image: SIGUSR1 is back to SIG_DFL, SIGUSR2 ignored. */
static int
after_exec(void)
{
	struct sigaction sa;

	if (sigaction(SIGUSR1, 0, &sa) != 0 || sa.sa_handler != 0)
		return 1;
	if (sigaction(SIGUSR2, 0, &sa) != 0 ||
	    sa.sa_handler != (void (*)(int))SIG_IGN)
		return 2;
	kill(getpid(), SIGUSR2);		/* ignored: still here */
	return 0;
}

/* Signals, one property at a time; "wait" mode for the kernel's
 * pgsignal test: wait for SIGINT, exit 0 after a handler saw it. */
int
main(int argc, char **argv)
{
	ut_name = "signal";
	if (argc > 1 && ut_streq(argv[1], "after-exec"))
		return after_exec();
	if (argc > 1 && ut_streq(argv[1], "wait")) {
		/* The signal may come before the sleep starts (the kernel
		 * sends it once the handler is in place, and this process
		 * may be on another CPU): sleep in short steps, not once. */
		struct timespec ts = { 0, 100000000 };
		int i;

		handle(SIGINT, count, 0);
		for (i = 0; i < 200 && got[SIGINT] == 0; i++)
			nanosleep(&ts, 0);
		return got[SIGINT] == 1 ? 0 : 1;
	}
	handler_runs();
	blocked_waits();
	kill_is_final();
	ignore_and_default();
	sigchld();
	interrupted();
	fpe_skip();
	sigreturn_checks();
	exec_resets();
	return ut_status();
}
